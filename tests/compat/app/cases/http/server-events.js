// server-side event order for one request: connection, request, finish, close on the response
const http = require('http');
const server = http.createServer();
server.on('connection', () => console.log('connection'));
server.on('request', (req, res) => {
  console.log('request', req.method);
  res.on('finish', () => console.log('res finish'));
  res.on('close', () => console.log('res close'));
  req.on('end', () => console.log('req end'));
  req.resume();
  res.end('ok');
});
server.on('listening', () => console.log('listening', typeof server.address().port));
server.listen(0, '127.0.0.1', () => {
  http.get({ port: server.address().port, host: '127.0.0.1', headers: { Connection: 'close' } }, (res) => {
    res.resume();
    res.on('end', () => console.log('client end'));
    res.on('close', () => { console.log('client close'); server.close(() => console.log('server close')); });
  });
});
