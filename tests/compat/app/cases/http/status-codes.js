// status codes and messages: 404, 500 with custom message, 204 no body, 304, STATUS_CODES table
const http = require('http');
const server = http.createServer((req, res) => {
  if (req.url === '/404') { res.statusCode = 404; res.end('nf'); }
  else if (req.url === '/500') { res.writeHead(500, 'Custom Fail'); res.end(); }
  else if (req.url === '/204') { res.writeHead(204); res.end(); }
  else { res.writeHead(304); res.end(); }
});
server.listen(0, '127.0.0.1', async () => {
  const get = (p) => new Promise((resolve) => http.get({ port: server.address().port, host: '127.0.0.1', path: p }, (res) => {
    let b = ''; res.on('data', (c) => (b += c)); res.on('end', () => resolve(`${p} ${res.statusCode} ${res.statusMessage} ${JSON.stringify(b)} ${res.headers['content-length']}`));
  }));
  for (const p of ['/404', '/500', '/204', '/304']) console.log(await get(p));
  console.log(http.STATUS_CODES[418], http.STATUS_CODES[451], Object.keys(http.STATUS_CODES).length, http.METHODS.length, http.METHODS.includes('QUERY'));
  server.close();
});
