// A test bed for the Node networking modules: hosts on the simulated network of
// os/net/tcp/testing/network.ts (TcpLayers with a virtual clock and seeded faults), each with its
// own NetProvider, NetRuntime and createNetModules(), plus a UDP path between the hosts' UdpLayers
// and a scripted DNS resolver. Time is virtual: it only moves when nothing is runnable, so a
// test of a 120 s timeout takes milliseconds.
//
// A typical use:
//   const bed = new TestBed();
//   const server = bed.host(SERVER), client = bed.host(CLIENT);
//   const srv = server.mods.net.createServer((s) => s.end('hi')).listen(80);
//   const sock = client.mods.net.connect(80, '10.0.0.2');
//   const data = await bed.until(collect(sock));   // drives the network until the promise settles
//
// The bed runs host Node's nextTick/microtask queue between network steps (one setImmediate per
// step), runs deferred and close callbacks like the loop's poll and close phases, and fires
// virtual timers in order. When nothing at all is pending and the promise has not settled, it
// fails with "stuck" instead of hanging.

import { SimNetwork, type LinkFaults, type SimHost } from '../../../../net/tcp/testing/network';
import { Prng } from '../../../../net/tcp/testing/prng';
import type { TcpConfig } from '../../../../net/tcp/config';
import { UdpLayer } from '../../../../net/udp';
import { type DnsRecord, TYPE_A } from '../../../../net/wire/dns';
import { createNetModules, type NetModules } from '../modules';
import type { DnsErrorCode, DnsProvider, DnsQueryOptions, DnsServer, NetHandle, NetProvider, NetRuntime, NetTimer } from '../provider';

export const CLIENT = 0x0a000001; // 10.0.0.1
export const SERVER = 0x0a000002; // 10.0.0.2

interface VTimer extends NetTimer {
  at: number;
  ms: number;
  fn: () => void;
  live: boolean;
}

class Handle implements NetHandle {
  active = false;
  refed = true;
  constructor(private readonly host: BedHost) {}
  start(): void { if (!this.active) { this.active = true; this.host.handles.add(this); } }
  stop(): void { if (this.active) { this.active = false; this.host.handles.delete(this); } }
  ref(): void { this.refed = true; }
  unref(): void { this.refed = false; }
  hasRef(): boolean { return this.refed; }
}

/** A scripted resolver: names map to answer records or to an error; answers take `delay` ms. */
export class FakeDns implements DnsProvider {
  readonly zone = new Map<string, DnsRecord[] | DnsErrorCode>();
  serverList: DnsServer[] = [{ address: 0x0a000035, port: 53 }];
  readonly queries: { name: string; type: number; opts: DnsQueryOptions }[] = [];
  delay = 5;
  constructor(private readonly bed: TestBed) {}

  /** Adds A records for a name. */
  a(name: string, ...addresses: number[]): this {
    this.zone.set(name.toLowerCase(), addresses.map((address) => ({ name, type: TYPE_A, class: 1, ttl: 300, data: { kind: 'A', address } })));
    return this;
  }

  query(name: string, type: number, opts: DnsQueryOptions, done: (err: DnsErrorCode | null, answers?: DnsRecord[]) => void): { cancel(): void } {
    this.queries.push({ name, type, opts });
    const entry = this.zone.get(name.toLowerCase().replace(/\.$/, ''));
    const timeout = (opts.timeout ?? 5000) * (opts.tries ?? 4);
    const t = this.bed.timer(() => {
      if (entry === undefined) done('ENOTFOUND');
      else if (entry === 'ETIMEOUT') done('ETIMEOUT');
      else if (typeof entry === 'string') done(entry);
      else done(null, entry.filter((r) => r.type === type || r.type === 5 || type === 255));
    }, entry === 'ETIMEOUT' ? timeout : this.delay, true);
    return { cancel: () => t.close() };
  }

