// connection refused: ECONNREFUSED error on the request with code, syscall, address, port
const http = require('http');
const net = require('net');
const srv = net.createServer();
srv.listen(0, '127.0.0.1', () => {
  const port = srv.address().port;
  srv.close(() => {
    const req = http.get({ host: '127.0.0.1', port }, () => console.log('no response expected'));
    req.on('error', (e) => console.log(e.code, e.syscall, e.address, e.port === port, e.message === `connect ECONNREFUSED 127.0.0.1:${port}`));
    req.on('close', () => console.log('close'));
  });
});
