// node:crypto on Nephos: hashes (md5, sha1, sha224/256/384/512, sha512-224/256, md5-sha1),
// Hmac, hash(), timingSafeEqual, pbkdf2, scrypt, hkdf, the kernel CSPRNG's randomness
// (random.ts) and webcrypto (getRandomValues, randomUUID, subtle.digest). All of it is TypeScript
// (os/node/internal/crypto/); docs/compat.md has the throughput measured on the engine.
// Keys, ciphers, signatures, Diffie-Hellman and certificates are not implemented: those
// functions exist (so packages that reference them load) and throw ERR_NOT_SUPPORTED_ON_NEPHOS.
//
// Use: createCrypto(createRandom(fill), { defer }) where `defer` queues a completion for a later
// event-loop turn (the loop's poll phase, where Node's thread pool results arrive).
// The runtime builds this module at boot for globalThis.crypto, so the stream-based parts (Hash,
// Hmac, the KDFs) load on first use.
import { codes } from '../core/errors';
import { hashNames } from './internal/crypto/algorithms';
import type { Defer } from './internal/crypto/kdf-api';
import { createWebCrypto } from './internal/crypto/webcrypto';
import type { createRandom } from './random';

type HashModule = typeof import('./internal/crypto/hash');
let hashModule: HashModule | undefined;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const hashes = (): HashModule => (hashModule ??= require('./internal/crypto/hash') as HashModule);

export interface CryptoHost {
  defer: Defer;
}

const UNSUPPORTED_FUNCTIONS = [
  'createCipheriv', 'createDecipheriv', 'createSign', 'createVerify', 'sign', 'verify',
  'generateKeyPair', 'generateKeyPairSync', 'generateKey', 'generateKeySync', 'createPrivateKey',
  'createPublicKey', 'createSecretKey', 'createECDH', 'createDiffieHellman', 'createDiffieHellmanGroup',
  'getDiffieHellman', 'diffieHellman', 'publicEncrypt', 'privateDecrypt', 'privateEncrypt',
  'publicDecrypt', 'generatePrime', 'generatePrimeSync', 'checkPrime', 'checkPrimeSync', 'setEngine',
  'getCipherInfo', 'secureHeapUsed',
];
const UNSUPPORTED_CLASSES = [
  'Cipher', 'Cipheriv', 'Decipher', 'Decipheriv', 'Sign', 'Verify', 'DiffieHellman', 'DiffieHellmanGroup',
  'ECDH', 'KeyObject', 'X509Certificate', 'Certificate',
];

function unsupported(name: string): (...args: unknown[]) => never {
  const fn = function () {
    throw new codes.ERR_NOT_SUPPORTED_ON_NEPHOS(`crypto.${name}`);
  };
  Object.defineProperty(fn, 'name', { value: name });
  return fn;
}

/** The numeric constants of Node 20's crypto.constants (OpenSSL 3). */
const constants = Object.freeze(Object.assign(Object.create(null), {
  OPENSSL_VERSION_NUMBER: 805306672, SSL_OP_ALL: 2147485776, SSL_OP_NO_SSLv2: 0, SSL_OP_NO_SSLv3: 33554432,
  SSL_OP_NO_TLSv1: 67108864, SSL_OP_NO_TLSv1_1: 268435456, SSL_OP_NO_TLSv1_2: 134217728, SSL_OP_NO_TLSv1_3: 536870912,
  SSL_OP_NO_COMPRESSION: 131072, SSL_OP_NO_TICKET: 16384, SSL_OP_CIPHER_SERVER_PREFERENCE: 4194304,
  RSA_PKCS1_PADDING: 1, RSA_NO_PADDING: 3, RSA_PKCS1_OAEP_PADDING: 4, RSA_X931_PADDING: 5,
  RSA_PKCS1_PSS_PADDING: 6, RSA_PSS_SALTLEN_DIGEST: -1, RSA_PSS_SALTLEN_MAX_SIGN: -2, RSA_PSS_SALTLEN_AUTO: -2,
  TLS1_VERSION: 769, TLS1_1_VERSION: 770, TLS1_2_VERSION: 771, TLS1_3_VERSION: 772,
  POINT_CONVERSION_COMPRESSED: 2, POINT_CONVERSION_UNCOMPRESSED: 4, POINT_CONVERSION_HYBRID: 6,
}));

export function createCrypto(random: ReturnType<typeof createRandom>, host: CryptoHost) {
  let kdfs: ReturnType<typeof import('./internal/crypto/kdf-api').createKdfs> | undefined;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const kdf = () => (kdfs ??= (require('./internal/crypto/kdf-api') as typeof import('./internal/crypto/kdf-api')).createKdfs(host.defer));
  const web = createWebCrypto(random);
  const mod: Record<string, unknown> = {
    createHash: function createHash(algorithm: string, options?: unknown) { return new (hashes().Hash)(algorithm, options); },
    createHmac: function createHmac(hmac: string, key: unknown, options?: unknown) { return new (hashes().Hmac)(hmac, key, options); },
    getHashes: () => hashNames(),
    getCiphers: () => [],
    getCurves: () => [],
    getFips: () => 0,
    setFips(value: unknown) {
      if (value) throw new codes.ERR_NOT_SUPPORTED_ON_NEPHOS('crypto.setFips(true)');
    },
    hash: function hash(algorithm: unknown, data: unknown, outputEncoding?: unknown) { return hashes().oneShotHash(algorithm, data, outputEncoding); },
    timingSafeEqual: function timingSafeEqual(a: unknown, b: unknown) { return hashes().timingSafeEqual(a, b); },
    pbkdf2: function pbkdf2(...args: unknown[]) { return (kdf().pbkdf2 as Function)(...args); },
    pbkdf2Sync: function pbkdf2Sync(...args: unknown[]) { return (kdf().pbkdf2Sync as Function)(...args); },
    scrypt: function scrypt(...args: unknown[]) { return (kdf().scrypt as Function)(...args); },
    scryptSync: function scryptSync(...args: unknown[]) { return (kdf().scryptSync as Function)(...args); },
    hkdf: function hkdf(...args: unknown[]) { return (kdf().hkdf as Function)(...args); },
    hkdfSync: function hkdfSync(...args: unknown[]) { return (kdf().hkdfSync as Function)(...args); },
    ...random,
    constants,
    webcrypto: web.webcrypto,
    subtle: web.subtle,
    getRandomValues: (array: any) => random.getRandomValues(array),
  };
  for (const name of UNSUPPORTED_FUNCTIONS) mod[name] = unsupported(name);
  for (const name of UNSUPPORTED_CLASSES) mod[name] = unsupported(name);
  // The classes load with the stream module, on first access.
  for (const name of ['Hash', 'Hmac'] as const) {
    Object.defineProperty(mod, name, { get: () => hashes()[name], set(v) { Object.defineProperty(mod, name, { value: v, writable: true, configurable: true, enumerable: true }); }, enumerable: true, configurable: true });
  }
  return mod;
}
