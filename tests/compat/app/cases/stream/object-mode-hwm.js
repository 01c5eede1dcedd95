// objectMode highWaterMark counts objects (default 16); readableHighWaterMark/writableHighWaterMark
const { Readable, Writable, Duplex, getDefaultHighWaterMark } = require('stream');
const r = new Readable({ objectMode: true, read() {} });
let pushes = 0;
while (r.push({ i: pushes })) pushes++;
console.log('pushed until false', pushes + 1, r.readableLength, r.readableHighWaterMark, r.readableObjectMode);
const w = new Writable({ write(c, e, cb) {} });
console.log(w.writableHighWaterMark, w.writableObjectMode);
const d = new Duplex({ readableObjectMode: true, read() {}, write(c, e, cb) { cb(); } });
console.log(d.readableObjectMode, d.writableObjectMode, d.readableHighWaterMark, d.writableHighWaterMark);
console.log(typeof getDefaultHighWaterMark === 'function' ? [getDefaultHighWaterMark(false), getDefaultHighWaterMark(true)] : 'n/a');
try { r.push(undefined); console.log('undefined push ok'); } catch (e) { console.log(e.code); }
const bad = new Readable({ read() {} });
bad.on('error', (e) => console.log('error', e.code, e.message));
bad.push(42);
