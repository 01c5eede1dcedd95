// UDP sockets (RFC 768; RFC 1122 section 4.1), sans-IO: the layer below hands datagrams in through
// `input`, and `send` hands datagrams down through the `output` function the stack provides (which
// queues frames until the stack's next poll). The layer keeps no timers.
//
// Semantics follow Linux sockets, which is what node:dgram exposes:
// - bind(address, port): address 0 = any; port 0 = a random free ephemeral port from 49152-65535
//   (RFC 6335 section 6; random, not sequential, per RFC 6056). Two sockets conflict on a port when
//   either is bound to any or both to the same address, unless both set `reuseAddr` (EADDRINUSE).
//   Binding an address that is not ours fails with EADDRNOTAVAIL.
// - Unicast goes to one socket: a connected one whose peer matches, else one bound to the exact
//   address, else one bound to any. Broadcasts go to every socket bound to any (or to that broadcast
//   address) on the port. Nothing listening: the caller may answer with ICMP port unreachable.
// - send to a broadcast address needs `setBroadcast(true)` (EACCES, as SO_BROADCAST); datagrams over
//   65507 bytes fail with EMSGSIZE; no route gives ENETUNREACH.
// - connect(address, port) sets the default destination and filters what is received; ICMP errors
//   about a connected socket's datagrams are reported to it (ECONNREFUSED for port unreachable,
//   RFC 1122 section 4.1.3.3), as Linux does.

import { systemError, codes, type SystemError } from '../core/errors';
import { UdpPacket, UdpRepr, writeUdp, UDP_HEADER_LEN } from './wire/udp';
import { formatIpv4, PROTO_UDP } from './wire/ipv4';
import { UNREACH_FRAG_NEEDED, UNREACH_HOST, UNREACH_NET, UNREACH_PORT } from './wire/icmpv4';
import type { IcmpErrorInfo, UdpDelivery } from './iface/interface';

export const UDP_MAX_PAYLOAD = 65535 - 20 - UDP_HEADER_LEN;
const EPHEMERAL_LOW = 49152;
const EPHEMERAL_HIGH = 65535;

export interface UdpLayerOptions {
  random(n: number): Uint8Array;
  /** Source address for a destination, or undefined when it cannot be routed. */
  sourceFor(dst: number): number | undefined;
  isLocalAddress(addr: number): boolean;
  isBroadcastAddress(addr: number): boolean;
  /** Sends one UDP datagram (header included) in IPv4; returns a drop reason or undefined. */
  output(now: number, src: number, dst: number, datagram: Uint8Array): string | undefined;
  /** Counts a dropped datagram. */
  drop(reason: string): void;
}

export interface UdpRemoteInfo { address: number; port: number; size: number; dstAddress: number }

export class UdpSocket {
  #layer: UdpLayer;
  #closed = false;
  localAddress: number;
  localPort: number;
  remoteAddress = 0;
  remotePort = 0;
  broadcast = false;
  readonly reuseAddr: boolean;
  /** Called for every datagram received; `data` is a view valid only during the call. */
  onMessage: ((data: Uint8Array, rinfo: UdpRemoteInfo, now: number) => void) | undefined;
  /** Called with ECONNREFUSED etc. when an ICMP error concerns a connected socket. */
  onError: ((err: SystemError, now: number) => void) | undefined;

  constructor(layer: UdpLayer, address: number, port: number, reuseAddr: boolean) {
    this.#layer = layer;
    this.localAddress = address;
    this.localPort = port;
    this.reuseAddr = reuseAddr;
  }

