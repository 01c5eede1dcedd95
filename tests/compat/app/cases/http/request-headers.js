// outgoing headers API: setHeader/getHeader/removeHeader/getHeaderNames, raw headers on the server
const http = require('http');
const server = http.createServer((req, res) => {
  console.log(JSON.stringify(req.rawHeaders.filter((h, i) => i % 2 === 0)));
  console.log(req.headers['x-multi'], req.headers['x-case']);
  res.end();
});
server.listen(0, '127.0.0.1', () => {
  const req = http.request({ port: server.address().port, host: '127.0.0.1', headers: { 'X-Case': 'Mixed' } });
  req.setHeader('X-Multi', ['a', 'b']);
  req.setHeader('X-Remove', '1');
  req.removeHeader('x-remove');
  console.log(req.getHeader('x-case'), req.getHeaderNames(), req.hasHeader('X-MULTI'), req.method, req.path);
  try { req.setHeader('Bad Name', 'x'); } catch (e) { console.log(e.code, e.message); }
  try { req.setHeader('x', 'bad\nvalue'); } catch (e) { console.log(e.code, e.message); }
  req.on('response', (res) => { res.resume(); res.on('end', () => server.close()); });
  req.end();
});
