// The management API's side of the guest's wiring: reads its settings from the run configuration
// (the API port and the token digests), and builds the MgmtHost (host.ts) from the parts boot.ts
// owns (the runtime, the machine's facts and ops, the network stack). Kept here so os/boot.ts only
// hands parts over and the API's needs stay in one place.
import { ActiveHandle, LoopTimer, type EventLoop } from '../core/loop';
import type { Runtime } from '../node/internal/bootstrap';
import type { AttachedNetwork } from '../net/attach';
import { createNetModules } from '../node/internal/net/modules';
import { httpServerStats } from '../node/internal/http/stats';
import { Management, type ControlPortLike, type NetModuleLike } from './index';

import { decodeUtf8 } from '../core/utf8';
import type { Vfs } from '../fs/vfs';
import type { TokenDigests } from './auth';
import type { ConsoleLog } from './consolelog';
import type { AppControl, BootFacts, MemoryFacts, MgmtHost, NetView, TaskInfo } from './host';

export interface MgmtConfig {
  /** Guest TCP port of the network listener (--api-port). */
  apiPort?: number;
  digests?: TokenDigests;
}

function fromBase64Url(s: string): Uint8Array | undefined {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const out = new Uint8Array(Math.floor((s.length * 3) / 4));
  let acc = 0;
  let bits = 0;
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const v = alphabet.indexOf(s[i]);
    if (v < 0) return undefined;
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[n++] = (acc >> bits) & 0xff;
    }
  }
  return out.subarray(0, n);
}

/**
 * The API's settings from the kernel command line's nephos.config (base64url JSON written by
 * cli/run/qemu.ts encodeGuestConfig): `apiPort` and `apiTokens` ({rw, ro}: hex SHA-256 digests).
 * Anything malformed is ignored: no listener rather than an open one.
 */
export function mgmtConfig(cmdline: string): MgmtConfig {
  const m = /(?:^|\s)nephos\.config=([A-Za-z0-9_-]*)/.exec(cmdline);
  if (!m) return {};
  const bytes = fromBase64Url(m[1]);
  if (!bytes) return {};
  let parsed: { apiPort?: unknown; apiTokens?: { rw?: unknown; ro?: unknown } };
  try {
    parsed = JSON.parse(decodeUtf8(bytes));
  } catch {
    return {};
  }
  const out: MgmtConfig = {};
  const port = parsed.apiPort;
  if (typeof port === 'number' && Number.isInteger(port) && port >= 1 && port <= 65535) out.apiPort = port;
  const t = parsed.apiTokens;
  const hex = /^[0-9a-f]{64}$/;
  if (t && typeof t.rw === 'string' && typeof t.ro === 'string' && hex.test(t.rw) && hex.test(t.ro)) out.digests = { rw: t.rw, ro: t.ro };
  return out;
}

export interface GuestParts {
  version: string;
  nodeVersion: string;
  boot: BootFacts;
  nowMs(): number;
  wallMs(): number;
  memory(): MemoryFacts;
  heapStats(): Record<string, number>;
  gc(): void;
  loop: EventLoop;
  /** Timers, deferred completions and close callbacks queued in the loop now. */
  loopQueues(): { timers: number; pending: number; closing: number };
  env: Record<string, string>;
  vfs: Vfs;
  /** The run configuration object the runtime reads the hostname from (os.hostname()). */
  config: { name?: string };
  console: ConsoleLog;
  app: AppControl;
  ready(): boolean;
  powerOff(code: number): void;
  drivers(): Record<string, Record<string, number>>;
  net(): NetView | undefined;
  /** API connections open now (for /os/threads). */
  apiConnections?(): number;
}

export function guestHost(p: GuestParts): MgmtHost {
  const after = (ms: number, fn: () => void) => {
    const t = new LoopTimer(p.loop, fn);
    t.start(ms);
    t.unref();
    return () => t.stop();
  };
  return {
    version: p.version,
    nodeVersion: p.nodeVersion,
    now: p.nowMs,
    wallMs: p.wallMs,
    boot: p.boot,
    memory: p.memory,
    heapStats: p.heapStats,
    gc: p.gc,
    env: p.env,
    vfs: p.vfs,
    hostname: () => p.config.name ?? 'nephos',
    setHostname: (name) => {
      p.config.name = name;
    },
    loopStats: () => ({ iterations: p.loop.iterations, refs: p.loop.refs, lagMs: p.loop.lagMs }),
    httpStats: () => httpServerStats,
    net: p.net,
    console: p.console,
    app: p.app,
    ready: p.ready,
    powerOff: p.powerOff,
    drivers: p.drivers,
    tasks: () => {
      const q = p.loopQueues();
      const tcp = p.net()?.tcpStats() as Record<string, number> | undefined;
      const list: TaskInfo[] = [{ name: 'event loop', status: 'running' }];
      for (let i = 0; i < q.timers; i++) list.push({ name: `timer ${i + 1}`, status: 'waiting' });
      for (let i = 0; i < q.pending; i++) list.push({ name: `pending job ${i + 1}`, status: 'queued' });
      for (let i = 0; i < q.closing; i++) list.push({ name: `close callback ${i + 1}`, status: 'queued' });
      for (let i = 0; i < (tcp?.connections ?? 0); i++) list.push({ name: `tcp socket ${i + 1}`, status: 'waiting' });
      for (let i = 0; i < (p.apiConnections?.() ?? 0); i++) list.push({ name: `api connection ${i + 1}`, status: 'waiting' });
      return list;
    },
    after,
  };
}

