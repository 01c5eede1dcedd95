// Writable backpressure: write() returns false at highWaterMark, 'drain' fires once the buffer empties
const { Writable } = require('stream');
const chunks = [];
const w = new Writable({
  highWaterMark: 10,
  write(chunk, enc, cb) { chunks.push(chunk.toString()); setImmediate(cb); },
});
console.log(w.write('12345'), w.writableLength, w.writableNeedDrain);
console.log(w.write('67890'), w.writableLength, w.writableNeedDrain);
console.log(w.write('x'), w.writableLength);
w.on('drain', () => {
  console.log('drain', w.writableLength, chunks.join('|'));
  w.end('end', () => console.log('end cb', w.writableFinished));
});
w.on('finish', () => console.log('finish'));
w.on('close', () => console.log('close'));
