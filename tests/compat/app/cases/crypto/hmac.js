// createHmac with string, Buffer and long keys; digest encodings; Hmac streams
const crypto = require('crypto');
console.log(crypto.createHmac('sha256', 'secret').update('message').digest('hex'));
console.log(crypto.createHmac('sha1', Buffer.from('k')).update('a').update('b').digest('base64'));
console.log(crypto.createHmac('sha512', 'k'.repeat(200)).update('data').digest('hex').slice(0, 32));
console.log(crypto.createHmac('md5', '').update('').digest('hex'));
const h = crypto.createHmac('sha256', 'stream-key');
h.on('readable', () => { const d = h.read(); if (d) console.log('stream', d.toString('hex')); });
h.write('x'); h.end();
