// stream events of a Deflate: data before end, flush() callback, bytesWritten
const zlib = require('zlib');
const d = zlib.createDeflate();
const out = [];
d.on('data', (c) => out.push(c));
d.on('end', () => console.log('end', zlib.inflateSync(Buffer.concat(out)).toString(), d.bytesWritten));
d.on('close', () => console.log('close'));
d.write('hello ');
d.flush(() => { console.log('flushed', out.length > 0); d.end('world'); });
