// SipHash-2-4 (Aumasson and Bernstein, "SipHash: a fast short-input PRF", 2012), written with
// 32-bit operations because the engine has no 64-bit integers short of BigInt (slow). Each 64-bit
// lane is a (hi, lo) pair of u32; additions carry by hand, rotations shuffle the halves.
//
// Used where RFC 6528 and RFC 4987 want a keyed hash: initial sequence numbers, SYN cookies and
// ephemeral port offsets (RFC 6056 algorithm 3). The key is 16 bytes from the OS's random source.
// A typical use: `const h = new SipHash(random(16)); const x = h.hash(bytes)` (low 32 bits; the
// high 32 bits are left in `h.hi`).

export class SipHash {
  #k0h: number; #k0l: number; #k1h: number; #k1l: number;
  // v0..v3 as hi/lo halves; fields rather than arrays keep the rounds free of bounds checks.
  #v0h = 0; #v0l = 0; #v1h = 0; #v1l = 0; #v2h = 0; #v2l = 0; #v3h = 0; #v3l = 0;
  /** High 32 bits of the last result. */
  hi = 0;

  constructor(key: Uint8Array) {
    if (key.length !== 16) throw new RangeError('SipHash key must be 16 bytes');
    this.#k0l = le32(key, 0); this.#k0h = le32(key, 4);
    this.#k1l = le32(key, 8); this.#k1h = le32(key, 12);
  }

  /** SipHash-2-4 of msg[0, len); returns the low 32 bits of the 64-bit result. */
  hash(msg: Uint8Array, len = msg.length): number {
    // "somepseudorandomlygeneratedbytes" xor the key (section 2 of the paper).
    this.#v0h = (this.#k0h ^ 0x736f6d65) >>> 0; this.#v0l = (this.#k0l ^ 0x70736575) >>> 0;
    this.#v1h = (this.#k1h ^ 0x646f7261) >>> 0; this.#v1l = (this.#k1l ^ 0x6e646f6d) >>> 0;
    this.#v2h = (this.#k0h ^ 0x6c796765) >>> 0; this.#v2l = (this.#k0l ^ 0x6e657261) >>> 0;
    this.#v3h = (this.#k1h ^ 0x74656462) >>> 0; this.#v3l = (this.#k1l ^ 0x79746573) >>> 0;
    const full = len - (len & 7);
    for (let i = 0; i < full; i += 8) this.#compress(le32(msg, i + 4), le32(msg, i));
    // Last block: remaining bytes little-endian, message length mod 256 in the top byte.
    let mh = (len & 0xff) << 24;
    let ml = 0;
    const rest = len & 7;
    for (let j = 0; j < rest; j++) {
      const b = msg[full + j];
      if (j < 4) ml |= b << (8 * j); else mh |= b << (8 * (j - 4));
    }
    this.#compress(mh >>> 0, ml >>> 0);
    this.#v2l = (this.#v2l ^ 0xff) >>> 0;
    this.#round(); this.#round(); this.#round(); this.#round();
    this.hi = (this.#v0h ^ this.#v1h ^ this.#v2h ^ this.#v3h) >>> 0;
    return (this.#v0l ^ this.#v1l ^ this.#v2l ^ this.#v3l) >>> 0;
  }

  #compress(mh: number, ml: number): void {
    this.#v3h = (this.#v3h ^ mh) >>> 0; this.#v3l = (this.#v3l ^ ml) >>> 0;
    this.#round(); this.#round();
    this.#v0h = (this.#v0h ^ mh) >>> 0; this.#v0l = (this.#v0l ^ ml) >>> 0;
  }

  // One SipRound: v0 += v1; v1 <<<= 13; v1 ^= v0; v0 <<<= 32; v2 += v3; v3 <<<= 16; v3 ^= v2;
  // v0 += v3; v3 <<<= 21; v3 ^= v0; v2 += v1; v1 <<<= 17; v1 ^= v2; v2 <<<= 32.
  #round(): void {
    let v0h = this.#v0h, v0l = this.#v0l, v1h = this.#v1h, v1l = this.#v1l;
    let v2h = this.#v2h, v2l = this.#v2l, v3h = this.#v3h, v3l = this.#v3l;
    let t: number;
    // v0 += v1
    t = v0l + v1l; v0h = (v0h + v1h + (t > 0xffffffff ? 1 : 0)) >>> 0; v0l = t >>> 0;
    // v1 <<<= 13
    t = v1h; v1h = ((v1h << 13) | (v1l >>> 19)) >>> 0; v1l = ((v1l << 13) | (t >>> 19)) >>> 0;
    v1h = (v1h ^ v0h) >>> 0; v1l = (v1l ^ v0l) >>> 0;
    // v0 <<<= 32
    t = v0h; v0h = v0l; v0l = t;
    // v2 += v3
    t = v2l + v3l; v2h = (v2h + v3h + (t > 0xffffffff ? 1 : 0)) >>> 0; v2l = t >>> 0;
    // v3 <<<= 16
    t = v3h; v3h = ((v3h << 16) | (v3l >>> 16)) >>> 0; v3l = ((v3l << 16) | (t >>> 16)) >>> 0;
    v3h = (v3h ^ v2h) >>> 0; v3l = (v3l ^ v2l) >>> 0;
    // v0 += v3
    t = v0l + v3l; v0h = (v0h + v3h + (t > 0xffffffff ? 1 : 0)) >>> 0; v0l = t >>> 0;
    // v3 <<<= 21
    t = v3h; v3h = ((v3h << 21) | (v3l >>> 11)) >>> 0; v3l = ((v3l << 21) | (t >>> 11)) >>> 0;
    v3h = (v3h ^ v0h) >>> 0; v3l = (v3l ^ v0l) >>> 0;
    // v2 += v1
    t = v2l + v1l; v2h = (v2h + v1h + (t > 0xffffffff ? 1 : 0)) >>> 0; v2l = t >>> 0;
    // v1 <<<= 17
    t = v1h; v1h = ((v1h << 17) | (v1l >>> 15)) >>> 0; v1l = ((v1l << 17) | (t >>> 15)) >>> 0;
    v1h = (v1h ^ v2h) >>> 0; v1l = (v1l ^ v2l) >>> 0;
    // v2 <<<= 32
    t = v2h; v2h = v2l; v2l = t;
    this.#v0h = v0h; this.#v0l = v0l; this.#v1h = v1h; this.#v1l = v1l;
    this.#v2h = v2h; this.#v2l = v2l; this.#v3h = v3h; this.#v3l = v3l;
  }
}

function le32(b: Uint8Array, i: number): number {
  return (b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24)) >>> 0;
}
