// callback forms complete asynchronously, in order; promisified forms
const zlib = require('zlib');
const { promisify } = require('util');
zlib.gzip('hello', (err, buf) => zlib.gunzip(buf, (err2, out) => console.log('gzip cb', err, err2, out.toString())));
zlib.deflate(Buffer.from('x'), { level: 9 }, (err, buf) => console.log('deflate cb', err, buf.toString('hex')));
console.log('sync first');
promisify(zlib.inflate)(zlib.deflateSync('promised')).then((b) => console.log(b.toString()));
