// StringDecoder is an ordinary function: StringDecoder.call(this) with a subclass prototype works (iconv-lite 0.4)
const { StringDecoder } = require('string_decoder');
function Inner(enc) { StringDecoder.call(this, enc); }
Inner.prototype = StringDecoder.prototype;
const d = new Inner('utf8');
console.log(d.write(Buffer.from([0xe2, 0x82])), d.write(Buffer.from([0xac])), d.end(), d.encoding, d instanceof StringDecoder);
console.log(typeof StringDecoder, StringDecoder.name, Object.keys(StringDecoder.prototype).sort().join(','));
