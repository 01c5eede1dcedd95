// TCP segment format (RFC 9293 section 3.1; options: RFC 9293 3.2, RFC 7323 (window scale,
// timestamps), RFC 2018 (SACK)).
//
// Two levels, as every wire/ format:
// - `TcpPacket` is a zero-copy view over the segment's bytes with one accessor per field. The
//   only way to look at untrusted bytes is `TcpPacket.check(bytes, src, dst)`, which verifies the
//   length, the data offset and the checksum (with the IPv4 pseudo-header, RFC 9293 3.1); after it
//   no accessor can read out of bounds.
// - `TcpRepr` is the parsed, validated value: ports, numbers, flags, window and options.
//   `parseTcp` fills one (malformed options refuse the segment, unknown options are skipped),
//   `tcpHeaderLen`/`tcpBufferLen` size it and `emitTcp` writes it, checksum included; emit never
//   fails when given exactly `tcpBufferLen(repr)` bytes.
//
//    0                   1                   2                   3
//    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
//   |          Source Port          |       Destination Port        |   0
//   |                        Sequence Number                        |   4
//   |                    Acknowledgment Number                      |   8
//   |  Data |       |C|E|U|A|P|R|S|F|                               |
//   | Offset| Rsrvd |W|C|R|C|S|S|Y|I|            Window             |  12
//   |           Checksum            |         Urgent Pointer        |  16
//   |                    Options (0-40 bytes)                       |  20
//
// Options are emitted 4-byte aligned in the order Linux uses (MSS, SACK-permitted+timestamps,
// NOP+window scale, NOP+NOP+SACK), so at most 40 bytes: timestamps leave room for 3 SACK blocks.

import { sum, fold, finish, pseudoHeaderSum } from './checksum';

export const TCP_PROTOCOL = 6;
export const TCP_HEADER_LEN = 20;
export const TCP_MAX_HEADER_LEN = 60;

// Field offsets.
const SRC_PORT = 0;
const DST_PORT = 2;
const SEQ_NUM = 4;
const ACK_NUM = 8;
const DATA_OFFSET = 12;
const FLAGS = 13;
const WINDOW = 14;
const CHECKSUM = 16;
const URGENT = 18;

// Flags (byte 13).
export const FIN = 0x01;
export const SYN = 0x02;
export const RST = 0x04;
export const PSH = 0x08;
export const ACK = 0x10;
export const URG = 0x20;
export const ECE = 0x40;
export const CWR = 0x80;

// Option kinds (IANA "TCP Option Kind Numbers").
const OPT_EOL = 0;
const OPT_NOP = 1;
const OPT_MSS = 2;
const OPT_WSCALE = 3;
const OPT_SACK_PERMITTED = 4;
const OPT_SACK = 5;
const OPT_TIMESTAMP = 8;

/** RFC 7323 2.3: a shift above 14 is used as 14. */
export const MAX_WINDOW_SCALE = 14;
export const MAX_SACK_BLOCKS = 4;

/** Why a segment was refused; the layer counts drops by these names. */
export type TcpDropReason = 'truncated' | 'too-long' | 'bad-offset' | 'bad-checksum' | 'bad-option';

/** A view over a TCP segment. Construct with `check` for untrusted bytes. */
export class TcpPacket {
  readonly bytes: Uint8Array;

  /** Wraps bytes without checking; for buffers this code wrote itself. */
  constructor(bytes: Uint8Array) {
    this.bytes = bytes;
  }

