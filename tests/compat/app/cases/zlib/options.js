// levels and option validation (ERR_OUT_OF_RANGE, ERR_INVALID_ARG_TYPE); stored blocks are identical bytes
const zlib = require('zlib');
console.log(zlib.deflateSync('abc', { level: 0 }).toString('hex'), zlib.deflateRawSync('abc', { level: 0 }).toString('hex'));
const t = (f) => { try { f(); console.log('ok'); } catch (e) { console.log(e.code, e.message); } };
t(() => zlib.deflateSync('x', { level: 10 }));
t(() => zlib.deflateSync('x', { windowBits: 3 }));
t(() => zlib.deflateSync('x', { memLevel: 0 }));
t(() => zlib.deflateSync('x', { strategy: 9 }));
t(() => zlib.deflateSync('x', { chunkSize: 10 }));
t(() => zlib.deflateSync('x', { level: 'high' }));
t(() => zlib.gunzipSync(zlib.gzipSync('x'.repeat(100)), { maxOutputLength: 10 }));
