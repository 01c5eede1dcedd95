// a keep-alive Agent reuses one socket for sequential requests; agent bookkeeping
const http = require('http');
const seen = new Set();
const server = http.createServer((req, res) => { seen.add(req.socket.remotePort); res.end(req.url); });
server.listen(0, '127.0.0.1', async () => {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const get = (p) => new Promise((resolve, reject) => http.get({ agent, port: server.address().port, host: '127.0.0.1', path: p }, (res) => {
    let b = ''; res.on('data', (c) => (b += c)); res.on('end', () => resolve(b));
  }).on('error', reject));
  console.log(await get('/1'), await get('/2'), await get('/3'));
  console.log('sockets used', seen.size, Object.keys(agent.freeSockets).length);
  agent.destroy();
  server.close(() => console.log('closed'));
});
