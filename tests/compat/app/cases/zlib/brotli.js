// brotliCompressSync / brotliDecompressSync round trip
// @differs: Brotli is not implemented on Nephos (docs/compat.md, node:zlib): brotliCompressSync is absent
const zlib = require('zlib');
console.log(typeof zlib.brotliCompressSync, typeof zlib.createBrotliCompress);
console.log(zlib.brotliDecompressSync(zlib.brotliCompressSync('hello brotli')).toString());
