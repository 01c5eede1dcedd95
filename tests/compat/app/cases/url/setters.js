// URL setters: protocol, host, port (invalid ignored), pathname encoding, hash and search
const u = new URL('http://example.com/path');
u.port = '8080'; console.log(u.href);
u.port = 'abc'; console.log(u.port);
u.port = '80'; console.log(u.href);
u.protocol = 'https'; console.log(u.href);
u.protocol = 'ftp:'; console.log(u.href);
u.pathname = '/a b/ü'; console.log(u.pathname);
u.search = 'q=a b'; u.hash = 'h h'; console.log(u.href);
u.hostname = 'other.org'; u.username = 'me'; console.log(u.href);
u.href = 'http://new/'; console.log(u.toString(), JSON.stringify(u), u.toJSON());
try { u.href = 'garbage'; } catch (e) { console.log(e.code); }
