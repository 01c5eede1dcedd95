// ciphers: createCipheriv round trip with aes-256-cbc
// @differs: ciphers are not implemented on Nephos yet (docs/compat.md, node:crypto): createCipheriv throws ERR_NOT_SUPPORTED_ON_NEPHOS
const crypto = require('crypto');
const key = Buffer.alloc(32, 1), iv = Buffer.alloc(16, 2);
const c = crypto.createCipheriv('aes-256-cbc', key, iv);
const enc = Buffer.concat([c.update('secret'), c.final()]);
const d = crypto.createDecipheriv('aes-256-cbc', key, iv);
console.log(enc.toString('hex'), Buffer.concat([d.update(enc), d.final()]).toString());