  /**
   * The checked constructor: length >= 20, 20 <= data offset*4 <= length, and the checksum over the
   * IPv4 pseudo-header (src/dst u32) and the whole segment verifies. `bytes` is the IP payload.
   */
  static check(bytes: Uint8Array, src: number, dst: number): TcpPacket | TcpDropReason {
    if (bytes.length < TCP_HEADER_LEN) return 'truncated';
    const headerLen = (bytes[DATA_OFFSET] >>> 4) * 4;
    if (headerLen < TCP_HEADER_LEN || headerLen > bytes.length) return 'bad-offset';
    // No IPv4 datagram carries more, and the pseudo-header's length field could not say it.
    if (bytes.length > 0xffff) return 'too-long';
    // A segment passes when the one's complement sum over pseudo-header and segment is all ones.
    const acc = sum(bytes, 0, bytes.length, pseudoHeaderSum(src, dst, TCP_PROTOCOL, bytes.length));
    if (fold(acc) !== 0xffff) return 'bad-checksum';
    return new TcpPacket(bytes);
  }

  get srcPort(): number { return (this.bytes[SRC_PORT] << 8) | this.bytes[SRC_PORT + 1]; }
  set srcPort(v: number) { this.bytes[SRC_PORT] = v >>> 8; this.bytes[SRC_PORT + 1] = v; }
  get dstPort(): number { return (this.bytes[DST_PORT] << 8) | this.bytes[DST_PORT + 1]; }
  set dstPort(v: number) { this.bytes[DST_PORT] = v >>> 8; this.bytes[DST_PORT + 1] = v; }
  get seq(): number { return readU32(this.bytes, SEQ_NUM); }
  set seq(v: number) { writeU32(this.bytes, SEQ_NUM, v); }
  get ack(): number { return readU32(this.bytes, ACK_NUM); }
  set ack(v: number) { writeU32(this.bytes, ACK_NUM, v); }
  /** Header length in bytes (data offset * 4). */
  get headerLen(): number { return (this.bytes[DATA_OFFSET] >>> 4) * 4; }
  set headerLen(v: number) { this.bytes[DATA_OFFSET] = (v >>> 2) << 4; }
  get flags(): number { return this.bytes[FLAGS]; }
  set flags(v: number) { this.bytes[FLAGS] = v; }
  get window(): number { return (this.bytes[WINDOW] << 8) | this.bytes[WINDOW + 1]; }
  set window(v: number) { this.bytes[WINDOW] = v >>> 8; this.bytes[WINDOW + 1] = v; }
  get checksum(): number { return (this.bytes[CHECKSUM] << 8) | this.bytes[CHECKSUM + 1]; }
  set checksum(v: number) { this.bytes[CHECKSUM] = v >>> 8; this.bytes[CHECKSUM + 1] = v; }
  get urgent(): number { return (this.bytes[URGENT] << 8) | this.bytes[URGENT + 1]; }
  set urgent(v: number) { this.bytes[URGENT] = v >>> 8; this.bytes[URGENT + 1] = v; }
  get options(): Uint8Array { return this.bytes.subarray(TCP_HEADER_LEN, this.headerLen); }
  get payload(): Uint8Array { return this.bytes.subarray(this.headerLen); }

  /** Computes and stores the checksum over the pseudo-header and the whole segment. */
  fillChecksum(src: number, dst: number): void {
    this.checksum = 0;
    const n = this.bytes.length;
    this.checksum = finish(sum(this.bytes, 0, n, pseudoHeaderSum(src, dst, TCP_PROTOCOL, n)));
  }
}

/**
 * A parsed segment. Absent options use sentinels (mss 0, windowScale -1, hasTimestamp false,
 * sackCount 0) rather than optional fields, so every repr has the same shape; `sackBlocks` holds
 * `sackCount` (left, right) pairs. `payload` is a view into the packet, not a copy.
 */
export class TcpRepr {
  srcPort = 0;
  dstPort = 0;
  seq = 0;
  ack = 0;
  flags = 0;
  /** The raw 16-bit window field (unscaled). */
  window = 0;
  urgent = 0;
  mss = 0;
  windowScale = -1;
  sackPermitted = false;
  sackCount = 0;
  sackBlocks: number[] = [0, 0, 0, 0, 0, 0, 0, 0];
  hasTimestamp = false;
  tsVal = 0;
  tsEcr = 0;
  payload: Uint8Array = EMPTY;

