// NetStack: one Ethernet device's IPv4 stack, assembled from the layers below, sans-IO.
//
//   receive(now, frame) -> Interface (Ethernet, ARP, IPv4, ICMP, reassembly)
//                            -> TcpLayer.input | UdpLayer.input (sockets, DNS resolver) | DhcpClient.input
//   poll(now, transmit)  -> loopback, DHCP, DNS timers and callbacks, TcpLayer.poll, ARP and
//                           reassembly timers; every due frame goes to `transmit`; returns the next
//                           deadline (undefined: nothing scheduled)
//
// A typical driver loop (os/boot wires it to virtio-net and the event loop):
//
//   const stack = new NetStack({ device: { mac, mtu: 1500 }, random, config: { kind: 'dhcp' },
//                                wake: () => loop.schedulePoll() });
//   on every batch of received frames: for (const f of frames) stack.receive(now, f); then poll;
//   on wake and when the deadline comes: next = stack.poll(now, (frame) => nic.transmit(frame));
//
// Contracts: `receive` borrows the frame (the device may reuse it afterwards). `transmit` gets a
// frame that is valid only during the call (it may be the interface's scratch buffer): copy it into
// the device ring before returning, and do not call back into this stack from inside `transmit`.
// `wake()` is called when output or callbacks are pending outside a poll (a UDP send, a DNS answer
// from the cache, a TCP write): the glue should poll soon. Callbacks of sockets and the resolver run
// inside `receive` (UDP messages, TCP data) or `poll` (DNS answers, TCP events).
//
// Configuration is static ({ kind: 'static', address, prefixLength, gateway, dnsServers }), DHCP
// ({ kind: 'dhcp', hostname }) or none; `config` shows what is in force and `onConfigChange` reports
// changes (a lease obtained, renewed with new values, or lost).

import { Interface, min, OWNED_HEADROOM, type InterfaceOptions, type UpperLayers } from './iface/interface';
import type { CountersSnapshot } from './iface/counters';
import type { Routes } from './iface/routes';
import { UdpLayer } from './udp';
import { DnsResolver, type DnsResolverOptions } from './dns/client';
import { DhcpClient, type DhcpLease } from './dhcp/client';
import { TcpLayer, type TcpConfig } from './tcp/layer';
import { UdpPacket, writeUdp, UDP_HEADER_LEN } from './wire/udp';
import { DhcpPacket, DhcpRepr, DHCP_CLIENT_PORT, DHCP_SERVER_PORT } from './wire/dhcp';
import { PROTO_TCP, PROTO_UDP } from './wire/ipv4';
import { DNS_PORT } from './wire/dns';

export interface NetDevice {
  mac: Uint8Array;
  /** IP MTU (1500 for Ethernet). */
  mtu: number;
}

export type NetConfig =
  | { kind: 'static'; address: number; prefixLength: number; gateway?: number; dnsServers?: number[] }
  | { kind: 'dhcp'; hostname?: string }
  | { kind: 'none' };

export interface Ipv4Configuration {
  source: 'static' | 'dhcp';
  address: number;
  prefixLength: number;
  gateway?: number;
  dnsServers: number[];
  lease?: DhcpLease;
}

export interface NetStackOptions {
  device: NetDevice;
  random(n: number): Uint8Array;
  config: NetConfig;
  wake?(): void;
  /** Extra TCP settings (buffer sizes, timers); random, mtu, headroom and wake are the stack's. */
  tcp?: Omit<TcpConfig, 'random' | 'mtu' | 'headroom' | 'wake'>;
  dns?: Omit<DnsResolverOptions, 'udp' | 'random' | 'wake'>;
  iface?: Omit<InterfaceOptions, 'mac' | 'mtu' | 'random'>;
}

export interface NetMemoryStats {
  neighborEntries: number;
  arpPendingAddresses: number;
  arpQueuedDatagrams: number;
  arpQueuedBytes: number;
  reassemblyDatagrams: number;
  reassemblyBytes: number;
  egressQueued: number;
  loopbackQueued: number;
  udpSockets: number;
  dnsInFlight: number;
  dnsCacheEntries: number;
}

/** Rounds of loopback delivery per poll: a local request/response settles without extra polls. */
const LOOPBACK_ROUNDS = 8;

