// Module.wrap and wrapper, Module._nodeModulePaths, module.Module identity
const Module = require('module');
console.log(JSON.stringify(Module.wrap('x')), Module.wrapper.length, Module.Module === Module);
console.log(Module._nodeModulePaths('/a/b/node_modules/c'));
console.log(typeof Module._load, typeof Module._resolveFilename, typeof Module.createRequire, typeof Module.syncBuiltinESMExports);
