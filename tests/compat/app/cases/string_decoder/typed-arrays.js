// write() accepts typed arrays and DataView; rejects strings and numbers with ERR_INVALID_ARG_TYPE
const { StringDecoder } = require('string_decoder');
const d = new StringDecoder('utf8');
console.log(d.write(new Uint8Array([104, 105])), d.write(new DataView(new Uint8Array([33]).buffer)));
try { d.write('str'); console.log('string ok'); } catch (e) { console.log(e.code, e.message); }
try { d.write(5); } catch (e) { console.log(e.code, e.message); }
