// destroy(err): 'error' then 'close', both on a later tick; destroyed/errored/closed flags
const { Readable, Writable } = require('stream');
const r = new Readable({ read() {} });
r.on('error', (e) => console.log('r error', e.message, r.destroyed, r.readableAborted));
r.on('close', () => console.log('r close', r.closed, r.errored && r.errored.message));
r.destroy(new Error('kaboom'));
console.log('after destroy', r.destroyed);
const w = new Writable({ write(c, e, cb) { cb(); }, destroy(err, cb) { console.log('_destroy', err); cb(err); } });
w.on('close', () => console.log('w close'));
w.destroy();
w.destroy();
process.nextTick(() => console.log('tick'));
