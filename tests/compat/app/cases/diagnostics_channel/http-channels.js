// built-in http channels: http.server.request.start fires for each request
// @differs: node:http does not publish its diagnostics channels yet (http.client.request.start, http.server.request.start, http.server.response.finish, http.client.response.finish)
const dc = require('diagnostics_channel');
const http = require('http');
dc.subscribe('http.server.request.start', ({ request }) => console.log('server request start', request.url));
dc.subscribe('http.client.request.start', ({ request }) => console.log('client request start', request.path));
dc.subscribe('http.server.response.finish', () => console.log('server response finish'));
dc.subscribe('http.client.response.finish', () => console.log('client response finish'));
const s = http.createServer((req, res) => res.end('x'));
s.listen(0, '127.0.0.1', () => http.get({ host: '127.0.0.1', port: s.address().port, path: '/dc' }, (res) => { res.resume(); res.on('end', () => s.close()); }));