export class NetStack {
  readonly iface: Interface;
  readonly tcp: TcpLayer;
  readonly udp: UdpLayer;
  readonly dns: DnsResolver;
  readonly dhcp: DhcpClient | undefined;
  /** Called when the IPv4 configuration changes (undefined: no address). */
  onConfigChange: ((config: Ipv4Configuration | undefined) => void) | undefined;
  /** Called for each ICMP echo reply (answers to `ping`). */
  onEchoReply: ((now: number, src: number, ident: number, seq: number, data: Uint8Array) => void) | undefined;
  #wake: () => void;
  #config: Ipv4Configuration | undefined;
  #dnsOverride: number[] | undefined;
  #polling = false;
  #started = false;
  #now = 0;

  constructor(opts: NetStackOptions) {
    const wake = opts.wake ?? (() => {});
    this.#wake = () => { if (!this.#polling) wake(); };
    this.iface = new Interface({ ...opts.iface, mac: opts.device.mac, mtu: opts.device.mtu, random: opts.random });
    const iface = this.iface;
    this.tcp = new TcpLayer({ ...opts.tcp, random: opts.random, mtu: opts.device.mtu, headroom: OWNED_HEADROOM, wake: this.#wake });
    this.udp = new UdpLayer({
      random: opts.random,
      sourceFor: (dst) => iface.sourceFor(dst),
      isLocalAddress: (a) => iface.isLocalAddress(a),
      isBroadcastAddress: (a) => iface.isBroadcastAddress(a),
      output: (now, src, dst, datagram) => {
        const err = iface.sendIpv4(now, src, dst, PROTO_UDP, datagram);
        this.#wake();
        return err;
      },
      drop: (reason) => iface.counters.drop(reason),
    });
    this.dns = new DnsResolver({ ...opts.dns, udp: this.udp, random: opts.random, wake: this.#wake });
    this.dhcp = opts.config.kind === 'dhcp'
      ? new DhcpClient({ mac: opts.device.mac, random: opts.random, hostname: opts.config.hostname, onLease: (l) => this.#applyLease(l) })
      : undefined;
    const upper: UpperLayers = {
      tcp: (now, src, dst, segment) => this.tcp.input(now, src, dst, segment),
      udp: (now, src, dst, datagram, broadcast, unconfigured) => this.#udpInput(now, src, dst, datagram, broadcast, unconfigured),
      icmpError: (now, info) => {
        if (info.quoted.protocol === PROTO_UDP) this.udp.icmpError(now, info);
        else iface.counters.drop(info.quoted.protocol === PROTO_TCP ? 'icmp-error-tcp-unhandled' : 'icmp-error-unhandled');
      },
      echoReply: (now, src, ident, seq, data) => this.onEchoReply?.(now, src, ident, seq, data),
    };
    iface.setUpperLayers(upper);
    if (opts.config.kind === 'static') {
      const c = opts.config;
      this.#setConfig(0, { source: 'static', address: c.address >>> 0, prefixLength: c.prefixLength, gateway: c.gateway, dnsServers: c.dnsServers ?? [] });
    }
  }

  get config(): Ipv4Configuration | undefined { return this.#config ? { ...this.#config, dnsServers: this.#config.dnsServers.slice() } : undefined; }
  get counters(): CountersSnapshot { return this.iface.counters.snapshot(); }
  get routes(): Routes { return this.iface.routes; }

  /** Replaces the configuration (e.g. static after boot); stops a running DHCP client. */
  setStaticConfig(now: number, c: { address: number; prefixLength: number; gateway?: number; dnsServers?: number[] } | undefined): void {
    this.dhcp?.stop();
    this.#started = true;
    this.#setConfig(now, c && { source: 'static', address: c.address >>> 0, prefixLength: c.prefixLength, gateway: c.gateway, dnsServers: c.dnsServers ?? [] });
  }

  /** DNS servers to use instead of the configuration's (undefined: back to the configuration's). */
  setDnsServers(servers: number[] | undefined): void {
    this.#dnsOverride = servers?.slice();
    this.#applyDnsServers();
  }

  #applyDnsServers(): void {
    const list = this.#dnsOverride ?? this.#config?.dnsServers ?? [];
    this.dns.setServers(list.map((address) => ({ address, port: DNS_PORT })));
  }

  #setConfig(now: number, cfg: Ipv4Configuration | undefined): void {
    if (cfg && cfg.gateway === undefined) delete cfg.gateway;
    this.#config = cfg;
    this.iface.configure(now, cfg && { address: cfg.address, prefixLength: cfg.prefixLength, gateway: cfg.gateway });
    this.#applyDnsServers();
    this.onConfigChange?.(this.config);
    this.#wake();
  }

  #applyLease(lease: DhcpLease | undefined): void {
    this.#setConfig(this.#now, lease && { source: 'dhcp', address: lease.address, prefixLength: lease.prefixLength,
      gateway: lease.gateway, dnsServers: lease.dnsServers, lease });
  }

  /** Sends an ICMP echo request; replies arrive through `onEchoReply`. Returns a drop reason or undefined. */
  ping(now: number, dst: number, ident: number, seq: number, data: Uint8Array = new Uint8Array(0)): string | undefined {
    const err = this.iface.sendEchoRequest(now, dst, ident, seq, data);
    this.#wake();
    return err;
  }

  receive(now: number, frame: Uint8Array): void {
    this.#now = now;
    this.iface.receive(now, frame);
  }

  #udpInput(now: number, src: number, dst: number, datagram: Uint8Array, broadcast: boolean, unconfigured: boolean): 'delivered' | 'no-socket' | 'dropped' {
    if (this.dhcp && datagram.length >= UDP_HEADER_LEN && ((datagram[2] << 8) | datagram[3]) === DHCP_CLIENT_PORT) {
      // The DHCP client sees port 68 whatever the destination address (it has none yet, and servers
      // may unicast the OFFER to the address offered; RFC 2131 section 4.1).
      const udp = UdpPacket.checked(datagram);
      if (typeof udp === 'string') { this.iface.counters.drop(udp); return 'dropped'; }
      if (!udp.verifyChecksum(src, dst)) { this.iface.counters.drop('udp-bad-checksum'); return 'dropped'; }
      const packet = DhcpPacket.checked(udp.payload);
      const msg = typeof packet === 'string' ? packet : DhcpRepr.parse(packet);
      if (typeof msg === 'string') { this.iface.counters.drop(msg); return 'dropped'; }
      const ignored = this.dhcp.input(now, msg);
      if (ignored) this.iface.counters.drop(ignored);
      return 'delivered';
    }
    if (unconfigured) { this.iface.counters.drop('udp-unconfigured'); return 'dropped'; }
    return this.udp.input(now, src, dst, datagram, broadcast);
  }

  #emitDhcp(now: number, msg: DhcpRepr, src: number, dst: number): void {
    const body = new Uint8Array(DhcpRepr.bufferLen(msg));
    DhcpRepr.emit(msg, new DhcpPacket(body));
    const datagram = new Uint8Array(UDP_HEADER_LEN + body.length);
    writeUdp(datagram, 0, DHCP_CLIENT_PORT, DHCP_SERVER_PORT, body, src, dst);
    const err = this.iface.sendIpv4(now, src, dst, PROTO_UDP, datagram);
    if (err) this.iface.counters.drop(`dhcp-${err}`);
  }

