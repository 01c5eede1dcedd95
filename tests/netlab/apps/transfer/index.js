// transfer: the guest side of the networking system tests (tests/net-*.test.ts). A node:http
// server on PORT (default 8080):
//   GET  /                      "hello\n" (readiness, as examples/http)
//   GET  /bytes?n=N&seed=S      N bytes of pattern.js's stream, with Content-Length, written with
//                               backpressure (write() returning false waits for 'drain')
//   POST /sha256                the body's sha256 and length as JSON {"bytes":N,"sha256":"hex"}
//   GET  /stats                 process.memoryUsage() and the number of open requests, as JSON
'use strict';

const http = require('http');
const crypto = require('crypto');
const { chunks } = require('./pattern');

const port = Number(process.env.PORT) || 8080;
let open = 0;

function stream(res, total, seed) {
  const src = chunks(total, seed);
  res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': total });
  const pump = () => {
    for (;;) {
      const c = src.next();
      if (!c) return res.end();
      if (!res.write(c)) return res.once('drain', pump);
    }
  };
  pump();
}

const server = http.createServer((req, res) => {
  open++;
  res.on('close', () => open--);
  const url = new URL(req.url, 'http://x');
  if (req.method === 'GET' && url.pathname === '/') {
    res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': 6 });
    return res.end('hello\n');
  }
  if (req.method === 'GET' && url.pathname === '/bytes') {
    const n = Number(url.searchParams.get('n'));
    const seed = Number(url.searchParams.get('seed') || 1);
    if (!Number.isSafeInteger(n) || n < 0) {
      res.writeHead(400);
      return res.end('bad n\n');
    }
    return stream(res, n, seed);
  }
  if (req.method === 'POST' && url.pathname === '/sha256') {
    const h = crypto.createHash('sha256');
    let bytes = 0;
    req.on('data', (d) => {
      bytes += d.length;
      h.update(d);
    });
    req.on('end', () => {
      const body = JSON.stringify({ bytes, sha256: h.digest('hex') });
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
      res.end(body);
    });
    return;
  }
  if (req.method === 'GET' && url.pathname === '/stats') {
    const body = JSON.stringify({ memory: process.memoryUsage(), open });
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
    return res.end(body);
  }
  res.writeHead(404, { 'Content-Length': 10 });
  res.end('not found\n');
});

server.listen(port, () => console.log(`transfer listening on ${port}`));
