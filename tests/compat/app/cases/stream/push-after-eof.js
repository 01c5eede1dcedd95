// pushing after EOF emits ERR_STREAM_PUSH_AFTER_EOF; unshift after end too
const { Readable } = require('stream');
const r = new Readable({ read() {} });
r.on('error', (e) => console.log('error', e.code, e.message));
r.push('a');
r.push(null);
r.push('b');
r.on('data', (d) => console.log('data', String(d)));
r.on('end', () => console.log('end'));
r.on('close', () => console.log('close'));
