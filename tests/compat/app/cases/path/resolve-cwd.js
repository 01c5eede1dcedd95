// path.resolve of relative paths uses process.cwd(); compared relative to cwd
const path = require('path');
console.log(path.relative(process.cwd(), path.resolve('x/y')), path.resolve('') === process.cwd(), path.resolve() === process.cwd());
console.log(path.relative(process.cwd(), path.resolve('..', 'z')));
