// normalize of long dotted paths and join of many segments
const path = require('path');
const segs = [];
for (let i = 0; i < 50; i++) segs.push(i % 3 === 0 ? '..' : `s${i}`);
console.log(path.join('/', ...segs), path.posix.normalize(segs.join('/')));
