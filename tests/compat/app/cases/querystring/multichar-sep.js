// multi-character separators and eq strings
const qs = require('querystring');
console.log(qs.parse('a=>1&&b=>2', '&&', '=>'), qs.stringify({ a: 1, b: [2, 3] }, '&&', '=>'));
