import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SipHash } from './siphash';

// Reference vectors (veorq/SipHash vectors.h): key 00..0f, message 00..(n-1), output little-endian.
const VECTORS: Record<number, number[]> = {
  0: [0x31, 0x0e, 0x0e, 0xdd, 0x47, 0xdb, 0x6f, 0x72],
  1: [0xfd, 0x67, 0xdc, 0x93, 0xc5, 0x39, 0xf8, 0x74],
  2: [0x5a, 0x4f, 0xa9, 0xd9, 0x09, 0x80, 0x6c, 0x0d],
  3: [0x2d, 0x7e, 0xfb, 0xd7, 0x96, 0x66, 0x67, 0x85],
  4: [0xb7, 0x87, 0x71, 0x27, 0xe0, 0x94, 0x27, 0xcf],
  5: [0x8d, 0xa6, 0x99, 0xcd, 0x64, 0x55, 0x76, 0x18],
  6: [0xce, 0xe3, 0xfe, 0x58, 0x6e, 0x46, 0xc9, 0xcb],
  7: [0x37, 0xd1, 0x01, 0x8b, 0xf5, 0x00, 0x02, 0xab],
  8: [0x62, 0x24, 0x93, 0x9a, 0x79, 0xf5, 0xf5, 0x93],
  9: [0xb0, 0xe4, 0xa9, 0x0b, 0xdf, 0x82, 0x00, 0x9e],
  15: [0xe5, 0x45, 0xbe, 0x49, 0x61, 0xca, 0x29, 0xa1],
};

const KEY = Uint8Array.from({ length: 16 }, (_, i) => i);

function toLeBytes(lo: number, hi: number): number[] {
  return [lo, lo >>> 8, lo >>> 16, lo >>> 24, hi, hi >>> 8, hi >>> 16, hi >>> 24].map((x) => x & 0xff);
}

test('siphash: matches the reference vectors', () => {
  const h = new SipHash(KEY);
  for (const [n, want] of Object.entries(VECTORS)) {
    const msg = Uint8Array.from({ length: Number(n) }, (_, i) => i);
    const lo = h.hash(msg);
    assert.deepEqual(toLeBytes(lo, h.hi), want, `length ${n}`);
  }
});

// A straightforward BigInt implementation to compare with on random keys and lengths.
function bigSip(key: Uint8Array, msg: Uint8Array): bigint {
  const M = (1n << 64n) - 1n;
  const rd = (b: Uint8Array, i: number, n = 8) => { let x = 0n; for (let j = n - 1; j >= 0; j--) x = (x << 8n) | BigInt(b[i + j]); return x; };
  const rotl = (x: bigint, n: bigint) => ((x << n) | (x >> (64n - n))) & M;
  const k0 = rd(key, 0), k1 = rd(key, 8);
  let v0 = k0 ^ 0x736f6d6570736575n, v1 = k1 ^ 0x646f72616e646f6dn, v2 = k0 ^ 0x6c7967656e657261n, v3 = k1 ^ 0x7465646279746573n;
  const round = () => {
    v0 = (v0 + v1) & M; v1 = rotl(v1, 13n); v1 ^= v0; v0 = rotl(v0, 32n);
    v2 = (v2 + v3) & M; v3 = rotl(v3, 16n); v3 ^= v2;
    v0 = (v0 + v3) & M; v3 = rotl(v3, 21n); v3 ^= v0;
    v2 = (v2 + v1) & M; v1 = rotl(v1, 17n); v1 ^= v2; v2 = rotl(v2, 32n);
  };
  const full = msg.length - (msg.length % 8);
  for (let i = 0; i < full; i += 8) { const m = rd(msg, i); v3 ^= m; round(); round(); v0 ^= m; }
  let b = BigInt(msg.length & 0xff) << 56n;
  for (let j = 0; j < msg.length % 8; j++) b |= BigInt(msg[full + j]) << BigInt(8 * j);
  v3 ^= b; round(); round(); v0 ^= b;
  v2 ^= 0xffn; round(); round(); round(); round();
  return v0 ^ v1 ^ v2 ^ v3;
}

test('siphash: agrees with a BigInt implementation on random keys and messages', () => {
  let x = 7;
  const byte = () => { x = (Math.imul(x, 1664525) + 1013904223) >>> 0; return x >>> 24; };
  for (let n = 0; n < 200; n++) {
    const key = Uint8Array.from({ length: 16 }, byte);
    const msg = Uint8Array.from({ length: n % 40 }, byte);
    const h = new SipHash(key);
    const lo = h.hash(msg);
    const want = bigSip(key, msg);
    assert.equal(lo, Number(want & 0xffffffffn));
    assert.equal(h.hi, Number(want >> 32n));
  }
});

test('siphash: hashes a prefix when given a length; refuses a short key', () => {
  const h = new SipHash(KEY);
  const msg = Uint8Array.from({ length: 20 }, (_, i) => i);
  const a = h.hash(msg, 15);
  assert.deepEqual(toLeBytes(a, h.hi), VECTORS[15]);
  assert.throws(() => new SipHash(new Uint8Array(8)), RangeError);
});
