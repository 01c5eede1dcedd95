// path.join and normalize: dot segments, duplicate slashes, trailing slashes, empty input
const path = require('path');
console.log(path.join('/a', 'b', '../c', './d/'), path.join('a', '', 'b'), path.join(''), path.join('..', 'x'));
console.log(path.normalize('/a//b/../../..'), path.normalize('a/./b/'), path.normalize(''), path.normalize('./'), path.normalize('//x'));
try { path.join('a', 5); } catch (e) { console.log(e.code, e.message); }
