// process fields: platform, arch, release, version shape, versions.node, pid type, title, argv0
console.log(process.platform, process.arch, process.release.name, /^v20\.\d+\.\d+$/.test(process.version), process.versions.node === process.version.slice(1));
console.log(typeof process.pid, typeof process.ppid, typeof process.title, typeof process.argv0, typeof process.execPath, process.argv.length, Array.isArray(process.execArgv));
console.log(Object.prototype.toString.call(process), typeof process.config, typeof process.features, process.features.inspector !== undefined);
