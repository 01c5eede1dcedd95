// DHCP messages (RFC 2131 section 2, options from RFC 2132), carried in UDP 67 (server) / 68 (client).
//
//   0 op (1 request, 2 reply)  1 htype (1)  2 hlen (6)  3 hops  4 xid  8 secs  10 flags (bit 15 = BROADCAST)
//   12 ciaddr  16 yiaddr  20 siaddr  24 giaddr  28 chaddr (16)  44 sname (64)  108 file (128)
//   236 magic cookie 99.130.83.99 (RFC 2131 section 3)   240 options: code, length, data; 0 pad, 255 end
//
// Parsing: `DhcpPacket.checked` requires the fixed part and the cookie. `DhcpRepr.parse` walks the
// options with bounds checks, concatenates repeated options (RFC 3396 section 7), checks the length of
// every option it interprets, and refuses option overload (option 52, RFC 2132 section 9.3: options
// continued in `sname`/`file`), which servers use only when the options field is full.
// Emitting: `emit` writes the fixed part, the options this stack sends and the end option, padded to
// the 300-byte minimum BOOTP message that some relays and servers insist on (RFC 1542 section 2.1).

import { readIpv4, writeIpv4 } from './ipv4';
import { encodeUtf8, decodeUtf8 } from '../../core/utf8';

export const DHCP_SERVER_PORT = 67;
export const DHCP_CLIENT_PORT = 68;
export const BOOTREQUEST = 1;
export const BOOTREPLY = 2;

export const DHCPDISCOVER = 1;
export const DHCPOFFER = 2;
export const DHCPREQUEST = 3;
export const DHCPDECLINE = 4;
export const DHCPACK = 5;
export const DHCPNAK = 6;
export const DHCPRELEASE = 7;
export const DHCPINFORM = 8;

// Option codes (RFC 2132).
export const OPT_PAD = 0;
export const OPT_SUBNET_MASK = 1;
export const OPT_ROUTER = 3;
export const OPT_DNS = 6;
export const OPT_HOSTNAME = 12;
export const OPT_DOMAIN_NAME = 15;
export const OPT_MTU = 26;
export const OPT_REQUESTED_IP = 50;
export const OPT_LEASE_TIME = 51;
export const OPT_OVERLOAD = 52;
export const OPT_MESSAGE_TYPE = 53;
export const OPT_SERVER_ID = 54;
export const OPT_PARAMETER_REQUEST_LIST = 55;
export const OPT_MESSAGE = 56;
export const OPT_MAX_MESSAGE_SIZE = 57;
export const OPT_RENEWAL_TIME = 58;
export const OPT_REBINDING_TIME = 59;
export const OPT_CLIENT_ID = 61;
export const OPT_END = 255;

const MAGIC = [99, 130, 83, 99];
export const DHCP_FIXED_LEN = 236;
export const DHCP_OPTIONS_OFFSET = 240;
const MIN_MESSAGE_LEN = 300;
const FLAG_BROADCAST = 0x8000;

export class DhcpPacket {
  constructor(readonly buffer: Uint8Array) {}

  static checked(buffer: Uint8Array): DhcpPacket | string {
    if (buffer.length < DHCP_OPTIONS_OFFSET) return 'dhcp-truncated';
    for (let i = 0; i < 4; i++) if (buffer[DHCP_FIXED_LEN + i] !== MAGIC[i]) return 'dhcp-bad-cookie';
    if (buffer[2] > 16) return 'dhcp-bad-hlen';
    return new DhcpPacket(buffer);
  }

  get op(): number { return this.buffer[0]; }
  get htype(): number { return this.buffer[1]; }
  get hlen(): number { return this.buffer[2]; }
  get hops(): number { return this.buffer[3]; }
  get xid(): number { return readIpv4(this.buffer, 4); }
  get secs(): number { return (this.buffer[8] << 8) | this.buffer[9]; }
  get broadcast(): boolean { return (((this.buffer[10] << 8) | this.buffer[11]) & FLAG_BROADCAST) !== 0; }
  get clientIp(): number { return readIpv4(this.buffer, 12); }
  get yourIp(): number { return readIpv4(this.buffer, 16); }
  get serverIp(): number { return readIpv4(this.buffer, 20); }
  get relayIp(): number { return readIpv4(this.buffer, 24); }
  get clientHardware(): Uint8Array { return this.buffer.subarray(28, 28 + this.hlen); }
  get options(): Uint8Array { return this.buffer.subarray(DHCP_OPTIONS_OFFSET); }