  get closed(): boolean { return this.#closed; }
  get connected(): boolean { return this.remotePort !== 0; }

  setBroadcast(on: boolean): void { this.broadcast = on; }

  connect(address: number, port: number): void {
    if (this.#closed) throw systemError('EBADF', { syscall: 'connect' });
    if (!(port > 0 && port <= 65535)) throw systemError('EINVAL', { syscall: 'connect', address: formatIpv4(address), port });
    this.remoteAddress = address >>> 0;
    this.remotePort = port;
  }

  disconnect(): void { this.remoteAddress = 0; this.remotePort = 0; }

  /** Sends `data`; without port/address, to the connected peer. Throws Node-shaped system errors. */
  send(now: number, data: Uint8Array, port?: number, address?: number): void {
    if (this.#closed) throw systemError('EBADF', { syscall: 'send' });
    if (port === undefined || address === undefined) {
      if (!this.connected) throw new codes.ERR_SOCKET_DGRAM_NOT_CONNECTED();
      port = this.remotePort; address = this.remoteAddress;
    }
    this.#layer.sendFrom(now, this, data, address >>> 0, port);
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#layer.release(this);
  }
}

export class UdpLayer {
  #opts: UdpLayerOptions;
  #ports = new Map<number, UdpSocket[]>();

  constructor(opts: UdpLayerOptions) { this.#opts = opts; }

  /** Opens a socket bound to address:port (0 = any / ephemeral). Throws EADDRINUSE, EADDRNOTAVAIL. */
  bind(address = 0, port = 0, opts: { reuseAddr?: boolean } = {}): UdpSocket {
    address >>>= 0;
    const reuse = opts.reuseAddr ?? false;
    const shown = { syscall: 'bind', address: formatIpv4(address), port };
    if (!(Number.isInteger(port) && port >= 0 && port <= 65535)) throw systemError('EINVAL', shown);
    if (address !== 0 && !this.#opts.isLocalAddress(address) && !this.#opts.isBroadcastAddress(address)) throw systemError('EADDRNOTAVAIL', shown);
    if (port === 0) {
      port = this.#ephemeralPort();
      if (port === 0) throw systemError('EADDRINUSE', shown);
    } else if (this.#conflicts(address, port, reuse)) {
      throw systemError('EADDRINUSE', shown);
    }
    const s = new UdpSocket(this, address, port, reuse);
    const list = this.#ports.get(port);
    if (list) list.push(s); else this.#ports.set(port, [s]);
    return s;
  }

  #conflicts(address: number, port: number, reuse: boolean): boolean {
    const list = this.#ports.get(port);
    if (!list) return false;
    for (const s of list) {
      if (reuse && s.reuseAddr) continue;
      if (s.localAddress === 0 || address === 0 || s.localAddress === address) return true;
    }
    return false;
  }

  /** A random port with no socket at all (RFC 6056 section 3.3.1's simple random selection). */
  #ephemeralPort(): number {
    const span = EPHEMERAL_HIGH - EPHEMERAL_LOW + 1;
    const r = this.#opts.random(2);
    const start = ((r[0] << 8) | r[1]) % span;
    for (let i = 0; i < span; i++) {
      const port = EPHEMERAL_LOW + ((start + i) % span);
      if (!this.#ports.has(port)) return port;
    }
    return 0;
  }

  /** @internal used by UdpSocket.close */
  release(s: UdpSocket): void {
    const list = this.#ports.get(s.localPort);
    if (!list) return;
    const i = list.indexOf(s);
    if (i >= 0) list.splice(i, 1);
    if (!list.length) this.#ports.delete(s.localPort);
  }

  /** @internal used by UdpSocket.send */
  sendFrom(now: number, s: UdpSocket, data: Uint8Array, dst: number, port: number): void {
    const shown = () => ({ syscall: 'send', address: formatIpv4(dst), port });
    if (!(Number.isInteger(port) && port > 0 && port <= 65535)) throw systemError('EINVAL', shown());
    if (data.length > UDP_MAX_PAYLOAD) throw systemError('EMSGSIZE', shown());
    const broadcast = this.#opts.isBroadcastAddress(dst);
    if (broadcast && !s.broadcast) throw systemError('EACCES', shown());
    let src = s.localAddress;
    if (src === 0 || this.#opts.isBroadcastAddress(src)) {
      const chosen = this.#opts.sourceFor(dst);
      if (chosen === undefined) throw systemError('ENETUNREACH', shown());
      src = chosen;
    }
    const datagram = new Uint8Array(UDP_HEADER_LEN + data.length);
    writeUdp(datagram, 0, s.localPort, port, data, src, dst);
    const err = this.#opts.output(now, src, dst, datagram);
    if (err === 'no-route' || err === 'no-address') throw systemError('ENETUNREACH', shown());
    if (err === 'too-big') throw systemError('EMSGSIZE', shown());
    if (err) this.#opts.drop(err);
  }

  /** A UDP datagram from IPv4 (`datagram` is a view into the frame). */
  input(now: number, src: number, dst: number, datagram: Uint8Array, broadcast: boolean): UdpDelivery {
    const packet = UdpPacket.checked(datagram);
    if (typeof packet === 'string') { this.#opts.drop(packet); return 'dropped'; }
    const udp = UdpRepr.parse(packet, src, dst);
    if (typeof udp === 'string') { this.#opts.drop(udp); return 'dropped'; }
    const list = this.#ports.get(udp.dstPort);
    if (!list) return 'no-socket';
    const rinfo: UdpRemoteInfo = { address: src, port: udp.srcPort, size: udp.payload.length, dstAddress: dst };
    const accepts = (s: UdpSocket) => !s.connected || (s.remoteAddress === src && s.remotePort === udp.srcPort);
    if (broadcast) {
      let delivered = false;
      for (const s of list.slice()) {
        if ((s.localAddress === 0 || s.localAddress === dst) && accepts(s)) { delivered = true; s.onMessage?.(udp.payload, rinfo, now); }
      }
      return delivered ? 'delivered' : 'no-socket';
    }
    let best: UdpSocket | undefined;
    let bestScore = -1;
    for (const s of list) {
      if (s.localAddress !== 0 && s.localAddress !== dst) continue;
      if (!accepts(s)) continue;
      const score = (s.connected ? 2 : 0) + (s.localAddress !== 0 ? 1 : 0);
      if (score > bestScore) { best = s; bestScore = score; }
    }
    if (!best) return 'no-socket';
    best.onMessage?.(udp.payload, rinfo, now);
    return 'delivered';
  }

  /** An ICMP error quoting one of our UDP datagrams: reported to the connected socket it concerns. */
  icmpError(now: number, info: IcmpErrorInfo): void {
    const q = info.quoted;
    if (q.protocol !== PROTO_UDP) return;
    const list = this.#ports.get(q.srcPort);
    if (!list) return;
    let code = 'EHOSTUNREACH';
    if (info.type === 'dst-unreachable') {
      if (info.code === UNREACH_PORT) code = 'ECONNREFUSED';
      else if (info.code === UNREACH_NET) code = 'ENETUNREACH';
      else if (info.code === UNREACH_HOST) code = 'EHOSTUNREACH';
      else if (info.code === UNREACH_FRAG_NEEDED) code = 'EMSGSIZE';
    }
    for (const s of list.slice()) {
      if (s.connected && s.remoteAddress === q.dst && s.remotePort === q.dstPort) {
        s.onError?.(systemError(code, { syscall: 'recv', address: formatIpv4(q.dst), port: q.dstPort }), now);
      }
    }
  }

  sockets(): UdpSocket[] {
    const out: UdpSocket[] = [];
    for (const list of this.#ports.values()) out.push(...list);
    return out;
  }
}
