// node:crypto's digests, HMAC and KDFs against host Node's OpenSSL on random inputs, chunkings and
// encodings; errors compared by code (and message where Node's is stable).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as host from 'node:crypto';
import { createCrypto } from './crypto';
import { createRandom } from './random';

const ours = createCrypto(createRandom((b) => { host.randomFillSync(b); return true; }), { defer: (fn) => setImmediate(fn) }) as any;

// A seeded generator, so a failure reproduces.
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
function bytes(rand: () => number, n: number): Buffer {
  const b = Buffer.alloc(n);
  for (let i = 0; i < n; i++) b[i] = (rand() * 256) | 0;
  return b;
}

function errorOf(fn: () => unknown): { name: string; code?: string; message: string } | 'no error' {
  try {
    fn();
    return 'no error';
  } catch (e: any) {
    return { name: e.name, code: e.code, message: e.message };
  }
}

const ALGORITHMS = ['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512', 'sha512-224', 'sha512-256', 'md5-sha1'];

test('getHashes lists only names host Node accepts, including every implemented algorithm', () => {
  const mine = ours.getHashes();
  const theirs = host.getHashes();
  for (const n of mine) assert.ok(theirs.includes(n), n);
  for (const a of ALGORITHMS) assert.ok(mine.includes(a), a);
  assert.deepEqual(mine, [...mine].sort((a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)));
});

test('digests of every length 0..300 and a few large inputs equal OpenSSL', () => {
  const rand = rng(1);
  const lengths = [...Array(301).keys(), 1000, 4095, 4096, 65537, 1 << 20];
  for (const algo of ALGORITHMS) {
    for (const n of lengths) {
      const data = bytes(rand, n);
      assert.equal(ours.createHash(algo).update(data).digest('hex'), host.createHash(algo).update(data).digest('hex'), `${algo} len ${n}`);
    }
  }
});

test('chunked updates at random split points, copy() mid-stream', () => {
  const rand = rng(2);
  for (const algo of ALGORITHMS) {
    for (let round = 0; round < 30; round++) {
      const data = bytes(rand, (rand() * 2000) | 0);
      const mine = ours.createHash(algo);
      const theirs = host.createHash(algo);
      let pos = 0;
      let copyAt = -1;
      let copies: [any, host.Hash] | undefined;
      while (pos < data.length) {
        const n = Math.min(data.length - pos, (rand() * 200) | 0);
        mine.update(data.subarray(pos, pos + n));
        theirs.update(data.subarray(pos, pos + n));
        pos += n;
        if (!copies && rand() < 0.3) {
          copies = [mine.copy(), theirs.copy()];
          copyAt = pos;
        }
      }
      assert.equal(mine.digest('base64'), theirs.digest('base64'), `${algo} round ${round}`);
      if (copies) assert.equal(copies[0].digest('hex'), copies[1].digest('hex'), `${algo} copy at ${copyAt}`);
    }
  }
});

