// node:crypto's Hash and Hmac (Node 20 lib/internal/crypto/hash.js): LazyTransform streams over
// the TypeScript digests. Errors and edge cases follow Node: a second digest() of a Hash throws
// ERR_CRYPTO_HASH_FINALIZED, of an Hmac returns an empty result; an unknown output encoding
// returns a Buffer; an unknown input encoding reads the string as UTF-8; odd-length hex input is
// ERR_INVALID_ARG_VALUE.
import { Buffer } from '../../buffer';
import { codes } from '../../../core/errors';
import { invalidArgType, invalidArgValue, validateString, withMessage } from '../validators';
import type { HashFunction } from './block-hash';
import { lookupHash, type HashFactory } from './algorithms';
import { HmacFunction } from './kdf';
import { LazyTransform } from './lazy-transform';

const kHandle = Symbol('kHandle');
const kState = Symbol('kState');
const kFinalized = Symbol('kFinalized');

/** Bytes of `s` in `encoding` (unknown encodings read as UTF-8, as Node's StringBytes). */
export function stringBytes(s: string, encoding: unknown): Uint8Array {
  const enc = typeof encoding === 'string' && Buffer.isEncoding(encoding) ? encoding : 'utf8';
  return Buffer.from(s, enc as BufferEncoding);
}

export function viewBytes(v: ArrayBufferView | ArrayBuffer): Uint8Array {
  if (ArrayBuffer.isView(v)) return new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
  return new Uint8Array(v);
}

/** A digest in the requested encoding: a Buffer for 'buffer', undefined or unknown names. */
export function encodeOutput(bytes: Uint8Array, encoding: unknown): Buffer | string {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (typeof encoding === 'string' && encoding !== 'buffer' && Buffer.isEncoding(encoding)) return buf.toString(encoding as BufferEncoding);
  return buf;
}

/** Node's getArrayBufferOrView(): strings in `encoding`, any ArrayBuffer or view. */
export function bytesArg(value: unknown, name: string, encoding?: string): Uint8Array {
  if (typeof value === 'string') return stringBytes(value, encoding);
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return viewBytes(value);
  throw invalidArgType(name, ['string', 'ArrayBuffer', 'Buffer', 'TypedArray', 'DataView'], value);
}

/** The digest for an OpenSSL name; Node's createHash reports an unknown one as OpenSSL does. */
export function hashFactory(name: string): HashFactory {
  const f = lookupHash(name);
  if (!f) throw new Error('Digest method not supported');
  return f;
}

/** The digest for HMAC, PBKDF2 and HKDF: an unknown name is ERR_CRYPTO_INVALID_DIGEST. */
export function digestFactory(name: string): HashFactory {
  const f = lookupHash(name);
  if (!f) throw new codes.ERR_CRYPTO_INVALID_DIGEST(name);
  return f;
}

function validateEncoding(data: string, encoding: unknown): void {
  const normalized = typeof encoding === 'string' ? encoding.toLowerCase() : '';
  if (normalized === 'hex' && data.length % 2 !== 0) {
    throw invalidArgValue('encoding', encoding, `is invalid for data of length ${data.length}`);
  }
}

interface HashLike {
  [kHandle]: HashFunction;
  [kState]: { [kFinalized]: boolean };
  push(chunk: unknown): boolean;
}

function update(this: HashLike, data: unknown, encoding?: unknown): HashLike {
  if (this[kState][kFinalized]) throw new codes.ERR_CRYPTO_HASH_FINALIZED();
  if (typeof data === 'string') {
    validateEncoding(data, encoding);
    this[kHandle].update(stringBytes(data, encoding));
  } else if (ArrayBuffer.isView(data)) {
    this[kHandle].update(viewBytes(data));
  } else {
    throw invalidArgType('data', ['string', 'Buffer', 'TypedArray', 'DataView'], data);
  }
  return this;
}

function transform(this: HashLike, chunk: unknown, encoding: string, callback: () => void): void {
  this[kHandle].update(typeof chunk === 'string' ? stringBytes(chunk, encoding) : viewBytes(chunk as ArrayBufferView));
  callback();
}

function flush(this: HashLike, callback: () => void): void {
  this.push(Buffer.from(this[kHandle].digest()));
  callback();
}

export interface Hash extends HashLike {
  _options: unknown;
  update(data: string | ArrayBufferView, encoding?: string): this;
  digest(encoding?: string): Buffer | string;
  copy(options?: unknown): Hash;
}

export const Hash = function Hash(this: Hash, algorithm: unknown, options?: unknown): Hash | void {
  if (!(this instanceof Hash)) return new (Hash as any)(algorithm, options);
  let handle: HashFunction;
  if (algorithm instanceof HashHandle) {
    handle = algorithm.fn.clone();
  } else {
    validateString(algorithm, 'algorithm');
    handle = hashFactory(algorithm)();
  }
  const xofLen = typeof options === 'object' && options !== null ? (options as { outputLength?: unknown }).outputLength : undefined;
  if (xofLen !== undefined) {
    if (typeof xofLen !== 'number') throw invalidArgType('options.outputLength', 'number', xofLen);
    // None of the implemented digests is an XOF: only their own length is accepted.
    if (xofLen !== handle.outLen) {
      const err = new Error('error:030000B2:digital envelope routines::not XOF or invalid length');
      (err as any).code = 'ERR_OSSL_EVP_NOT_XOF_OR_INVALID_LENGTH';
      throw err;
    }
  }
  this[kHandle] = handle;
  this[kState] = { [kFinalized]: false };
  (LazyTransform as any).call(this, options);
} as unknown as { new (algorithm: string, options?: unknown): Hash; (algorithm: string, options?: unknown): Hash; prototype: Hash };

