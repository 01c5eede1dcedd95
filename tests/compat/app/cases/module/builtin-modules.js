// module.builtinModules and isBuiltin: names with and without node:
const m = require('module');
const names = ['fs', 'path', 'http', 'events', 'stream', 'crypto', 'zlib', 'util', 'os', 'url', 'buffer', 'assert', 'timers', 'worker_threads', 'child_process', 'async_hooks', 'perf_hooks', 'diagnostics_channel', 'querystring', 'string_decoder'];
console.log(names.every((n) => m.builtinModules.includes(n)), m.builtinModules.includes('fs/promises'));
console.log(m.isBuiltin('fs'), m.isBuiltin('node:fs'), m.isBuiltin('node:test'), m.isBuiltin('test'), m.isBuiltin('nope'), m.isBuiltin('fs/promises'));
console.log(require('node:fs') === require('fs'), require('node:path') === require('path'));
