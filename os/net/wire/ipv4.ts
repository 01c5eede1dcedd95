// IPv4 headers (RFC 791 section 3.1), plus address helpers.
//
//   0  version(4) IHL(4)   1  DSCP/ECN   2  total length   4  identification
//   6  flags(3: 0, DF, MF) fragment offset(13, in 8-byte units)   8  TTL   9  protocol
//   10 header checksum     12 source     16 destination      20 options (IHL*4 - 20 bytes), payload
//
// Invariants after `Ipv4Packet.checked`: version is 4, 20 <= IHL*4 <= total length <= buffer length,
// so `header`, `options` and `payload` are in bounds. The checksum is checked separately
// (`verifyChecksum`) so a device with checksum offload may skip it. Link-layer padding after
// `totalLength` is ignored (RFC 894). Addresses are u32 numbers (`>>> 0`), network byte order.
//
// `Ipv4Repr` describes an unfragmented header without options, the only kind this stack emits;
// fragment fields are written by the fragmenter (iface/fragment.ts) through the view's setters.

import { sum, finish, fold } from './checksum';

export const IPV4_HEADER_LEN = 20;
export const IPV4_MAX_LEN = 65535;

export const PROTO_ICMP = 1;
export const PROTO_TCP = 6;
export const PROTO_UDP = 17;

export const IPV4_ANY = 0;
export const IPV4_BROADCAST = 0xffffffff;

const VER_IHL = 0;
const TOS = 1;
const LENGTH = 2;
const IDENT = 4;
const FLAGS_FRAG = 6;
const TTL = 8;
const PROTOCOL = 9;
const CHECKSUM = 10;
const SRC = 12;
const DST = 16;

const FLAG_DF = 0x4000;
const FLAG_MF = 0x2000;
const FRAG_MASK = 0x1fff;

function readU32(b: Uint8Array, o: number): number {
  return ((b[o] << 24) | (b[o + 1] << 16) | (b[o + 2] << 8) | b[o + 3]) >>> 0;
}
function writeU32(b: Uint8Array, o: number, v: number): void {
  b[o] = v >>> 24; b[o + 1] = (v >>> 16) & 0xff; b[o + 2] = (v >>> 8) & 0xff; b[o + 3] = v & 0xff;
}

export class Ipv4Packet {
  constructor(readonly buffer: Uint8Array) {}

  static checked(buffer: Uint8Array): Ipv4Packet | string {
    if (buffer.length < IPV4_HEADER_LEN) return 'ipv4-truncated';
    if (buffer[VER_IHL] >> 4 !== 4) return 'ipv4-bad-version';
    const headerLen = (buffer[VER_IHL] & 0x0f) * 4;
    if (headerLen < IPV4_HEADER_LEN) return 'ipv4-bad-header-length';
    const total = (buffer[LENGTH] << 8) | buffer[LENGTH + 1];
    if (total < headerLen) return 'ipv4-bad-total-length';
    if (total > buffer.length) return 'ipv4-truncated';
    return new Ipv4Packet(buffer);
  }

