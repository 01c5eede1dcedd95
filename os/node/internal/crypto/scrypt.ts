// scrypt (RFC 7914): B = PBKDF2-HMAC-SHA256(P, S, 1, p * 128 * r); each 128r-byte block of B goes
// through ROMix (section 5) built on BlockMix (section 4) with the Salsa20/8 core (section 3);
// DK = PBKDF2-HMAC-SHA256(P, B, 1, dkLen). Parameter checks are OpenSSL's (EVP_PBE_scrypt), which
// is what Node reports: N a power of two > 1, p * r < 2^30, N < 2^(16r), and the working memory
// 128 * r * (N + 2 + p) bytes within maxmem.
import { lookupHash } from './algorithms';
import { pbkdf2 } from './kdf';

export type ScryptCheck = 'ok' | 'invalid' | 'memory';

export function checkScryptParams(N: number, r: number, p: number, maxmem: number): ScryptCheck {
  if (r === 0 || p === 0 || N < 2 || (N & (N - 1)) !== 0 || N > 2 ** 32) return 'invalid';
  if (p > ((2 ** 30) - 1) / r) return 'memory';
  if (16 * r <= 63 && N >= 2 ** (16 * r)) return 'memory';
  const blen = p * 128 * r;
  if (blen > 0x7fffffff) return 'memory';
  const vlen = 32 * r * (N + 2) * 4;
  if (blen + vlen > maxmem) return 'memory';
  return 'ok';
}

/** Salsa20/8 core (RFC 7914 3) on 16 words of `b` at `o`, in place. */
function salsa8(b: Int32Array, o: number, x: Int32Array): void {
  for (let i = 0; i < 16; i++) x[i] = b[o + i];
  let x0 = x[0], x1 = x[1], x2 = x[2], x3 = x[3], x4 = x[4], x5 = x[5], x6 = x[6], x7 = x[7];
  let x8 = x[8], x9 = x[9], x10 = x[10], x11 = x[11], x12 = x[12], x13 = x[13], x14 = x[14], x15 = x[15];
  let t: number;
  for (let i = 0; i < 8; i += 2) {
    t = (x0 + x12) | 0; x4 ^= (t << 7) | (t >>> 25);
    t = (x4 + x0) | 0; x8 ^= (t << 9) | (t >>> 23);
    t = (x8 + x4) | 0; x12 ^= (t << 13) | (t >>> 19);
    t = (x12 + x8) | 0; x0 ^= (t << 18) | (t >>> 14);
    t = (x5 + x1) | 0; x9 ^= (t << 7) | (t >>> 25);
    t = (x9 + x5) | 0; x13 ^= (t << 9) | (t >>> 23);
    t = (x13 + x9) | 0; x1 ^= (t << 13) | (t >>> 19);
    t = (x1 + x13) | 0; x5 ^= (t << 18) | (t >>> 14);
    t = (x10 + x6) | 0; x14 ^= (t << 7) | (t >>> 25);
    t = (x14 + x10) | 0; x2 ^= (t << 9) | (t >>> 23);
    t = (x2 + x14) | 0; x6 ^= (t << 13) | (t >>> 19);
    t = (x6 + x2) | 0; x10 ^= (t << 18) | (t >>> 14);
    t = (x15 + x11) | 0; x3 ^= (t << 7) | (t >>> 25);
    t = (x3 + x15) | 0; x7 ^= (t << 9) | (t >>> 23);
    t = (x7 + x3) | 0; x11 ^= (t << 13) | (t >>> 19);
    t = (x11 + x7) | 0; x15 ^= (t << 18) | (t >>> 14);
    t = (x0 + x3) | 0; x1 ^= (t << 7) | (t >>> 25);
    t = (x1 + x0) | 0; x2 ^= (t << 9) | (t >>> 23);
    t = (x2 + x1) | 0; x3 ^= (t << 13) | (t >>> 19);
    t = (x3 + x2) | 0; x0 ^= (t << 18) | (t >>> 14);
    t = (x5 + x4) | 0; x6 ^= (t << 7) | (t >>> 25);
    t = (x6 + x5) | 0; x7 ^= (t << 9) | (t >>> 23);
    t = (x7 + x6) | 0; x4 ^= (t << 13) | (t >>> 19);
    t = (x4 + x7) | 0; x5 ^= (t << 18) | (t >>> 14);
    t = (x10 + x9) | 0; x11 ^= (t << 7) | (t >>> 25);
    t = (x11 + x10) | 0; x8 ^= (t << 9) | (t >>> 23);
    t = (x8 + x11) | 0; x9 ^= (t << 13) | (t >>> 19);
    t = (x9 + x8) | 0; x10 ^= (t << 18) | (t >>> 14);
    t = (x15 + x14) | 0; x12 ^= (t << 7) | (t >>> 25);
    t = (x12 + x15) | 0; x13 ^= (t << 9) | (t >>> 23);
    t = (x13 + x12) | 0; x14 ^= (t << 13) | (t >>> 19);
    t = (x14 + x13) | 0; x15 ^= (t << 18) | (t >>> 14);
  }
  b[o] = (b[o] + x0) | 0; b[o + 1] = (b[o + 1] + x1) | 0; b[o + 2] = (b[o + 2] + x2) | 0; b[o + 3] = (b[o + 3] + x3) | 0;
  b[o + 4] = (b[o + 4] + x4) | 0; b[o + 5] = (b[o + 5] + x5) | 0; b[o + 6] = (b[o + 6] + x6) | 0; b[o + 7] = (b[o + 7] + x7) | 0;
  b[o + 8] = (b[o + 8] + x8) | 0; b[o + 9] = (b[o + 9] + x9) | 0; b[o + 10] = (b[o + 10] + x10) | 0; b[o + 11] = (b[o + 11] + x11) | 0;
  b[o + 12] = (b[o + 12] + x12) | 0; b[o + 13] = (b[o + 13] + x13) | 0; b[o + 14] = (b[o + 14] + x14) | 0; b[o + 15] = (b[o + 15] + x15) | 0;
}

