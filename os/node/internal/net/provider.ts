// The seam between the network stack (os/net) and the Node networking modules (node:net, http,
// dgram, dns, fetch). The stack's owner (os/boot.ts, bootstrap.ts) builds a NetProvider around
// its TcpLayer, UdpLayer and DNS client, and a NetRuntime around the event loop, and calls
// createNetModules once; the registry (internal/builtins.ts) then loads each module lazily.
//
// Invariants the modules rely on:
// - TCP and UDP callbacks (onData, onConnect, onMessage, ...) run from the stack's input/poll,
//   inside a loop callback (EventLoop.invoke), so nextTicks and microtasks run after them.
// - The stack polls TcpLayer whenever it calls its `wake` (the TcpLayer config hook) before the
//   CPU idles, and at the times poll() returns.
// - `now()` is the stack's monotonic clock in ms (the same one it passes to tcp.input/poll).
// - Nothing here keeps the loop alive by itself: sockets and servers hold a NetHandle while they
//   are open, as libuv handles do.
//
// A typical wiring (the lead's):
//   const mods = createNetModules(() => stack && {
//     tcp: stack.tcp, udp: stack.udp, dns: stack.dns, now: () => platform.now(),
//     sourceAddress: (dst) => stack.sourceFor(dst), isLocalAddress: (a) => stack.isLocal(a),
//     networkInterfaces: () => stack.interfaces(),
//   }, {
//     nextTick: (fn, ...a) => runtime.ticks.nextTick(fn, a), defer: (fn) => loop.defer(fn),
//     onClose: (fn) => loop.onClose(fn), handle: () => new ActiveHandle(loop),
//     unrefTimer: (fn, ms) => runtime.timers.add(fn, ms, undefined, false).unref(),
//     wallMs: () => machine.wallMs(), now: () => platform.now(),
//   });
//   reg.define('net', () => mods.net);

import type { TcpLayer } from '../../../net/tcp/layer';
import type { DnsRecord } from '../../../net/wire/dns';
import type { SystemError } from '../../../core/errors';

/** One entry of os.networkInterfaces(). */
export interface NetInterfaceInfo {
  address: string;
  netmask: string;
  family: 'IPv4' | 'IPv6';
  mac: string;
  internal: boolean;
  cidr: string | null;
}

/** The part of os/net/udp.ts's UdpSocket node:dgram uses. */
export interface UdpSocketLike {
  readonly localAddress: number;
  readonly localPort: number;
  /** `data` is a view valid only during the call. */
  onMessage: ((data: Uint8Array, rinfo: { address: number; port: number; size: number; dstAddress: number }, now: number) => void) | undefined;
  onError: ((err: SystemError, now: number) => void) | undefined;
  send(now: number, data: Uint8Array, port?: number, address?: number): void;
  connect(address: number, port: number): void;
  disconnect(): void;
  setBroadcast(on: boolean): void;
  close(): void;
}

/** The part of os/net/udp.ts's UdpLayer node:dgram uses. */
export interface UdpLayerLike {
  bind(address?: number, port?: number, opts?: { reuseAddr?: boolean }): UdpSocketLike;
}

/** Error codes a DNS query ends with (c-ares' names, as node:dns reports them). */
export type DnsErrorCode = 'ENOTFOUND' | 'ENODATA' | 'ETIMEOUT' | 'ESERVFAIL' | 'EREFUSED' | 'ECONNREFUSED' |
  'EBADRESP' | 'EFORMERR' | 'ENOTIMP' | 'EBADNAME' | 'ECANCELLED' | 'ECONNREFUSED';

export interface DnsServer { address: number; port: number }

export interface DnsQueryOptions {
  /** Servers to ask instead of the system's (a dns.Resolver with setServers()). */
  servers?: DnsServer[];
  /** Per-try timeout in ms and number of tries (dns.Resolver's options). */
  timeout?: number;
  tries?: number;
}

/**
 * The stack's stub resolver (os/net/dns/client.ts). `query` sends one question (RD set) to the
 * servers with retries and calls `done` exactly once: with the answer section's records (CNAME
 * chains included, as the server sent them) or an error code. NXDOMAIN is ENOTFOUND; a NOERROR
 * answer without records of the type is returned as records (the caller reports ENODATA).
 */
export interface DnsProvider {
  query(name: string, type: number, opts: DnsQueryOptions, done: (err: DnsErrorCode | null, answers?: DnsRecord[]) => void): { cancel(): void };
  /** The system's servers (from DHCP or the run configuration). */
  servers(): DnsServer[];
  setServers(servers: DnsServer[]): void;
}

export interface NetProvider {
  tcp: TcpLayer;
  udp?: UdpLayerLike;
  dns?: DnsProvider;
  /** Monotonic ms: the clock the stack passes to tcp.input/poll. */
  now(): number;
  /** Our source address for a destination (routing), or undefined when it cannot be reached. */
  sourceAddress(dst: number): number | undefined;
  /** True when `addr` is one of ours (127.0.0.1 included when the stack loops it back). */
  isLocalAddress(addr: number): boolean;
  networkInterfaces(): Record<string, NetInterfaceInfo[]>;
}

/** A libuv-style handle: keeps the loop alive while started and referenced. */
export interface NetHandle {
  start(): void;
  stop(): void;
  ref(): void;
  unref(): void;
  hasRef(): boolean;
}

/** A refreshable timer (Node's internal unref'd timeouts). */
export interface NetTimer {
  refresh(): unknown;
  close(): unknown;
}

export interface NetRuntime {
  nextTick(fn: (...args: any[]) => void, ...args: any[]): void;
  /** Runs fn later as a top-level I/O callback (the loop's poll phase). */
  defer(fn: () => void): void;
  /** Runs fn in the loop's close phase (where libuv runs uv_close callbacks). */
  onClose(fn: () => void): void;
  handle(): NetHandle;
  /** A one-shot timer that does not keep the process alive. */
  unrefTimer(fn: () => void, ms: number): NetTimer;
  /** Wall-clock ms since the epoch (HTTP Date headers). */
  wallMs(): number;
  /** Monotonic ms (the loop's clock): request and header timeouts. */
  now(): number;
}

/** What every module of one network instance shares. */
export interface NetContext {
  rt: NetRuntime;
  /** The stack, or undefined when the machine has no network. */
  provider(): NetProvider | undefined;
}
export { createNetModules, type NetModules } from './modules';
