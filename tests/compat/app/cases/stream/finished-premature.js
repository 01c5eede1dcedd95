// finished() reports ERR_STREAM_PREMATURE_CLOSE when a stream is destroyed before ending
const { finished, Readable, Writable } = require('stream');
const r = new Readable({ read() {} });
finished(r, (err) => console.log('readable', err && err.code, err && err.message));
r.destroy();
const w = new Writable({ write(c, e, cb) { cb(); } });
finished(w, (err) => console.log('writable ok', err));
w.end('x');
const r2 = Readable.from(['a']);
const cleanup = finished(r2, (err) => console.log('never'));
cleanup();
r2.resume();
r2.on('end', () => console.log('r2 end'));