test('known vectors (RFC 1321, FIPS 180-4 examples)', () => {
  assert.equal(ours.createHash('md5').update('').digest('hex'), 'd41d8cd98f00b204e9800998ecf8427e');
  assert.equal(ours.createHash('md5').update('message digest').digest('hex'), 'f96b697d7cb7938d525a2f31aaf161d0');
  assert.equal(ours.createHash('sha1').update('abc').digest('hex'), 'a9993e364706816aba3e25717850c26c9cd0d89d');
  assert.equal(ours.createHash('sha256').update('abc').digest('hex'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  assert.equal(ours.createHash('sha512').update('abc').digest('hex'),
    'ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f');
  // One million 'a' (FIPS 180-2 appendix).
  assert.equal(ours.createHash('sha1').update('a'.repeat(1e6)).digest('hex'), '34aa973cd4c4daa4f61eeb2bdbad27316534016f');
});

test('input and output encodings, string inputs', () => {
  const rand = rng(3);
  const inputs = ['', 'abc', 'héllo wörld ✓ 😀', 'a'.repeat(200)];
  for (let i = 0; i < 20; i++) inputs.push(String.fromCharCode(...Array.from({ length: (rand() * 50) | 0 }, () => (rand() * 0xd7ff) | 0)));
  const inEncodings = [undefined, 'utf8', 'utf-8', 'latin1', 'binary', 'ascii', 'utf16le', 'ucs2', 'base64', 'base64url', 'bogus'];
  const outEncodings = [undefined, 'hex', 'base64', 'base64url', 'latin1', 'binary', 'buffer', 'bogus', 'utf16le', 'ucs2', 'ascii'];
  for (const [i, s] of inputs.entries()) {
    // Base64 of arbitrary text is decoded differently by the buffer package (not this module's concern).
    for (const enc of i < 4 ? inEncodings : inEncodings.filter((e) => !e?.startsWith('base64'))) {
      const a = ours.createHash('sha256').update(s, enc).digest('hex');
      const b = host.createHash('sha256').update(s, enc as any).digest('hex');
      assert.equal(a, b, `${JSON.stringify(s)} in ${enc}`);
    }
  }
  for (const enc of outEncodings) {
    const a = ours.createHash('sha1').update('x').digest(enc);
    const b = host.createHash('sha1').update('x').digest(enc as any);
    const show = (v: any) => (typeof v === 'string' ? ['str', v] : ['buf', Buffer.from(v).toString('hex')]);
    assert.deepEqual(show(a), show(b), `out ${enc}`);
  }
  // Hex input: even length works, odd length is ERR_INVALID_ARG_VALUE.
  assert.equal(ours.createHash('md5').update('abcd', 'hex').digest('hex'), host.createHash('md5').update('abcd', 'hex').digest('hex'));
  assert.deepEqual(errorOf(() => ours.createHash('md5').update('abc', 'hex')), errorOf(() => host.createHash('md5').update('abc', 'hex')));
  // Typed arrays and DataViews hash their bytes.
  const u16 = new Uint16Array([1, 2, 3, 0xffff]);
  assert.equal(ours.createHash('sha256').update(u16).digest('hex'), host.createHash('sha256').update(u16).digest('hex'));
  const dv = new DataView(new ArrayBuffer(10), 2, 5);
  assert.equal(ours.createHash('sha256').update(dv).digest('hex'), host.createHash('sha256').update(dv).digest('hex'));
});

test('algorithm names are case-insensitive with OpenSSL aliases', () => {
  for (const name of ['SHA256', 'sha-256', 'SHA-256', 'RSA-SHA256', 'sha256WithRSAEncryption', 'Sha512-256', 'RSA-SHA512/224', 'ssl3-md5', 'RSA-SHA1-2', 'sha-1', 'SHA-384']) {
    assert.equal(ours.createHash(name).update('x').digest('hex'), host.createHash(name).update('x').digest('hex'), name);
    assert.equal(ours.createHmac(name, 'k').update('x').digest('hex'), host.createHmac(name, 'k').update('x').digest('hex'), name);
  }
});

test('HMAC with keys shorter, equal to and longer than the block, every algorithm', () => {
  const rand = rng(4);
  for (const algo of ALGORITHMS) {
    for (const keyLen of [0, 1, 20, 63, 64, 65, 127, 128, 129, 300]) {
      const key = bytes(rand, keyLen);
      const data = bytes(rand, (rand() * 500) | 0);
      assert.equal(ours.createHmac(algo, key).update(data).digest('hex'), host.createHmac(algo, key).update(data).digest('hex'), `${algo} key ${keyLen}`);
    }
  }
  // String keys with an encoding option; ArrayBuffer keys.
  assert.equal(ours.createHmac('sha256', 'ab01', { encoding: 'hex' }).update('x').digest('hex'), host.createHmac('sha256', 'ab01', { encoding: 'hex' }).update('x').digest('hex'));
  const ab = new Uint8Array([1, 2, 3]).buffer;
  assert.equal(ours.createHmac('sha1', ab).update('x').digest('hex'), host.createHmac('sha1', ab as any).update('x').digest('hex'));
});

test('errors match Node: codes, names and messages', () => {
  const cases: [string, (c: any) => unknown][] = [
    // First: host Node reports a stale OpenSSL error here once an earlier scrypt call failed.
    ['outputLength', (c) => c.createHash('sha256', { outputLength: 5 })],
    ['unknown digest', (c) => c.createHash('foo')],
    ['unknown hmac digest', (c) => c.createHmac('foo', 'k')],
    ['hmac key type', (c) => c.createHmac('sha256', 5)],
    ['hmac key null', (c) => c.createHmac('sha256', null)],
    ['algorithm type', (c) => c.createHash()],
    ['update type', (c) => c.createHash('sha256').update(1)],
    ['digest twice', (c) => { const h = c.createHash('sha256'); h.digest(); h.digest(); }],
    ['update after digest', (c) => { const h = c.createHash('sha256'); h.digest(); h.update('x'); }],
    ['copy after digest', (c) => { const h = c.createHash('sha256'); h.digest(); h.copy(); }],
    ['hmac update after digest', (c) => { const h = c.createHmac('sha256', 'k'); h.digest(); h.update('x'); }],
    ['timingSafeEqual lengths', (c) => c.timingSafeEqual(Buffer.from('a'), Buffer.from('ab'))],
    ['timingSafeEqual type', (c) => c.timingSafeEqual('a', Buffer.from('ab'))],
    ['timingSafeEqual type 2', (c) => c.timingSafeEqual(Buffer.from('a'), 5)],
    ['pbkdf2 digest', (c) => c.pbkdf2Sync('p', 's', 1, 32, 'foo')],
    ['pbkdf2 iterations 0', (c) => c.pbkdf2Sync('p', 's', 0, 32, 'sha1')],
    ['pbkdf2 iterations 1.5', (c) => c.pbkdf2Sync('p', 's', 1.5, 32, 'sha1')],
    ['pbkdf2 iterations string', (c) => c.pbkdf2Sync('p', 's', '1', 32, 'sha1')],
    ['pbkdf2 keylen', (c) => c.pbkdf2Sync('p', 's', 1, -1, 'sha1')],
    ['pbkdf2 password', (c) => c.pbkdf2Sync(5, 's', 1, 1, 'sha1')],
    ['pbkdf2 no digest', (c) => c.pbkdf2Sync('p', 's', 1, 1)],
    ['pbkdf2 no callback', (c) => c.pbkdf2('p', 's', 1, 1, 'sha1')],
    ['scrypt N', (c) => c.scryptSync('p', 's', 64, { N: 3 })],
    ['scrypt N 1', (c) => c.scryptSync('p', 's', 64, { N: 1 })],
    ['scrypt maxmem', (c) => c.scryptSync('p', 's', 64, { N: 16, maxmem: 10 })],
    ['scrypt memory', (c) => c.scryptSync('p', 's', 64, { N: 2 ** 20 })],
    ['scrypt N and cost', (c) => c.scryptSync('p', 's', 64, { N: 16, cost: 16 })],
    ['scrypt keylen', (c) => c.scryptSync('p', 's', -1)],
    ['scrypt maxmem type', (c) => c.scryptSync('p', 's', 16, { maxmem: -1 })],
    ['scrypt p too big', (c) => c.scryptSync('p', 's', 16, { N: 16, r: 1, p: 2 ** 30 })],
    ['scrypt no callback', (c) => c.scrypt('p', 's', 16)],
    ['hkdf keylen', (c) => c.hkdfSync('sha256', 'key', 'salt', 'info', 255 * 32 + 1)],
    ['hkdf info', (c) => c.hkdfSync('sha256', 'key', 'salt', Buffer.alloc(1025), 10)],
    ['hkdf digest', (c) => c.hkdfSync('foo', 'key', 'salt', 'info', 10)],
    ['hkdf ikm', (c) => c.hkdfSync('sha256', 5, 'salt', 'info', 10)],
    ['hash() input', (c) => c.hash('sha1', 5)],
    ['hash() encoding', (c) => c.hash('sha1', 'x', 'bogus')],
  ];
  for (const [name, fn] of cases) assert.deepEqual(errorOf(() => fn(ours)), errorOf(() => fn(host)), name);
  // Node's own message for an unknown createHash digest comes from OpenSSL, without a code.
  assert.equal((errorOf(() => ours.hash('foo', 'x')) as any).message, 'Digest method not supported');
});

test('Hmac digest twice returns an empty result; outputLength equal to the digest size is accepted', () => {
  const h = ours.createHmac('sha256', 'k');
  h.digest();
  assert.equal(h.digest().length, 0);
  assert.ok(h.digest() instanceof Uint8Array);
  assert.equal(h.digest('hex'), '');
  assert.equal(ours.createHash('sha256', { outputLength: 32 }).update('a').digest('hex'), host.createHash('sha256', { outputLength: 32 }).update('a').digest('hex'));
});

test('hash() one-shot and timingSafeEqual', () => {
  for (const enc of [undefined, 'hex', 'base64', 'buffer', 'latin1']) {
    const a = ours.hash('sha256', 'abc', enc);
    const b = (host as any).hash('sha256', 'abc', enc);
    assert.equal(typeof a, typeof b);
    assert.equal(Buffer.from(a).toString('hex'), Buffer.from(b).toString('hex'), String(enc));
  }
  assert.equal(ours.hash('md5', new Uint8Array([1, 2, 3])), (host as any).hash('md5', new Uint8Array([1, 2, 3])));
  assert.equal(ours.timingSafeEqual(Buffer.from('abc'), Buffer.from('abc')), true);
  assert.equal(ours.timingSafeEqual(Buffer.from('abc'), Buffer.from('abd')), false);
  assert.equal(ours.timingSafeEqual(new Uint8Array([1, 2]).buffer, new Uint16Array([0x0201])), true);
});

test('pbkdf2, hkdf and scrypt equal OpenSSL (sync and callback forms)', async () => {
  const rand = rng(5);
  for (const digest of ['sha1', 'sha256', 'sha512', 'md5', 'sha384']) {
    for (const [iter, len] of [[1, 20], [2, 32], [1000, 64], [3, 100], [1, 0]]) {
      const pw = bytes(rand, (rand() * 100) | 0);
      const salt = bytes(rand, (rand() * 40) | 0);
      assert.equal(ours.pbkdf2Sync(pw, salt, iter, len, digest).toString('hex'), host.pbkdf2Sync(pw, salt, iter, len, digest).toString('hex'), `${digest} ${iter} ${len}`);
    }
    const ikm = bytes(rand, 30);
    for (const len of [0, 1, 32, 100, 255]) {
      const a = Buffer.from(ours.hkdfSync(digest, ikm, 'salt', 'info', len)).toString('hex');
      const b = Buffer.from(host.hkdfSync(digest, ikm, 'salt', 'info', len)).toString('hex');
      assert.equal(a, b, `hkdf ${digest} ${len}`);
    }
    assert.equal(Buffer.from(ours.hkdfSync(digest, ikm, '', '', 20)).toString('hex'), Buffer.from(host.hkdfSync(digest, ikm, '', '', 20)).toString('hex'));
  }
  for (const [N, r, p, len] of [[16, 1, 1, 64], [1024, 8, 1, 32], [16, 2, 3, 10], [2, 1, 1, 16]]) {
    const opts = { N, r, p };
    assert.equal(ours.scryptSync('password', 'NaCl', len, opts).toString('hex'), host.scryptSync('password', 'NaCl', len, opts).toString('hex'), `scrypt ${N} ${r} ${p}`);
  }
  // RFC 7914 12, second vector.
  assert.equal(ours.scryptSync('password', 'NaCl', 64, { N: 1024, r: 8, p: 16 }).toString('hex'),
    'fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b3731622eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640');
  const viaCallback = await new Promise<Buffer>((resolve, reject) => ours.pbkdf2('p', 's', 10, 16, 'sha256', (e: Error | null, k: Buffer) => (e ? reject(e) : resolve(k))));
  assert.equal(viaCallback.toString('hex'), host.pbkdf2Sync('p', 's', 10, 16, 'sha256').toString('hex'));
  const viaScrypt = await new Promise<Buffer>((resolve, reject) => ours.scrypt('p', 's', 16, { N: 16 }, (e: Error | null, k: Buffer) => (e ? reject(e) : resolve(k))));
  assert.equal(viaScrypt.toString('hex'), host.scryptSync('p', 's', 16, { N: 16 }).toString('hex'));
  const viaHkdf = await new Promise<ArrayBuffer>((resolve, reject) => ours.hkdf('sha256', 'k', 's', 'i', 16, (e: Error | null, k: ArrayBuffer) => (e ? reject(e) : resolve(k))));
  assert.ok(viaHkdf instanceof ArrayBuffer);
  assert.equal(Buffer.from(viaHkdf).toString('hex'), Buffer.from(host.hkdfSync('sha256', 'k', 's', 'i', 16)).toString('hex'));
  // The callback comes later, never synchronously.
  let sync = true;
  await new Promise<void>((resolve) => { ours.pbkdf2('p', 's', 1, 1, 'sha1', () => { assert.equal(sync, false); resolve(); }); sync = false; });
});

test('Hash and Hmac are Transform streams (write/end/read, pipe)', async () => {
  const h = ours.createHash('sha256');
  h.write('hello ');
  h.end('world');
  const out: Buffer = await new Promise((resolve) => h.on('readable', () => { const c = h.read(); if (c) resolve(c); }));
  assert.equal(out.toString('hex'), host.createHash('sha256').update('hello world').digest('hex'));
  const m = ours.createHmac('sha1', 'key');
  m.setEncoding('hex');
  const chunks: string[] = [];
  m.on('data', (c: string) => chunks.push(c));
  await new Promise((resolve) => { m.on('end', resolve); m.end(Buffer.from('data')); });
  assert.equal(chunks.join(''), host.createHmac('sha1', 'key').update('data').digest('hex'));
  // createHash alone does not build stream state (LazyTransform).
  const lazy = ours.createHash('md5');
  assert.deepEqual(Object.keys(lazy), ['_options']);
  assert.ok(lazy instanceof ours.Hash);
  assert.equal(typeof lazy.pipe, 'function');
});

test('webcrypto.subtle.digest and unsupported APIs', async () => {
  for (const name of ['SHA-1', 'sha-256', { name: 'SHA-384' }, 'SHA-512']) {
    const a = Buffer.from(await ours.webcrypto.subtle.digest(name, Buffer.from('abc'))).toString('hex');
    const b = Buffer.from(await host.webcrypto.subtle.digest(name as any, Buffer.from('abc'))).toString('hex');
    assert.equal(a, b);
  }
  await assert.rejects(ours.webcrypto.subtle.digest('MD5', new Uint8Array(1)), { name: 'NotSupportedError', message: 'Unrecognized algorithm name' });
  await assert.rejects(ours.webcrypto.subtle.digest('SHA-256', 'abc'), { code: 'ERR_INVALID_ARG_TYPE' });
  await assert.rejects(ours.webcrypto.subtle.importKey('raw', new Uint8Array(16), 'AES-GCM', false, ['encrypt']), { name: 'NotSupportedError' });
  assert.throws(() => ours.createCipheriv('aes-128-cbc', Buffer.alloc(16), Buffer.alloc(16)), { code: 'ERR_NOT_SUPPORTED_ON_NEPHOS', message: 'crypto.createCipheriv is not supported on Nephos yet' });
  assert.throws(() => ours.generateKeyPairSync('rsa'), { code: 'ERR_NOT_SUPPORTED_ON_NEPHOS' });
  assert.throws(() => new ours.KeyObject(), { code: 'ERR_NOT_SUPPORTED_ON_NEPHOS' });
  assert.equal(ours.webcrypto.getRandomValues(new Uint8Array(8)).length, 8);
  assert.match(ours.webcrypto.randomUUID(), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.deepEqual(ours.getCiphers(), []);
});
