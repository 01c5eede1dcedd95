// URL.createObjectURL/revokeObjectURL exist; URL instances inspect and compare; urlToHttpOptions
const url = require('url');
const u = new URL('https://a:b@h.com:444/p?q=1#x');
console.log(JSON.stringify(url.urlToHttpOptions(u)));
console.log(url.URL === URL, url.URLSearchParams === URLSearchParams, typeof URL.createObjectURL);
console.log(String(u), u + '', Object.keys(u).length);
console.log(require('util').inspect(new URLSearchParams('a=1&b=2')));
