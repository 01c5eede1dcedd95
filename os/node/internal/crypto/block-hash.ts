// The Merkle-Damgard frame shared by MD5, SHA-1 and SHA-2: input is cut into fixed blocks (64 or
// 128 bytes) fed to a compression function; the last block is padded with 0x80, zeros and the
// message length in bits (RFC 1321 3.1-3.2 little-endian for MD5; FIPS 180-4 5.1 big-endian for
// SHA, a 64-bit length for 64-byte blocks and a 128-bit one for 128-byte blocks).
//
// Invariants: `buffered` < blockLen between calls; whole blocks of the input are compressed in
// place (no copy); after digest() the state is spent (the caller, node:crypto's Hash, refuses a
// second digest with ERR_CRYPTO_HASH_FINALIZED before reaching here).
//
// Pure TypeScript; measured throughput is in docs/compat.md (these may become native ops).

export interface HashFunction {
  /** Bytes per compression block (HMAC pads keys to this). */
  readonly blockLen: number;
  /** Digest length in bytes. */
  readonly outLen: number;
  update(data: Uint8Array): void;
  /** Finishes and returns the digest (outLen bytes). */
  digest(): Uint8Array;
  /** An independent copy of the current state (Hash.copy()). */
  clone(): HashFunction;
}

export abstract class BlockHash implements HashFunction {
  abstract readonly outLen: number;
  protected readonly block: Uint8Array;
  protected buffered = 0;
  /** Total message length in bytes (exact up to 2^53). */
  protected length = 0;

  constructor(readonly blockLen: number, private readonly littleEndian: boolean) {
    this.block = new Uint8Array(blockLen);
  }

  /** Compresses the block at bytes[offset .. offset + blockLen). */
  protected abstract compress(bytes: Uint8Array, offset: number): void;
  /** Writes the state words as the digest. */
  protected abstract output(): Uint8Array;
  protected abstract copyStateTo(other: this): void;
  protected abstract fresh(): this;

  update(data: Uint8Array): void {
    const n = data.length;
    const bl = this.blockLen;
    let pos = 0;
    this.length += n;
    if (this.buffered > 0) {
      const take = Math.min(bl - this.buffered, n);
      this.block.set(data.subarray(0, take), this.buffered);
      this.buffered += take;
      pos = take;
      if (this.buffered < bl) return;
      this.compress(this.block, 0);
      this.buffered = 0;
    }
    for (; pos + bl <= n; pos += bl) this.compress(data, pos);
    if (pos < n) {
      this.block.set(data.subarray(pos), 0);
      this.buffered = n - pos;
    }
  }

  digest(): Uint8Array {
    const bl = this.blockLen;
    const lenBytes = bl === 128 ? 16 : 8;
    const block = this.block;
    let i = this.buffered;
    block[i++] = 0x80;
    if (i > bl - lenBytes) {
      block.fill(0, i);
      this.compress(block, 0);
      i = 0;
    }
    block.fill(0, i);
    // Length in bits: split into high and low 32-bit words (JS numbers are exact to 2^53).
    const bitsHi = Math.floor(this.length / 0x20000000) >>> 0;
    const bitsLo = (this.length * 8) >>> 0;
    if (this.littleEndian) {
      writeLE32(block, bl - 8, bitsLo);
      writeLE32(block, bl - 4, bitsHi);
    } else {
      writeBE32(block, bl - 8, bitsHi);
      writeBE32(block, bl - 4, bitsLo);
    }
    this.compress(block, 0);
    return this.output();
  }

  clone(): this {
    const c = this.fresh();
    this.copyStateTo(c);
    c.block.set(this.block);
    c.buffered = this.buffered;
    c.length = this.length;
    return c;
  }
}

export function writeBE32(b: Uint8Array, o: number, v: number): void {
  b[o] = v >>> 24;
  b[o + 1] = v >>> 16;
  b[o + 2] = v >>> 8;
  b[o + 3] = v;
}

export function writeLE32(b: Uint8Array, o: number, v: number): void {
  b[o] = v;
  b[o + 1] = v >>> 8;
  b[o + 2] = v >>> 16;
  b[o + 3] = v >>> 24;
}
