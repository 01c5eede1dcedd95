// randomUUID is version 4 with the RFC 4122 variant; 200 of them are distinct
const crypto = require('crypto');
const set = new Set();
let ok = true;
for (let i = 0; i < 200; i++) { const u = crypto.randomUUID(); set.add(u); ok = ok && /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(u); }
console.log(ok, set.size);
try { crypto.randomUUID({ disableEntropyCache: 'x' }); } catch (e) { console.log(e.code, e.message); }
