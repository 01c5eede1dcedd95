// ARP packets (RFC 826), for Ethernet hardware and IPv4 protocol addresses only.
//
//   0 hardware type (1 = Ethernet)   2 protocol type (0x0800)   4 hlen (6)   5 plen (4)   6 operation
//   8 sender MAC   14 sender IPv4   18 target MAC   24 target IPv4          (28 bytes)
//
// `ArpPacket.checked` accepts only the Ethernet/IPv4 combination with the lengths above: every other
// combination is a reason string (RFC 826: "?Do I have the hardware type in ar$hrd ... if not, discard").
// Trailing bytes (Ethernet padding) are ignored. RFC 5227 probes (sender IP 0) and announcements
// (sender IP = target IP) are ordinary requests at this level.

import { readIpv4, writeIpv4 } from './ipv4';
import { ETHERTYPE_IPV4 } from './ethernet';

export const ARP_LEN = 28;
export const ARP_HTYPE_ETHERNET = 1;
export const ARP_OP_REQUEST = 1;
export const ARP_OP_REPLY = 2;

const HTYPE = 0;
const PTYPE = 2;
const HLEN = 4;
const PLEN = 5;
const OPER = 6;
const SHA = 8;
const SPA = 14;
const THA = 18;
const TPA = 24;

export class ArpPacket {
  constructor(readonly buffer: Uint8Array) {}

  static checked(buffer: Uint8Array): ArpPacket | string {
    if (buffer.length < ARP_LEN) return 'arp-truncated';
    const p = new ArpPacket(buffer);
    if (p.hardwareType !== ARP_HTYPE_ETHERNET || p.protocolType !== ETHERTYPE_IPV4 ||
        p.hardwareLen !== 6 || p.protocolLen !== 4) return 'arp-unsupported';
    return p;
  }

  get hardwareType(): number { return (this.buffer[HTYPE] << 8) | this.buffer[HTYPE + 1]; }
  get protocolType(): number { return (this.buffer[PTYPE] << 8) | this.buffer[PTYPE + 1]; }
  get hardwareLen(): number { return this.buffer[HLEN]; }
  get protocolLen(): number { return this.buffer[PLEN]; }
  get operation(): number { return (this.buffer[OPER] << 8) | this.buffer[OPER + 1]; }
  get senderMac(): Uint8Array { return this.buffer.subarray(SHA, SHA + 6); }
  get senderIp(): number { return readIpv4(this.buffer, SPA); }
  get targetMac(): Uint8Array { return this.buffer.subarray(THA, THA + 6); }
  get targetIp(): number { return readIpv4(this.buffer, TPA); }
}

export interface ArpRepr {
  operation: number;
  senderMac: Uint8Array;
  senderIp: number;
  targetMac: Uint8Array;
  targetIp: number;
}

export const ArpRepr = {
  parse(packet: ArpPacket): ArpRepr | string {
    const op = packet.operation;
    if (op !== ARP_OP_REQUEST && op !== ARP_OP_REPLY) return 'arp-bad-operation';
    return {
      operation: op, senderMac: packet.senderMac.slice(), senderIp: packet.senderIp,
      targetMac: packet.targetMac.slice(), targetIp: packet.targetIp,
    };
  },
  bufferLen(): number { return ARP_LEN; },
  emit(repr: ArpRepr, packet: ArpPacket): void {
    const b = packet.buffer;
    b[HTYPE] = 0; b[HTYPE + 1] = ARP_HTYPE_ETHERNET;
    b[PTYPE] = ETHERTYPE_IPV4 >>> 8; b[PTYPE + 1] = ETHERTYPE_IPV4 & 0xff;
    b[HLEN] = 6; b[PLEN] = 4;
    b[OPER] = repr.operation >>> 8; b[OPER + 1] = repr.operation & 0xff;
    b.set(repr.senderMac.subarray(0, 6), SHA);
    writeIpv4(b, SPA, repr.senderIp);
    b.set(repr.targetMac.subarray(0, 6), THA);
    writeIpv4(b, TPA, repr.targetIp);
  },
};
