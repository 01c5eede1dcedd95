// Ethernet II frames (IEEE 802.3 with the DIX EtherType field; RFC 894 for IPv4 over Ethernet).
//
// Layout (no preamble, no FCS: devices strip both):
//   0  destination MAC (6)   6  source MAC (6)   12  EtherType (2)   14  payload
// Frames shorter than 60 bytes are padded by senders on the wire; the payload therefore may be longer
// than the upper layer's datagram, and IPv4 uses its own total length (RFC 894).
//
// `EthernetFrame.checked(bytes)` is the only way to view untrusted bytes: it returns a reason string
// on failure, after which no accessor can read out of bounds. `EthernetRepr` is the plain value with
// parse/emit/bufferLen. 802.1Q tags are not parsed: a tagged frame shows EtherType 0x8100.

export const ETHERTYPE_IPV4 = 0x0800;
export const ETHERTYPE_ARP = 0x0806;
export const ETHERTYPE_VLAN = 0x8100;
export const ETHERTYPE_IPV6 = 0x86dd;

export const ETHERNET_HEADER_LEN = 14;

const DST = 0;
const SRC = 6;
const ETHERTYPE = 12;
const PAYLOAD = 14;

export class EthernetFrame {
  /** Wraps bytes without checking them; use only on buffers this stack wrote itself. */
  constructor(readonly buffer: Uint8Array) {}

  /** Views untrusted bytes; returns the reason as a string when they cannot be an Ethernet frame. */
  static checked(buffer: Uint8Array): EthernetFrame | string {
    if (buffer.length < ETHERNET_HEADER_LEN) return 'eth-truncated';
    return new EthernetFrame(buffer);
  }

  get dstMac(): Uint8Array { return this.buffer.subarray(DST, DST + 6); }
  get srcMac(): Uint8Array { return this.buffer.subarray(SRC, SRC + 6); }
  get etherType(): number { return (this.buffer[ETHERTYPE] << 8) | this.buffer[ETHERTYPE + 1]; }
  get payload(): Uint8Array { return this.buffer.subarray(PAYLOAD); }

  /** True when the destination is broadcast (all ones); read without allocating a view. */
  get isBroadcast(): boolean {
    const b = this.buffer;
    return (b[0] & b[1] & b[2] & b[3] & b[4] & b[5]) === 0xff;
  }
  /** True when the destination's group bit is set (multicast or broadcast), IEEE 802 section 8.2. */
  get isGroup(): boolean { return (this.buffer[0] & 1) === 1; }
  /** True when the destination is exactly `mac`, compared in place. */
  isFor(mac: Uint8Array): boolean {
    const b = this.buffer;
    return b[0] === mac[0] && b[1] === mac[1] && b[2] === mac[2] && b[3] === mac[3] && b[4] === mac[4] && b[5] === mac[5];
  }

  set dstMac(mac: Uint8Array) { this.buffer.set(mac, DST); }
  set srcMac(mac: Uint8Array) { this.buffer.set(mac, SRC); }
  set etherType(v: number) { this.buffer[ETHERTYPE] = v >>> 8; this.buffer[ETHERTYPE + 1] = v & 0xff; }
}

/** Writes an Ethernet header at the start of `buffer` (the hot path's allocation-free form). */
export function writeEthernetHeader(buffer: Uint8Array, dst: Uint8Array, src: Uint8Array, etherType: number): void {
  buffer.set(dst, DST);
  buffer.set(src, SRC);
  buffer[ETHERTYPE] = etherType >>> 8;
  buffer[ETHERTYPE + 1] = etherType & 0xff;
}

export interface EthernetRepr {
  dst: Uint8Array;
  src: Uint8Array;
  etherType: number;
}

export const EthernetRepr = {
  parse(frame: EthernetFrame): EthernetRepr {
    return { dst: frame.dstMac.slice(), src: frame.srcMac.slice(), etherType: frame.etherType };
  },
  /** Header length; the payload follows and is written by the caller. */
  bufferLen(): number { return ETHERNET_HEADER_LEN; },
  emit(repr: EthernetRepr, frame: EthernetFrame): void {
    writeEthernetHeader(frame.buffer, repr.dst, repr.src, repr.etherType);
  },
};

// ---- MAC address helpers ----

export const BROADCAST_MAC: Uint8Array = new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);
export const ZERO_MAC: Uint8Array = new Uint8Array(6);

/** Parses "52:54:00:12:34:56" (or with '-'); returns undefined when it is not a MAC address. */
export function parseMac(text: string): Uint8Array | undefined {
  const parts = text.split(/[:-]/);
  if (parts.length !== 6) return undefined;
  const mac = new Uint8Array(6);
  for (let i = 0; i < 6; i++) {
    if (!/^[0-9a-fA-F]{1,2}$/.test(parts[i])) return undefined;
    mac[i] = parseInt(parts[i], 16);
  }
  return mac;
}

/** Formats as Node's os.networkInterfaces() does: lower-case, colon separated, two digits each. */
export function formatMac(mac: Uint8Array): string {
  let s = '';
  for (let i = 0; i < 6; i++) s += (i ? ':' : '') + (mac[i] < 16 ? '0' : '') + mac[i].toString(16);
  return s;
}

export function macEquals(a: Uint8Array, b: Uint8Array): boolean {
  return a[0] === b[0] && a[1] === b[1] && a[2] === b[2] && a[3] === b[3] && a[4] === b[4] && a[5] === b[5];
}

/** Group (multicast or broadcast) addresses have the least significant bit of the first octet set. */
export function isGroupMac(mac: Uint8Array): boolean { return (mac[0] & 1) === 1; }
export function isBroadcastMac(mac: Uint8Array): boolean { return (mac[0] & mac[1] & mac[2] & mac[3] & mac[4] & mac[5]) === 0xff; }
/** A unicast address that is not all zeros: the only kind a neighbour may have. */
export function isUnicastMac(mac: Uint8Array): boolean {
  return !isGroupMac(mac) && (mac[0] | mac[1] | mac[2] | mac[3] | mac[4] | mac[5]) !== 0;
}
