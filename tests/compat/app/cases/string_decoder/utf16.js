// utf16le decoding with odd byte counts and surrogate pairs split across writes
const { StringDecoder } = require('string_decoder');
const d = new StringDecoder('utf16le');
const b = Buffer.from('a😀b', 'utf16le');
const out = [];
for (let i = 0; i < b.length; i++) out.push(d.write(b.subarray(i, i + 1)));
out.push(d.end());
console.log(JSON.stringify(out));
const d2 = new StringDecoder('ucs2');
console.log(JSON.stringify(d2.write(Buffer.from([0x3d, 0xd8]))), JSON.stringify(d2.end()));