  /** Calls `fn` for each option in order; returns a reason string if an option runs past the end. */
  forEachOption(fn: (code: number, data: Uint8Array) => void): string | undefined {
    const b = this.buffer;
    let i = DHCP_OPTIONS_OFFSET;
    while (i < b.length) {
      const code = b[i];
      if (code === OPT_END) return undefined;
      if (code === OPT_PAD) { i++; continue; }
      if (i + 1 >= b.length) return 'dhcp-bad-option';
      const len = b[i + 1];
      if (i + 2 + len > b.length) return 'dhcp-bad-option';
      fn(code, b.subarray(i + 2, i + 2 + len));
      i += 2 + len;
    }
    return undefined; // tolerate a missing end option: the buffer's end is unambiguous
  }
}

export interface DhcpRepr {
  op: number;
  messageType: number;
  xid: number;
  secs: number;
  broadcast: boolean;
  clientMac: Uint8Array;
  clientIp: number;
  yourIp: number;
  serverIp: number;
  relayIp: number;
  serverIdentifier?: number;
  requestedIp?: number;
  /** Seconds; 0xffffffff means infinite (RFC 2132 section 9.2). */
  leaseTime?: number;
  renewalTime?: number;
  rebindingTime?: number;
  subnetMask?: number;
  routers?: number[];
  dnsServers?: number[];
  hostname?: string;
  domainName?: string;
  mtu?: number;
  parameterRequestList?: number[];
  maxMessageSize?: number;
  clientIdentifier?: Uint8Array;
  message?: string;
}

function u32(d: Uint8Array): number { return readIpv4(d, 0); }
function addresses(d: Uint8Array): number[] {
  const out: number[] = [];
  for (let i = 0; i + 4 <= d.length; i += 4) out.push(readIpv4(d, i));
  return out;
}

export const DhcpRepr = {
  parse(packet: DhcpPacket): DhcpRepr | string {
    if (packet.op !== BOOTREQUEST && packet.op !== BOOTREPLY) return 'dhcp-bad-op';
    if (packet.htype !== 1 || packet.hlen !== 6) return 'dhcp-unsupported-hardware';
    const opts = new Map<number, Uint8Array>();
    const err = packet.forEachOption((code, data) => {
      const prev = opts.get(code);
      if (!prev) { opts.set(code, data); return; }
      const joined = new Uint8Array(prev.length + data.length); // RFC 3396: concatenate repeats
      joined.set(prev); joined.set(data, prev.length);
      opts.set(code, joined);
    });
    if (err) return err;
    if (opts.has(OPT_OVERLOAD)) return 'dhcp-overload-unsupported';
    const type = opts.get(OPT_MESSAGE_TYPE);
    if (!type || type.length !== 1 || type[0] < DHCPDISCOVER || type[0] > DHCPINFORM) return 'dhcp-bad-message-type';
    const repr: DhcpRepr = {
      op: packet.op, messageType: type[0], xid: packet.xid, secs: packet.secs, broadcast: packet.broadcast,
      clientMac: packet.clientHardware.slice(0, 6), clientIp: packet.clientIp, yourIp: packet.yourIp,
      serverIp: packet.serverIp, relayIp: packet.relayIp,
    };
    // Fixed-size options must have exactly their size; address lists a non-zero multiple of 4.
    const fixed: [number, number, (d: Uint8Array) => void][] = [
      [OPT_SERVER_ID, 4, (d) => { repr.serverIdentifier = u32(d); }],
      [OPT_REQUESTED_IP, 4, (d) => { repr.requestedIp = u32(d); }],
      [OPT_LEASE_TIME, 4, (d) => { repr.leaseTime = u32(d); }],
      [OPT_RENEWAL_TIME, 4, (d) => { repr.renewalTime = u32(d); }],
      [OPT_REBINDING_TIME, 4, (d) => { repr.rebindingTime = u32(d); }],
      [OPT_SUBNET_MASK, 4, (d) => { repr.subnetMask = u32(d); }],
      [OPT_MTU, 2, (d) => { repr.mtu = (d[0] << 8) | d[1]; }],
      [OPT_MAX_MESSAGE_SIZE, 2, (d) => { repr.maxMessageSize = (d[0] << 8) | d[1]; }],
    ];
    for (const [code, size, set] of fixed) {
      const d = opts.get(code);
      if (d === undefined) continue;
      if (d.length !== size) return 'dhcp-bad-option';
      set(d);
    }
    for (const [code, key] of [[OPT_ROUTER, 'routers'], [OPT_DNS, 'dnsServers']] as const) {
      const d = opts.get(code);
      if (d === undefined) continue;
      if (d.length === 0 || d.length % 4 !== 0) return 'dhcp-bad-option';
      repr[key] = addresses(d);
    }
    const text = (code: number) => { const d = opts.get(code); return d && d.length ? decodeUtf8(d) : undefined; };
    repr.hostname = text(OPT_HOSTNAME);
    repr.domainName = text(OPT_DOMAIN_NAME);
    repr.message = text(OPT_MESSAGE);
    const prl = opts.get(OPT_PARAMETER_REQUEST_LIST);
    if (prl) repr.parameterRequestList = Array.from(prl);
    const cid = opts.get(OPT_CLIENT_ID);
    if (cid) repr.clientIdentifier = cid.slice();
    for (const k of Object.keys(repr) as (keyof DhcpRepr)[]) if (repr[k] === undefined) delete repr[k];
    return repr;
  },

  bufferLen(repr: DhcpRepr): number {
    let n = DHCP_OPTIONS_OFFSET;
    for (const [, data] of encodeOptions(repr)) n += 2 + data.length;
    n += 1; // end
    return Math.max(n, MIN_MESSAGE_LEN);
  },

  emit(repr: DhcpRepr, packet: DhcpPacket): void {
    const b = packet.buffer;
    b.fill(0);
    b[0] = repr.op; b[1] = 1; b[2] = 6; b[3] = 0;
    writeIpv4(b, 4, repr.xid >>> 0);
    b[8] = (repr.secs >>> 8) & 0xff; b[9] = repr.secs & 0xff;
    b[10] = repr.broadcast ? 0x80 : 0;
    writeIpv4(b, 12, repr.clientIp); writeIpv4(b, 16, repr.yourIp);
    writeIpv4(b, 20, repr.serverIp); writeIpv4(b, 24, repr.relayIp);
    b.set(repr.clientMac.subarray(0, 6), 28);
    b.set(MAGIC, DHCP_FIXED_LEN);
    let i = DHCP_OPTIONS_OFFSET;
    for (const [code, data] of encodeOptions(repr)) {
      b[i] = code; b[i + 1] = data.length; b.set(data, i + 2);
      i += 2 + data.length;
    }
    b[i] = OPT_END;
  },
};

