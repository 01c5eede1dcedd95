// url.format of objects and URL instances, url.resolve of relative references
const url = require('url');
console.log(url.format({ protocol: 'https', hostname: 'h.com', pathname: '/p', query: { a: 1, b: 'x y' } }));
console.log(url.format({ protocol: 'http:', host: 'h:1', hash: 'frag', search: '?s' }));
console.log(url.format(new URL('http://u:p@h/p?q#f'), { auth: false, search: false, fragment: false }));
for (const [a, b] of [['/one/two/three', 'four'], ['http://example.com/', '/one'], ['http://example.com/one', '/two'], ['http://a/b/c/d;p?q', '../g'], ['http://a/b/c/d;p?q', '//g'], ['http://a/b/', '.']]) console.log(url.resolve(a, b));
