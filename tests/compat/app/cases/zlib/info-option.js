// the info option returns the engine with the buffer; inflate of empty input errors
const zlib = require('zlib');
const r = zlib.deflateSync('abc', { info: true });
console.log(Object.keys(r).sort(), Buffer.isBuffer(r.buffer), typeof r.engine);
try { zlib.inflateSync(Buffer.alloc(0)); } catch (e) { console.log(e.code, e.message); }
try { zlib.gunzipSync(Buffer.alloc(0)); } catch (e) { console.log(e.code, e.message); }
