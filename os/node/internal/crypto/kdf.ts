// Keyed constructions over any HashFunction: HMAC (RFC 2104), PBKDF2 (RFC 8018 5.2) and HKDF
// (RFC 5869). HMAC keeps its two padded-key states precomputed, so PBKDF2's iterations each cost
// two compressions of the short message plus the clone of the inner and outer states.
import type { HashFunction } from './block-hash';
import type { HashFactory } from './algorithms';

export class HmacFunction implements HashFunction {
  readonly blockLen: number;
  readonly outLen: number;

  /** `inner` has absorbed key ^ ipad, `outer` key ^ opad (RFC 2104 2). */
  private constructor(private inner: HashFunction, private readonly outer: HashFunction) {
    this.blockLen = inner.blockLen;
    this.outLen = inner.outLen;
  }

  static create(factory: HashFactory, key: Uint8Array): HmacFunction {
    const inner = factory();
    const outer = factory();
    const bl = inner.blockLen;
    // Keys longer than a block are hashed first (RFC 2104 2, step 1).
    if (key.length > bl) {
      const h = factory();
      h.update(key);
      key = h.digest();
    }
    const pad = new Uint8Array(bl);
    pad.set(key);
    for (let i = 0; i < bl; i++) pad[i] ^= 0x36;
    inner.update(pad);
    for (let i = 0; i < bl; i++) pad[i] ^= 0x36 ^ 0x5c;
    outer.update(pad);
    return new HmacFunction(inner, outer);
  }

  update(data: Uint8Array): void {
    this.inner.update(data);
  }

  digest(): Uint8Array {
    const o = this.outer.clone();
    o.update(this.inner.digest());
    return o.digest();
  }

  clone(): HmacFunction {
    return new HmacFunction(this.inner.clone(), this.outer.clone());
  }
}

/** PBKDF2 with HMAC-<factory> (RFC 8018 5.2): T_i = U_1 ^ ... ^ U_c, U_1 = PRF(P, S || INT(i)). */
export function pbkdf2(factory: HashFactory, password: Uint8Array, salt: Uint8Array, iterations: number, keylen: number): Uint8Array {
  const out = new Uint8Array(keylen);
  if (keylen === 0) return out;
  const prf = HmacFunction.create(factory, password);
  const hLen = prf.outLen;
  const block = new Uint8Array(salt.length + 4);
  block.set(salt);
  for (let i = 1, pos = 0; pos < keylen; i++, pos += hLen) {
    block[salt.length] = i >>> 24;
    block[salt.length + 1] = i >>> 16;
    block[salt.length + 2] = i >>> 8;
    block[salt.length + 3] = i;
    let h = prf.clone();
    h.update(block);
    let u = h.digest();
    const t = u.slice();
    for (let c = 1; c < iterations; c++) {
      h = prf.clone();
      h.update(u);
      u = h.digest();
      for (let j = 0; j < hLen; j++) t[j] ^= u[j];
    }
    out.set(t.subarray(0, Math.min(hLen, keylen - pos)), pos);
  }
  return out;
}

/** HKDF (RFC 5869 2.2-2.3): PRK = HMAC(salt, IKM); OKM = T(1) || T(2) || ... */
export function hkdf(factory: HashFactory, ikm: Uint8Array, salt: Uint8Array, info: Uint8Array, keylen: number): Uint8Array {
  const hLen = factory().outLen;
  // 2.2: an absent salt is HashLen zero bytes.
  const extract = HmacFunction.create(factory, salt.length ? salt : new Uint8Array(hLen));
  extract.update(ikm);
  const prk = extract.digest();
  const expand = HmacFunction.create(factory, prk);
  const out = new Uint8Array(keylen);
  let prev: Uint8Array = new Uint8Array(0);
  for (let i = 1, pos = 0; pos < keylen; i++, pos += hLen) {
    const h = expand.clone();
    h.update(prev);
    h.update(info);
    h.update(new Uint8Array([i]));
    prev = h.digest();
    out.set(prev.subarray(0, Math.min(hLen, keylen - pos)), pos);
  }
  return out;
}
