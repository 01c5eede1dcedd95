// One Ethernet interface with one IPv4 address: Ethernet and ARP in, IPv4 in and out, ICMP.
//
// Read first: RFC 1122 sections 2.3.2 (ARP), 3.2.1 (IP), 3.2.2 (ICMP), 3.3.1 (routing), 3.3.2
// (reassembly); RFC 791; RFC 826; RFC 5227 (announcements).
//
// Data flow. `receive(now, frame)` parses a frame (borrowed: it is not kept after the call) and hands
// the payloads of datagrams addressed to us to the upper layers (`UpperLayers`). Output goes through
// `sendIpv4`, which routes, resolves the next hop, fragments if needed and emits Ethernet frames.
// The interface never calls a device itself: while the stack polls, `attachTransmit` has installed
// the device's transmit function and frames go straight to it; anything produced outside a poll (an
// ARP reply, an echo reply, a datagram leaving while a frame is received) waits in a bounded egress
// queue that the next poll flushes. Datagrams to our own address or 127/8 take the loopback queue and
// are received again at the next poll (RFC 1122 section 3.2.1.3: loopback never reaches the wire).
//
// Hot path (a TCP segment out): routes are a short list, the neighbour is one Map lookup, the headers
// are written into one scratch frame buffer reused for every frame and the segment is copied once
// into it (a memcpy, `Uint8Array.set`); the transmit function must copy the frame before returning.
// In: two views, one header checksum, one subarray for the segment.
//
// Malformed input of any kind is a counted drop (`counters.drops`), never an exception.

import { EthernetFrame, ETHERTYPE_ARP, ETHERTYPE_IPV4, ETHERNET_HEADER_LEN, BROADCAST_MAC, ZERO_MAC, writeEthernetHeader, isUnicastMac, macEquals } from '../wire/ethernet';
import { ArpPacket, ArpRepr, ARP_LEN, ARP_OP_REPLY, ARP_OP_REQUEST } from '../wire/arp';
import { Ipv4Packet, IPV4_HEADER_LEN, IPV4_BROADCAST, PROTO_ICMP, PROTO_TCP, PROTO_UDP, writeIpv4Header, subnetBroadcast, isMulticastIpv4, isLoopbackIpv4, prefixToMask } from '../wire/ipv4';
import { Icmpv4Packet, Icmpv4Repr, ICMP_ECHO_REQUEST, ICMP_ECHO_REPLY, UNREACH_PORT, UNREACH_PROTOCOL, TIME_EXCEEDED_REASSEMBLY, parseQuotedDatagram, type QuotedDatagram } from '../wire/icmpv4';
import { InterfaceCounters } from './counters';
import { NeighborCache, type NeighborOptions } from './neighbor';
import { Reassembler, type ReassemblyOptions } from './reassembly';
import { Routes } from './routes';
import { TokenBucket } from './ratelimit';

export interface InterfaceOptions {
  mac: Uint8Array;
  /** IP MTU: the largest datagram in one frame (1500 on Ethernet). */
  mtu: number;
  random(n: number): Uint8Array;
  neighbor?: NeighborOptions;
  reassembly?: ReassemblyOptions;
  /** ICMP errors: burst size and one more per interval (default 10 and 100 ms). */
  icmpErrorBurst?: number;
  icmpErrorIntervalMs?: number;
  /** Frames waiting for the next poll (default 256) and loopback datagrams (default 1024). */
  egressQueueLimit?: number;
  loopbackQueueLimit?: number;
  /** Default TTL for datagrams we originate (RFC 1700 / Linux: 64). */
  ttl?: number;
}

export interface Ipv4Address {
  address: number;
  prefixLength: number;
  gateway?: number;
}

export interface IcmpErrorInfo {
  type: 'dst-unreachable' | 'time-exceeded';
  code: number;
  /** From a router for ICMP "fragmentation needed" (RFC 1191), else 0. */
  nextHopMtu: number;
  /** Who reported it. */
  reporter: number;
  quoted: QuotedDatagram;
}

