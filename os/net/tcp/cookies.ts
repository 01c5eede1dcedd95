// SYN cookies (RFC 4987 section 3.6): when a listener's half-open queue is full, the SYN-ACK's
// sequence number encodes what the listener would have stored, authenticated with a keyed hash,
// so the connection can be rebuilt from the client's ACK without keeping state for the SYN.
//
// Layout of the 32-bit cookie before it is hidden (added to a per-tuple hash H1, as Linux does,
// so cookie ISNs look like any other ISN to an observer):
//
//   31    27 26   24 23     20  19  18                  0
//   | time  | mss   | wscale  |sack|        MAC          |
//
// - time: a counter of 64-second periods mod 32; a cookie is valid in its period and the next
//   (between 64 and 128 s), which covers any SYN-ACK retransmission a client could answer.
// - mss: index into MSS_TABLE (the largest entry not above the client's MSS).
// - wscale: the client's window scale, 15 meaning "none" (RFC 7323 option not sent).
// - sack: the client sent SACK-permitted.
// - MAC: 19 bits of SipHash over (tuple, client ISN, time, the 8 data bits).
// A forged ACK passes with probability 2^-19 per try (Linux's cookies give about 2^-24 but keep no
// window scale or SACK without timestamps). Timestamps are not encoded: the client's ACK shows
// whether it uses them (RFC 7323 says a client that got TSopt in the SYN-ACK sends it on every
// segment).

import { SipHash } from './siphash';

export const MSS_TABLE = [256, 536, 1200, 1300, 1380, 1440, 1460, 8960];
const PERIOD_MS = 64_000;
const NO_WSCALE = 15;

export interface CookieOptions {
  mss: number;
  /** -1 when the client sent no window scale option. */
  windowScale: number;
  sackPermitted: boolean;
}

export class SynCookies {
  #macHash: SipHash;
  #hideHash: SipHash;
  #scratch = new Uint8Array(20);

  constructor(random: (n: number) => Uint8Array) {
    this.#macHash = new SipHash(random(16));
    this.#hideHash = new SipHash(random(16));
  }

  /** The ISN to send in a stateless SYN-ACK for this SYN. */
  encode(now: number, local: number, localPort: number, remote: number, remotePort: number,
    clientIsn: number, opts: CookieOptions): number {
    let mssIndex = 0;
    for (let i = MSS_TABLE.length - 1; i >= 0; i--) if (MSS_TABLE[i] <= opts.mss) { mssIndex = i; break; }
    const ws = opts.windowScale < 0 ? NO_WSCALE : Math.min(opts.windowScale, 14);
    const data = (mssIndex << 5) | (ws << 1) | (opts.sackPermitted ? 1 : 0);
    const t = period(now);
    const raw = ((t << 27) | (data << 19) | this.#mac(local, localPort, remote, remotePort, clientIsn, t, data)) >>> 0;
    return (raw + this.#hide(local, localPort, remote, remotePort)) >>> 0;
  }

  /**
   * Checks the ACK completing a cookie handshake: `ack` is SEG.ACK (our ISN + 1), `seq` is SEG.SEQ
   * (client ISN + 1). Returns the options the SYN carried, or undefined for a bad or stale cookie.
   */
  decode(now: number, local: number, localPort: number, remote: number, remotePort: number,
    seq: number, ack: number): CookieOptions | undefined {
    const ourIsn = (ack - 1) >>> 0;
    const clientIsn = (seq - 1) >>> 0;
    const raw = (ourIsn - this.#hide(local, localPort, remote, remotePort)) >>> 0;
    const t = raw >>> 27;
    const age = (period(now) - t) & 31;
    if (age > 1) return undefined;
    const data = (raw >>> 19) & 0xff;
    if ((raw & 0x7ffff) !== this.#mac(local, localPort, remote, remotePort, clientIsn, t, data)) return undefined;
    const ws = (data >>> 1) & 15;
    return { mss: MSS_TABLE[data >>> 5], windowScale: ws === NO_WSCALE ? -1 : ws, sackPermitted: (data & 1) === 1 };
  }

  #mac(local: number, localPort: number, remote: number, remotePort: number, clientIsn: number, t: number, data: number): number {
    const b = this.#fill(local, localPort, remote, remotePort);
    b[12] = clientIsn >>> 24; b[13] = clientIsn >>> 16; b[14] = clientIsn >>> 8; b[15] = clientIsn;
    b[16] = t; b[17] = data; b[18] = 0; b[19] = 0;
    return this.#macHash.hash(b, 20) & 0x7ffff;
  }

  #hide(local: number, localPort: number, remote: number, remotePort: number): number {
    return this.#hideHash.hash(this.#fill(local, localPort, remote, remotePort), 12);
  }

  #fill(local: number, localPort: number, remote: number, remotePort: number): Uint8Array {
    const b = this.#scratch;
    b[0] = local >>> 24; b[1] = local >>> 16; b[2] = local >>> 8; b[3] = local;
    b[4] = remote >>> 24; b[5] = remote >>> 16; b[6] = remote >>> 8; b[7] = remote;
    b[8] = localPort >>> 8; b[9] = localPort; b[10] = remotePort >>> 8; b[11] = remotePort;
    return b;
  }
}

function period(now: number): number {
  return Math.floor(now / PERIOD_MS) & 31;
}
