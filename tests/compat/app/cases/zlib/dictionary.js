// preset dictionaries: inflate without it fails with Missing dictionary, with it works
const zlib = require('zlib');
const dict = Buffer.from('hello world dictionary');
const c = zlib.deflateSync('hello world hello', { dictionary: dict });
console.log(zlib.inflateSync(c, { dictionary: dict }).toString());
try { zlib.inflateSync(c); } catch (e) { console.log(e.code, e.errno, e.message); }
try { zlib.inflateSync(c, { dictionary: Buffer.from('wrong') }); } catch (e) { console.log(e.code, e.errno, e.message); }
