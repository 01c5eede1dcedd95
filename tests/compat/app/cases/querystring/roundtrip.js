// stringify then parse round-trips unicode, reserved characters and arrays
const qs = require('querystring');
const o = { name: 'Zoë & Co', tags: ['a/b', 'c?d', 'e=f'], emoji: '😀', empty: '' };
const s = qs.stringify(o);
console.log(s);
console.log(JSON.stringify(qs.parse(s)) === JSON.stringify(o));