  /** Resets every field to its absent/zero value (for reuse as a scratch value). */
  clear(): this {
    this.srcPort = this.dstPort = this.seq = this.ack = this.flags = this.window = this.urgent = 0;
    this.mss = 0;
    this.windowScale = -1;
    this.sackPermitted = false;
    this.sackCount = 0;
    this.hasTimestamp = false;
    this.tsVal = this.tsEcr = 0;
    this.payload = EMPTY;
    return this;
  }

  /** Sequence space the segment occupies: payload + SYN + FIN (RFC 9293 3.4 SEG.LEN). */
  get segLen(): number {
    return this.payload.length + (this.flags & SYN ? 1 : 0) + (this.flags & FIN ? 1 : 0);
  }
}

const EMPTY = new Uint8Array(0);

/**
 * Parses a checked packet into `out` (a fresh TcpRepr by default). Returns 'bad-option' for an
 * option whose length is below 2, runs past the header, or does not match its kind.
 */
export function parseTcp(packet: TcpPacket, out: TcpRepr = new TcpRepr()): TcpRepr | TcpDropReason {
  const b = packet.bytes;
  out.clear();
  out.srcPort = packet.srcPort;
  out.dstPort = packet.dstPort;
  out.seq = packet.seq;
  out.ack = packet.ack;
  out.flags = packet.flags;
  out.window = packet.window;
  out.urgent = packet.urgent;
  const end = packet.headerLen;
  out.payload = b.subarray(end);
  let i = TCP_HEADER_LEN;
  while (i < end) {
    const kind = b[i];
    if (kind === OPT_EOL) break;
    if (kind === OPT_NOP) { i++; continue; }
    if (i + 1 >= end) return 'bad-option';
    const len = b[i + 1];
    if (len < 2 || i + len > end) return 'bad-option';
    switch (kind) {
      case OPT_MSS:
        if (len !== 4) return 'bad-option';
        out.mss = (b[i + 2] << 8) | b[i + 3];
        break;
      case OPT_WSCALE:
        if (len !== 3) return 'bad-option';
        out.windowScale = Math.min(b[i + 2], MAX_WINDOW_SCALE);
        break;
      case OPT_SACK_PERMITTED:
        if (len !== 2) return 'bad-option';
        out.sackPermitted = true;
        break;
      case OPT_SACK: {
        const n = (len - 2) >>> 3;
        if (n < 1 || n > MAX_SACK_BLOCKS || len !== 2 + 8 * n) return 'bad-option';
        for (let k = 0; k < n; k++) {
          out.sackBlocks[2 * k] = readU32(b, i + 2 + 8 * k);
          out.sackBlocks[2 * k + 1] = readU32(b, i + 6 + 8 * k);
        }
        out.sackCount = n;
        break;
      }
      case OPT_TIMESTAMP:
        if (len !== 10) return 'bad-option';
        out.hasTimestamp = true;
        out.tsVal = readU32(b, i + 2);
        out.tsEcr = readU32(b, i + 6);
        break;
      default:
        break; // RFC 9293 3.2: unknown options are skipped by their length
    }
    i += len;
  }
  return out;
}

/** Length of the options `emitTcp` writes for this repr (a multiple of 4, at most 40). */
export function tcpOptionsLen(repr: TcpRepr): number {
  let n = 0;
  if (repr.mss > 0) n += 4;
  if (repr.hasTimestamp) n += 12; // SACK-permitted rides in the timestamp option's padding
  else if (repr.sackPermitted) n += 4;
  if (repr.windowScale >= 0) n += 4;
  const blocks = sackBlocksThatFit(repr, n);
  if (blocks > 0) n += 4 + 8 * blocks;
  return n;
}

function sackBlocksThatFit(repr: TcpRepr, used: number): number {
  let blocks = Math.min(repr.sackCount, MAX_SACK_BLOCKS);
  while (blocks > 0 && used + 4 + 8 * blocks > 40) blocks--;
  return blocks;
}

