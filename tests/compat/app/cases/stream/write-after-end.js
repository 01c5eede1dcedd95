// writing after end: ERR_STREAM_WRITE_AFTER_END via callback and 'error'; end twice
const { Writable } = require('stream');
const w = new Writable({ write(c, e, cb) { cb(); } });
w.on('error', (e) => console.log('error event', e.code, e.message));
w.end('last');
w.write('more', (err) => console.log('write cb', err && err.code));
w.end(() => console.log('second end cb'));
process.nextTick(() => console.log('tick', w.writableEnded, w.destroyed));
