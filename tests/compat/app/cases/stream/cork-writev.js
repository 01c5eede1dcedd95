// cork/uncork batches writes into one _writev call
const { Writable } = require('stream');
const w = new Writable({
  writev(chunks, cb) { console.log('writev', chunks.length, chunks.map((c) => c.chunk.toString()).join('')); cb(); },
  write(c, e, cb) { console.log('write', c.toString()); cb(); },
});
w.write('a');
w.cork();
w.write('b');
w.write('c');
console.log('corked', w.writableCorked, w.writableLength);
process.nextTick(() => { w.uncork(); w.end('d'); });
w.on('finish', () => console.log('finish'));