export type UdpDelivery = 'delivered' | 'no-socket' | 'dropped';

/** What the interface hands upwards. `segment`/`datagram` are views into the received frame. */
export interface UpperLayers {
  tcp(now: number, src: number, dst: number, segment: Uint8Array): void;
  /** `broadcast`: sent to a broadcast address; `unconfigured`: we have no address yet and accepted it
   * whatever its destination (for the DHCP client). */
  udp(now: number, src: number, dst: number, datagram: Uint8Array, broadcast: boolean, unconfigured: boolean): UdpDelivery;
  icmpError(now: number, info: IcmpErrorInfo): void;
  echoReply(now: number, src: number, ident: number, seq: number, data: Uint8Array): void;
}

const NO_UPPER: UpperLayers = {
  tcp() {}, udp: () => 'no-socket', icmpError() {}, echoReply() {},
};

// RFC 5227 section 1.1: ANNOUNCE_NUM 2, ANNOUNCE_INTERVAL 2 s.
const ANNOUNCE_NUM = 2;
const ANNOUNCE_INTERVAL_MS = 2000;
// RFC 1812 section 4.3.2.3: an ICMP error quotes as much as fits in 576 bytes.
const ICMP_ERROR_MAX = 576;
/** Bytes `sendIpv4Owned` needs in front of a payload: Ethernet + IPv4 headers. */
export const OWNED_HEADROOM = ETHERNET_HEADER_LEN + IPV4_HEADER_LEN;
const ROUTE_LOOPBACK = 1;
const ROUTE_RESOLVED = 2;
const ROUTE_PENDING = 3;

export class Interface {
  readonly mac: Uint8Array;
  readonly mtu: number;
  readonly counters = new InterfaceCounters();
  readonly neighbors: NeighborCache;
  readonly reassembler: Reassembler;
  readonly routes = new Routes();
  readonly ttl: number;
  #upper: UpperLayers = NO_UPPER;
  #address = 0;
  #prefixLength = 0;
  #subnetBroadcast = IPV4_BROADCAST;
  #scratch: Uint8Array;
  #transmit: ((frame: Uint8Array) => void) | undefined;
  #egress: Uint8Array[] = [];
  #egressLimit: number;
  #loopback: Uint8Array[] = [];
  #loopbackLimit: number;
  #ident: number;
  #icmpErrors: TokenBucket;
  #announcementsLeft = 0;
  #announceAt = 0;
  #routeKind = 0;
  #routeMac: Uint8Array = BROADCAST_MAC;
  #routeHop = 0;

  constructor(opts: InterfaceOptions) {
    if (opts.mac.length !== 6 || !isUnicastMac(opts.mac)) throw new RangeError('Interface: mac must be a unicast Ethernet address');
    if (!(opts.mtu >= 576 && opts.mtu <= 65535)) throw new RangeError('Interface: mtu must be 576..65535 (RFC 791 section 3.1)');
    this.mac = opts.mac.slice();
    this.mtu = opts.mtu;
    this.ttl = opts.ttl ?? 64;
    this.neighbors = new NeighborCache(opts.neighbor);
    this.reassembler = new Reassembler(opts.reassembly);
    this.#scratch = new Uint8Array(ETHERNET_HEADER_LEN + opts.mtu);
    this.#egressLimit = opts.egressQueueLimit ?? 256;
    this.#loopbackLimit = opts.loopbackQueueLimit ?? 1024;
    const r = opts.random(2);
    this.#ident = (r[0] << 8) | r[1];
    this.#icmpErrors = new TokenBucket(opts.icmpErrorBurst ?? 10, opts.icmpErrorIntervalMs ?? 100);
  }

