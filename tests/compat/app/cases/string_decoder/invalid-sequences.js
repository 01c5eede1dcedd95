// invalid continuation bytes are replaced one by one, as Node's decoder does
const { StringDecoder } = require('string_decoder');
const d = new StringDecoder('utf8');
console.log(JSON.stringify(d.write(Buffer.from([0xe2, 0x41, 0x42]))));
console.log(JSON.stringify(d.write(Buffer.from([0xf0, 0x9f, 0x41]))));
console.log(JSON.stringify(d.write(Buffer.from([0xc3]))), JSON.stringify(d.write(Buffer.from([0xc3]))), JSON.stringify(d.end()));
console.log(JSON.stringify(d.write(Buffer.from([0x80, 0xbf]))));
