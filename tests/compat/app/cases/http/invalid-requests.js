// client argument errors: bad protocol, bad method, invalid URL, unescaped path characters
const http = require('http');
const t = (f) => { try { f(); console.log('no throw'); } catch (e) { console.log(e.name, e.code, e.message); } };
t(() => http.get('ftp://127.0.0.1/'));
t(() => http.request({ method: 'BAD METHOD', host: '127.0.0.1', port: 1 }));
t(() => http.get('not a url'));
t(() => http.request({ path: '/a b', host: '127.0.0.1', port: 1 }));
t(() => http.request({ host: '127.0.0.1', port: 1, headers: { 'x': undefined } }).destroy());
t(() => http.request({ host: '127.0.0.1', port: 'abc' }));
