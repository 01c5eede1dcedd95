// errors thrown by the stream constructors and methods: codes and messages
const { Readable, Writable, Transform } = require('stream');
const tryIt = (f) => { try { f(); console.log('no throw'); } catch (e) { console.log(e.name, e.code, e.message); } };
const w = new Writable({ write(c, e, cb) { cb(); } });
tryIt(() => w.write(null));
tryIt(() => w.write(42));
tryIt(() => new Readable({ highWaterMark: -1 }));
tryIt(() => new Readable({ highWaterMark: 'x' }));
const r = new Readable();
r.on('error', (e) => console.log('read error', e.code, e.message));
r.read();
const t = new Transform();
t.on('error', (e) => console.log('transform error', e.code, e.message));
t.write('x');
