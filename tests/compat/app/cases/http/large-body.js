// a 1 MB response body streams through with backpressure and arrives intact
const http = require('http');
const crypto = require('crypto');
const data = Buffer.alloc(1024 * 1024);
for (let i = 0; i < data.length; i++) data[i] = i % 251;
const server = http.createServer((req, res) => {
  res.setHeader('content-length', data.length);
  let off = 0;
  const pump = () => { while (off < data.length) { const ok = res.write(data.subarray(off, off + 16384)); off += 16384; if (!ok) return res.once('drain', pump); } res.end(); };
  pump();
});
server.listen(0, '127.0.0.1', () => {
  http.get({ port: server.address().port, host: '127.0.0.1' }, (res) => {
    const chunks = [];
    res.on('data', (c) => chunks.push(c));
    res.on('end', () => { const all = Buffer.concat(chunks); console.log(all.length, crypto.createHash('sha1').update(all).digest('hex')); server.close(); });
  });
});
