// An in-memory network between TcpLayers with a simulated clock, for end-to-end tests: each
// direction is a link with a fixed one-way delay, optional bandwidth (serialisation plus a
// drop-tail queue) and seeded faults — loss, duplication, reordering (extra random delay),
// corruption (a flipped byte, which the receiver's checksum must catch) and jitter. The same seed
// gives the same run. Time only moves when nothing is due now, so a run is fast regardless of
// the simulated duration.
//
// A typical use:
//   const net = new SimNetwork(new Prng(7), { delay: 5, loss: 0.1 });
//   const a = net.addHost(0x0a000001), b = net.addHost(0x0a000002);
//   b.tcp.listen(0, 80, { backlog: 8 }, (c) => ...);
//   const c = a.tcp.connect(net.now, a.addr, b.addr, 80);
//   net.runUntil(() => done, 600_000);

import { TcpLayer } from '../layer';
import type { TcpConfig } from '../config';
import { Prng } from './prng';

export interface LinkFaults {
  /** One-way delay in ms. */
  delay?: number;
  /** Uniform extra delay in [0, jitter) ms for every packet (can reorder). */
  jitter?: number;
  loss?: number;
  duplicate?: number;
  /** Probability that a packet is held back by reorderDelay (default 3 * delay + 1). */
  reorder?: number;
  reorderDelay?: number;
  corrupt?: number;
  /** Bytes per ms (e.g. 125_000 for 1 Gbit/s); undefined = unlimited. */
  bandwidth?: number;
  /** Queue limit in bytes when bandwidth is set (drop-tail). */
  queueLimit?: number;
}

export interface SimHost {
  addr: number;
  tcp: TcpLayer;
  /** Packets this host sent, and received. */
  sent: number;
  received: number;
}

interface InFlight {
  at: number;
  order: number;
  to: SimHost;
  src: number;
  dst: number;
  bytes: Uint8Array;
}

export class SimNetwork {
  now = 0;
  readonly hosts: SimHost[] = [];
  readonly rng: Prng;
  faults: LinkFaults;
  /** Counters of what the links did. */
  readonly link = { delivered: 0, lost: 0, duplicated: 0, reordered: 0, corrupted: 0, queueDrops: 0 };
  /** Optional tap on every packet put on the wire (a pcap-like trace for debugging). */
  tap?: (now: number, src: number, dst: number, bytes: Uint8Array) => void;
  #queue: InFlight[] = [];
  #order = 0;
  #pollAt = new Map<SimHost, number>();
  #linkFreeAt = new Map<string, number>();

  constructor(rng: Prng, faults: LinkFaults = {}) {
    this.rng = rng;
    this.faults = faults;
  }

  addHost(addr: number, config: Partial<TcpConfig> = {}): SimHost {
    const host: SimHost = { addr, tcp: undefined as unknown as TcpLayer, sent: 0, received: 0 };
    const seed = this.rng.u32();
    const keys = new Prng(seed);
    host.tcp = new TcpLayer({ random: keys.randomFn(), ...config, wake: () => { this.#pollAt.set(host, this.now); } });
    this.hosts.push(host);
    this.#pollAt.set(host, 0);
    return host;
  }

  /** Runs until `done()` is true or simulated time passes `limit` ms. Returns whether done. */
  runUntil(done: () => boolean, limit: number): boolean {
    for (;;) {
      if (done()) return true;
      const next = this.#nextEventTime();
      if (next === Infinity || next > limit) { this.now = Math.max(this.now, Math.min(limit, next)); return done(); }
      this.now = Math.max(this.now, next);
      this.#step();
    }
  }

  /** Runs until no packet is in flight and no host has a timer due before `limit`. */
  runIdle(limit: number): void {
    this.runUntil(() => false, limit);
  }

  #nextEventTime(): number {
    let t = Infinity;
    for (const p of this.#queue) if (p.at < t) t = p.at;
    for (const at of this.#pollAt.values()) if (at < t) t = at;
    return t;
  }

  #step(): void {
    const now = this.now;
    // Deliver everything due, in (time, order) order, then poll each host that got input.
    const due = this.#queue.filter((p) => p.at <= now).sort((a, b) => a.at - b.at || a.order - b.order);
    if (due.length) this.#queue = this.#queue.filter((p) => p.at > now);
    const touched = new Set<SimHost>();
    for (const p of due) {
      p.to.received++;
      this.link.delivered++;
      p.to.tcp.input(now, p.src, p.dst, p.bytes);
      touched.add(p.to);
    }
    for (const h of this.hosts) {
      const at = this.#pollAt.get(h)!;
      if (at <= now || touched.has(h)) this.#poll(h);
    }
  }

  #poll(h: SimHost): void {
    const next = h.tcp.poll(this.now, (src, dst, bytes) => this.#transmit(h, src, dst, bytes));
    this.#pollAt.set(h, next === undefined ? Infinity : Math.max(next, this.now + 1e-3));
  }

  #transmit(from: SimHost, src: number, dst: number, bytes: Uint8Array): void {
    from.sent++;
    this.tap?.(this.now, src, dst, bytes);
    const to = this.hosts.find((h) => h.addr === dst);
    if (!to) return;
    const f = this.faults;
    const rng = this.rng;
    let at = this.now;
    if (f.bandwidth) {
      const key = `${src}>${dst}`;
      const free = Math.max(this.#linkFreeAt.get(key) ?? 0, this.now);
      const backlog = (free - this.now) * f.bandwidth;
      if (f.queueLimit !== undefined && backlog + bytes.length > f.queueLimit) { this.link.queueDrops++; return; }
      const done = free + bytes.length / f.bandwidth;
      this.#linkFreeAt.set(key, done);
      at = done;
    }
    if (f.loss && rng.float() < f.loss) { this.link.lost++; return; }
    at += f.delay ?? 0;
    if (f.jitter) at += rng.float() * f.jitter;
    let copy = bytes.slice();
    if (f.corrupt && rng.float() < f.corrupt) {
      copy[rng.int(copy.length)] ^= 1 << rng.int(8);
      this.link.corrupted++;
    }
    if (f.reorder && rng.float() < f.reorder) {
      at += f.reorderDelay ?? 3 * (f.delay ?? 0) + 1;
      this.link.reordered++;
    }
    this.#queue.push({ at, order: this.#order++, to, src, dst, bytes: copy });
    if (f.duplicate && rng.float() < f.duplicate) {
      this.link.duplicated++;
      this.#queue.push({ at: at + rng.float() * (f.delay ?? 1), order: this.#order++, to, src, dst, bytes: bytes.slice() });
    }
  }
}

/** The deterministic byte at stream position i for a stream id (both ends compute it). */
export function streamByte(id: number, i: number): number {
  let x = Math.imul(i ^ Math.imul(id, 0x9e3779b1), 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  return (x ^ (x >>> 16)) & 0xff;
}

/** Fills a chunk of stream `id` starting at position `from`. */
export function streamChunk(id: number, from: number, n: number): Uint8Array {
  const b = new Uint8Array(n);
  for (let k = 0; k < n; k++) b[k] = streamByte(id, from + k);
  return b;
}
