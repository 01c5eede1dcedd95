// Readable event order: data, end, close; readableEnded/destroyed flags along the way
const { Readable } = require('stream');
const r = new Readable({ read() {} });
const log = (...a) => console.log(...a);
r.on('data', (c) => log('data', c.toString()));
r.on('end', () => log('end', r.readableEnded, r.destroyed));
r.on('close', () => log('close', r.destroyed));
r.push('a');
r.push('b');
r.push(null);
log('sync done', r.readableFlowing);
