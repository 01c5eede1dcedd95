// Transform: upper-casing with flush, objectMode transform, callback with data argument
const { Transform } = require('stream');
const upper = new Transform({
  transform(chunk, enc, cb) { cb(null, chunk.toString().toUpperCase()); },
  flush(cb) { this.push('!'); cb(); },
});
let out = '';
upper.on('data', (d) => (out += d));
upper.on('end', () => console.log('upper', out));
upper.write('hello ');
upper.end('world');
const objs = new Transform({
  objectMode: true,
  transform(obj, enc, cb) { if (obj.skip) return cb(); this.push({ n: obj.n * 2 }); cb(); },
});
const got = [];
objs.on('data', (o) => got.push(o.n));
objs.on('finish', () => console.log('finish'));
objs.on('end', () => console.log('objs', got));
[{ n: 1 }, { n: 2, skip: true }, { n: 3 }].forEach((o) => objs.write(o));
objs.end();
