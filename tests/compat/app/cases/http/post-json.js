// http.request POST with a JSON body and content-length; server echoes it back with a status code
const http = require('http');
const server = http.createServer((req, res) => {
  let data = '';
  req.on('data', (c) => (data += c));
  req.on('end', () => {
    const obj = JSON.parse(data);
    res.writeHead(201, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ got: obj, len: req.headers['content-length'], type: req.headers['content-type'] }));
  });
});
server.listen(0, '127.0.0.1', () => {
  const body = JSON.stringify({ name: 'nephos', n: [1, 2] });
  const req = http.request({ host: '127.0.0.1', port: server.address().port, method: 'POST', path: '/items', headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } }, (res) => {
    let out = '';
    res.on('data', (c) => (out += c));
    res.on('end', () => { console.log(res.statusCode, res.headers['content-type'], out); server.close(); });
  });
  req.end(body);
});
