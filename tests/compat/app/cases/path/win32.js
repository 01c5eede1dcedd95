// path.win32: drive letters, UNC paths, separators, resolve and relative
const { win32 } = require('path');
console.log(win32.join('C:\\a', '..', 'b\\c'), win32.normalize('C:/x//y\\..\\z'), win32.resolve('C:\\foo', 'bar', '..\\baz'));
console.log(JSON.stringify(win32.parse('C:\\path\\dir\\file.txt')), win32.basename('C:\\x\\y.exe', '.exe'));
console.log(win32.isAbsolute('\\\\server\\share'), win32.isAbsolute('C:'), win32.relative('C:\\a\\b', 'C:\\a\\c\\d'), win32.sep, win32.delimiter);
console.log(win32.toNamespacedPath('C:\\x'), win32.dirname('\\\\srv\\share\\f'));
