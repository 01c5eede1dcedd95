// randomBytes/randomUUID/randomInt/getRandomValues: sizes, formats, ranges and errors (values not printed)
const crypto = require('crypto');
console.log(crypto.randomBytes(16).length, /^[0-9a-f-]{36}$/.test(crypto.randomUUID()), crypto.randomUUID()[14]);
const n = crypto.randomInt(10); console.log(n >= 0 && n < 10, Number.isInteger(n));
const m = crypto.randomInt(-5, -2); console.log(m >= -5 && m < -2);
const arr = crypto.getRandomValues(new Uint32Array(4)); console.log(arr.length, arr.constructor.name);
const t = (f) => { try { f(); console.log('ok'); } catch (e) { console.log(e.name, e.code, e.message); } };
t(() => crypto.randomBytes(-1));
t(() => crypto.randomInt(5, 5));
t(() => crypto.randomInt(1.5));
t(() => crypto.getRandomValues(new Float64Array(2)));
t(() => crypto.getRandomValues(new Uint8Array(70000)));
crypto.randomBytes(8, (err, buf) => {
  console.log('async', err, buf.length);
  crypto.randomInt(3, (err2, v) => console.log('async int', err2, v < 3));
});
const filled = crypto.randomFillSync(Buffer.alloc(4), 1, 2); console.log(filled.length, filled[0], filled[3]);
