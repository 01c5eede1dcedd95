// global fetch against a local server: json(), text(), headers, status, POST body
const http = require('http');
const server = http.createServer((req, res) => {
  let b = '';
  req.on('data', (c) => (b += c));
  req.on('end', () => { res.setHeader('content-type', 'application/json'); res.end(JSON.stringify({ method: req.method, body: b, ua: typeof req.headers['user-agent'] })); });
});
server.listen(0, '127.0.0.1', async () => {
  const base = `http://127.0.0.1:${server.address().port}`;
  const r = await fetch(`${base}/x`);
  console.log(r.status, r.ok, r.headers.get('content-type'), await r.json());
  const p = await fetch(base, { method: 'POST', body: 'payload' });
  console.log(await p.text());
  server.close();
});
