// Initial sequence numbers (RFC 6528) and ephemeral port offsets (RFC 6056 section 3.3.3).
//
// RFC 6528 section 3: ISN = M + F(localip, localport, remoteip, remoteport, secretkey), where M is
// a clock ticking every 4 microseconds and F a keyed hash. Here F is SipHash-2-4 over the 4-tuple
// with a 16-byte key drawn once from the OS's random source, and M = floor(now * 250) from the
// monotonic millisecond clock. So ISNs for one 4-tuple increase with time (an old duplicate of a
// previous incarnation falls below the new ISN, RFC 9293 3.4.1) while an observer of one
// connection learns nothing about the ISN of another.
//
// RFC 6056 algorithm 3 picks the first ephemeral port to try as
//   offset = F(local, remote, remotePort, key2) + next_ephemeral
// so ports for different destinations are unrelated, and a per-layer counter moves on after each
// pick. Callers walk forward from the offset until a free port turns up.
//
// The same kind of keyed hash gives each connection's timestamp offset (RFC 7323 5.4).

import { SipHash } from './siphash';

/** 4 µs ticks per millisecond (RFC 6528 section 3: "M is the 4 microsecond timer"). */
const TICKS_PER_MS = 250;

export class IsnGenerator {
  #isnHash: SipHash;
  #portHash: SipHash;
  #tsHash: SipHash;
  #scratch = new Uint8Array(12);

  /** `random(n)` returns n unpredictable bytes (the OS's entropy source). */
  constructor(random: (n: number) => Uint8Array) {
    this.#isnHash = new SipHash(random(16));
    this.#portHash = new SipHash(random(16));
    this.#tsHash = new SipHash(random(16));
  }

  /** The ISN for a new connection on this 4-tuple at time `now` (ms). */
  isn(now: number, local: number, localPort: number, remote: number, remotePort: number): number {
    const f = this.#isnHash.hash(this.#tuple(local, localPort, remote, remotePort));
    const m = Math.floor(now * TICKS_PER_MS) % 0x100000000;
    return (m + f) >>> 0;
  }

  /** RFC 6056 algorithm 3's F(local, remote, remotePort, secret): where a port search starts. */
  portOffset(local: number, remote: number, remotePort: number): number {
    return this.#portHash.hash(this.#tuple(local, 0, remote, remotePort));
  }

  /**
   * The offset added to our timestamp clock for this 4-tuple (RFC 7323 5.4: a random offset per
   * connection, so TSval does not reveal uptime; derived from the tuple so a SYN cookie's SYN-ACK
   * and the connection rebuilt from it agree).
   */
  tsOffset(local: number, localPort: number, remote: number, remotePort: number): number {
    return this.#tsHash.hash(this.#tuple(local, localPort, remote, remotePort));
  }

  #tuple(local: number, localPort: number, remote: number, remotePort: number): Uint8Array {
    const b = this.#scratch;
    b[0] = local >>> 24; b[1] = local >>> 16; b[2] = local >>> 8; b[3] = local;
    b[4] = remote >>> 24; b[5] = remote >>> 16; b[6] = remote >>> 8; b[7] = remote;
    b[8] = localPort >>> 8; b[9] = localPort; b[10] = remotePort >>> 8; b[11] = remotePort;
    return b;
  }
}
