// Bearer-token authentication for the management API's network listener (`--api-port`).
//
// The host tool generates two random tokens per instance (read-write and read-only, 32 bytes each,
// base64url) and keeps them in the instance's state directory (mode 0600); the guest gets only
// their SHA-256 digests on the kernel command line, so the command line (visible in `ps` on the
// host, and to the application through its own means) never carries a usable secret. A request
// carries `Authorization: Bearer <token>` (RFC 6750 section 2.1); the guest hashes the token and
// compares digests in constant time.
//
// The control channel (a host-only Unix socket, mode 0600) needs no token: reaching it already
// proves the caller is the instance's owner, so it gets the read-write scope.
import { Sha256 } from '../node/internal/crypto/sha2';
import { encodeUtf8 } from '../core/utf8';

export interface TokenDigests {
  /** Hex SHA-256 of the read-write token. */
  rw: string;
  /** Hex SHA-256 of the read-only token. */
  ro: string;
}

export function sha256Hex(text: string): string {
  const h = new Sha256();
  h.update(encodeUtf8(text));
  let out = '';
  for (const b of h.digest()) out += (b < 16 ? '0' : '') + b.toString(16);
  return out;
}

/** Compares two equal-length strings without an early exit. */
function sameString(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

const BEARER = /^Bearer ([A-Za-z0-9\-._~+/]+=*)$/;

/**
 * The scope an Authorization header grants: 'rw', 'ro', or undefined (401). Without digests
 * (a listener configured without tokens) nothing is granted: the network listener never runs open.
 */
export function scopeOf(authorization: string | undefined, digests: TokenDigests | undefined): 'rw' | 'ro' | undefined {
  if (!digests || authorization === undefined) return undefined;
  const m = BEARER.exec(authorization);
  if (!m) return undefined;
  const digest = sha256Hex(m[1]);
  // Both comparisons always run, so timing does not tell which token matched.
  const rw = sameString(digest, digests.rw);
  const ro = sameString(digest, digests.ro);
  return rw ? 'rw' : ro ? 'ro' : undefined;
}
