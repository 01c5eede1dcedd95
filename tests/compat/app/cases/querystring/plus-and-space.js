// '+' decodes to space in values and keys; '%2B' stays '+'; spaces encode to %20 not '+'
const qs = require('querystring');
console.log(qs.parse('a+b=c+d&e=%2B'), qs.stringify({ 'a b': 'c d' }));
