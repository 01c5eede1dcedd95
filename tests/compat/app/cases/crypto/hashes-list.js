// getHashes contains the common digests; crypto.hash one-shot; constants present
const crypto = require('crypto');
const hashes = crypto.getHashes();
console.log(['md5', 'sha1', 'sha256', 'sha512'].every((h) => hashes.includes(h)));
console.log(typeof crypto.hash === 'function' ? crypto.hash('sha1', 'abc') : 'no hash()');
console.log(typeof crypto.constants, typeof crypto.createCipheriv, typeof crypto.KeyObject);