/** Wraps a state for Hash.copy() (Node passes its native handle the same way). */
class HashHandle {
  constructor(readonly fn: HashFunction) {}
}

Object.setPrototypeOf(Hash.prototype, LazyTransform.prototype);
Object.setPrototypeOf(Hash, LazyTransform);
Object.defineProperties(Hash.prototype, {
  copy: {
    value: function copy(this: Hash, options?: unknown): Hash {
      if (this[kState][kFinalized]) throw new codes.ERR_CRYPTO_HASH_FINALIZED();
      return new (Hash as any)(new HashHandle(this[kHandle]), options);
    },
    writable: true, configurable: true,
  },
  _transform: { value: transform, writable: true, configurable: true },
  _flush: { value: flush, writable: true, configurable: true },
  update: { value: update, writable: true, configurable: true },
  digest: {
    value: function digest(this: Hash, outputEncoding?: unknown): Buffer | string {
      if (this[kState][kFinalized]) throw new codes.ERR_CRYPTO_HASH_FINALIZED();
      const out = encodeOutput(this[kHandle].digest(), outputEncoding === undefined ? 'buffer' : `${outputEncoding}`);
      this[kState][kFinalized] = true;
      return out;
    },
    writable: true, configurable: true,
  },
});

/** Node's prepareSecretKey() without KeyObjects: strings, ArrayBuffers and views. */
function secretKey(key: unknown, encoding: unknown): Uint8Array {
  if (typeof key === 'string') return stringBytes(key, encoding);
  if (ArrayBuffer.isView(key) || key instanceof ArrayBuffer) return viewBytes(key);
  if (key && typeof key === 'object' && (key as { type?: unknown }).type === 'secret' && typeof (key as { export?: unknown }).export === 'function') {
    return viewBytes((key as { export(): Uint8Array }).export());
  }
  throw invalidArgType('key', ['ArrayBuffer', 'Buffer', 'TypedArray', 'DataView', 'string', 'KeyObject', 'CryptoKey'], key);
}

export interface Hmac extends Hash {}

export const Hmac = function Hmac(this: Hmac, hmac: unknown, key: unknown, options?: unknown): Hmac | void {
  if (!(this instanceof Hmac)) return new (Hmac as any)(hmac, key, options);
  validateString(hmac, 'hmac');
  const encoding = options && typeof options === 'object' ? (options as { encoding?: unknown }).encoding : undefined;
  if (encoding !== undefined && encoding !== null && typeof encoding !== 'string') throw invalidArgType('options.encoding', 'string', encoding);
  const bytes = secretKey(key, encoding);
  this[kHandle] = HmacFunction.create(digestFactory(hmac), bytes);
  this[kState] = { [kFinalized]: false };
  (LazyTransform as any).call(this, options);
} as unknown as { new (hmac: string, key: unknown, options?: unknown): Hmac; (hmac: string, key: unknown, options?: unknown): Hmac; prototype: Hmac };

Object.setPrototypeOf(Hmac.prototype, LazyTransform.prototype);
Object.setPrototypeOf(Hmac, LazyTransform);
Object.defineProperties(Hmac.prototype, {
  update: { value: update, writable: true, configurable: true },
  _transform: { value: transform, writable: true, configurable: true },
  _flush: { value: flush, writable: true, configurable: true },
  digest: {
    value: function digest(this: Hmac, outputEncoding?: unknown): Buffer | string {
      const enc = outputEncoding === undefined || outputEncoding === null || outputEncoding === '' ? 'buffer' : `${outputEncoding}`;
      // A second digest() of an Hmac is empty rather than an error (Node keeps this for compatibility).
      if (this[kState][kFinalized]) return encodeOutput(new Uint8Array(0), enc);
      const out = encodeOutput(this[kHandle].digest(), enc);
      this[kState][kFinalized] = true;
      return out;
    },
    writable: true, configurable: true,
  },
});

/** crypto.hash(algorithm, data, outputEncoding = 'hex') (Node 20.12+): one-shot digest. */
export function oneShotHash(algorithm: unknown, input: unknown, outputEncoding: unknown = 'hex'): Buffer | string {
  validateString(algorithm, 'algorithm');
  if (typeof input !== 'string' && !ArrayBuffer.isView(input)) {
    throw invalidArgType('input', ['Buffer', 'TypedArray', 'DataView', 'string'], input);
  }
  let encoding = outputEncoding;
  if (outputEncoding !== 'hex') {
    validateString(outputEncoding, 'outputEncoding');
    if (outputEncoding.toLowerCase() === 'buffer') encoding = 'buffer';
    else if (!Buffer.isEncoding(outputEncoding)) throw invalidArgValue('outputEncoding', outputEncoding);
  }
  const h = hashFactory(algorithm)();
  h.update(typeof input === 'string' ? stringBytes(input, 'utf8') : viewBytes(input));
  return encodeOutput(h.digest(), encoding);
}

/** timingSafeEqual: compares every byte whatever the first difference (no early exit). */
export function timingSafeEqual(buf1: unknown, buf2: unknown): boolean {
  const check = (v: unknown, name: string): Uint8Array => {
    if (ArrayBuffer.isView(v) || v instanceof ArrayBuffer) return viewBytes(v);
    // Node's message here comes from C++ and has no "Received ..." part.
    throw withMessage(invalidArgType(name, ['ArrayBuffer', 'Buffer', 'TypedArray', 'DataView'], v),
      `The "${name}" argument must be an instance of ArrayBuffer, Buffer, TypedArray, or DataView.`);
  };
  const a = check(buf1, 'buf1');
  const b = check(buf2, 'buf2');
  if (a.length !== b.length) throw new codes.ERR_CRYPTO_TIMING_SAFE_EQUAL_LENGTH();
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}
