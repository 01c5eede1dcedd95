// Test bed for the management API under host Node: a fake MgmtHost over a real VFS (the image file
// system read-only at /, tmpfs at /tmp), a fake network view, a manual clock with timers, and a
// client that speaks HTTP bytes to an HttpConnection. Used by os/mgmt/*.test.ts and the dashboard
// tests; nothing here is used by the OS itself.
import { Vfs } from '../fs/vfs';
import { Imagefs } from '../fs/imagefs';
import { Tmpfs } from '../fs/tmpfs';
import { buildArchive, parseArchive } from '../fs/archive';
import { decodeUtf8, encodeUtf8 } from '../core/utf8';
import { ConsoleLog } from './consolelog';
import { Management } from './index';
import { HttpConnection, type ByteSink } from './http';
import type { AppState, MgmtHost, NetView } from './host';
import { sha256Hex, type TokenDigests } from './auth';

export class ManualClock {
  t = 1000;
  #timers: { due: number; fn: () => void; id: number }[] = [];
  #id = 0;
  after(ms: number, fn: () => void): () => void {
    const id = ++this.#id;
    this.#timers.push({ due: this.t + ms, fn, id });
    return () => {
      this.#timers = this.#timers.filter((x) => x.id !== id);
    };
  }
  advance(ms: number): void {
    const end = this.t + ms;
    for (;;) {
      this.#timers.sort((a, b) => a.due - b.due);
      const next = this.#timers[0];
      if (!next || next.due > end) break;
      this.#timers.shift();
      this.t = next.due;
      next.fn();
    }
    this.t = end;
  }
  get pending(): number {
    return this.#timers.length;
  }
}

export const TOKENS = { rw: 'rw-token-0123456789abcdefghijklmnopqrstuv', ro: 'ro-token-0123456789abcdefghijklmnopqrstuv' };
export const DIGESTS: TokenDigests = { rw: sha256Hex(TOKENS.rw), ro: sha256Hex(TOKENS.ro) };

export function fakeNet(): NetView & { rx: number } {
  const view = {
    rx: 0,
    interfaces: () => [{
      name: 'eth0', mac: '52:54:00:12:34:56', mtu: 1500, address: 0x0a00020f, prefixLength: 24, up: true,
      counters: { rxPackets: 10, rxBytes: 1000 + view.rx, txPackets: 8, txBytes: 800, loopbackPackets: 2, drops: { 'ipv4-bad-checksum': 1 } },
      device: { rxFrames: 10, txFrames: 8, notifies: 5, interrupts: 7, deviceErrors: 0, rxDropped: 0, txDropped: 0 },
    }],
    routes: () => [
      { network: 0x0a000200, prefixLength: 24, gateway: 0, origin: 'config', netif: 'eth0' },
      { network: 0, prefixLength: 0, gateway: 0x0a000202, origin: 'config', netif: 'eth0' },
    ],
    tcpStats: () => ({ segmentsIn: 20, segmentsOut: 18, retransmits: 3, currentEstablished: 2, connections: 3, timeWait: 1, activeOpens: 1, passiveOpens: 4, drops: { 'bad-checksum': 1, 'no-socket': 2 } }),
    dnsServers: () => [0x0a000203],
    gateway: () => 0x0a000202,
  };
  return view;
}

export interface Bed {
  mgmt: Management;
  host: MgmtHost;
  clock: ManualClock;
  env: Record<string, string>;
  vfs: Vfs;
  app: { state: AppState; restarts: string[][]; signals: string[] };
  powerOffs: number[];
  console: ConsoleLog;
  net: ReturnType<typeof fakeNet>;
  /** One request over a fresh HTTP connection; the parsed answer. */
  http(raw: string | Uint8Array, transport?: 'control' | 'tcp'): Promise<Answer>;
  /** Request helper: method, path, headers, body. */
  call(method: string, path: string, opts?: { token?: string; body?: Uint8Array | string; headers?: Record<string, string>; transport?: 'control' | 'tcp' }): Promise<Answer>;
}

export interface Answer {
  status: number;
  headers: Record<string, string>;
  body: Uint8Array;
  text: string;
  json(): any;
  /** Every answer's raw bytes on the connection. */
  raw: string;
  closed: boolean;
}

export function parseAnswers(bytes: Uint8Array): Answer[] {
  const out: Answer[] = [];
  let off = 0;
  const latin = (b: Uint8Array) => String.fromCharCode(...b);
  while (off < bytes.length) {
    let end = -1;
    for (let i = off; i + 3 < bytes.length; i++) {
      if (bytes[i] === 13 && bytes[i + 1] === 10 && bytes[i + 2] === 13 && bytes[i + 3] === 10) { end = i; break; }
    }
    if (end < 0) break;
    const headText = latin(bytes.subarray(off, end));
    const [statusLine, ...lines] = headText.split('\r\n');
    const headers: Record<string, string> = {};
    for (const l of lines) {
      const c = l.indexOf(':');
      headers[l.slice(0, c).toLowerCase()] = l.slice(c + 1).trim();
    }
    const len = headers['content-length'] === undefined ? bytes.length - end - 4 : Number(headers['content-length']);
    const body = bytes.slice(end + 4, end + 4 + len);
    const text = decodeUtf8(body);
    out.push({ status: Number(statusLine.split(' ')[1]), headers, body, text, json: () => JSON.parse(text), raw: headText, closed: false });
    off = end + 4 + len;
  }
  return out;
}

