// bulk: the app of the networking benchmark's throughput figures (bench/net.bench.ts). A plain
// node:http server on PORT (default 8080) that runs unchanged under host Node, in the Linux
// microVM baseline and under Nephos:
//   GET  /            "hello\n" (readiness, as examples/http)
//   GET  /bytes?n=N   N bytes (default: until the client goes away) of a fixed 64 KiB block,
//                     written with backpressure: the response is as fast as TCP carries it
//   POST /sink        reads the body and answers {"bytes":N,"ms":M} (M: first byte to the end,
//                     on the server's clock)
'use strict';

const http = require('http');

const port = Number(process.env.PORT) || 8080;
const block = Buffer.alloc(65536, 'nephos bulk data ');

const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  if (req.method === 'GET' && url.pathname === '/') {
    res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': 6 });
    return res.end('hello\n');
  }
  if (req.method === 'GET' && url.pathname === '/bytes') {
    const n = url.searchParams.has('n') ? Number(url.searchParams.get('n')) : Infinity;
    res.writeHead(200, Number.isFinite(n) ? { 'Content-Type': 'application/octet-stream', 'Content-Length': n } : { 'Content-Type': 'application/octet-stream' });
    let left = n;
    let gone = false;
    res.on('close', () => (gone = true));
    const pump = () => {
      while (!gone) {
        if (left <= 0) return res.end();
        const chunk = left >= block.length ? block : block.subarray(0, left);
        left -= chunk.length;
        if (!res.write(chunk)) return res.once('drain', pump);
      }
    };
    return pump();
  }
  if (req.method === 'POST' && url.pathname === '/sink') {
    let bytes = 0;
    let t0 = 0;
    req.on('data', (d) => {
      if (!bytes) t0 = performance.now();
      bytes += d.length;
    });
    req.on('end', () => {
      const body = JSON.stringify({ bytes, ms: bytes ? performance.now() - t0 : 0 });
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
      res.end(body);
    });
    return;
  }
  res.writeHead(404, { 'Content-Length': 10 });
  res.end('not found\n');
});

server.listen(port, () => console.log(`bulk listening on port ${server.address().port}`));
