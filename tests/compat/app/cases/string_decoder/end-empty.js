// end() with nothing buffered returns ''; a decoder can be reused after end()
const { StringDecoder } = require('string_decoder');
const d = new StringDecoder();
console.log(JSON.stringify(d.end()), JSON.stringify(d.write(Buffer.alloc(0))));
d.write(Buffer.from([0xc3]));
console.log(JSON.stringify(d.end()));
console.log(JSON.stringify(d.write(Buffer.from([0xc3, 0xa9]))), JSON.stringify(d.end()));