  setUpperLayers(upper: UpperLayers): void { this.#upper = upper; }

  get address(): number { return this.#address; }
  get prefixLength(): number { return this.#prefixLength; }

  /**
   * Sets (or with undefined, removes) the IPv4 address, replacing the routes of the previous one: the
   * on-link prefix and, with a gateway, a default route. Announces the address (RFC 5227 section 2.3).
   */
  configure(now: number, cfg: Ipv4Address | undefined): void {
    this.routes.remove({ origin: 'config' });
    if (!cfg) {
      this.#address = 0; this.#prefixLength = 0; this.#subnetBroadcast = IPV4_BROADCAST;
      this.#announcementsLeft = 0;
      return;
    }
    const changed = cfg.address !== this.#address;
    this.#address = cfg.address >>> 0;
    this.#prefixLength = cfg.prefixLength;
    this.#subnetBroadcast = cfg.prefixLength < 31 ? subnetBroadcast(cfg.address, cfg.prefixLength) : IPV4_BROADCAST;
    this.routes.add({ network: (cfg.address & prefixToMask(cfg.prefixLength)) >>> 0, prefixLength: cfg.prefixLength, gateway: 0, origin: 'config' });
    if (cfg.gateway) this.routes.add({ network: 0, prefixLength: 0, gateway: cfg.gateway >>> 0, origin: 'config' });
    if (changed) { this.#announcementsLeft = ANNOUNCE_NUM; this.#announceAt = now; }
  }

  /** The source address for a datagram to `dst`, or undefined when it cannot be routed. */
  sourceFor(dst: number): number | undefined {
    if (isLoopbackIpv4(dst)) return 0x7f000001; // as Linux picks lo's address for 127/8
    if (this.#address === 0) return undefined;
    if (dst === IPV4_BROADCAST || dst === this.#address || isMulticastIpv4(dst)) return this.#address;
    return this.routes.nextHop(dst) === undefined ? undefined : this.#address;
  }

  isLocalAddress(addr: number): boolean {
    return (this.#address !== 0 && addr === this.#address) || isLoopbackIpv4(addr);
  }

  isBroadcastAddress(addr: number): boolean {
    return addr === IPV4_BROADCAST || (this.#address !== 0 && addr === this.#subnetBroadcast);
  }

  // ---------------------------------------------------------------- input

  receive(now: number, frame: Uint8Array): void {
    this.counters.rxPackets++;
    this.counters.rxBytes += frame.length;
    const eth = EthernetFrame.checked(frame);
    if (typeof eth === 'string') { this.counters.drop(eth); return; }
    const broadcast = eth.isBroadcast;
    if (!broadcast && !eth.isFor(this.mac)) { this.counters.drop(eth.isGroup ? 'eth-multicast' : 'eth-not-for-us'); return; }
    const type = eth.etherType;
    if (type === ETHERTYPE_IPV4) this.#ipv4Input(now, eth.payload, broadcast, false);
    else if (type === ETHERTYPE_ARP) this.#arpInput(now, eth.payload);
    else this.counters.drop('eth-unknown-type');
  }

  #arpInput(now: number, bytes: Uint8Array): void {
    const packet = ArpPacket.checked(bytes);
    if (typeof packet === 'string') { this.counters.drop(packet); return; }
    const arp = ArpRepr.parse(packet);
    if (typeof arp === 'string') { this.counters.drop(arp); return; }
    if (!isUnicastMac(arp.senderMac)) { this.counters.drop('arp-bad-sender'); return; }
    if (macEquals(arp.senderMac, this.mac)) { this.counters.drop('arp-own'); return; }
    const ours = this.#address;
    if (ours !== 0 && arp.senderIp === ours) {
      // Someone else claims our address (RFC 5227 section 2.4). We do not defend; count it.
      this.counters.drop('arp-address-conflict');
      return;
    }
    // RFC 826 "merge": refresh a mapping we already hold ...
    let released = arp.senderIp !== 0 ? this.neighbors.update(arp.senderIp, arp.senderMac, now) : undefined;
    if (ours === 0 || arp.targetIp !== ours) {
      if (released) this.#sendReleased(now, arp.senderMac, released);
      return;
    }
    // ... and add one when we are the target.
    if (!released && arp.senderIp !== 0 && this.#onLink(arp.senderIp)) released = this.neighbors.fill(arp.senderIp, arp.senderMac, now);
    if (released) this.#sendReleased(now, arp.senderMac, released);
    if (arp.operation === ARP_OP_REQUEST) {
      // A probe (sender IP 0, RFC 5227 section 2.1.1) gets an ordinary reply too: it defends us.
      this.#sendArp(ARP_OP_REPLY, arp.senderMac, arp.senderMac, arp.senderIp);
    }
  }

  #onLink(addr: number): boolean {
    return this.routes.nextHop(addr) === addr;
  }

  #sendReleased(now: number, mac: Uint8Array, datagrams: Uint8Array[]): void {
    for (const d of datagrams) this.#transmitDatagram(mac, d);
  }

  #ipv4Input(now: number, bytes: Uint8Array, linkBroadcast: boolean, loopback: boolean): void {
    const ip = Ipv4Packet.checked(bytes);
    if (typeof ip === 'string') { this.counters.drop(ip); return; }
    if (!loopback && !ip.verifyChecksum()) { this.counters.drop('ipv4-bad-checksum'); return; }
    const src = ip.src;
    const dst = ip.dst;
    // RFC 1122 section 3.2.1.3: discard datagrams with a broadcast, multicast or (from the wire)
    // loopback source; our own frames echoed back are dropped by the Ethernet check already.
    if (src === IPV4_BROADCAST || isMulticastIpv4(src) || (!loopback && isLoopbackIpv4(src)) ||
        (this.#address !== 0 && src === this.#subnetBroadcast)) { this.counters.drop('ipv4-bad-source'); return; }
    const unconfigured = this.#address === 0;
    let broadcast = false;
    if (loopback || (!unconfigured && dst === this.#address)) {
      // unicast to us
    } else if (dst === IPV4_BROADCAST || (!unconfigured && dst === this.#subnetBroadcast)) {
      broadcast = true;
    } else if (isMulticastIpv4(dst)) {
      this.counters.drop('ipv4-multicast'); return; // no IGMP group membership yet
    } else if (!unconfigured || ip.protocol !== PROTO_UDP) {
      this.counters.drop('ipv4-not-for-us'); return;
    }
    // RFC 1122 section 3.2.1.7: a host does not forward, so it does not check the TTL of what it
    // receives ("MUST NOT discard a datagram just because it was received with TTL less than 2").
    let datagram = ip;
    if (ip.isFragment) {
      const r = this.reassembler.add(now, ip);
      if (r === undefined) return;
      if (typeof r === 'string') { this.counters.drop(r); return; }
      datagram = new Ipv4Packet(r);
    }
    const payload = datagram.payload;
    switch (datagram.protocol) {
      case PROTO_TCP:
        if (broadcast || unconfigured) { this.counters.drop('tcp-not-unicast'); return; }
        this.#upper.tcp(now, src, dst, payload);
        return;
      case PROTO_UDP: {
        const r = this.#upper.udp(now, src, dst, payload, broadcast || linkBroadcast, unconfigured && !loopback);
        if (r === 'no-socket') {
          this.counters.drop('udp-no-socket');
          if (!broadcast && !unconfigured) this.#sendIcmpError(now, 'dst-unreachable', UNREACH_PORT, datagram.datagram, linkBroadcast);
        }
        return;
      }
      case PROTO_ICMP:
        if (unconfigured) { this.counters.drop('icmp-unconfigured'); return; }
        this.#icmpInput(now, src, dst, payload, broadcast || linkBroadcast);
        return;
      default:
        this.counters.drop('ipv4-unknown-protocol');
        if (!broadcast && !unconfigured) this.#sendIcmpError(now, 'dst-unreachable', UNREACH_PROTOCOL, datagram.datagram, linkBroadcast);
    }
  }

  #icmpInput(now: number, src: number, dst: number, bytes: Uint8Array, broadcast: boolean): void {
    const packet = Icmpv4Packet.checked(bytes);
    if (typeof packet === 'string') { this.counters.drop(packet); return; }
    const icmp = Icmpv4Repr.parse(packet);
    if (typeof icmp === 'string') { this.counters.drop(icmp); return; }
    switch (icmp.type) {
      case 'echo-request': {
        // RFC 1122 section 3.2.2.6 lets a host ignore echo requests to broadcast addresses (as Linux
        // does by default: they amplify floods).
        if (broadcast) { this.counters.drop('icmp-echo-broadcast'); return; }
        const reply: Icmpv4Repr = { type: 'echo-reply', ident: icmp.ident, seq: icmp.seq, data: icmp.data };
        const out = new Uint8Array(Icmpv4Repr.bufferLen(reply));
        Icmpv4Repr.emit(reply, new Icmpv4Packet(out));
        const err = this.sendIpv4(now, dst, src, PROTO_ICMP, out);
        if (err) this.counters.drop(err);
        return;
      }
      case 'echo-reply':
        this.#upper.echoReply(now, src, icmp.ident, icmp.seq, icmp.data);
        return;
      default: {
        const quoted = parseQuotedDatagram(icmp.original);
        // Only errors about datagrams we sent concern us (RFC 5927 section 4.1 checks).
        if (!quoted || !this.isLocalAddress(quoted.src)) { this.counters.drop('icmp-error-not-ours'); return; }
        this.#upper.icmpError(now, { type: icmp.type, code: icmp.code, nextHopMtu: icmp.type === 'dst-unreachable' ? icmp.nextHopMtu : 0, reporter: src, quoted });
      }
    }
  }

  /**
   * Sends an ICMP error about `offending` (a whole datagram or first fragment) unless RFC 1122 section
   * 3.2.2 forbids it: not about ICMP errors, broadcast or multicast datagrams, link-layer broadcasts,
   * non-initial fragments, or sources that do not name a single host; and at a limited rate.
   */
  #sendIcmpError(now: number, type: 'dst-unreachable' | 'time-exceeded', code: number, offending: Uint8Array, linkBroadcast: boolean): void {
    if (linkBroadcast || offending.length < IPV4_HEADER_LEN) return;
    const ip = new Ipv4Packet(offending);
    const src = ip.src;
    if (src === 0 || this.isBroadcastAddress(src) || isMulticastIpv4(src) || isLoopbackIpv4(src)) return;
    if (this.isBroadcastAddress(ip.dst) || isMulticastIpv4(ip.dst) || ip.fragmentOffset !== 0) return;
    if (ip.protocol === PROTO_ICMP) {
      const t = offending.length > ip.headerLen ? offending[ip.headerLen] : ICMP_ECHO_REQUEST;
      if (t !== ICMP_ECHO_REQUEST && t !== ICMP_ECHO_REPLY) return;
    }
    if (!this.#icmpErrors.take(now)) { this.counters.drop('icmp-rate-limited'); return; }
    const original = offending.subarray(0, Math.min(offending.length, ICMP_ERROR_MAX - IPV4_HEADER_LEN - 8));
    const repr: Icmpv4Repr = type === 'dst-unreachable' ? { type, code, nextHopMtu: 0, original } : { type, code, original };
    const out = new Uint8Array(Icmpv4Repr.bufferLen(repr));
    Icmpv4Repr.emit(repr, new Icmpv4Packet(out));
    const err = this.sendIpv4(now, this.#address, src, PROTO_ICMP, out);
    if (err) this.counters.drop(err);
  }

  // ---------------------------------------------------------------- output

  /** Sends an ICMP echo request (ping). Returns a drop reason, or undefined when sent or queued. */
  sendEchoRequest(now: number, dst: number, ident: number, seq: number, data: Uint8Array): string | undefined {
    const repr: Icmpv4Repr = { type: 'echo-request', ident, seq, data };
    const out = new Uint8Array(Icmpv4Repr.bufferLen(repr));
    Icmpv4Repr.emit(repr, new Icmpv4Packet(out));
    return this.sendIpv4(now, 0, dst, PROTO_ICMP, out);
  }

  /**
   * Sends `payload` as one IPv4 datagram (fragmented if it exceeds the MTU and `dontFragment` is not
   * set). `src` 0 means "our address". Returns undefined when the datagram was sent or queued for
   * address resolution, else the reason it was dropped: 'no-route' (ENETUNREACH), 'no-address',
   * 'too-big' (EMSGSIZE: over 65535 bytes, or over the MTU with DF), or a queue-full reason.
   */
  sendIpv4(now: number, src: number, dst: number, protocol: number, payload: Uint8Array, dontFragment = false, ttl = this.ttl): string | undefined {
    const total = IPV4_HEADER_LEN + payload.length;
    if (total > 65535 || (dontFragment && total > this.mtu)) return 'too-big';
    if (src === 0) src = this.#address;
    const err = this.#route(now, dst, src);
    if (err) return err;
    if (src === 0) src = this.#routeKind === ROUTE_LOOPBACK ? dst : 0;
    // Build the datagram where its frame will be: in the scratch buffer after the Ethernet header.
    const buf = total <= this.mtu ? this.#scratch : new Uint8Array(ETHERNET_HEADER_LEN + total);
    writeIpv4Header(buf, ETHERNET_HEADER_LEN, src, dst, protocol, payload.length, ttl, this.#nextIdent(), dontFragment);
    buf.set(payload, ETHERNET_HEADER_LEN + IPV4_HEADER_LEN);
    const datagram = buf.subarray(ETHERNET_HEADER_LEN, ETHERNET_HEADER_LEN + total);
    return this.#dispatch(now, datagram, buf === this.#scratch);
  }

  /**
   * The zero-copy form of `sendIpv4` for payloads that own `OWNED_HEADROOM` free bytes in front of
   * them in their buffer (TCP's segments with `headroom` set): the IPv4 and Ethernet headers are
   * written there and the frame goes out without copying the payload. The caller gives the buffer up.
   */
  sendIpv4Owned(now: number, src: number, dst: number, protocol: number, payload: Uint8Array, dontFragment = false): string | undefined {
    const total = IPV4_HEADER_LEN + payload.length;
    if (total > this.mtu || payload.byteOffset < OWNED_HEADROOM) return this.sendIpv4(now, src, dst, protocol, payload, dontFragment);
    if (src === 0) src = this.#address;
    const err = this.#route(now, dst, src);
    if (err) return err;
    if (src === 0) src = this.#routeKind === ROUTE_LOOPBACK ? dst : 0;
    const frame = new Uint8Array(payload.buffer, payload.byteOffset - OWNED_HEADROOM, OWNED_HEADROOM + payload.length);
    writeIpv4Header(frame, ETHERNET_HEADER_LEN, src, dst, protocol, payload.length, this.ttl, this.#nextIdent(), dontFragment);
    return this.#dispatch(now, frame.subarray(ETHERNET_HEADER_LEN), false, true);
  }

  #nextIdent(): number {
    const ident = this.#ident;
    this.#ident = (ident + 1) & 0xffff;
    return ident;
  }

  /** Routes `dst`: sets #routeKind and #routeMac / #routeHop (fields, so the hot path allocates
   * nothing), or returns why it cannot be sent. */
  #route(now: number, dst: number, src: number): string | undefined {
    if (this.isLocalAddress(dst)) { this.#routeKind = ROUTE_LOOPBACK; return undefined; }
    if (dst === IPV4_BROADCAST || (this.#address !== 0 && dst === this.#subnetBroadcast)) {
      this.#routeKind = ROUTE_RESOLVED; this.#routeMac = BROADCAST_MAC; return undefined;
    }
    if (src === 0) return 'no-address';
    if (isMulticastIpv4(dst)) {
      // RFC 1112 section 6.4: 01:00:5e followed by the low 23 bits of the group address.
      this.#routeKind = ROUTE_RESOLVED;
      this.#routeMac = new Uint8Array([0x01, 0x00, 0x5e, (dst >>> 16) & 0x7f, (dst >>> 8) & 0xff, dst & 0xff]);
      return undefined;
    }
    const hop = this.routes.nextHop(dst);
    if (hop === undefined) return 'no-route';
    const mac = this.neighbors.lookup(hop, now);
    if (mac) { this.#routeKind = ROUTE_RESOLVED; this.#routeMac = mac; return undefined; }
    this.#routeKind = ROUTE_PENDING; this.#routeHop = hop;
    return undefined;
  }

  /** Sends a routed datagram. `inScratch`: it lives in the scratch buffer, so anything that keeps
   * it must copy it; `headroom`: the caller owns its buffer and the bytes before it. */
  #dispatch(now: number, datagram: Uint8Array, inScratch: boolean, headroom = false): string | undefined {
    if (this.#routeKind === ROUTE_LOOPBACK) {
      if (this.#loopback.length >= this.#loopbackLimit) return 'loopback-queue-full';
      this.#loopback.push(inScratch ? datagram.slice() : datagram);
      this.counters.loopbackPackets++;
      return undefined;
    }
    if (this.#routeKind === ROUTE_PENDING) {
      const drop = this.neighbors.enqueue(this.#routeHop, inScratch ? datagram.slice() : datagram, now);
      if (drop === 'arp-too-many-pending') return drop;
      if (drop) this.counters.drop(drop); // an older datagram made room for this one
      return undefined;
    }
    this.#transmitDatagram(this.#routeMac, datagram, headroom);
    return undefined;
  }

  /** Emits a complete datagram to `mac`, in fragments if it exceeds the MTU (RFC 791 section 3.2,
   * "fragmentation": each fragment but the last carries a multiple of 8 payload bytes; the first
   * fragment's header is copied to every fragment, options included). `headroom`: the Ethernet header
   * may be written in the datagram's buffer just before it (sendIpv4Owned). */
  #transmitDatagram(mac: Uint8Array, datagram: Uint8Array, headroom = false): void {
    const s = this.#scratch;
    if (datagram.length <= this.mtu) {
      let frame: Uint8Array;
      if (datagram.buffer === s.buffer && datagram.byteOffset === s.byteOffset + ETHERNET_HEADER_LEN) {
        frame = s.subarray(0, ETHERNET_HEADER_LEN + datagram.length);
      } else if (headroom) {
        frame = new Uint8Array(datagram.buffer, datagram.byteOffset - ETHERNET_HEADER_LEN, ETHERNET_HEADER_LEN + datagram.length);
      } else {
        s.set(datagram, ETHERNET_HEADER_LEN);
        frame = s.subarray(0, ETHERNET_HEADER_LEN + datagram.length);
      }
      writeEthernetHeader(frame, mac, this.mac, ETHERTYPE_IPV4);
      this.#output(frame);
      return;
    }
    const ip = new Ipv4Packet(datagram);
    if (ip.dontFragment) { this.counters.drop('ipv4-too-big'); return; }
    const hl = ip.headerLen;
    const payload = datagram.subarray(hl, ip.totalLength);
    const chunk = (this.mtu - hl) & ~7;
    for (let off = 0; off < payload.length; off += chunk) {
      const len = Math.min(chunk, payload.length - off);
      s.set(datagram.subarray(0, hl), ETHERNET_HEADER_LEN);
      s.set(payload.subarray(off, off + len), ETHERNET_HEADER_LEN + hl);
      const frag = new Ipv4Packet(s.subarray(ETHERNET_HEADER_LEN, ETHERNET_HEADER_LEN + hl + len));
      frag.totalLength = hl + len;
      frag.setFragment(false, off + len < payload.length, off);
      frag.fillChecksum();
      writeEthernetHeader(s, mac, this.mac, ETHERTYPE_IPV4);
      this.#output(s.subarray(0, ETHERNET_HEADER_LEN + hl + len));
    }
  }

  #sendArp(operation: number, dstMac: Uint8Array, targetMac: Uint8Array, targetIp: number, senderIp = this.#address): void {
    const s = this.#scratch;
    writeEthernetHeader(s, dstMac, this.mac, ETHERTYPE_ARP);
    ArpRepr.emit({ operation, senderMac: this.mac, senderIp, targetMac, targetIp }, new ArpPacket(s.subarray(ETHERNET_HEADER_LEN, ETHERNET_HEADER_LEN + ARP_LEN)));
    this.#output(s.subarray(0, ETHERNET_HEADER_LEN + ARP_LEN));
  }

  #output(frame: Uint8Array): void {
    if (this.#transmit) {
      this.counters.txPackets++;
      this.counters.txBytes += frame.length;
      this.#transmit(frame);
      return;
    }
    if (this.#egress.length >= this.#egressLimit) { this.counters.drop('egress-queue-full'); return; }
    this.#egress.push(frame.slice());
  }

  // ---------------------------------------------------------------- polling

  /** Installs the device's transmit function for the duration of a poll and flushes the egress queue. */
  attachTransmit(transmit: (frame: Uint8Array) => void): void {
    this.#transmit = transmit;
    const queued = this.#egress;
    if (queued.length) {
      this.#egress = [];
      for (const f of queued) this.#output(f);
    }
  }

  detachTransmit(): void { this.#transmit = undefined; }

  /** True when frames wait for a poll (the stack's deadline is then "now"). */
  get hasPendingOutput(): boolean { return this.#egress.length > 0 || this.#loopback.length > 0; }

  /** Receives the datagrams looped back since the last call. */
  processLoopback(now: number): void {
    const queued = this.#loopback;
    if (!queued.length) return;
    this.#loopback = [];
    for (const d of queued) this.#ipv4Input(now, d, false, true);
  }

  /** ARP retries and announcements, reassembly timeouts. Returns the next deadline. */
  pollTimers(now: number): number | undefined {
    let next = this.neighbors.poll(now,
      (ip) => this.#sendArp(ARP_OP_REQUEST, BROADCAST_MAC, ZERO_MAC, ip),
      (_ip, dropped) => { for (let i = 0; i < dropped; i++) this.counters.drop('arp-unresolved'); });
    if (this.#announcementsLeft > 0 && this.#address !== 0) {
      if (now >= this.#announceAt) {
        // RFC 5227 section 2.3: an ARP request with sender and target IP both ours.
        this.#sendArp(ARP_OP_REQUEST, BROADCAST_MAC, ZERO_MAC, this.#address);
        this.#announcementsLeft--;
        this.#announceAt = now + ANNOUNCE_INTERVAL_MS;
      }
      if (this.#announcementsLeft > 0) next = min(next, this.#announceAt);
    }
    const r = this.reassembler.expire(now, (quoted) => {
      this.counters.drop('frag-timeout');
      if (quoted) this.#sendIcmpError(now, 'time-exceeded', TIME_EXCEEDED_REASSEMBLY, quoted, false);
    });
    return min(next, r);
  }

  stats(): { neighbor: ReturnType<NeighborCache['stats']>; reassembly: ReturnType<Reassembler['stats']>; egressQueued: number; loopbackQueued: number } {
    return { neighbor: this.neighbors.stats(), reassembly: this.reassembler.stats(), egressQueued: this.#egress.length, loopbackQueued: this.#loopback.length };
  }
}

export function min(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return a < b ? a : b;
}
