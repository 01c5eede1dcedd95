// path.matchesGlob (experimental since Node 20.17) matches paths against glob patterns
// @differs: path.matchesGlob is not provided (Node implements it with its internal minimatch)
const path = require('path');
console.log(typeof path.matchesGlob);
console.log(path.matchesGlob('/a/b/c.js', '/a/**/*.js'), path.matchesGlob('x.ts', '*.js'));
