// Ethernet frames built on the host for injection on a lab's wire (relay.ts): well-formed TCP SYNs
// for a SYN flood, and the malformed inputs of the flood test (truncated headers, bad checksums,
// absurd lengths, fragments that never complete). Written independently of os/net's emitters, so
// the guest's parsers meet bytes its own code did not produce.
//
// Layouts: Ethernet II (RFC 894), IPv4 header (RFC 791 3.1), TCP header (RFC 9293 3.1), UDP
// (RFC 768), ICMP (RFC 792), ARP (RFC 826). Checksums: RFC 1071.
import { Prng } from '../../os/net/testing/prng';

export const ETHERTYPE_IPV4 = 0x0800;
export const ETHERTYPE_ARP = 0x0806;
export const PROTO_ICMP = 1;
export const PROTO_TCP = 6;
export const PROTO_UDP = 17;
export const TCP_SYN = 0x02;
export const TCP_ACK = 0x10;
export const TCP_RST = 0x04;

export function macBytes(mac: string): Buffer {
  const parts = mac.split(':');
  if (parts.length !== 6) throw new Error(`not a MAC address: ${mac}`);
  return Buffer.from(parts.map((h) => parseInt(h, 16)));
}

export function ipU32(dotted: string): number {
  const p = dotted.split('.').map(Number);
  return ((p[0] << 24) | (p[1] << 16) | (p[2] << 8) | p[3]) >>> 0;
}

