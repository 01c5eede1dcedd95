// path.posix identity, sep, delimiter, toNamespacedPath, path/posix and path/win32 modules
const path = require('path');
console.log(path.posix === path, path.sep, path.delimiter, path.toNamespacedPath('/x'), require('path/posix') === path.posix, require('path/win32') === path.win32);
