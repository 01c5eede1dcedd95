// ICMPv4 messages (RFC 792): echo request/reply, destination unreachable, time exceeded.
//
//   0 type   1 code   2 checksum (RFC 1071 over the whole message)   4 rest of header (4)   8 data
//   echo:                4 identifier   6 sequence number   8 data (echoed back verbatim)
//   destination unreach: 4 unused(2)   6 next-hop MTU (RFC 1191, code 4 only)   8 original datagram
//   time exceeded:       4 unused(4)                                            8 original datagram
// The "original datagram" is the offending IP header plus at least its first 8 payload bytes
// (RFC 792; RFC 1812 section 4.3.2.3 allows more, up to 576 bytes in total).
//
// `Icmpv4Packet.checked` guarantees the 8-byte header is present; `Icmpv4Repr.parse` verifies the
// checksum and refuses the types this stack does not handle (a reason string, counted by the caller).

import { sum, finish, fold } from './checksum';
import { readIpv4 } from './ipv4';

export const ICMP_HEADER_LEN = 8;
export const ICMP_ECHO_REPLY = 0;
export const ICMP_DST_UNREACHABLE = 3;
export const ICMP_ECHO_REQUEST = 8;
export const ICMP_TIME_EXCEEDED = 11;

// Destination unreachable codes (RFC 792, RFC 1122 section 3.2.2.1).
export const UNREACH_NET = 0;
export const UNREACH_HOST = 1;
export const UNREACH_PROTOCOL = 2;
export const UNREACH_PORT = 3;
export const UNREACH_FRAG_NEEDED = 4;
// Time exceeded codes.
export const TIME_EXCEEDED_TTL = 0;
export const TIME_EXCEEDED_REASSEMBLY = 1;

export class Icmpv4Packet {
  constructor(readonly buffer: Uint8Array) {}

  static checked(buffer: Uint8Array): Icmpv4Packet | string {
    if (buffer.length < ICMP_HEADER_LEN) return 'icmp-truncated';
    return new Icmpv4Packet(buffer);
  }

  get type(): number { return this.buffer[0]; }
  get code(): number { return this.buffer[1]; }
  get checksum(): number { return (this.buffer[2] << 8) | this.buffer[3]; }
  get echoIdent(): number { return (this.buffer[4] << 8) | this.buffer[5]; }
  get echoSeq(): number { return (this.buffer[6] << 8) | this.buffer[7]; }
  get nextHopMtu(): number { return (this.buffer[6] << 8) | this.buffer[7]; }
  get data(): Uint8Array { return this.buffer.subarray(ICMP_HEADER_LEN); }

  verifyChecksum(): boolean { return fold(sum(this.buffer)) === 0xffff; }
  fillChecksum(): void {
    this.buffer[2] = 0; this.buffer[3] = 0;
    const c = finish(sum(this.buffer));
    this.buffer[2] = c >>> 8; this.buffer[3] = c & 0xff;
  }
}

export type Icmpv4Repr =
  | { type: 'echo-request' | 'echo-reply'; ident: number; seq: number; data: Uint8Array }
  | { type: 'dst-unreachable'; code: number; nextHopMtu: number; original: Uint8Array }
  | { type: 'time-exceeded'; code: number; original: Uint8Array };

export const Icmpv4Repr = {
  /** The returned `data`/`original` are views into the packet (no copy). */
  parse(packet: Icmpv4Packet, opts: { ignoreChecksum?: boolean } = {}): Icmpv4Repr | string {
    if (!opts.ignoreChecksum && !packet.verifyChecksum()) return 'icmp-bad-checksum';
    switch (packet.type) {
      case ICMP_ECHO_REQUEST:
      case ICMP_ECHO_REPLY:
        if (packet.code !== 0) return 'icmp-bad-code';
        return { type: packet.type === ICMP_ECHO_REQUEST ? 'echo-request' : 'echo-reply', ident: packet.echoIdent, seq: packet.echoSeq, data: packet.data };
      case ICMP_DST_UNREACHABLE:
        if (packet.data.length < 28) return 'icmp-truncated';
        return { type: 'dst-unreachable', code: packet.code, nextHopMtu: packet.code === UNREACH_FRAG_NEEDED ? packet.nextHopMtu : 0, original: packet.data };
      case ICMP_TIME_EXCEEDED:
        if (packet.data.length < 28) return 'icmp-truncated';
        return { type: 'time-exceeded', code: packet.code, original: packet.data };
      default:
        return 'icmp-unsupported-type';
    }
  },
  bufferLen(repr: Icmpv4Repr): number {
    return ICMP_HEADER_LEN + ('data' in repr ? repr.data.length : repr.original.length);
  },
  /** Writes the message, checksum included, into exactly `bufferLen` bytes. */
  emit(repr: Icmpv4Repr, packet: Icmpv4Packet): void {
    const b = packet.buffer;
    b.fill(0, 0, ICMP_HEADER_LEN);
    switch (repr.type) {
      case 'echo-request':
      case 'echo-reply':
        b[0] = repr.type === 'echo-request' ? ICMP_ECHO_REQUEST : ICMP_ECHO_REPLY;
        b[4] = repr.ident >>> 8; b[5] = repr.ident & 0xff;
        b[6] = repr.seq >>> 8; b[7] = repr.seq & 0xff;
        b.set(repr.data, ICMP_HEADER_LEN);
        break;
      case 'dst-unreachable':
        b[0] = ICMP_DST_UNREACHABLE; b[1] = repr.code;
        b[6] = repr.nextHopMtu >>> 8; b[7] = repr.nextHopMtu & 0xff;
        b.set(repr.original, ICMP_HEADER_LEN);
        break;
      case 'time-exceeded':
        b[0] = ICMP_TIME_EXCEEDED; b[1] = repr.code;
        b.set(repr.original, ICMP_HEADER_LEN);
        break;
    }
    packet.fillChecksum();
  },
};

/** The addresses and ports of the datagram quoted in an ICMP error, for delivering the error to the
 * socket that sent it (RFC 1122 section 3.2.2: "the transport protocol ... MUST be informed"). */
export interface QuotedDatagram {
  src: number;
  dst: number;
  protocol: number;
  /** The first 8 payload bytes hold both ports for TCP and UDP. */
  srcPort: number;
  dstPort: number;
}

export function parseQuotedDatagram(original: Uint8Array): QuotedDatagram | undefined {
  if (original.length < 20 || original[0] >> 4 !== 4) return undefined;
  const headerLen = (original[0] & 0x0f) * 4;
  if (headerLen < 20 || original.length < headerLen + 8) return undefined;
  return {
    src: readIpv4(original, 12), dst: readIpv4(original, 16), protocol: original[9],
    srcPort: (original[headerLen] << 8) | original[headerLen + 1],
    dstPort: (original[headerLen + 2] << 8) | original[headerLen + 3],
  };
}
