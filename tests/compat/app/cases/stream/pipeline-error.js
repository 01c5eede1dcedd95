// pipeline destroys every stream when one fails and reports the first error
const { pipeline, Readable, Transform, PassThrough } = require('stream');
const src = new Readable({ read() {} });
const t = new Transform({ transform(c, e, cb) { cb(new Error('transform failed')); } });
const dst = new PassThrough();
src.on('close', () => console.log('src close', src.destroyed));
dst.on('close', () => console.log('dst close', dst.destroyed));
pipeline(src, t, dst, (err) => {
  console.log('callback', err && err.message);
  console.log(src.destroyed, t.destroyed, dst.destroyed);
});
src.push('x');
