// StringDecoder buffers partial UTF-8 sequences between writes and flushes them with U+FFFD at end
const { StringDecoder } = require('string_decoder');
const d = new StringDecoder('utf8');
const euro = Buffer.from('€');
console.log(JSON.stringify(d.write(euro.subarray(0, 1))), JSON.stringify(d.write(euro.subarray(1))));
console.log(JSON.stringify(d.write(Buffer.from([0xf0, 0x9f]))), JSON.stringify(d.end()));
console.log(JSON.stringify(d.write(Buffer.from('ok'))), JSON.stringify(d.end(Buffer.from([0xe2]))));
