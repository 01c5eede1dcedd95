// Hash as a stream: pipe data through and read the digest; copy() mid-stream
const crypto = require('crypto');
const { Readable } = require('stream');
const h = crypto.createHash('sha256');
Readable.from(['a', 'b', 'c']).pipe(h).setEncoding('hex').on('data', (d) => console.log('piped', d));
const partial = crypto.createHash('md5').update('ab');
const copy = partial.copy();
console.log(partial.update('c').digest('hex'), copy.digest('hex'));
