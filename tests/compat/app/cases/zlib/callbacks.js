// callback forms complete asynchronously (after the synchronous code); promisified forms
// (several jobs in flight finish in the thread pool's order in Node, so results are sorted)
const zlib = require('zlib');
const { promisify } = require('util');
const results = [];
const done = (line) => { results.push(line); if (results.length === 3) console.log(results.sort().join('\n')); };
zlib.gzip('hello', (err, buf) => zlib.gunzip(buf, (err2, out) => done(`gzip cb ${err} ${err2} ${out.toString()}`)));
zlib.deflate(Buffer.from('x'), { level: 9 }, (err, buf) => done(`deflate cb ${err} ${buf.toString('hex')}`));
console.log('sync first');
promisify(zlib.inflate)(zlib.deflateSync('promised')).then((b) => done(b.toString()));