/** RFC 1071: the one's complement of the one's complement sum of 16-bit words. */
export function checksum(data: Uint8Array, initial = 0): number {
  let sum = initial;
  for (let i = 0; i + 1 < data.length; i += 2) sum += (data[i] << 8) | data[i + 1];
  if (data.length & 1) sum += data[data.length - 1] << 8;
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

function pseudoHeaderSum(src: number, dst: number, protocol: number, length: number): number {
  return (src >>> 16) + (src & 0xffff) + (dst >>> 16) + (dst & 0xffff) + protocol + length;
}

export function ethernet(dst: Buffer, src: Buffer, etherType: number, payload: Uint8Array): Buffer {
  const f = Buffer.alloc(14 + payload.length);
  dst.copy(f, 0);
  src.copy(f, 6);
  f.writeUInt16BE(etherType, 12);
  f.set(payload, 14);
  return f;
}

export interface Ipv4Fields {
  src: number;
  dst: number;
  protocol: number;
  ident?: number;
  ttl?: number;
  /** More fragments. */
  mf?: boolean;
  df?: boolean;
  /** Fragment offset in bytes (a multiple of 8). */
  offset?: number;
  /** Overrides the total length field (absurd lengths). */
  totalLength?: number;
  /** Header words (IHL); options are zero-filled. */
  ihl?: number;
  version?: number;
  badChecksum?: boolean;
}

export function ipv4(f: Ipv4Fields, payload: Uint8Array): Buffer {
  const ihl = f.ihl ?? 5;
  const hlen = Math.max(20, ihl * 4);
  const d = Buffer.alloc(hlen + payload.length);
  d[0] = ((f.version ?? 4) << 4) | (ihl & 0xf);
  d.writeUInt16BE(f.totalLength ?? d.length, 2);
  d.writeUInt16BE(f.ident ?? 1, 4);
  d.writeUInt16BE(((f.df ? 0x4000 : 0) | (f.mf ? 0x2000 : 0) | ((f.offset ?? 0) >>> 3)) & 0xffff, 6);
  d[8] = f.ttl ?? 64;
  d[9] = f.protocol;
  d.writeUInt32BE(f.src, 12);
  d.writeUInt32BE(f.dst, 16);
  const c = checksum(d.subarray(0, hlen));
  d.writeUInt16BE(f.badChecksum ? c ^ 0x5a5a : c, 10);
  d.set(payload, hlen);
  return d;
}

export interface TcpFields {
  src: number;
  dst: number;
  srcPort: number;
  dstPort: number;
  seq: number;
  ack?: number;
  flags: number;
  window?: number;
  /** Raw option bytes (padded to 4 with NOPs... by the caller; a length not a multiple of 4 is padded with zeros). */
  options?: Uint8Array;
  payload?: Uint8Array;
  /** Overrides the data offset (words). */
  dataOffset?: number;
  badChecksum?: boolean;
}

/** A TCP segment with its pseudo-header checksum (RFC 9293 3.1). */
export function tcp(f: TcpFields): Buffer {
  const opt = f.options ?? new Uint8Array(0);
  const optLen = (opt.length + 3) & ~3;
  const hlen = 20 + optLen;
  const payload = f.payload ?? new Uint8Array(0);
  const s = Buffer.alloc(hlen + payload.length);
  s.writeUInt16BE(f.srcPort, 0);
  s.writeUInt16BE(f.dstPort, 2);
  s.writeUInt32BE(f.seq >>> 0, 4);
  s.writeUInt32BE((f.ack ?? 0) >>> 0, 8);
  s[12] = (f.dataOffset ?? hlen / 4) << 4;
  s[13] = f.flags;
  s.writeUInt16BE(f.window ?? 64240, 14);
  s.set(opt, 20);
  s.set(payload, hlen);
  const c = checksum(s, pseudoHeaderSum(f.src, f.dst, PROTO_TCP, s.length));
  s.writeUInt16BE(f.badChecksum ? c ^ 0x1234 : c, 16);
  return s;
}

export function udp(src: number, dst: number, srcPort: number, dstPort: number, payload: Uint8Array, o: { length?: number; badChecksum?: boolean } = {}): Buffer {
  const s = Buffer.alloc(8 + payload.length);
  s.writeUInt16BE(srcPort, 0);
  s.writeUInt16BE(dstPort, 2);
  s.writeUInt16BE(o.length ?? s.length, 4);
  s.set(payload, 8);
  let c = checksum(s, pseudoHeaderSum(src, dst, PROTO_UDP, s.length));
  if (c === 0) c = 0xffff;
  s.writeUInt16BE(o.badChecksum ? c ^ 0x00ff : c, 6);
  return s;
}

/** An ARP request (RFC 826) from senderMac/senderIp asking for targetIp, broadcast. */
export function arpRequest(senderMac: string, senderIp: string, targetIp: string): Buffer {
  const a = Buffer.alloc(28);
  a.writeUInt16BE(1, 0); // Ethernet
  a.writeUInt16BE(ETHERTYPE_IPV4, 2);
  a[4] = 6;
  a[5] = 4;
  a.writeUInt16BE(1, 6); // request
  macBytes(senderMac).copy(a, 8);
  a.writeUInt32BE(ipU32(senderIp), 14);
  a.writeUInt32BE(ipU32(targetIp), 24);
  return ethernet(Buffer.alloc(6, 0xff), macBytes(senderMac), ETHERTYPE_ARP, a);
}

/** Linux's SYN options: MSS 1460, SACK permitted, timestamps, window scale 7. */
export function synOptions(tsval: number): Buffer {
  const o = Buffer.alloc(20);
  o.set([2, 4, 0x05, 0xb4, 4, 2, 8, 10], 0);
  o.writeUInt32BE(tsval >>> 0, 8);
  o.writeUInt32BE(0, 12);
  o.set([1, 3, 3, 7], 16);
  return o;
}

export interface WireEnds {
  /** The VM's MAC (frames must be addressed to it: the guest drops other unicast). */
  vmMac: string;
  vmIp: string;
  /** The source MAC and on-link address the flood pretends to come from. */
  srcMac: string;
  srcIp: string;
}

/** SYNs to vmIp:port from spoofed sources: off-link (198.18.0.0/15, RFC 2544) and on-link. */
export function* synFlood(rng: Prng, ends: WireEnds, port: number, count: number): Generator<Buffer> {
  const dst = macBytes(ends.vmMac);
  const srcMac = macBytes(ends.srcMac);
  const vm = ipU32(ends.vmIp);
  const onLinkBase = (ipU32(ends.srcIp) & 0xffffff00) >>> 0;
  for (let i = 0; i < count; i++) {
    // One in eight from an unused on-link address: the guest must ARP for those (bounded queues).
    const src = i % 8 === 7 ? (onLinkBase | (100 + rng.int(150))) >>> 0 : (ipU32('198.18.0.0') + rng.int(1 << 17)) >>> 0;
    const seg = tcp({ src, dst: vm, srcPort: 1024 + rng.int(64000), dstPort: port, seq: rng.nextU32(), flags: TCP_SYN, options: synOptions(rng.nextU32()) });
    yield ethernet(dst, srcMac, ETHERTYPE_IPV4, ipv4({ src, dst: vm, protocol: PROTO_TCP, ident: rng.int(65536), df: true }, seg));
  }
}

/** The malformed kinds the flood cycles through (each frame says which in the tests' tallies). */
export const MALFORMED_KINDS = [
  'short-ethernet', 'short-ipv4', 'ipv4-bad-checksum', 'ipv4-bad-version', 'ipv4-ihl-too-small', 'ipv4-ihl-beyond-frame',
  'ipv4-total-length-absurd', 'ipv4-total-length-below-header', 'tcp-bad-checksum', 'tcp-short-header', 'tcp-data-offset-absurd',
  'tcp-bad-options', 'udp-bad-checksum', 'udp-length-absurd', 'icmp-truncated', 'arp-truncated', 'arp-bad-lengths',
  'fragment-never-completed', 'fragment-overlapping', 'fragment-offset-absurd', 'jumbo-garbage', 'random-garbage',
] as const;

export type MalformedKind = (typeof MALFORMED_KINDS)[number];

/** One malformed frame of `kind` towards the VM. */
export function malformed(kind: MalformedKind, rng: Prng, ends: WireEnds): Buffer {
  const dst = macBytes(ends.vmMac);
  const srcMac = macBytes(ends.srcMac);
  const src = ipU32(ends.srcIp);
  const vm = ipU32(ends.vmIp);
  const ip4 = (f: Partial<Ipv4Fields>, payload: Uint8Array) => ethernet(dst, srcMac, ETHERTYPE_IPV4, ipv4({ src, dst: vm, protocol: PROTO_TCP, ident: rng.int(65536), ...f }, payload));
  const syn = (o: Partial<TcpFields> = {}) => tcp({ src, dst: vm, srcPort: 1024 + rng.int(60000), dstPort: 8080, seq: rng.nextU32(), flags: TCP_SYN, ...o });
  switch (kind) {
    case 'short-ethernet':
      // 1-13 bytes. Not 0: QEMU's dgram backend takes an empty datagram for end of file and stops
      // reading its socket (net/dgram.c), which would cut the wire, not test the guest.
      return Buffer.from(rng.bytes(1 + rng.int(13)));
    case 'short-ipv4':
      return ethernet(dst, srcMac, ETHERTYPE_IPV4, rng.bytes(rng.int(20)));
    case 'ipv4-bad-checksum':
      return ip4({ badChecksum: true }, syn());
    case 'ipv4-bad-version':
      return ip4({ version: 6 }, syn());
    case 'ipv4-ihl-too-small':
      return ip4({ ihl: rng.int(5) }, syn());
    case 'ipv4-ihl-beyond-frame': {
      // IHL 15 (60 bytes) in a frame that holds only 24 bytes of IP.
      const f = ip4({ ihl: 15 }, new Uint8Array(0));
      return f.subarray(0, 14 + 24);
    }
    case 'ipv4-total-length-absurd':
      return ip4({ totalLength: 65535 }, syn());
    case 'ipv4-total-length-below-header':
      return ip4({ totalLength: rng.int(20) }, syn());
    case 'tcp-bad-checksum':
      return ip4({}, syn({ badChecksum: true }));
    case 'tcp-short-header':
      return ip4({}, syn().subarray(0, rng.int(20)));
    case 'tcp-data-offset-absurd':
      return ip4({}, syn({ dataOffset: rng.chance(0.5) ? 15 : rng.int(5) }));
    case 'tcp-bad-options': {
      // An option whose length is 0, 1, or runs past the header.
      const bad = [[2, 0, 5, 0], [3, 1, 0, 0], [8, 40, 0, 0], [5, 3, 0, 0]][rng.int(4)];
      return ip4({}, syn({ options: Buffer.from(bad) }));
    }
    case 'udp-bad-checksum':
      return ip4({ protocol: PROTO_UDP }, udp(src, vm, 5353, 53 + rng.int(1000), rng.bytes(40), { badChecksum: true }));
    case 'udp-length-absurd':
      return ip4({ protocol: PROTO_UDP }, udp(src, vm, 5353, 9, rng.bytes(40), { length: rng.chance(0.5) ? 65535 : rng.int(8) }));
    case 'icmp-truncated': {
      const p = Buffer.from([8, 0, 0, 0]); // echo request cut after 4 bytes
      return ip4({ protocol: PROTO_ICMP }, p);
    }
    case 'arp-truncated':
      return ethernet(Buffer.alloc(6, 0xff), srcMac, ETHERTYPE_ARP, rng.bytes(rng.int(28)));
    case 'arp-bad-lengths': {
      const a = Buffer.alloc(28);
      a.writeUInt16BE(1, 0);
      a.writeUInt16BE(0x0800, 2);
      a[4] = 6 + 1 + rng.int(200); // hardware length that is not 6
      a[5] = rng.int(256);
      a.writeUInt16BE(1, 6);
      return ethernet(Buffer.alloc(6, 0xff), srcMac, ETHERTYPE_ARP, a);
    }
    case 'fragment-never-completed':
      // A first (or middle) fragment whose rest never comes: reassembly must time out within bounds.
      return ip4({ protocol: PROTO_UDP, mf: true, offset: rng.int(100) * 8 }, rng.bytes(8 * (1 + rng.int(150))));
    case 'fragment-overlapping': {
      const ident = rng.int(65536);
      return ip4({ protocol: PROTO_UDP, ident, mf: true, offset: 8 * rng.int(4) }, rng.bytes(64));
    }
    case 'fragment-offset-absurd':
      // Offset 65528 plus payload: the datagram would exceed 65535 bytes.
      return ip4({ protocol: PROTO_UDP, mf: rng.chance(0.5), offset: 65528 }, rng.bytes(512));
    case 'jumbo-garbage':
      // Far above the MTU (the dgram link carries up to 64 KiB).
      return Buffer.concat([dst, srcMac, Buffer.from([0x08, 0x00]), Buffer.from(rng.bytes(9000 + rng.int(20000)))]);
    case 'random-garbage':
      return Buffer.concat([dst, Buffer.from(rng.bytes(rng.int(1500)))]);
  }
}

/** `count` malformed frames, cycling through the kinds. */
export function* malformedFlood(rng: Prng, ends: WireEnds, count: number): Generator<Buffer> {
  for (let i = 0; i < count; i++) yield malformed(MALFORMED_KINDS[i % MALFORMED_KINDS.length], rng, ends);
}
