// gunzip reads concatenated members; trailing garbage after a member is an error
const zlib = require('zlib');
const two = Buffer.concat([zlib.gzipSync('one '), zlib.gzipSync('two')]);
console.log(zlib.gunzipSync(two).toString());
console.log(zlib.gunzipSync(Buffer.concat([zlib.gzipSync('zeros'), Buffer.alloc(10)])).toString());
try { zlib.gunzipSync(Buffer.concat([zlib.gzipSync('x'), Buffer.from('junkjunk')])); } catch (e) { console.log(e.code, e.message); }
console.log(zlib.inflateSync(Buffer.concat([zlib.deflateSync('first'), Buffer.from('ignored')])).toString());
