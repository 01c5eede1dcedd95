// createReadStream with start/end/highWaterMark, createWriteStream events and bytesWritten
const fs = require('fs');
const { p, cleanup } = require('../_lib/tmp');
fs.writeFileSync(p('s.txt'), 'abcdefghijklmnopqrstuvwxyz');
const chunks = [];
const rs = fs.createReadStream(p('s.txt'), { start: 2, end: 11, highWaterMark: 4, encoding: 'utf8' });
rs.on('open', (fd) => console.log('open', typeof fd));
rs.on('ready', () => console.log('ready'));
rs.on('data', (c) => chunks.push(c));
rs.on('end', () => console.log('end', chunks, rs.bytesRead));
rs.on('close', () => {
  console.log('read close');
  const ws = fs.createWriteStream(p('w.txt'));
  ws.on('open', () => console.log('w open'));
  ws.write('one ');
  ws.end('two', () => {
    console.log('finish', ws.bytesWritten, fs.readFileSync(p('w.txt'), 'utf8'));
  });
  ws.on('close', () => { console.log('w close'); cleanup(); });
});
