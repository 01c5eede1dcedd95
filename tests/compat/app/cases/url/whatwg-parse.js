// WHATWG URL parsing: components, defaults, normalisation of paths and hosts
const u = new URL('HTTPS://user:pa ss@Example.COM:443/a/./b/../c%7e?q=1&r=ä#frag ment');
for (const k of ['href', 'origin', 'protocol', 'username', 'password', 'host', 'hostname', 'port', 'pathname', 'search', 'hash']) console.log(k, JSON.stringify(u[k]));
console.log(new URL('http://x.com:80/').port, new URL('http://x.com:8080').host, new URL('file:///tmp/a b').pathname);
console.log(new URL('//h/p', 'https://base/').href, new URL('../up?x', 'http://h/a/b/c').href, new URL('?only', 'http://h/p?o#h').href);
