// os.platform, type, arch, endianness, EOL, devNull, machine and the shape of version/release
const os = require('os');
console.log(os.platform(), os.type(), os.arch(), os.endianness(), JSON.stringify(os.EOL), os.devNull, os.machine());
console.log(typeof os.release(), typeof os.version(), os.release().length > 0);
