// pbkdf2Sync, pbkdf2 callback, scryptSync small params, hkdfSync
// @timeout: 60000
const crypto = require('crypto');
console.log(crypto.pbkdf2Sync('password', 'salt', 1, 20, 'sha1').toString('hex'));
console.log(crypto.pbkdf2Sync('password', 'salt', 2, 32, 'sha256').toString('hex'));
crypto.pbkdf2('pw', 'salt', 10, 16, 'sha512', (err, key) => console.log('async', err, key.toString('hex')));
console.log(crypto.scryptSync('password', 'salt', 16, { N: 16, r: 1, p: 1 }).toString('hex'));
console.log(Buffer.from(crypto.hkdfSync('sha256', 'key', 'salt', 'info', 16)).toString('hex'));
try { crypto.pbkdf2Sync('p', 's', 1, 10, 'nope'); } catch (e) { console.log(e.code, e.message); }
try { crypto.pbkdf2Sync('p', 's', 0, 10, 'sha1'); } catch (e) { console.log(e.code, e.message); }
