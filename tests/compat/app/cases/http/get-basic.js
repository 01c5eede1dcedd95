// http.get against a local server: status, headers (without date), body, response events in order
const http = require('http');
const server = http.createServer((req, res) => {
  console.log('server got', req.method, req.url, req.httpVersion, req.headers.host.startsWith('127.0.0.1:'), req.headers.connection);
  res.setHeader('X-Custom', 'yes');
  res.end('hello client');
});
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address();
  http.get(`http://127.0.0.1:${port}/path?q=1`, (res) => {
    const h = { ...res.headers }; delete h.date;
    console.log(res.statusCode, res.statusMessage, res.httpVersion, JSON.stringify(h));
    let body = '';
    res.setEncoding('utf8');
    res.on('data', (d) => (body += d));
    res.on('end', () => { console.log('body', body, res.complete); server.close(() => console.log('server closed')); });
  });
});
