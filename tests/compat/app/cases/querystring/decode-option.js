// custom decodeURIComponent / encodeURIComponent options
const qs = require('querystring');
console.log(qs.parse('a=b%20c', null, null, { decodeURIComponent: (s) => s.toUpperCase() }));
console.log(qs.stringify({ a: 'b c' }, null, null, { encodeURIComponent: (s) => `[${s}]` }));
console.log(qs.parse('a=%E0%A4%A', null, null));