export function makeBed(opts: { withNet?: boolean } = {}): Bed {
  const clock = new ManualClock();
  const vfs = new Vfs({ cwd: () => '/' });
  const archive = buildArchive([
    { path: '/app' },
    { path: '/app/index.js', data: encodeUtf8('console.log("hi")\n') },
    { path: '/app/data' },
    { path: '/app/data/a.txt', data: encodeUtf8('alpha\n') },
    { path: '/nephos' },
    { path: '/nephos/app.json', data: encodeUtf8('{"entry":"/app/index.js"}') },
  ]);
  vfs.mount('/', new Imagefs(parseArchive(archive), { mtimeMs: 1_700_000_000_000 }));
  vfs.mount('/tmp', new Tmpfs({ now: () => 1_700_000_000_000 + clock.t, budget: 4 * 1024 * 1024 }));
  const env: Record<string, string> = { HOME: '/', GREETING: 'hello' };
  const console_ = new ConsoleLog(() => 1_700_000_000_000 + clock.t);
  const app = {
    state: { status: 'running', generation: 1, argv: ['--port', '80'], startedAt: 1_700_000_000_000, lastExitCode: null, restarts: 0 } as AppState,
    restarts: [] as string[][],
    signals: [] as string[],
  };
  const powerOffs: number[] = [];
  const config: { name?: string } = { name: 'web' };
  const net = fakeNet();
  const host: MgmtHost = {
    version: '0.1.0',
    nodeVersion: 'v20.18.0',
    now: () => clock.t,
    wallMs: () => 1_700_000_000_000 + clock.t,
    boot: {
      cmdline: 'console=ttyS0 nephos.config=e30', hypervisor: 'kvm',
      cpu: { vendor: 'GenuineIntel', brand: 'Test CPU', family: 6, model: 85, stepping: 7, flags: ['fpu', 'sse2', 'rdrand'], count: 1 },
      ramBytes: 128 * 1024 * 1024, heapBytes: 120 * 1024 * 1024, clockSource: 'kvmclock', wallClockSource: 'kvmclock', tscHz: 2_600_000_000,
      memoryMap: [{ addr: 0, size: 0x9fc00, type: 1 }], firmware: 'qboot',
    },
    memory: () => ({ total: 120 * 1024 * 1024, used: 20 * 1024 * 1024, peak: 22 * 1024 * 1024, allocations: 1000, failures: 0, largestFree: 90 * 1024 * 1024, ramBytes: 128 * 1024 * 1024 }),
    heapStats: () => ({ malloc_size: 5_000_000, memory_used_size: 4_000_000, obj_count: 12345, malloc_count: 999 }),
    gc: () => {},
    env,
    vfs,
    hostname: () => config.name ?? 'nephos',
    setHostname: (n) => { config.name = n; },
    loopStats: () => ({ iterations: 42, refs: 1, lagMs: 3 }),
    httpStats: () => ({ requests: 120, responses: [0, 100, 0, 15, 5], refused: 2 }),
    net: () => (opts.withNet === false ? undefined : net),
    console: console_,
    app: {
      state: () => app.state,
      restart: (args) => {
        app.restarts.push(args);
        app.state = { ...app.state, argv: args, generation: app.state.generation + 1, restarts: app.state.restarts + 1 };
        return { generation: app.state.generation };
      },
      signal: (n) => { app.signals.push(n); },
    },
    ready: () => true,
    powerOff: (code) => { powerOffs.push(code); },
    drivers: () => ({ 'virtio-console': { notifies: 3, interrupts: 4 } }),
    tasks: () => [{ name: 'event loop', status: 'running' }, { name: 'timer 1', status: 'waiting' }],
    after: (ms, fn) => clock.after(ms, fn),
  };
  const mgmt = new Management(host, {
    digests: DIGESTS,
    lifecycle: { status: () => ({ uptimeMs: clock.t, pid: 1 }), ready: () => true, signal: (n) => app.signals.push(n) },
  });
  const http = async (raw: string | Uint8Array, transport: 'control' | 'tcp' = 'control'): Promise<Answer> => {
    const chunks: Uint8Array[] = [];
    let closed = false;
    const sink: ByteSink = { write: (b) => chunks.push(b.slice()), close: () => { closed = true; } };
    const conn = new HttpConnection(mgmt.server, transport, sink, clock);
    conn.push(typeof raw === 'string' ? encodeUtf8(raw) : raw);
    for (let i = 0; i < 20; i++) await Promise.resolve();
    await new Promise((r) => setImmediate(r));
    const all = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
    let o = 0;
    for (const c of chunks) { all.set(c, o); o += c.length; }
    const answers = parseAnswers(all);
    if (!answers.length) throw new Error(`no answer to ${typeof raw === 'string' ? raw.slice(0, 80) : 'bytes'}`);
    answers[answers.length - 1].closed = closed;
    return answers[answers.length - 1];
  };
  const call: Bed['call'] = (method, path, o = {}) => {
    const body = o.body === undefined ? new Uint8Array(0) : typeof o.body === 'string' ? encodeUtf8(o.body) : o.body;
    const headers: Record<string, string> = { Host: 'nephos', 'Content-Length': String(body.length), ...o.headers };
    if (o.token) headers.Authorization = `Bearer ${o.token}`;
    const head = encodeUtf8(`${method} ${path} HTTP/1.1\r\n${Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`);
    const all = new Uint8Array(head.length + body.length);
    all.set(head);
    all.set(body, head.length);
    return http(all, o.transport ?? (o.token ? 'tcp' : 'control'));
  };
  return { mgmt, host, clock, env, vfs, app, powerOffs, console: console_, net, http, call };
}
