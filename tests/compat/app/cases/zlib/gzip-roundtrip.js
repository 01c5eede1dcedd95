// gzipSync/gunzipSync and deflateSync/inflateSync round trips; compressed output inflates on both sides
const zlib = require('zlib');
const input = Buffer.from('The quick brown fox jumps over the lazy dog. '.repeat(50));
for (const [c, d] of [['gzipSync', 'gunzipSync'], ['deflateSync', 'inflateSync'], ['deflateRawSync', 'inflateRawSync'], ['gzipSync', 'unzipSync'], ['deflateSync', 'unzipSync']]) {
  const z = zlib[c](input);
  console.log(c, d, zlib[d](z).equals(input), z.length < input.length);
}
console.log(zlib.inflateSync(Buffer.from('789ccb48cdc9c90700062c0215', 'hex')).toString());
console.log(zlib.gunzipSync(Buffer.from('1f8b0800000000000003cb48cdc9c9070086a6103605000000', 'hex')).toString());
