// querystring.escape / unescape: malformed sequences left alone, unescapeBuffer
const qs = require('querystring');
console.log(qs.escape('a b/ü~*\'()!'), qs.unescape('a%20b%zz%E2%82%AC+'), qs.unescape('%'));
console.log(qs.unescapeBuffer('%41%42+c').toString(), qs.unescapeBuffer('a+b', true).toString());
try { qs.escape('\ud800'); } catch (e) { console.log(e.name, e.code, e.message); }
