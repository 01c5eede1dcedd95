// A simulated network for tests: endpoints (NetStacks or scripted peers) joined by links with seeded
// impairments, driven by one simulated clock.
//
// Each step at the current time polls every endpoint (collecting what it transmits), then delivers
// the frames that are due; it repeats until nothing more happens at this time, then advances the
// clock to the earliest of the endpoints' deadlines and the next delivery. Polling every endpoint at
// every step means no wake-up plumbing is needed: a test may call socket methods between runs.
//
// A link is a broadcast segment (like a switch without learning): a frame sent by one endpoint is
// delivered to every other endpoint on the link, each copy impaired independently:
//   loss, duplicate, reorder, corrupt: probabilities 0-0.3; delayMs: fixed latency; jitterMs: a
//   uniform extra delay; a reordered frame gets an extra 1-reorderMs delay so later frames pass it;
//   a corrupted frame has one random bit flipped.
// Every frame as transmitted is written to the simulation's pcap (before impairment).

import { Prng } from './prng';
import { PcapWriter } from './pcap';

export interface Endpoint {
  receive(now: number, frame: Uint8Array): void;
  poll(now: number, transmit: (frame: Uint8Array) => void): number | undefined;
}

export interface Impairment {
  loss?: number;
  duplicate?: number;
  reorder?: number;
  corrupt?: number;
  delayMs?: number;
  jitterMs?: number;
  reorderMs?: number;
}

interface Delivery { at: number; seq: number; to: Endpoint; frame: Uint8Array }

interface Attached { endpoint: Endpoint; name: string; links: Link[]; deadline: number | undefined }

export class Link {
  readonly members: Attached[] = [];
  stats = { sent: 0, delivered: 0, lost: 0, duplicated: 0, reordered: 0, corrupted: 0 };
  constructor(readonly impairment: Impairment) {}
}

export class Simulation {
  now: number;
  readonly prng: Prng;
  readonly pcap = new PcapWriter();
  /** Per-step callback for tests that watch every frame: (time, from, frame). */
  onFrame: ((now: number, from: string, frame: Uint8Array) => void) | undefined;
  #endpoints: Attached[] = [];
  #queue: Delivery[] = [];
  #seq = 0;

  constructor(opts: { seed?: number; start?: number } = {}) {
    this.prng = new Prng(opts.seed ?? 1);
    this.now = opts.start ?? 0;
  }

  /** A random(n) for a stack in this simulation (its own stream, derived from the seed). */
  random(): (n: number) => Uint8Array {
    return new Prng(this.prng.nextU32()).randomFn();
  }

  add(endpoint: Endpoint, name: string): Endpoint {
    this.#endpoints.push({ endpoint, name, links: [], deadline: undefined });
    return endpoint;
  }

  /** Joins endpoints (already added) on one link segment. */
  link(endpoints: Endpoint[], impairment: Impairment = {}): Link {
    const link = new Link(impairment);
    for (const e of endpoints) {
      const a = this.#endpoints.find((x) => x.endpoint === e);
      if (!a) throw new Error('Simulation.link: endpoint not added');
      link.members.push(a);
      a.links.push(link);
    }
    return link;
  }

  #transmit(from: Attached, frame: Uint8Array): void {
    const copy = frame.slice();
    this.pcap.write(this.now, copy);
    this.onFrame?.(this.now, from.name, copy);
    for (const link of from.links) {
      link.stats.sent++;
      const imp = link.impairment;
      for (const to of link.members) {
        if (to === from) continue;
        if (this.prng.chance(imp.loss ?? 0)) { link.stats.lost++; continue; }
        const copies = this.prng.chance(imp.duplicate ?? 0) ? 2 : 1;
        if (copies === 2) link.stats.duplicated++;
        for (let c = 0; c < copies; c++) {
          let at = this.now + (imp.delayMs ?? 1) + (imp.jitterMs ? this.prng.next() * imp.jitterMs : 0) + c * 0.1;
          if (this.prng.chance(imp.reorder ?? 0)) { at += 1 + this.prng.int(imp.reorderMs ?? 10); link.stats.reordered++; }
          let f = copy;
          if (this.prng.chance(imp.corrupt ?? 0) && f.length) {
            f = f.slice();
            f[this.prng.int(f.length)] ^= 1 << this.prng.int(8);
            link.stats.corrupted++;
          }
          this.#queue.push({ at, seq: this.#seq++, to: to.endpoint, frame: f });
        }
      }
    }
  }

  /** Runs everything due at the current time. */
  #settle(): void {
    for (let i = 0; ; i++) {
      if (i > 100000) throw new Error('Simulation: no progress at one instant (poll loop)');
      let activity = false;
      for (const a of this.#endpoints) {
        if (a.deadline !== undefined && a.deadline < this.now) a.deadline = this.now;
        a.deadline = a.endpoint.poll(this.now, (frame) => { activity = true; this.#transmit(a, frame); });
      }
      this.#queue.sort((x, y) => x.at - y.at || x.seq - y.seq);
      while (this.#queue.length && this.#queue[0].at <= this.now) {
        const d = this.#queue.shift()!;
        d.to.receive(this.now, d.frame);
        activity = true;
      }
      const dueNow = this.#endpoints.some((a) => a.deadline !== undefined && a.deadline <= this.now);
      if (!activity && !dueNow) return;
      if (!activity && dueNow && i > 1000) throw new Error('Simulation: an endpoint keeps asking to run now');
    }
  }

  #nextEvent(): number | undefined {
    let next: number | undefined;
    for (const a of this.#endpoints) if (a.deadline !== undefined && (next === undefined || a.deadline < next)) next = a.deadline;
    if (this.#queue.length && (next === undefined || this.#queue[0].at < next)) next = this.#queue[0].at;
    return next;
  }

  /** Runs until `predicate()` holds (checked after every instant) or `timeoutMs` of simulated time pass. */
  runUntil(predicate: () => boolean, timeoutMs = 60_000): boolean {
    const end = this.now + timeoutMs;
    for (;;) {
      this.#settle();
      if (predicate()) return true;
      const next = this.#nextEvent();
      if (next === undefined || next > end) { this.now = Math.max(this.now, end); this.#settle(); return predicate(); }
      this.now = Math.max(next, this.now);
    }
  }

  /** Runs for `ms` of simulated time. */
  run(ms: number): void {
    this.runUntil(() => false, ms);
  }
}
