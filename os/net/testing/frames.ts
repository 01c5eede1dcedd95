// Frame builders for tests: whole Ethernet frames from plain values, written with the wire module's
// Repr emitters (so interface tests do not depend on the interface's own output path).

import { EthernetFrame, EthernetRepr, ETHERTYPE_ARP, ETHERTYPE_IPV4, ETHERNET_HEADER_LEN } from '../wire/ethernet';
import { ArpPacket, ArpRepr, ARP_LEN } from '../wire/arp';
import { Ipv4Packet, Ipv4Repr, IPV4_HEADER_LEN, PROTO_ICMP, PROTO_UDP } from '../wire/ipv4';
import { Icmpv4Packet, Icmpv4Repr } from '../wire/icmpv4';
import { UdpPacket, UdpRepr } from '../wire/udp';

export function ethernet(dst: Uint8Array, src: Uint8Array, etherType: number, payload: Uint8Array): Uint8Array {
  const f = new Uint8Array(ETHERNET_HEADER_LEN + payload.length);
  EthernetRepr.emit({ dst, src, etherType }, new EthernetFrame(f));
  f.set(payload, ETHERNET_HEADER_LEN);
  return f;
}

export function arpFrame(dst: Uint8Array, repr: ArpRepr): Uint8Array {
  const p = new Uint8Array(ARP_LEN);
  ArpRepr.emit(repr, new ArpPacket(p));
  return ethernet(dst, repr.senderMac, ETHERTYPE_ARP, p);
}

export interface IpFields { src: number; dst: number; protocol: number; ttl?: number; ident?: number; dontFragment?: boolean }

export function ipv4(fields: IpFields, payload: Uint8Array): Uint8Array {
  const repr: Ipv4Repr = { src: fields.src, dst: fields.dst, protocol: fields.protocol, ttl: fields.ttl ?? 64, payloadLen: payload.length,
    ident: fields.ident ?? 1, dontFragment: fields.dontFragment ?? false };
  const d = new Uint8Array(Ipv4Repr.bufferLen(repr));
  Ipv4Repr.emit(repr, new Ipv4Packet(d));
  d.set(payload, IPV4_HEADER_LEN);
  return d;
}

/** Splits an IPv4 datagram into fragments of at most `chunk` payload bytes (a multiple of 8). */
export function fragments(datagram: Uint8Array, chunk: number): Uint8Array[] {
  const ip = new Ipv4Packet(datagram);
  const payload = ip.payload;
  const out: Uint8Array[] = [];
  for (let off = 0; off < payload.length; off += chunk) {
    const len = Math.min(chunk, payload.length - off);
    const f = new Uint8Array(IPV4_HEADER_LEN + len);
    f.set(datagram.subarray(0, IPV4_HEADER_LEN));
    f.set(payload.subarray(off, off + len), IPV4_HEADER_LEN);
    const v = new Ipv4Packet(f);
    v.totalLength = f.length;
    v.setFragment(false, off + len < payload.length, off);
    v.fillChecksum();
    out.push(f);
  }
  return out;
}

/** A fragment with arbitrary offset/length/MF (for overlap tests). */
export function fragment(fields: IpFields, offset: number, more: boolean, data: Uint8Array): Uint8Array {
  const f = ipv4(fields, data);
  const v = new Ipv4Packet(f);
  v.setFragment(false, more, offset);
  v.fillChecksum();
  return f;
}

export function udpDatagram(src: number, dst: number, srcPort: number, dstPort: number, payload: Uint8Array): Uint8Array {
  const repr: UdpRepr = { srcPort, dstPort, payload };
  const u = new Uint8Array(UdpRepr.bufferLen(repr));
  UdpRepr.emit(repr, new UdpPacket(u), src, dst);
  return ipv4({ src, dst, protocol: PROTO_UDP }, u);
}

export function icmpDatagram(src: number, dst: number, repr: Icmpv4Repr): Uint8Array {
  const m = new Uint8Array(Icmpv4Repr.bufferLen(repr));
  Icmpv4Repr.emit(repr, new Icmpv4Packet(m));
  return ipv4({ src, dst, protocol: PROTO_ICMP }, m);
}

export function ipFrame(dst: Uint8Array, src: Uint8Array, datagram: Uint8Array): Uint8Array {
  return ethernet(dst, src, ETHERTYPE_IPV4, datagram);
}
