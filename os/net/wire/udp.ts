// UDP datagrams (RFC 768).
//
//   0 source port   2 destination port   4 length (header + data)   6 checksum   8 data
//
// The checksum covers the pseudo-header (source, destination, zero, protocol 17, UDP length), the
// header and the data. A transmitted checksum of zero means "none" (RFC 768; RFC 1122 section 4.1.3.4
// lets a receiver accept it); a computed zero is sent as 0xffff.
// After `UdpPacket.checked`, 8 <= length <= buffer length; bytes past `length` (IP padding) are ignored.

import { sum, fold, finish, pseudoHeaderSum } from './checksum';
import { PROTO_UDP } from './ipv4';

export const UDP_HEADER_LEN = 8;

export class UdpPacket {
  constructor(readonly buffer: Uint8Array) {}

  static checked(buffer: Uint8Array): UdpPacket | string {
    if (buffer.length < UDP_HEADER_LEN) return 'udp-truncated';
    const len = (buffer[4] << 8) | buffer[5];
    if (len < UDP_HEADER_LEN) return 'udp-bad-length';
    if (len > buffer.length) return 'udp-truncated';
    return new UdpPacket(buffer);
  }

  get srcPort(): number { return (this.buffer[0] << 8) | this.buffer[1]; }
  get dstPort(): number { return (this.buffer[2] << 8) | this.buffer[3]; }
  get length(): number { return (this.buffer[4] << 8) | this.buffer[5]; }
  get checksum(): number { return (this.buffer[6] << 8) | this.buffer[7]; }
  get payload(): Uint8Array { return this.buffer.subarray(UDP_HEADER_LEN, this.length); }

  verifyChecksum(src: number, dst: number): boolean {
    if (this.checksum === 0) return true;
    const len = this.length;
    return fold(sum(this.buffer, 0, len, pseudoHeaderSum(src, dst, PROTO_UDP, len))) === 0xffff;
  }

  fillChecksum(src: number, dst: number): void {
    const len = this.length;
    this.buffer[6] = 0; this.buffer[7] = 0;
    let c = finish(sum(this.buffer, 0, len, pseudoHeaderSum(src, dst, PROTO_UDP, len)));
    if (c === 0) c = 0xffff;
    this.buffer[6] = c >>> 8; this.buffer[7] = c & 0xff;
  }
}

export interface UdpRepr {
  srcPort: number;
  dstPort: number;
  payload: Uint8Array;
}

export const UdpRepr = {
  /** Verifies the checksum against the IPv4 addresses; `payload` is a view into the packet. */
  parse(packet: UdpPacket, src: number, dst: number, opts: { ignoreChecksum?: boolean } = {}): UdpRepr | string {
    if (!opts.ignoreChecksum && !packet.verifyChecksum(src, dst)) return 'udp-bad-checksum';
    if (packet.dstPort === 0) return 'udp-zero-port';
    return { srcPort: packet.srcPort, dstPort: packet.dstPort, payload: packet.payload };
  },
  bufferLen(repr: UdpRepr): number { return UDP_HEADER_LEN + repr.payload.length; },
  emit(repr: UdpRepr, packet: UdpPacket, src: number, dst: number): void {
    writeUdp(packet.buffer, 0, repr.srcPort, repr.dstPort, repr.payload, src, dst);
  },
};

/** Writes header, payload and checksum at `o` in `b` (UDP_HEADER_LEN + payload.length bytes). */
export function writeUdp(b: Uint8Array, o: number, srcPort: number, dstPort: number, payload: Uint8Array, src: number, dst: number): void {
  const len = UDP_HEADER_LEN + payload.length;
  b[o] = srcPort >>> 8; b[o + 1] = srcPort & 0xff;
  b[o + 2] = dstPort >>> 8; b[o + 3] = dstPort & 0xff;
  b[o + 4] = len >>> 8; b[o + 5] = len & 0xff;
  b[o + 6] = 0; b[o + 7] = 0;
  b.set(payload, o + UDP_HEADER_LEN);
  let c = finish(sum(b, o, o + len, pseudoHeaderSum(src, dst, PROTO_UDP, len)));
  if (c === 0) c = 0xffff;
  b[o + 6] = c >>> 8; b[o + 7] = c & 0xff;
}
