// The digest algorithms Nephos implements and the names OpenSSL (hence Node) accepts for them,
// case-insensitively: "sha256", "SHA-256", "RSA-SHA256", "sha256WithRSAEncryption", ...
// getHashes() lists the accepted names as Node 20 prints them (a subset of its 52: no SHA-3,
// SHAKE, BLAKE2, RIPEMD-160 or SM3 yet).
import type { HashFunction } from './block-hash';
import { Md5, Sha1 } from './md5-sha1';
import { Sha256, Sha512 } from './sha2';

export type HashFactory = () => HashFunction;

/** MD5 and SHA-1 side by side (TLS 1.0's PRF digest; OpenSSL's "md5-sha1"). */
class Md5Sha1 implements HashFunction {
  readonly blockLen = 64;
  readonly outLen = 36;
  constructor(private readonly md5: HashFunction = new Md5(), private readonly sha1: HashFunction = new Sha1()) {}
  update(data: Uint8Array): void {
    this.md5.update(data);
    this.sha1.update(data);
  }
  digest(): Uint8Array {
    const out = new Uint8Array(36);
    out.set(this.md5.digest(), 0);
    out.set(this.sha1.digest(), 16);
    return out;
  }
  clone(): HashFunction {
    return new Md5Sha1(this.md5.clone(), this.sha1.clone());
  }
}

const factories: Record<string, HashFactory> = {
  md5: () => new Md5(),
  sha1: () => new Sha1(),
  sha224: () => new Sha256(28),
  sha256: () => new Sha256(32),
  sha384: () => new Sha512(48),
  sha512: () => new Sha512(64),
  'sha512-224': () => new Sha512(28),
  'sha512-256': () => new Sha512(32),
  'md5-sha1': () => new Md5Sha1(),
};

/** Node's getHashes() entries for what is implemented, with the algorithm each names. */
const NAMES: [string, string][] = [
  ['RSA-MD5', 'md5'], ['RSA-SHA1', 'sha1'], ['RSA-SHA1-2', 'sha1'], ['RSA-SHA224', 'sha224'],
  ['RSA-SHA256', 'sha256'], ['RSA-SHA384', 'sha384'], ['RSA-SHA512', 'sha512'],
  ['RSA-SHA512/224', 'sha512-224'], ['RSA-SHA512/256', 'sha512-256'], ['md5', 'md5'],
  ['md5-sha1', 'md5-sha1'], ['md5WithRSAEncryption', 'md5'], ['sha1', 'sha1'],
  ['sha1WithRSAEncryption', 'sha1'], ['sha224', 'sha224'], ['sha224WithRSAEncryption', 'sha224'],
  ['sha256', 'sha256'], ['sha256WithRSAEncryption', 'sha256'], ['sha384', 'sha384'],
  ['sha384WithRSAEncryption', 'sha384'], ['sha512', 'sha512'], ['sha512-224', 'sha512-224'],
  ['sha512-224WithRSAEncryption', 'sha512-224'], ['sha512-256', 'sha512-256'],
  ['sha512-256WithRSAEncryption', 'sha512-256'], ['sha512WithRSAEncryption', 'sha512'],
  ['ssl3-md5', 'md5'], ['ssl3-sha1', 'sha1'],
];

// OpenSSL's other spellings ("SHA-256" is the NIST name, accepted since OpenSSL 3).
const EXTRA_ALIASES: [string, string][] = [
  ['sha-1', 'sha1'], ['sha-224', 'sha224'], ['sha-256', 'sha256'], ['sha-384', 'sha384'],
  ['sha-512', 'sha512'], ['sha-512/224', 'sha512-224'], ['sha-512/256', 'sha512-256'],
  ['sha512-224', 'sha512-224'], ['sha512-256', 'sha512-256'],
];

const byName = new Map<string, HashFactory>();
for (const [name, algo] of [...NAMES, ...EXTRA_ALIASES]) byName.set(name.toLowerCase(), factories[algo]);

/** The factory for an OpenSSL digest name, or undefined when it is not implemented. */
export function lookupHash(name: string): HashFactory | undefined {
  return byName.get(name.toLowerCase());
}

export function hashNames(): string[] {
  return NAMES.map(([n]) => n);
}
