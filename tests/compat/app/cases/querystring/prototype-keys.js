// keys like __proto__ and constructor become plain own properties
const qs = require('querystring');
const r = qs.parse('__proto__=x&constructor=y&hasOwnProperty=z');
console.log(Object.keys(r), r.__proto__, typeof r.hasOwnProperty, JSON.stringify(r));
