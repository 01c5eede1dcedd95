// querystring.parse: repeated keys to arrays, empty values, + to space, custom separators
const qs = require('querystring');
console.log(qs.parse('a=1&b=2&a=3&c&d=&=e'));
console.log(qs.parse('x=a+b%20c&y=%E2%82%AC'), qs.parse('a:1;b:2', ';', ':'));
console.log(qs.parse('a=1&a=2&a=3', null, null, { maxKeys: 2 }), qs.parse(''), qs.parse('&&'));
console.log(Object.getPrototypeOf(qs.parse('a=1')));
