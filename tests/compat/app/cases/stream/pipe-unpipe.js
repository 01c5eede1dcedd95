// pipe and unpipe events; piping into several destinations; pipe returns the destination
const { PassThrough, Writable } = require('stream');
const src = new PassThrough();
const a = []; const b = [];
const wa = new Writable({ write(c, e, cb) { a.push(c.toString()); cb(); } });
const wb = new Writable({ write(c, e, cb) { b.push(c.toString()); cb(); } });
wa.on('pipe', (s) => console.log('pipe into a', s === src));
wb.on('unpipe', (s) => console.log('unpipe from b', s === src));
console.log(src.pipe(wa) === wa);
src.pipe(wb);
src.write('1');
setImmediate(() => {
  src.unpipe(wb);
  src.write('2');
  src.end('3');
  wa.on('finish', () => console.log('a', a, 'b', b, wb.writableFinished));
});
