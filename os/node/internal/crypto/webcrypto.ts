// The Web Crypto object (crypto.webcrypto, globalThis.crypto): getRandomValues and randomUUID from
// the kernel CSPRNG, subtle.digest over the TypeScript digests (W3C WebCryptoAPI 14.3.5; names
// SHA-1, SHA-256, SHA-384, SHA-512, case-insensitive, as a string or { name }). Every other
// SubtleCrypto method rejects with a NotSupportedError DOMException: keys, ciphers and
// signatures are not implemented on Nephos yet.
import { DOMException } from '../polyfills/dom-exception';
import { invalidArgType, withMessage } from '../validators';
import { lookupHash } from './algorithms';

const DIGESTS: Record<string, string> = { 'sha-1': 'sha1', 'sha-256': 'sha256', 'sha-384': 'sha384', 'sha-512': 'sha512' };

function bufferSource(data: unknown): Uint8Array {
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength).slice();
  if (data instanceof ArrayBuffer) return new Uint8Array(data).slice();
  throw withMessage(invalidArgType('data', ['ArrayBuffer', 'Buffer', 'TypedArray', 'DataView'], data),
    "Failed to execute 'digest' on 'SubtleCrypto': 2nd argument is not instance of ArrayBuffer, Buffer, TypedArray, or DataView.");
}

const kSubtle = Symbol('kSubtle');

export class SubtleCrypto {
  constructor(key?: unknown) {
    if (key !== kSubtle) throw new TypeError('Illegal constructor');
  }

  digest(algorithm: unknown, data: unknown): Promise<ArrayBuffer> {
    return new Promise((resolve) => {
      const name = typeof algorithm === 'string' ? algorithm : (algorithm as { name?: unknown } | null)?.name;
      const algo = typeof name === 'string' ? DIGESTS[name.toLowerCase()] : undefined;
      // The data is copied before the algorithm check, as Node's WebIDL conversion does.
      const bytes = bufferSource(data);
      if (!algo) throw new DOMException('Unrecognized algorithm name', 'NotSupportedError');
      const h = lookupHash(algo)!();
      h.update(bytes);
      const out = h.digest();
      resolve(out.buffer.slice(out.byteOffset, out.byteOffset + out.byteLength) as ArrayBuffer);
    });
  }
}

for (const name of ['encrypt', 'decrypt', 'sign', 'verify', 'generateKey', 'deriveKey', 'deriveBits', 'importKey', 'exportKey', 'wrapKey', 'unwrapKey']) {
  Object.defineProperty(SubtleCrypto.prototype, name, {
    value: function notSupported(): Promise<never> {
      return Promise.reject(new DOMException(`SubtleCrypto.${name} is not supported on Nephos yet`, 'NotSupportedError'));
    },
    writable: true, configurable: true, enumerable: true,
  });
}

/** Keys are not implemented (importKey and generateKey reject); the class exists as in Node 20. */
export class CryptoKey {
  constructor() {
    throw new TypeError('Illegal constructor');
  }
}

export function createWebCrypto(random: { getRandomValues: Function; randomUUID: Function }) {
  const subtle = new SubtleCrypto(kSubtle);
  let made = false;
  class Crypto {
    constructor() {
      // One instance (globalThis.crypto); `new Crypto()` from user code is illegal, as in Node.
      if (made) throw new TypeError('Illegal constructor');
      made = true;
    }
    get subtle(): SubtleCrypto { return subtle; }
    getRandomValues<T>(array: T): T { return random.getRandomValues(array); }
    randomUUID(): string { return random.randomUUID(); }
  }
  return { webcrypto: new Crypto(), subtle, SubtleCrypto, Crypto, CryptoKey };
}
