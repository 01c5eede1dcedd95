// base64 decoding keeps 3-byte groups together across writes
const { StringDecoder } = require('string_decoder');
const d = new StringDecoder('base64');
console.log(d.write(Buffer.from('a')), d.write(Buffer.from('bc')), d.write(Buffer.from('defg')), d.end());
const d2 = new StringDecoder('base64url');
console.log(d2.write(Buffer.from([0xfb, 0xff])), d2.end());
