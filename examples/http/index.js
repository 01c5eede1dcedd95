// http: a plain node:http server, the app both sides of the benchmarks serve (bench/linux.bench.ts).
// GET / answers "hello\n" as text/plain; any other path or method gets a 404. It runs unchanged
// under host Node, inside the Linux microVM baseline (bench/linux/) and under Nephos:
//
//   PORT=8080 node examples/http          (default port 8080)
//   nephos run examples/http -p 8080:8080
//   curl http://127.0.0.1:8080/
'use strict';

const http = require('http');

const port = Number(process.env.PORT) || 8080;

const server = http.createServer((req, res) => {
  const path = req.url.split('?')[0];
  if (req.method === 'GET' && path === '/') {
    res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': 6 });
    res.end('hello\n');
    return;
  }
  const body = 'not found\n';
  res.writeHead(404, { 'Content-Type': 'text/plain', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
});

server.listen(port, () => {
  console.log(`listening on port ${server.address().port}`);
});