export function tcpHeaderLen(repr: TcpRepr): number {
  return TCP_HEADER_LEN + tcpOptionsLen(repr);
}

export function tcpBufferLen(repr: TcpRepr): number {
  return tcpHeaderLen(repr) + repr.payload.length;
}

/**
 * Writes the header and options of `repr` at the start of `bytes`; returns the header length.
 * The checksum field is left zero (see `emitTcp` / `TcpPacket.fillChecksum`). Lets a sender copy
 * the payload straight from its send buffer behind the header.
 */
export function emitTcpHeader(repr: TcpRepr, bytes: Uint8Array): number {
  const headerLen = tcpHeaderLen(repr);
  const p = new TcpPacket(bytes);
  p.srcPort = repr.srcPort;
  p.dstPort = repr.dstPort;
  p.seq = repr.seq;
  p.ack = repr.ack;
  bytes[DATA_OFFSET] = (headerLen >>> 2) << 4;
  p.flags = repr.flags;
  p.window = repr.window;
  p.checksum = 0;
  p.urgent = repr.urgent;
  let i = TCP_HEADER_LEN;
  if (repr.mss > 0) {
    bytes[i] = OPT_MSS; bytes[i + 1] = 4; bytes[i + 2] = repr.mss >>> 8; bytes[i + 3] = repr.mss;
    i += 4;
  }
  if (repr.hasTimestamp) {
    if (repr.sackPermitted) { bytes[i] = OPT_SACK_PERMITTED; bytes[i + 1] = 2; }
    else { bytes[i] = OPT_NOP; bytes[i + 1] = OPT_NOP; }
    bytes[i + 2] = OPT_TIMESTAMP; bytes[i + 3] = 10;
    writeU32(bytes, i + 4, repr.tsVal);
    writeU32(bytes, i + 8, repr.tsEcr);
    i += 12;
  } else if (repr.sackPermitted) {
    bytes[i] = OPT_NOP; bytes[i + 1] = OPT_NOP; bytes[i + 2] = OPT_SACK_PERMITTED; bytes[i + 3] = 2;
    i += 4;
  }
  if (repr.windowScale >= 0) {
    bytes[i] = OPT_NOP; bytes[i + 1] = OPT_WSCALE; bytes[i + 2] = 3;
    bytes[i + 3] = Math.min(repr.windowScale, MAX_WINDOW_SCALE);
    i += 4;
  }
  const blocks = sackBlocksThatFit(repr, i - TCP_HEADER_LEN);
  if (blocks > 0) {
    bytes[i] = OPT_NOP; bytes[i + 1] = OPT_NOP; bytes[i + 2] = OPT_SACK; bytes[i + 3] = 2 + 8 * blocks;
    i += 4;
    for (let k = 0; k < blocks; k++) {
      writeU32(bytes, i, repr.sackBlocks[2 * k]);
      writeU32(bytes, i + 4, repr.sackBlocks[2 * k + 1]);
      i += 8;
    }
  }
  return headerLen;
}

/**
 * Writes `repr` (header, options, payload) into `bytes`, which must be exactly
 * `tcpBufferLen(repr)` long, and fills the checksum for the IPv4 pseudo-header src -> dst.
 */
export function emitTcp(repr: TcpRepr, bytes: Uint8Array, src: number, dst: number): void {
  const headerLen = emitTcpHeader(repr, bytes);
  if (repr.payload.length) bytes.set(repr.payload, headerLen);
  new TcpPacket(bytes).fillChecksum(src, dst);
}

export function readU32(b: Uint8Array, i: number): number {
  return ((b[i] << 24) | (b[i + 1] << 16) | (b[i + 2] << 8) | b[i + 3]) >>> 0;
}

export function writeU32(b: Uint8Array, i: number, v: number): void {
  b[i] = v >>> 24; b[i + 1] = v >>> 16; b[i + 2] = v >>> 8; b[i + 3] = v;
}
