// path.resolve from absolute parts and path.relative between trees (cwd-independent inputs)
const path = require('path');
console.log(path.resolve('/foo/bar', './baz'), path.resolve('/foo/bar', '/tmp/file/'), path.resolve('/a', 'b', '..', 'c'));
console.log(path.relative('/data/orandea/test/aaa', '/data/orandea/impl/bbb'), JSON.stringify(path.relative('/a', '/a')), path.relative('/a/b', '/a'), path.relative('/', '/x/y'));
console.log(path.isAbsolute('/x'), path.isAbsolute('x'), path.isAbsolute(''), path.isAbsolute('//x'));
