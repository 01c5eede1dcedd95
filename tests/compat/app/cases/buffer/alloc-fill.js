// alloc with fill values, allocUnsafe length, fill with strings and encodings, fill errors
console.log(Buffer.alloc(5), Buffer.alloc(5, 'ab'), Buffer.alloc(4, 257), Buffer.alloc(6, 'aGk=', 'base64'));
console.log(Buffer.allocUnsafe(3).length, Buffer.allocUnsafeSlow(2).length);
const b = Buffer.alloc(8);
b.fill('xyz', 1, 7);
console.log(b.toString('latin1'));
b.fill(0);
console.log(b);
try { Buffer.alloc(-1); } catch (e) { console.log(e.code, e.message); }
try { Buffer.alloc(2, 'zz', 'hex'); } catch (e) { console.log(e.code, e.message); }
try { Buffer.alloc('5'); } catch (e) { console.log(e.code, e.message); }
console.log(Buffer.poolSize, require('buffer').constants.MAX_STRING_LENGTH > 0, require('buffer').kMaxLength > 0);
