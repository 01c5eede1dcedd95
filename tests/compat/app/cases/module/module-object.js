// the module object: exports, filename basename, children, paths shape (require.main: tests/apps' entry checks)
const path = require('path');
require('./_helper');
console.log(typeof module.exports, module.exports === exports, path.basename(module.filename), module.loaded);
console.log(typeof require.main, module.children.length >= 1, path.basename(module.children[0].filename));
console.log(Array.isArray(module.paths), module.paths.every((p) => p.endsWith('node_modules')));
console.log(path.basename(__filename), path.basename(__dirname), typeof require.resolve.paths);
