// querystring.stringify: arrays, numbers, booleans, nested objects dropped, custom separators
const qs = require('querystring');
console.log(qs.stringify({ a: [1, 2], b: 'x y', c: true, d: null, e: undefined, f: { g: 1 }, h: 1.5, i: NaN, j: 10n }));
console.log(qs.stringify({ a: 1, b: 2 }, ';', ':'), qs.stringify('notobj'), qs.stringify({}));
console.log(qs.stringify({ 'k y': 'v&w', '€': '/?' }));
