// circular references show as [Circular *1] with <ref *1> markers, also through maps and arrays
const util = require('util');
const a = { name: 'a' }; a.self = a;
const b = { list: [] }; b.list.push(b);
const m = new Map(); m.set('m', m);
const x = { y: {} }; x.y.x = x; x.y.y = x.y;
console.log(util.inspect(a)); console.log(util.inspect(b)); console.log(util.inspect(m)); console.log(util.inspect(x));
console.log(JSON.stringify(util.inspect([a, a])));
