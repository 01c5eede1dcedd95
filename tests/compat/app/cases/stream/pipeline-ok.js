// stream.pipeline over Readable.from, a Transform and a Writable; the callback and ordering
const { pipeline, Readable, Transform, Writable } = require('stream');
const seen = [];
pipeline(
  Readable.from(['a', 'b', 'c']),
  new Transform({ transform(c, e, cb) { cb(null, c + c); } }),
  new Writable({ write(c, e, cb) { seen.push(c.toString()); cb(); } }),
  (err) => console.log('done', err, seen),
);
console.log('sync');
