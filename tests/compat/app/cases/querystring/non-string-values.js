// stringify of Symbol, function and object values; parse of non-string input
const qs = require('querystring');
console.log(qs.stringify({ f() {}, o: {}, n: -0, inf: Infinity }));
console.log(qs.parse(undefined), qs.parse(123), qs.parse({ toString() { return 'a=1'; } }));
