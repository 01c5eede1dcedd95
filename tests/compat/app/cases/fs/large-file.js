// a 2 MB file written in chunks through a stream and read back whole equals the source
const fs = require('fs');
const crypto = require('crypto');
const { p, cleanup } = require('../_lib/tmp');
const data = Buffer.alloc(2 * 1024 * 1024);
for (let i = 0; i < data.length; i++) data[i] = (i * 31) & 0xff;
const ws = fs.createWriteStream(p('big'));
for (let i = 0; i < data.length; i += 65536) ws.write(data.subarray(i, i + 65536));
ws.end(() => {
  const back = fs.readFileSync(p('big'));
  console.log(back.length, back.equals(data), crypto.createHash('md5').update(back).digest('hex'));
  let total = 0;
  fs.createReadStream(p('big')).on('data', (c) => (total += c.length)).on('end', () => { console.log('streamed', total); cleanup(); });
});