  servers(): DnsServer[] { return this.serverList; }
  setServers(servers: DnsServer[]): void { this.serverList = servers; }
}

export class BedHost {
  readonly handles = new Set<Handle>();
  readonly mods: NetModules;
  readonly provider: NetProvider;
  readonly udp: UdpLayer;
  readonly dns: FakeDns;
  /** Set to false to simulate a machine without network. */
  online = true;

  constructor(readonly bed: TestBed, readonly sim: SimHost) {
    this.dns = new FakeDns(bed);
    const rng = new Prng(sim.addr);
    this.udp = new UdpLayer({
      random: (n) => { const b = new Uint8Array(n); for (let i = 0; i < n; i++) b[i] = rng.int(256); return b; },
      sourceFor: () => sim.addr,
      isLocalAddress: (a) => a === sim.addr,
      isBroadcastAddress: (a) => a === 0xffffffff || a === 0x0a0000ff,
      output: (_now, src, dst, datagram) => { bed.sendUdp(src, dst, datagram); return undefined; },
      drop: () => {},
    });
    this.provider = {
      tcp: sim.tcp,
      udp: this.udp,
      dns: this.dns,
      now: () => bed.net.now,
      sourceAddress: (dst) => (bed.net.hosts.some((h) => h.addr === dst) ? sim.addr : undefined),
      isLocalAddress: (a) => a === sim.addr,
      networkInterfaces: () => ({
        eth0: [{ address: ipText(sim.addr), netmask: '255.255.255.0', family: 'IPv4', mac: '52:54:00:12:34:56', internal: false, cidr: `${ipText(sim.addr)}/24` }],
      }),
    };
    const rt: NetRuntime = {
      nextTick: (fn, ...args) => process.nextTick(fn, ...args),
      defer: (fn) => { bed.deferred.push(fn); },
      onClose: (fn) => { bed.closing.push(fn); },
      handle: () => new Handle(this),
      unrefTimer: (fn, ms) => bed.timer(fn, ms, false),
      wallMs: () => 1_700_000_000_000 + bed.net.now,
      now: () => bed.net.now,
    };
    this.mods = createNetModules(() => (this.online ? this.provider : undefined), rt);
  }

  get addr(): number { return this.sim.addr; }

  /** Handles that would keep a real event loop alive (active and referenced). */
  get refs(): number {
    let n = 0;
    for (const h of this.handles) if (h.refed) n++;
    return n;
  }
}

export function ipText(a: number): string {
  return `${a >>> 24}.${(a >>> 16) & 0xff}.${(a >>> 8) & 0xff}.${a & 0xff}`;
}

export class TestBed {
  readonly net: SimNetwork;
  readonly hosts = new Map<number, BedHost>();
  deferred: (() => void)[] = [];
  closing: (() => void)[] = [];
  /** Virtual timers, and whether each keeps the bed "alive". */
  #timers: VTimer[] = [];
  #udpQueue: { at: number; src: number; dst: number; bytes: Uint8Array }[] = [];
  steps = 0;

  constructor(opts: { seed?: number; faults?: LinkFaults; tcp?: Partial<TcpConfig> } = {}) {
    this.net = new SimNetwork(new Prng(opts.seed ?? 1), opts.faults ?? { delay: 1 });
    this.tcpConfig = opts.tcp ?? {};
  }
  readonly tcpConfig: Partial<TcpConfig>;

  host(addr: number, tcp: Partial<TcpConfig> = {}): BedHost {
    let h = this.hosts.get(addr);
    if (!h) {
      h = new BedHost(this, this.net.addHost(addr, { ...this.tcpConfig, ...tcp }));
      this.hosts.set(addr, h);
    }
    return h;
  }

  get now(): number { return this.net.now; }

