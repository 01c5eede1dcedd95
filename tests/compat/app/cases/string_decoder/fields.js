// lastNeed/lastTotal/lastChar expose the partial character state
const { StringDecoder } = require('string_decoder');
const d = new StringDecoder('utf8');
d.write(Buffer.from([0xf0, 0x9f]));
console.log(d.lastNeed, d.lastTotal, d.lastChar.subarray(0, 2));
d.write(Buffer.from([0x98]));
console.log(d.lastNeed, d.lastTotal);