function be32(v: number): Uint8Array { const d = new Uint8Array(4); writeIpv4(d, 0, v >>> 0); return d; }
function addressList(list: number[]): Uint8Array {
  const n = Math.min(list.length, 63); // 63 * 4 = 252 bytes fits one option
  const d = new Uint8Array(n * 4);
  for (let i = 0; i < n; i++) writeIpv4(d, i * 4, list[i]);
  return d;
}
function clamp(d: Uint8Array): Uint8Array { return d.length > 255 ? d.subarray(0, 255) : d; }

/** The options of `repr` in emission order (message type first, as RFC 2131 section 4.1 examples do). */
function encodeOptions(repr: DhcpRepr): [number, Uint8Array][] {
  const out: [number, Uint8Array][] = [[OPT_MESSAGE_TYPE, new Uint8Array([repr.messageType])]];
  if (repr.clientIdentifier) out.push([OPT_CLIENT_ID, clamp(repr.clientIdentifier)]);
  if (repr.serverIdentifier !== undefined) out.push([OPT_SERVER_ID, be32(repr.serverIdentifier)]);
  if (repr.requestedIp !== undefined) out.push([OPT_REQUESTED_IP, be32(repr.requestedIp)]);
  if (repr.leaseTime !== undefined) out.push([OPT_LEASE_TIME, be32(repr.leaseTime)]);
  if (repr.renewalTime !== undefined) out.push([OPT_RENEWAL_TIME, be32(repr.renewalTime)]);
  if (repr.rebindingTime !== undefined) out.push([OPT_REBINDING_TIME, be32(repr.rebindingTime)]);
  if (repr.subnetMask !== undefined) out.push([OPT_SUBNET_MASK, be32(repr.subnetMask)]);
  if (repr.routers?.length) out.push([OPT_ROUTER, addressList(repr.routers)]);
  if (repr.dnsServers?.length) out.push([OPT_DNS, addressList(repr.dnsServers)]);
  if (repr.mtu !== undefined) out.push([OPT_MTU, new Uint8Array([(repr.mtu >>> 8) & 0xff, repr.mtu & 0xff])]);
  if (repr.maxMessageSize !== undefined) out.push([OPT_MAX_MESSAGE_SIZE, new Uint8Array([(repr.maxMessageSize >>> 8) & 0xff, repr.maxMessageSize & 0xff])]);
  if (repr.hostname) out.push([OPT_HOSTNAME, clamp(encodeUtf8(repr.hostname))]);
  if (repr.domainName) out.push([OPT_DOMAIN_NAME, clamp(encodeUtf8(repr.domainName))]);
  if (repr.message) out.push([OPT_MESSAGE, clamp(encodeUtf8(repr.message))]);
  if (repr.parameterRequestList?.length) out.push([OPT_PARAMETER_REQUEST_LIST, clamp(new Uint8Array(repr.parameterRequestList))]);
  return out;
}
