// streaming gzip through pipeline with backpressure; chunked output of createGunzip
const zlib = require('zlib');
const { pipeline, Readable, Writable } = require('stream');
const data = Buffer.alloc(100000, 'abc');
const chunks = [];
pipeline(Readable.from([data.subarray(0, 50000), data.subarray(50000)]), zlib.createGzip(), zlib.createGunzip({ chunkSize: 16384 }),
  new Writable({ write(c, e, cb) { chunks.push(c); cb(); } }), (err) => {
    console.log('done', err, Buffer.concat(chunks).equals(data), chunks.every((c) => c.length <= 16384), chunks.length);
  });
