// MD5 (RFC 1321) and SHA-1 (FIPS 180-4 6.1). Both are broken for collision resistance and exist
// for compatibility (ETags, legacy checksums, HMAC-SHA1 in OAuth 1 and TOTP). Words are 32-bit,
// MD5 little-endian, SHA-1 big-endian; the padding is BlockHash's.
import { BlockHash, writeBE32, writeLE32 } from './block-hash';

// RFC 1321 3.4: T[i] = floor(2^32 * abs(sin(i + 1))), written out (engines' sin may differ in
// the last bit).
const MD5_T = new Int32Array([
  0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a, 0xa8304613, 0xfd469501,
  0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be, 0x6b901122, 0xfd987193, 0xa679438e, 0x49b40821,
  0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa, 0xd62f105d, 0x02441453, 0xd8a1e681, 0xe7d3fbc8,
  0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed, 0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a,
  0xfffa3942, 0x8771f681, 0x6d9d6122, 0xfde5380c, 0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70,
  0x289b7ec6, 0xeaa127fa, 0xd4ef3085, 0x04881d05, 0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665,
  0xf4292244, 0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92, 0xffeff47d, 0x85845dd1,
  0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1, 0xf7537e82, 0xbd3af235, 0x2ad7d2bb, 0xeb86d391,
]);
const MD5_S = [7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21];
// Which message word each of the 64 steps reads (RFC 1321 3.4, rounds 1-4).
const MD5_G = new Uint8Array(64);
for (let i = 0; i < 16; i++) {
  MD5_G[i] = i;
  MD5_G[16 + i] = (5 * i + 1) & 15;
  MD5_G[32 + i] = (3 * i + 5) & 15;
  MD5_G[48 + i] = (7 * i) & 15;
}

export class Md5 extends BlockHash {
  readonly outLen = 16;
  private readonly h = new Int32Array([0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476]);
  private readonly x = new Int32Array(16);

  constructor() {
    super(64, true);
  }

  protected compress(b: Uint8Array, o: number): void {
    const x = this.x;
    for (let i = 0; i < 16; i++, o += 4) x[i] = b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24);
    const h = this.h;
    let a = h[0], bb = h[1], c = h[2], d = h[3];
    for (let i = 0; i < 64; i++) {
      let f: number;
      if (i < 16) f = (bb & c) | (~bb & d);
      else if (i < 32) f = (d & bb) | (~d & c);
      else if (i < 48) f = bb ^ c ^ d;
      else f = c ^ (bb | ~d);
      const s = MD5_S[((i >> 4) << 2) | (i & 3)];
      const t = (a + f + MD5_T[i] + x[MD5_G[i]]) | 0;
      a = d;
      d = c;
      c = bb;
      bb = (bb + ((t << s) | (t >>> (32 - s)))) | 0;
    }
    h[0] = (h[0] + a) | 0;
    h[1] = (h[1] + bb) | 0;
    h[2] = (h[2] + c) | 0;
    h[3] = (h[3] + d) | 0;
  }

  protected output(): Uint8Array {
    const out = new Uint8Array(16);
    for (let i = 0; i < 4; i++) writeLE32(out, i * 4, this.h[i]);
    return out;
  }

  protected copyStateTo(other: this): void {
    other.h.set(this.h);
  }

  protected fresh(): this {
    return new Md5() as this;
  }
}

export class Sha1 extends BlockHash {
  readonly outLen = 20;
  private readonly h = new Int32Array([0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0]);
  private readonly w = new Int32Array(80);

  constructor() {
    super(64, false);
  }

  protected compress(b: Uint8Array, o: number): void {
    const w = this.w;
    for (let i = 0; i < 16; i++, o += 4) w[i] = (b[o] << 24) | (b[o + 1] << 16) | (b[o + 2] << 8) | b[o + 3];
    for (let i = 16; i < 80; i++) {
      const v = w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16];
      w[i] = (v << 1) | (v >>> 31);
    }
    const h = this.h;
    let a = h[0], bb = h[1], c = h[2], d = h[3], e = h[4];
    for (let i = 0; i < 80; i++) {
      let f: number, k: number;
      if (i < 20) { f = (bb & c) | (~bb & d); k = 0x5a827999; }
      else if (i < 40) { f = bb ^ c ^ d; k = 0x6ed9eba1; }
      else if (i < 60) { f = (bb & c) | (bb & d) | (c & d); k = 0x8f1bbcdc | 0; }
      else { f = bb ^ c ^ d; k = 0xca62c1d6 | 0; }
      const t = (((a << 5) | (a >>> 27)) + f + e + k + w[i]) | 0;
      e = d;
      d = c;
      c = (bb << 30) | (bb >>> 2);
      bb = a;
      a = t;
    }
    h[0] = (h[0] + a) | 0;
    h[1] = (h[1] + bb) | 0;
    h[2] = (h[2] + c) | 0;
    h[3] = (h[3] + d) | 0;
    h[4] = (h[4] + e) | 0;
  }

  protected output(): Uint8Array {
    const out = new Uint8Array(20);
    for (let i = 0; i < 5; i++) writeBE32(out, i * 4, this.h[i]);
    return out;
  }

  protected copyStateTo(other: this): void {
    other.h.set(this.h);
  }

  protected fresh(): this {
    return new Sha1() as this;
  }
}
