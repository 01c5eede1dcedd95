// webcrypto: globalThis.crypto, subtle.digest, getRandomValues, randomUUID
const crypto = require('crypto');
(async () => {
  console.log(globalThis.crypto === crypto.webcrypto, typeof crypto.subtle, crypto.webcrypto.subtle === crypto.subtle);
  const d = await crypto.subtle.digest('SHA-256', new TextEncoder().encode('abc'));
  console.log(Buffer.from(d).toString('hex'), d.constructor.name);
  console.log(Buffer.from(await crypto.subtle.digest({ name: 'SHA-1' }, Buffer.from(''))).toString('hex'));
  try { await crypto.subtle.digest('MD5', Buffer.from('')); } catch (e) { console.log(e.name); }
  console.log(globalThis.crypto.getRandomValues(new Uint8Array(3)).length, typeof globalThis.crypto.randomUUID());
})();
