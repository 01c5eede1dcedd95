// timingSafeEqual: equal and unequal buffers, length mismatch error, typed arrays
const crypto = require('crypto');
console.log(crypto.timingSafeEqual(Buffer.from('abc'), Buffer.from('abc')), crypto.timingSafeEqual(Buffer.from('abc'), Buffer.from('abd')));
console.log(crypto.timingSafeEqual(new Uint16Array([1]), new Uint8Array([1, 0])));
try { crypto.timingSafeEqual(Buffer.from('a'), Buffer.from('ab')); } catch (e) { console.log(e.code, e.message); }
try { crypto.timingSafeEqual('a', 'a'); } catch (e) { console.log(e.code, e.message); }
