// hash errors: unknown algorithm, digest twice, update after digest, bad data types
const crypto = require('crypto');
const t = (f) => { try { console.log(f()); } catch (e) { console.log(e.name, e.code, e.message); } };
t(() => crypto.createHash('nope'));
const h = crypto.createHash('sha256'); h.digest();
t(() => h.digest());
t(() => h.update('x'));
t(() => crypto.createHash('sha256').update(5));
t(() => crypto.createHash());
t(() => crypto.createHmac('sha256'));
t(() => crypto.createHmac('bogus', 'k'));
