// hex, latin1 and ascii decoders pass bytes straight through
const { StringDecoder } = require('string_decoder');
console.log(new StringDecoder('hex').write(Buffer.from([0, 255, 16])));
console.log(new StringDecoder('latin1').write(Buffer.from([0xe9, 0x41])), new StringDecoder('binary').end(Buffer.from([0xff])));
console.log(JSON.stringify(new StringDecoder('ascii').write(Buffer.from([0xe9, 0x41]))));
