// decoding a long mixed-script text fed one byte at a time gives the original string
const { StringDecoder } = require('string_decoder');
const text = 'Grüße, 世界! 😀🎉 ' .repeat(20) + 'ñ';
const d = new StringDecoder('utf8');
const bytes = Buffer.from(text);
let out = '';
for (let i = 0; i < bytes.length; i++) out += d.write(bytes.subarray(i, i + 1));
out += d.end();
console.log(out === text, out.length, bytes.length);