  timer(fn: () => void, ms: number, _refed: boolean): VTimer {
    const bed = this;
    const t: VTimer = {
      at: this.net.now + Math.max(1, ms), ms: Math.max(1, ms), fn, live: true,
      refresh() { t.at = bed.net.now + t.ms; if (!t.live) { t.live = true; bed.#timers.push(t); } return t; },
      close() { t.live = false; return t; },
    };
    this.#timers.push(t);
    return t;
  }

  sendUdp(src: number, dst: number, bytes: Uint8Array): void {
    this.#udpQueue.push({ at: this.net.now + (this.net.faults.delay ?? 0), src, dst, bytes: bytes.slice() });
  }

  /** One deferred (poll phase) or close-phase callback per step: host ticks run between them. */
  #runQueues(): boolean {
    const d = this.deferred.shift();
    if (d) { d(); return true; }
    const c = this.closing.shift();
    if (c) { c(); return true; }
    return false;
  }

  #fireDue(): boolean {
    const now = this.net.now;
    let ran = false;
    this.#timers = this.#timers.filter((t) => t.live);
    const due = this.#timers.filter((t) => t.at <= now).sort((a, b) => a.at - b.at);
    for (const t of due) {
      if (!t.live || t.at > now) continue;
      t.live = false;
      ran = true;
      t.fn();
    }
    const udp = this.#udpQueue.filter((p) => p.at <= now);
    if (udp.length) {
      this.#udpQueue = this.#udpQueue.filter((p) => p.at > now);
      for (const p of udp) {
        ran = true;
        const bcast = p.dst === 0xffffffff || p.dst === 0x0a0000ff;
        for (const h of this.hosts.values()) {
          if (h.addr === p.dst || (bcast && h.addr !== p.src)) h.udp.input(now, p.src, bcast ? p.dst : h.addr, p.bytes, bcast);
        }
      }
    }
    return ran;
  }

  #nextTimerAt(): number {
    let t = Infinity;
    for (const x of this.#timers) if (x.live && x.at < t) t = x.at;
    for (const p of this.#udpQueue) if (p.at < t) t = p.at;
    return t;
  }

  /** Drives everything until `p` settles (or fails after `limitMs` of virtual time). */
  async until<T>(p: Promise<T>, limitMs = 600_000): Promise<T> {
    let settled = false;
    p.then(() => { settled = true; }, () => { settled = true; });
    const deadline = this.net.now + limitMs;
    while (!settled) {
      await new Promise((r) => setImmediate(r));
      if (settled) break;
      this.steps++;
      if (this.#runQueues()) continue;
      if (this.#fireDue()) continue;
      if (this.net.now >= deadline) throw new Error(`bed: not settled after ${limitMs} ms of virtual time (stuck at ${this.net.now})`);
      const limit = Math.min(deadline, this.#nextTimerAt());
      let n = 0;
      this.net.runUntil(() => n++ > 0, limit);
    }
    return p;
  }

  /** Runs for `ms` of virtual time. */
  async run(ms: number): Promise<void> {
    const end = this.net.now + ms;
    let done = false;
    const timer = this.timer(() => { done = true; }, ms, true);
    await this.until(new Promise<void>((resolve) => {
      const check = () => (done ? resolve() : setImmediate(check));
      check();
    }), ms + 1);
    timer.close();
    if (this.net.now < end) this.net.now = end;
  }
}

// ---- helpers for tests ----

/** Resolves with everything a readable stream emits, as one Buffer, at 'end'. */
export function collect(stream: NodeJS.EventEmitter & { on(ev: string, fn: (...a: any[]) => void): unknown }): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(Buffer.from(c)));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

/** Resolves with the arguments of the next `event` (rejects on 'error' unless event is 'error'). */
export function once(emitter: NodeJS.EventEmitter, event: string): Promise<any[]> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error) => { emitter.off(event, onEvent); reject(err); };
    const onEvent = (...args: any[]) => { if (event !== 'error') emitter.off('error', onError); resolve(args); };
    emitter.once(event, onEvent);
    if (event !== 'error') emitter.once('error', onError);
  });
}