  get version(): number { return this.buffer[VER_IHL] >> 4; }
  get headerLen(): number { return (this.buffer[VER_IHL] & 0x0f) * 4; }
  get optionsLen(): number { return this.headerLen - IPV4_HEADER_LEN; }
  get tos(): number { return this.buffer[TOS]; }
  get totalLength(): number { return (this.buffer[LENGTH] << 8) | this.buffer[LENGTH + 1]; }
  get ident(): number { return (this.buffer[IDENT] << 8) | this.buffer[IDENT + 1]; }
  get dontFragment(): boolean { return (this.#flagsFrag() & FLAG_DF) !== 0; }
  get moreFragments(): boolean { return (this.#flagsFrag() & FLAG_MF) !== 0; }
  /** Fragment offset in bytes (the field counts 8-byte units). */
  get fragmentOffset(): number { return (this.#flagsFrag() & FRAG_MASK) * 8; }
  /** True for any fragment of a larger datagram: MF set or a non-zero offset (RFC 791 section 3.2). */
  get isFragment(): boolean { return (this.#flagsFrag() & (FLAG_MF | FRAG_MASK)) !== 0; }
  get ttl(): number { return this.buffer[TTL]; }
  get protocol(): number { return this.buffer[PROTOCOL]; }
  get checksum(): number { return (this.buffer[CHECKSUM] << 8) | this.buffer[CHECKSUM + 1]; }
  get src(): number { return readU32(this.buffer, SRC); }
  get dst(): number { return readU32(this.buffer, DST); }
  get header(): Uint8Array { return this.buffer.subarray(0, this.headerLen); }
  get options(): Uint8Array { return this.buffer.subarray(IPV4_HEADER_LEN, this.headerLen); }
  get payload(): Uint8Array { return this.buffer.subarray(this.headerLen, this.totalLength); }
  /** The datagram without link padding. */
  get datagram(): Uint8Array { return this.buffer.subarray(0, this.totalLength); }

  #flagsFrag(): number { return (this.buffer[FLAGS_FRAG] << 8) | this.buffer[FLAGS_FRAG + 1]; }

  /** RFC 791 section 3.1: the one's complement sum over the header, checksum included, is 0xffff. */
  verifyChecksum(): boolean { return fold(sum(this.buffer, 0, this.headerLen)) === 0xffff; }

  set headerLen(bytes: number) { this.buffer[VER_IHL] = 0x40 | (bytes >> 2); }
  set tos(v: number) { this.buffer[TOS] = v; }
  set totalLength(v: number) { this.buffer[LENGTH] = v >>> 8; this.buffer[LENGTH + 1] = v & 0xff; }
  set ident(v: number) { this.buffer[IDENT] = (v >>> 8) & 0xff; this.buffer[IDENT + 1] = v & 0xff; }
  /** Writes DF, MF and the offset (bytes, a multiple of 8) in one go. */
  setFragment(dontFragment: boolean, moreFragments: boolean, offsetBytes: number): void {
    const v = (dontFragment ? FLAG_DF : 0) | (moreFragments ? FLAG_MF : 0) | ((offsetBytes >> 3) & FRAG_MASK);
    this.buffer[FLAGS_FRAG] = v >>> 8; this.buffer[FLAGS_FRAG + 1] = v & 0xff;
  }
  set ttl(v: number) { this.buffer[TTL] = v; }
  set protocol(v: number) { this.buffer[PROTOCOL] = v; }
  set src(v: number) { writeU32(this.buffer, SRC, v); }
  set dst(v: number) { writeU32(this.buffer, DST, v); }
  fillChecksum(): void {
    this.buffer[CHECKSUM] = 0; this.buffer[CHECKSUM + 1] = 0;
    const c = finish(sum(this.buffer, 0, this.headerLen));
    this.buffer[CHECKSUM] = c >>> 8; this.buffer[CHECKSUM + 1] = c & 0xff;
  }
}

export interface Ipv4Repr {
  src: number;
  dst: number;
  protocol: number;
  /** Bytes after the header. */
  payloadLen: number;
  ttl: number;
  ident?: number;
  dontFragment?: boolean;
  tos?: number;
}

export const Ipv4Repr = {
  /** Parses a checked packet; refuses bad checksums and fragments (reassemble first). */
  parse(packet: Ipv4Packet, opts: { ignoreChecksum?: boolean } = {}): Ipv4Repr | string {
    if (!opts.ignoreChecksum && !packet.verifyChecksum()) return 'ipv4-bad-checksum';
    if (packet.isFragment) return 'ipv4-fragment';
    return {
      src: packet.src, dst: packet.dst, protocol: packet.protocol, ttl: packet.ttl,
      payloadLen: packet.totalLength - packet.headerLen, ident: packet.ident,
      dontFragment: packet.dontFragment, tos: packet.tos,
    };
  },
  bufferLen(repr: Ipv4Repr): number { return IPV4_HEADER_LEN + repr.payloadLen; },
  /** Writes the 20-byte header (checksum included); the payload is the caller's. */
  emit(repr: Ipv4Repr, packet: Ipv4Packet): void {
    writeIpv4Header(packet.buffer, 0, repr.src, repr.dst, repr.protocol, repr.payloadLen, repr.ttl,
      repr.ident ?? 0, repr.dontFragment ?? false, repr.tos ?? 0);
  },
};

/** Allocation-free header writer for the hot path: 20 bytes at `o`, checksum filled. */
export function writeIpv4Header(b: Uint8Array, o: number, src: number, dst: number, protocol: number,
  payloadLen: number, ttl: number, ident: number, dontFragment: boolean, tos = 0): void {
  const total = IPV4_HEADER_LEN + payloadLen;
  b[o] = 0x45; b[o + 1] = tos;
  b[o + 2] = total >>> 8; b[o + 3] = total & 0xff;
  b[o + 4] = (ident >>> 8) & 0xff; b[o + 5] = ident & 0xff;
  b[o + 6] = dontFragment ? 0x40 : 0; b[o + 7] = 0;
  b[o + 8] = ttl; b[o + 9] = protocol;
  b[o + 10] = 0; b[o + 11] = 0;
  writeU32(b, o + 12, src);
  writeU32(b, o + 16, dst);
  // Unrolled header sum: ten 16-bit words, no options.
  let acc = 0;
  for (let i = o; i < o + 20; i += 2) acc += (b[i] << 8) | b[i + 1];
  const c = finish(acc);
  b[o + 10] = c >>> 8; b[o + 11] = c & 0xff;
}

// ---- address helpers ----

/** Parses dotted-quad "10.0.2.15" strictly (four decimal parts 0-255, no leading zeros, as
 * Node's net.isIPv4); returns undefined otherwise. */
export function parseIpv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let n = 0;
  for (const p of parts) {
    if (!/^(0|[1-9][0-9]{0,2})$/.test(p)) return undefined;
    const v = Number(p);
    if (v > 255) return undefined;
    n = n * 256 + v;
  }
  return n >>> 0;
}

export function formatIpv4(addr: number): string {
  return `${addr >>> 24}.${(addr >>> 16) & 0xff}.${(addr >>> 8) & 0xff}.${addr & 0xff}`;
}

export function readIpv4(b: Uint8Array, offset: number): number { return readU32(b, offset); }
export function writeIpv4(b: Uint8Array, offset: number, addr: number): void { writeU32(b, offset, addr); }

/** The netmask for a prefix length 0-32 ("/24" -> 0xffffff00). */
export function prefixToMask(prefixLength: number): number {
  return prefixLength <= 0 ? 0 : (0xffffffff << (32 - prefixLength)) >>> 0;
}

/** The prefix length of a contiguous netmask, or undefined for a non-contiguous one. */
export function maskToPrefix(mask: number): number | undefined {
  mask >>>= 0;
  let len = 0;
  while (len < 32 && (mask & (0x80000000 >>> len)) !== 0) len++;
  return prefixToMask(len) === mask ? len : undefined;
}

export function inSubnet(addr: number, network: number, prefixLength: number): boolean {
  const mask = prefixToMask(prefixLength);
  return ((addr & mask) >>> 0) === ((network & mask) >>> 0);
}

/** The directed broadcast address of a subnet (RFC 919, RFC 922). */
export function subnetBroadcast(addr: number, prefixLength: number): number {
  return (addr | ~prefixToMask(prefixLength)) >>> 0;
}

export function isMulticastIpv4(addr: number): boolean { return addr >>> 28 === 0xe; }
export function isLoopbackIpv4(addr: number): boolean { return addr >>> 24 === 127; }
