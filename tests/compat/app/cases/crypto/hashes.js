// createHash md5/sha1/sha256/sha512 in hex, base64, base64url, latin1 and Buffer forms
const crypto = require('crypto');
for (const alg of ['md5', 'sha1', 'sha256', 'sha512', 'sha384', 'sha224']) {
  const h = crypto.createHash(alg).update('hello').update(' world');
  console.log(alg, h.digest('hex'));
}
console.log(crypto.createHash('sha256').update('').digest('base64'), crypto.createHash('md5').update('x').digest('base64url'));
console.log(crypto.createHash('sha1').update(Buffer.from([0, 1, 2])).digest());
console.log(crypto.createHash('SHA256').update('€', 'utf8').digest('hex'), crypto.createHash('sha256').update('e282ac', 'hex').digest('hex'));