  /** Emits every due frame through `transmit` and returns the next deadline (ms) or undefined. */
  poll(now: number, transmit: (frame: Uint8Array) => void): number | undefined {
    this.#now = now;
    if (this.#polling) throw new Error('NetStack.poll: re-entered from inside transmit or a callback');
    this.#polling = true;
    const iface = this.iface;
    try {
      iface.attachTransmit(transmit);
      if (!this.#started) { this.#started = true; this.dhcp?.start(now); }
      let next: number | undefined;
      for (let round = 0; round < LOOPBACK_ROUNDS; round++) {
        iface.processLoopback(now);
        next = this.dhcp?.poll(now, (msg, src, dst) => this.#emitDhcp(now, msg, src, dst));
        next = min(next, this.dns.poll(now));
        next = min(next, this.tcp.poll(now, (src, dst, segment) => {
          const err = iface.sendIpv4Owned(now, src, dst, PROTO_TCP, segment);
          if (err) iface.counters.drop(`tcp-${err}`);
        }));
        if (!iface.hasPendingOutput) break;
      }
      next = min(next, iface.pollTimers(now));
      return iface.hasPendingOutput ? now : next;
    } finally {
      iface.detachTransmit();
      this.#polling = false;
    }
  }

  memoryStats(): NetMemoryStats {
    const s = this.iface.stats();
    return {
      neighborEntries: s.neighbor.entries, arpPendingAddresses: s.neighbor.pendingAddresses,
      arpQueuedDatagrams: s.neighbor.queuedDatagrams, arpQueuedBytes: s.neighbor.queuedBytes,
      reassemblyDatagrams: s.reassembly.datagrams, reassemblyBytes: s.reassembly.bytes,
      egressQueued: s.egressQueued, loopbackQueued: s.loopbackQueued,
      udpSockets: this.udp.sockets().length, dnsInFlight: this.dns.inFlight, dnsCacheEntries: this.dns.cacheSize,
    };
  }
}
