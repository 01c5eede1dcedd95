// Randomness for node:crypto and the web crypto global: bytes from the kernel's ChaCha20 generator
// (kernel/core/random.c), seeded by RDSEED/RDRAND and virtio-rng. Never a constant or the clock:
// without an entropy source every call fails with ERR_CRYPTO_NO_ENTROPY.
import { Buffer } from 'buffer';
import { codes } from '../core/errors';

export type FillFn = (buf: Uint8Array) => boolean;

export function createRandom(fill: FillFn) {
  function fillBytes(view: Uint8Array): void {
    if (view.length === 0) return;
    if (!fill(view)) throw new codes.ERR_CRYPTO_NO_ENTROPY();
  }
  function asBytes(buf: ArrayBufferView): Uint8Array {
    return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
  }
  function validateSize(size: unknown): number {
    if (typeof size !== 'number') throw new codes.ERR_INVALID_ARG_TYPE('size', 'number', size);
    if (!(size >= 0 && size <= 2 ** 31 - 1) || !Number.isInteger(size)) throw new codes.ERR_OUT_OF_RANGE('size', `>= 0 && <= ${2 ** 31 - 1}`, size);
    return size;
  }
  function randomBytes(size: unknown, cb?: (err: Error | null, buf?: Buffer) => void): Buffer | undefined {
    const n = validateSize(size);
    if (cb !== undefined && typeof cb !== 'function') throw new codes.ERR_INVALID_ARG_TYPE('callback', 'Function', cb);
    const buf = Buffer.allocUnsafe(n);
    if (!cb) {
      fillBytes(buf);
      return buf;
    }
    let err: Error | null = null;
    try {
      fillBytes(buf);
    } catch (e) {
      err = e as Error;
    }
    (globalThis as any).process.nextTick(() => (err ? cb(err) : cb(null, buf)));
    return undefined;
  }
  function randomFillSync<T extends ArrayBufferView>(buf: T, offset = 0, size?: number): T {
    if (!ArrayBuffer.isView(buf)) throw new codes.ERR_INVALID_ARG_TYPE('buf', ['ArrayBuffer', 'ArrayBufferView'], buf);
    const bytes = asBytes(buf);
    const end = size === undefined ? bytes.length : offset + size;
    if (offset < 0 || offset > bytes.length) throw new codes.ERR_OUT_OF_RANGE('offset', `>= 0 && <= ${bytes.length}`, offset);
    if (end > bytes.length) throw new codes.ERR_OUT_OF_RANGE('size + offset', `<= ${bytes.length}`, end);
    fillBytes(bytes.subarray(offset, end));
    return buf;
  }
  function randomFill(buf: ArrayBufferView, ...rest: unknown[]): void {
    const cb = rest.pop();
    if (typeof cb !== 'function') throw new codes.ERR_INVALID_ARG_TYPE('callback', 'Function', cb);
    randomFillSync(buf, rest[0] as number | undefined, rest[1] as number | undefined);
    (globalThis as any).process.nextTick(() => cb(null, buf));
  }
  function randomUUID(options?: unknown): string {
    if (options !== undefined && (typeof options !== 'object' || options === null)) throw new codes.ERR_INVALID_ARG_TYPE('options', 'Object', options);
    const cache = (options as { disableEntropyCache?: unknown } | undefined)?.disableEntropyCache;
    if (cache !== undefined && typeof cache !== 'boolean') throw new codes.ERR_INVALID_ARG_TYPE('options.disableEntropyCache', 'boolean', cache);
    const b = new Uint8Array(16);
    fillBytes(b);
    b[6] = (b[6] & 0x0f) | 0x40; // version 4 (RFC 9562 5.4)
    b[8] = (b[8] & 0x3f) | 0x80; // variant 10
    let hex = '';
    for (let i = 0; i < 16; i++) hex += (b[i] + 0x100).toString(16).slice(1);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }
  function randomInt(min: unknown, max?: unknown, cb?: unknown): number | undefined {
    if (typeof max === 'function' || max === undefined) {
      cb = max;
      max = min;
      min = 0;
    }
    if (!Number.isSafeInteger(min)) throw new codes.ERR_INVALID_ARG_TYPE('min', 'a safe integer', min);
    if (!Number.isSafeInteger(max)) throw new codes.ERR_INVALID_ARG_TYPE('max', 'a safe integer', max);
    const lo = min as number;
    const hi = max as number;
    if (hi <= lo) throw new codes.ERR_OUT_OF_RANGE('max', `greater than the value of "min" (${lo})`, hi);
    const range = hi - lo;
    if (range > 2 ** 48) throw new codes.ERR_OUT_OF_RANGE('max - min', `<= ${2 ** 48}`, range);
    // Rejection sampling over 48-bit values: no modulo bias.
    const limit = 2 ** 48 - (2 ** 48 % range);
    const b = new Uint8Array(6);
    let x: number;
    do {
      fillBytes(b);
      x = b[0] * 2 ** 40 + b[1] * 2 ** 32 + b[2] * 2 ** 24 + b[3] * 2 ** 16 + b[4] * 2 ** 8 + b[5];
    } while (x >= limit);
    const value = lo + (x % range);
    if (typeof cb === 'function') {
      // Node calls back with an undefined error here (randomBytes and randomFill give null).
      (globalThis as any).process.nextTick(() => (cb as Function)(undefined, value));
      return undefined;
    }
    return value;
  }
  function getRandomValues<T extends ArrayBufferView | null>(array: T): T {
    const ok = array instanceof Int8Array || array instanceof Uint8Array || array instanceof Uint8ClampedArray ||
      array instanceof Int16Array || array instanceof Uint16Array || array instanceof Int32Array ||
      array instanceof Uint32Array || array instanceof BigInt64Array || array instanceof BigUint64Array;
    if (!ok) {
      const DOMExceptionCtor = (globalThis as any).DOMException;
      throw new DOMExceptionCtor("The data argument must be an integer-type TypedArray", 'TypeMismatchError');
    }
    const view = array as unknown as ArrayBufferView;
    if (view.byteLength > 65536) {
      const DOMExceptionCtor = (globalThis as any).DOMException;
      // Node 20.19+'s wording (earlier 20.x quoted the spec's longer sentence).
      throw new DOMExceptionCtor('The requested length exceeds 65,536 bytes', 'QuotaExceededError');
    }
    fillBytes(asBytes(view));
    return array;
  }
  return { randomBytes, randomFillSync, randomFill, randomUUID, randomInt, getRandomValues, pseudoRandomBytes: randomBytes, rng: randomBytes, prng: randomBytes };
}
