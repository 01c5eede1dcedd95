// tracingChannel.traceCallback wraps the callback at the given position
const dc = require('diagnostics_channel');
const tc = dc.tracingChannel('compat:cb');
tc.subscribe({ start: () => console.log('start'), end: () => console.log('end'), asyncStart: (c) => console.log('asyncStart', c.result), asyncEnd: () => console.log('asyncEnd'), error: (c) => console.log('error', c.error) });
tc.traceCallback((x, cb) => setImmediate(() => cb(null, x + 1)), 1, {}, null, 41, (err, v) => console.log('callback', err, v));
