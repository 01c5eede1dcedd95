// request timeout event and destroy; AbortSignal aborts a pending request with an AbortError
const http = require('http');
const server = http.createServer((req, res) => { /* never answers */ });
server.listen(0, '127.0.0.1', () => {
  const port = server.address().port;
  const req = http.get({ port, host: '127.0.0.1', timeout: 30 });
  req.on('timeout', () => { console.log('timeout event'); req.destroy(new Error('gave up')); });
  req.on('error', (e) => {
    console.log('error', e.message);
    const ac = new AbortController();
    const r2 = http.get({ port, host: '127.0.0.1', signal: ac.signal });
    r2.on('error', (e2) => { console.log('aborted', e2.name, e2.code); server.closeAllConnections(); server.close(() => console.log('closed')); });
    setTimeout(() => ac.abort(), 10);
  });
});
