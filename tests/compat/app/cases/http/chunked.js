// chunked transfer encoding both ways: res.write chunks arrive and reassemble; trailers
const http = require('http');
const server = http.createServer((req, res) => {
  let n = 0;
  req.on('data', (c) => (n += c.length));
  req.on('end', () => {
    res.writeHead(200, { Trailer: 'X-Sum' });
    res.write('part1,');
    setTimeout(() => { res.write('part2,'); res.addTrailers({ 'X-Sum': String(n) }); res.end('part3'); }, 5);
  });
});
server.listen(0, '127.0.0.1', () => {
  const req = http.request({ port: server.address().port, host: '127.0.0.1', method: 'PUT' }, (res) => {
    let body = '';
    res.on('data', (c) => (body += c));
    res.on('end', () => { console.log(res.headers['transfer-encoding'], body, JSON.stringify(res.trailers)); server.close(); });
  });
  console.log('chunked request', req.getHeader('transfer-encoding'));
  req.write('aaa'); req.write('bb'); req.end('c');
});
