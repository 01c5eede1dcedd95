// hashing large inputs in many updates gives the one-shot result
const crypto = require('crypto');
const big = Buffer.alloc(300000, 'abcdefghij');
const one = crypto.createHash('sha256').update(big).digest('hex');
const h = crypto.createHash('sha256');
for (let i = 0; i < big.length; i += 7777) h.update(big.subarray(i, i + 7777));
console.log(one, h.digest('hex') === one, crypto.createHash('md5').update(big).digest('hex'));