/** BlockMix (RFC 7914 4): B (2r 64-byte blocks at `bi`) -> Y, even blocks first, then odd. */
function blockMix(b: Int32Array, bi: number, y: Int32Array, r: number, x: Int32Array, tmp: Int32Array): void {
  const words = 32 * r;
  for (let i = 0; i < 16; i++) tmp[i] = b[bi + words - 16 + i];
  for (let i = 0; i < 2 * r; i++) {
    for (let j = 0; j < 16; j++) tmp[j] ^= b[bi + i * 16 + j];
    salsa8(tmp, 0, x);
    const dst = ((i & 1) * r + (i >> 1)) * 16;
    for (let j = 0; j < 16; j++) y[dst + j] = tmp[j];
  }
}

/** ROMix (RFC 7914 5) on the block at `bi` of `b` (little-endian words). */
function roMix(b: Int32Array, bi: number, r: number, N: number, v: Int32Array, xy: Int32Array): void {
  const words = 32 * r;
  const xbuf = new Int32Array(16);
  const tmp = new Int32Array(16);
  const X = xy.subarray(0, words);
  const Y = xy.subarray(words, 2 * words);
  X.set(b.subarray(bi, bi + words));
  for (let i = 0; i < N; i++) {
    v.set(X, i * words);
    blockMix(X, 0, Y, r, xbuf, tmp);
    X.set(Y);
  }
  for (let i = 0; i < N; i++) {
    // Integerify: the first word of the last 64-byte block, mod N (N <= 2^32, a power of two).
    const j = (X[words - 16] >>> 0) & (N - 1);
    for (let k = 0; k < words; k++) X[k] ^= v[j * words + k];
    blockMix(X, 0, Y, r, xbuf, tmp);
    X.set(Y);
  }
  b.set(X, bi);
}

export function scrypt(password: Uint8Array, salt: Uint8Array, N: number, r: number, p: number, keylen: number): Uint8Array {
  const sha256 = lookupHash('sha256')!;
  const blocks = pbkdf2(sha256, password, salt, 1, p * 128 * r);
  const words = new Int32Array(blocks.length / 4);
  for (let i = 0; i < words.length; i++) {
    const o = i * 4;
    words[i] = blocks[o] | (blocks[o + 1] << 8) | (blocks[o + 2] << 16) | (blocks[o + 3] << 24);
  }
  const v = new Int32Array(32 * r * N);
  const xy = new Int32Array(64 * r);
  for (let i = 0; i < p; i++) roMix(words, i * 32 * r, r, N, v, xy);
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    const o = i * 4;
    blocks[o] = w;
    blocks[o + 1] = w >>> 8;
    blocks[o + 2] = w >>> 16;
    blocks[o + 3] = w >>> 24;
  }
  return pbkdf2(sha256, password, blocks, 1, keylen);
}
