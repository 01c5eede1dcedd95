// What npm packages bundled into the OS (readable-stream, ...) get for `require('process')`: the
// runtime's own process object, looked up when used (packages load before or after boot).
const processShim = new Proxy({} as Record<string | symbol, unknown>, {
  get(_t, key) {
    const p = (globalThis as any).process;
    const v = p?.[key];
    return typeof v === 'function' ? v.bind(p) : v;
  },
  has(_t, key) {
    return key in ((globalThis as any).process ?? {});
  },
});
// CommonJS on purpose: packages `require('process')` and must get this object itself, not a
// namespace with a default (esbuild bundles a file that assigns module.exports as CommonJS).
module.exports = processShim;
