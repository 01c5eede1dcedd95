// maxKeys default 1000 and maxKeys 0 for unlimited
const qs = require('querystring');
const many = Array.from({ length: 1500 }, (_, i) => `k${i}=${i}`).join('&');
console.log(Object.keys(qs.parse(many)).length, Object.keys(qs.parse(many, null, null, { maxKeys: 0 })).length);
