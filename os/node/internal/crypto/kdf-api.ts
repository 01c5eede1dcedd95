// node:crypto's key derivation functions, Node 20's argument checks and errors (lib/internal/
// crypto/pbkdf2.js, scrypt.js, hkdf.js) over kdf.ts and scrypt.ts. The asynchronous forms run
// the derivation in a later event-loop turn (`defer`: the loop's I/O completion queue, as Node's
// thread pool completes in the poll phase) and call back with (err, key).
import { Buffer } from '../../buffer';
import { codes } from '../../../core/errors';
import { invalidArgType, outOfRange, validateFunction, validateInteger, validateString, withMessage } from '../validators';
import { bytesArg, digestFactory, stringBytes, viewBytes } from './hash';
import { hkdf as hkdfBytes, pbkdf2 as pbkdf2Bytes } from './kdf';
import { checkScryptParams, scrypt as scryptBytes } from './scrypt';

export type Defer = (fn: () => void) => void;

function validateInt32(value: unknown, name: string, min = -2147483648, max = 2147483647): asserts value is number {
  if (typeof value !== 'number') throw invalidArgType(name, 'number', value);
  if (!Number.isInteger(value)) throw outOfRange(name, 'an integer', value);
  if (value < min || value > max) throw outOfRange(name, `>= ${min} && <= ${max}`, value);
}

function validateUint32(value: unknown, name: string): asserts value is number {
  if (typeof value !== 'number') throw invalidArgType(name, 'number', value);
  if (!Number.isInteger(value)) throw outOfRange(name, 'an integer', value);
  if (value < 0 || value > 4294967295) throw outOfRange(name, '>= 0 && <= 4294967295', value);
}

function checkPbkdf2(password: unknown, salt: unknown, iterations: unknown, keylen: unknown, digest: unknown) {
  validateString(digest, 'digest');
  const pw = bytesArg(password, 'password');
  const s = bytesArg(salt, 'salt');
  validateInt32(iterations, 'iterations', 1);
  validateInt32(keylen, 'keylen', 0);
  const factory = digestFactory(digest);
  return () => pbkdf2Bytes(factory, pw, s, iterations, keylen);
}

export function createKdfs(defer: Defer) {
  function runJob(work: () => Uint8Array, callback: Function, wrap: (b: Uint8Array) => unknown): void {
    defer(() => {
      let result: Uint8Array;
      try {
        result = work();
      } catch (err) {
        callback(err);
        return;
      }
      callback(null, wrap(result));
    });
  }
  const toBuffer = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength);

  function pbkdf2Sync(password: unknown, salt: unknown, iterations: unknown, keylen: unknown, digest: unknown): Buffer {
    return toBuffer(checkPbkdf2(password, salt, iterations, keylen, digest)());
  }

  function pbkdf2(password: unknown, salt: unknown, iterations: unknown, keylen: unknown, digest: unknown, callback?: unknown): void {
    if (typeof digest === 'function') {
      callback = digest;
      digest = undefined;
    }
    const work = checkPbkdf2(password, salt, iterations, keylen, digest);
    validateFunction(callback, 'callback');
    runJob(work, callback as Function, toBuffer);
  }

  function checkScrypt(password: unknown, salt: unknown, keylen: unknown, options: unknown) {
    const pw = bytesArg(password, 'password');
    const s = bytesArg(salt, 'salt');
    validateInt32(keylen, 'keylen', 0);
    let N = 16384, r = 8, p = 1, maxmem = 32 << 20;
    if (options && typeof options === 'object') {
      const o = options as Record<string, unknown>;
      // Each parameter has a long name too; giving both is an error.
      const pick = (short: string, long: string, current: number): number => {
        let v = current;
        if (o[short] !== undefined) {
          validateUint32(o[short], short);
          v = o[short] as number;
        }
        if (o[long] !== undefined) {
          if (o[short] !== undefined) throw new codes.ERR_CRYPTO_SCRYPT_INVALID_PARAMETER();
          validateUint32(o[long], long);
          v = o[long] as number;
        }
        return v === 0 ? current : v;
      };
      N = pick('N', 'cost', N);
      r = pick('r', 'blockSize', r);
      p = pick('p', 'parallelization', p);
      if (o.maxmem !== undefined) {
        validateInteger(o.maxmem, 'maxmem', 0);
        if (o.maxmem !== 0) maxmem = o.maxmem as number;
      }
    }
    const check = checkScryptParams(N, r, p, maxmem);
    if (check === 'invalid') throw new codes.ERR_CRYPTO_INVALID_SCRYPT_PARAMS();
    if (check === 'memory') throw new codes.ERR_CRYPTO_INVALID_SCRYPT_PARAMS('error:030000AC:digital envelope routines::memory limit exceeded');
    return () => scryptBytes(pw, s, N, r, p, keylen);
  }

  function scryptSync(password: unknown, salt: unknown, keylen: unknown, options?: unknown): Buffer {
    return toBuffer(checkScrypt(password, salt, keylen, options)());
  }

  function scrypt(password: unknown, salt: unknown, keylen: unknown, options?: unknown, callback?: unknown): void {
    if (typeof options === 'function') {
      callback = options;
      options = undefined;
    }
    const work = checkScrypt(password, salt, keylen, options);
    validateFunction(callback, 'callback');
    runJob(work, callback as Function, toBuffer);
  }

  function checkHkdf(digest: unknown, ikm: unknown, salt: unknown, info: unknown, keylen: unknown) {
    validateString(digest, 'digest');
    let key: Uint8Array;
    if (typeof ikm === 'string') key = stringBytes(ikm, 'utf8');
    else if (ArrayBuffer.isView(ikm) || ikm instanceof ArrayBuffer) key = viewBytes(ikm);
    else throw invalidArgType('ikm', ['string', 'SecretKeyObject', 'ArrayBuffer', 'TypedArray', 'DataView', 'Buffer'], ikm);
    const s = bytesArg(salt, 'salt');
    const i = bytesArg(info, 'info');
    validateInteger(keylen, 'length', 0, 2 ** 32);
    if (i.byteLength > 1024) throw withMessage(outOfRange('info', 'must not contain more than 1024 bytes', i.byteLength), `The value of "info" is out of range. It must be must not contain more than 1024 bytes. Received ${i.byteLength}`);
    const factory = digestFactory(digest);
    // RFC 5869 2.3: L <= 255 * HashLen.
    if (keylen > 255 * factory().outLen) throw new codes.ERR_CRYPTO_INVALID_KEYLEN();
    return () => hkdfBytes(factory, key, s, i, keylen);
  }

  const toArrayBuffer = (b: Uint8Array): ArrayBuffer => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;

  function hkdfSync(digest: unknown, ikm: unknown, salt: unknown, info: unknown, keylen: unknown): ArrayBuffer {
    return toArrayBuffer(checkHkdf(digest, ikm, salt, info, keylen)());
  }

  function hkdf(digest: unknown, ikm: unknown, salt: unknown, info: unknown, keylen: unknown, callback: unknown): void {
    const work = checkHkdf(digest, ikm, salt, info, keylen);
    validateFunction(callback, 'callback');
    runJob(work, callback as Function, toArrayBuffer);
  }

  return { pbkdf2, pbkdf2Sync, scrypt, scryptSync, hkdf, hkdfSync };
}