// ---- the guest's wiring (os/boot.ts calls startGuestManagement once the runtime exists) ----


export interface BootParts {
  version: string;
  nodeVersion: string;
  info: {
    cmdline: string; hypervisor: string; ramBytes: number; heapBytes: number; clockSource: string; wallClockSource: string;
    tscHz: number; memoryMap: { addr: number; size: number; type: number }[];
    cpu: CpuInfoLike;
  };
  nowNs(): number;
  wallMs(): number;
  memInfo(): MemoryFacts;
  heapStats(): Record<string, number>;
  gc(): void;
  runtime: Runtime;
  /** The stack as the API's own listener uses it (the application's goes through a tracker). */
  apiProvider?: Runtime['netProvider'];
  console: ConsoleLog;
  controlPort?: ControlPortLike;
  flushControl(): void;
  network?: AttachedNetwork;
  nicStats?: () => Record<string, number>;
  consoleStats?: () => Record<string, number>;
  app: AppControl;
  ready(): boolean;
  halt(code: number): void;
}

interface CpuInfoLike { vendor: string; brand: string; family: number; model: number; stepping: number; flags: string[]; count: number }

function netView(net: AttachedNetwork, mac: string, nicStats: () => Record<string, number>): NetView {
  const stack = net.stack;
  return {
    interfaces: () => {
      const c = stack.config;
      const k = stack.counters;
      return [{
        name: 'eth0', mac, mtu: stack.iface.mtu, address: c?.address ?? 0, prefixLength: c?.prefixLength ?? 0, up: !!c,
        counters: { rxPackets: k.rxPackets, rxBytes: k.rxBytes, txPackets: k.txPackets, txBytes: k.txBytes, loopbackPackets: k.loopbackPackets, drops: k.drops },
        device: nicStats(),
      }];
    },
    routes: () => stack.routes.list().map((r) => ({ ...r, netif: 'eth0' })),
    tcpStats: () => {
      const s = stack.tcp.stats;
      const out: Record<string, number | Record<string, number>> = {};
      for (const k of Object.keys(s)) {
        const v = (s as unknown as Record<string, unknown>)[k];
        if (typeof v === 'number') out[k] = v;
        else if (v && typeof v === 'object') out[k] = { ...(v as Record<string, number>) };
      }
      return out;
    },
    dnsServers: () => stack.config?.dnsServers ?? [],
    gateway: () => stack.config?.gateway,
  };
}

/** Builds the API over the booted machine and starts its transports. */
export function startGuestManagement(b: BootParts): Management {
  const cfg = mgmtConfig(b.info.cmdline);
  const rt = b.runtime;
  const mac = b.network ? [...b.network.stack.iface.mac].map((x) => x.toString(16).padStart(2, '0')).join(':') : '';
  const view = b.network ? netView(b.network, mac, b.nicStats ?? (() => ({}))) : undefined;
  let mgmt: Management | undefined;
  const host = guestHost({
    version: b.version,
    nodeVersion: b.nodeVersion,
    boot: { ...b.info, firmware: 'qboot' },
    nowMs: () => b.nowNs() / 1e6,
    wallMs: b.wallMs,
    memory: b.memInfo,
    heapStats: b.heapStats,
    gc: b.gc,
    loop: rt.loop,
    loopQueues: () => {
      // The loop's queues are private to os/core/loop.ts; their lengths are read for display only.
      const l = rt.loop as unknown as { heap?: unknown[]; pending?: unknown[]; closing?: unknown[] };
      return { timers: l.heap?.length ?? 0, pending: l.pending?.length ?? 0, closing: l.closing?.length ?? 0 };
    },
    env: rt.process.env,
    vfs: rt.vfs,
    config: rt.machine.config,
    console: b.console,
    app: b.app,
    ready: b.ready,
    powerOff: (code) => b.halt(code),
    drivers: () => ({
      ...(b.nicStats ? { 'virtio-net': b.nicStats() } : {}),
      ...(b.consoleStats ? { 'virtio-console': b.consoleStats() } : {}),
    }),
    net: () => view,
    apiConnections: () => mgmt?.stats.openConnections ?? 0,
  });
  mgmt = new Management(host, {
    digests: cfg.digests,
    lifecycle: {
      status: () => ({ uptimeMs: b.nowNs() / 1e6, memory: b.memInfo(), pid: 1 }),
      ready: b.ready,
      signal: (name) => b.app.signal(name),
    },
  });
  if (b.controlPort) mgmt.attachControlPort(b.controlPort, b.flushControl);
  if (cfg.apiPort !== undefined && b.network) {
    // A private instance of the network modules: the application's node:net/http (and whatever it
    // patches there) is not this one.
    const mods = createNetModules(() => b.apiProvider ?? rt.netProvider, {
      nextTick: (fn, ...args) => rt.ticks.nextTick(fn, args.length ? args : undefined),
      defer: (fn) => rt.loop.defer(fn),
      onClose: (fn) => rt.loop.onClose(fn),
      handle: () => new ActiveHandle(rt.loop),
      unrefTimer: (fn, ms) => rt.timers.add(fn, ms, undefined, false).unref(),
      wallMs: b.wallMs,
      now: () => b.nowNs() / 1e6,
    } as Parameters<typeof createNetModules>[1]);
    mgmt.listen(mods.net as unknown as NetModuleLike, cfg.apiPort);
  } else if (cfg.apiPort !== undefined) {
    b.console.append('kernel', `nephos: --api-port ${cfg.apiPort} ignored: this VM has no network interface\n`);
  }
  rt.loop.defer(() => mgmt!.start());
  return mgmt;
}
