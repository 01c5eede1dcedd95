// DNS messages (RFC 1035 section 4; AAAA from RFC 3596, SRV from RFC 2782).
//
//   header (12): 0 id  2 flags: QR(15) opcode(14-11) AA(10) TC(9) RD(8) RA(7) Z(6) AD(5) CD(4) RCODE(3-0)
//                4 qdcount  6 ancount  8 nscount  10 arcount
//   question: name, type(2), class(2)
//   resource record: name, type(2), class(2), ttl(4), rdlength(2), rdata
//
// Names (RFC 1035 section 4.1.4) are labels of 1-63 bytes ending in a zero byte, or ending in a
// compression pointer (two bytes, top bits 11) to an earlier name. Parsing untrusted names:
// - every pointer must point strictly before the previous jump target, so the walk always moves
//   backwards and terminates (a pointer into its own name, or two pointers to each other, is refused);
// - the expanded name must fit 255 bytes (RFC 1035 section 2.3.4), labels are 0-63 bytes (the 01/10
//   label types, RFC 6891 section 5, are refused);
// - every read is bounds-checked against the message and names in RDATA against RDLENGTH.
// Label bytes become text as c-ares presents them: printable ASCII as is, "." and "\" escaped with
// "\", other bytes as "\DDD". Text names given to `emit` use the same escapes; a trailing "." is allowed.
//
// Emission writes names uncompressed (a stub resolver's queries hold one name); `DnsRepr.emit` can
// write any message made of the record kinds below, which the test servers use for answers.

import { readIpv4, writeIpv4 } from './ipv4';
import { encodeUtf8 } from '../../core/utf8';

export const DNS_HEADER_LEN = 12;
export const DNS_PORT = 53;

export const TYPE_A = 1;
export const TYPE_NS = 2;
export const TYPE_CNAME = 5;
export const TYPE_SOA = 6;
export const TYPE_PTR = 12;
export const TYPE_MX = 15;
export const TYPE_TXT = 16;
export const TYPE_AAAA = 28;
export const TYPE_SRV = 33;
export const TYPE_OPT = 41;
export const TYPE_ANY = 255;
export const CLASS_IN = 1;

export const RCODE_NOERROR = 0;
export const RCODE_FORMERR = 1;
export const RCODE_SERVFAIL = 2;
export const RCODE_NXDOMAIN = 3;
export const RCODE_NOTIMP = 4;
export const RCODE_REFUSED = 5;

const MAX_NAME_WIRE_LEN = 255;
const MAX_POINTER_JUMPS = 64;

export class DnsPacket {
  constructor(readonly buffer: Uint8Array) {}

  static checked(buffer: Uint8Array): DnsPacket | string {
    if (buffer.length < DNS_HEADER_LEN) return 'dns-truncated';
    return new DnsPacket(buffer);
  }

  get id(): number { return (this.buffer[0] << 8) | this.buffer[1]; }
  get flags(): number { return (this.buffer[2] << 8) | this.buffer[3]; }
  get isResponse(): boolean { return (this.buffer[2] & 0x80) !== 0; }
  get opcode(): number { return (this.buffer[2] >> 3) & 0x0f; }
  get truncated(): boolean { return (this.buffer[2] & 0x02) !== 0; }
  get rcode(): number { return this.buffer[3] & 0x0f; }
  get questionCount(): number { return (this.buffer[4] << 8) | this.buffer[5]; }
  get answerCount(): number { return (this.buffer[6] << 8) | this.buffer[7]; }
  get authorityCount(): number { return (this.buffer[8] << 8) | this.buffer[9]; }
  get additionalCount(): number { return (this.buffer[10] << 8) | this.buffer[11]; }
}

export interface DnsQuestion { name: string; type: number; class: number }

export type DnsRData =
  | { kind: 'A'; address: number }
  | { kind: 'AAAA'; address: Uint8Array }
  | { kind: 'NS' | 'CNAME' | 'PTR'; name: string }
  | { kind: 'MX'; preference: number; exchange: string }
  | { kind: 'TXT'; strings: Uint8Array[] }
  | { kind: 'SRV'; priority: number; weight: number; port: number; target: string }
  | { kind: 'SOA'; mname: string; rname: string; serial: number; refresh: number; retry: number; expire: number; minimum: number }
  | { kind: 'raw'; bytes: Uint8Array };

export interface DnsRecord { name: string; type: number; class: number; ttl: number; data: DnsRData }

export interface DnsRepr {
  id: number;
  response: boolean;
  opcode: number;
  authoritative: boolean;
  truncated: boolean;
  recursionDesired: boolean;
  recursionAvailable: boolean;
  rcode: number;
  questions: DnsQuestion[];
  answers: DnsRecord[];
  authorities: DnsRecord[];
  additionals: DnsRecord[];
}

// ---- name parsing ----

function labelText(b: Uint8Array, start: number, end: number): string {
  let s = '';
  for (let i = start; i < end; i++) {
    const c = b[i];
    if (c === 0x2e || c === 0x5c) s += '\\' + String.fromCharCode(c);
    else if (c >= 0x20 && c <= 0x7e) s += String.fromCharCode(c);
    else s += '\\' + (c < 10 ? '00' : c < 100 ? '0' : '') + c;
  }
  return s;
}

/** Reads the name at `offset`; returns it and the offset just past it (in the original run), or a
 * reason string. */
export function readName(b: Uint8Array, offset: number): { name: string; next: number } | string {
  let p = offset;
  let next = -1;            // where parsing resumes after the first pointer
  let lowestTarget = offset; // pointers must go strictly below every earlier position we jumped to
  let wireLen = 1;
  let jumps = 0;
  const labels: string[] = [];
  for (;;) {
    if (p >= b.length) return 'dns-truncated-name';
    const len = b[p];
    if (len === 0) { if (next < 0) next = p + 1; break; }
    const kind = len & 0xc0;
    if (kind === 0xc0) {
      if (p + 1 >= b.length) return 'dns-truncated-name';
      const target = ((len & 0x3f) << 8) | b[p + 1];
      if (target >= lowestTarget || ++jumps > MAX_POINTER_JUMPS) return 'dns-bad-pointer';
      if (next < 0) next = p + 2;
      lowestTarget = target;
      p = target;
      continue;
    }
    if (kind !== 0) return 'dns-bad-label';
    if (p + 1 + len > b.length) return 'dns-truncated-name';
    wireLen += len + 1;
    if (wireLen > MAX_NAME_WIRE_LEN) return 'dns-name-too-long';
    labels.push(labelText(b, p + 1, p + 1 + len));
    p += 1 + len;
  }
  return { name: labels.join('.'), next };
}

// ---- name encoding ----

/** Splits a text name into label bytes, undoing "\." "\\" "\DDD" escapes; non-ASCII is UTF-8.
 * Returns a reason string for empty labels, labels over 63 bytes or names over 255 bytes. */
export function encodeName(name: string): Uint8Array[] | string {
  if (name === '' || name === '.') return [];
  const text = name.endsWith('.') && !name.endsWith('\\.') ? name.slice(0, -1) : name;
  const labels: Uint8Array[] = [];
  let cur: number[] = [];
  let wireLen = 1;
  const flush = (): string | undefined => {
    if (cur.length === 0) return 'dns-empty-label';
    if (cur.length > 63) return 'dns-label-too-long';
    wireLen += cur.length + 1;
    labels.push(new Uint8Array(cur));
    cur = [];
    return undefined;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '.') { const e = flush(); if (e) return e; continue; }
    if (ch === '\\' && i + 1 < text.length) {
      const d = text.slice(i + 1, i + 4);
      if (/^[0-9]{3}$/.test(d) && Number(d) < 256) { cur.push(Number(d)); i += 3; } else { cur.push(text.charCodeAt(i + 1) & 0xff); i += 1; }
      continue;
    }
    const code = text.charCodeAt(i);
    if (code < 0x80) cur.push(code);
    else {
      const end = code >= 0xd800 && code <= 0xdbff ? i + 2 : i + 1;
      for (const byte of encodeUtf8(text.slice(i, end))) cur.push(byte);
      i = end - 1;
    }
  }
  const e = flush();
  if (e) return e;
  if (wireLen > MAX_NAME_WIRE_LEN) return 'dns-name-too-long';
  return labels;
}

function nameWireLen(name: string): number {
  const labels = encodeName(name);
  if (typeof labels === 'string') return 1; // emitted as the root; callers validate names first
  let n = 1;
  for (const l of labels) n += 1 + l.length;
  return n;
}

function writeName(b: Uint8Array, o: number, name: string): number {
  const labels = encodeName(name);
  if (typeof labels !== 'string') {
    for (const l of labels) { b[o++] = l.length; b.set(l, o); o += l.length; }
  }
  b[o++] = 0;
  return o;
}

// ---- message parsing ----

const u16 = (b: Uint8Array, o: number) => (b[o] << 8) | b[o + 1];

function parseRData(b: Uint8Array, type: number, start: number, end: number): DnsRData | string {
  const len = end - start;
  const nameAt = (o: number): { name: string; next: number } | string => {
    const r = readName(b, o);
    if (typeof r !== 'string' && r.next > end) return 'dns-bad-rdata';
    return r;
  };
  switch (type) {
    case TYPE_A:
      return len === 4 ? { kind: 'A', address: readIpv4(b, start) } : 'dns-bad-rdata';
    case TYPE_AAAA:
      return len === 16 ? { kind: 'AAAA', address: b.slice(start, end) } : 'dns-bad-rdata';
    case TYPE_NS: case TYPE_CNAME: case TYPE_PTR: {
      const r = nameAt(start);
      if (typeof r === 'string') return r;
      if (r.next !== end) return 'dns-bad-rdata';
      return { kind: type === TYPE_NS ? 'NS' : type === TYPE_CNAME ? 'CNAME' : 'PTR', name: r.name };
    }
    case TYPE_MX: {
      if (len < 3) return 'dns-bad-rdata';
      const r = nameAt(start + 2);
      if (typeof r === 'string') return r;
      if (r.next !== end) return 'dns-bad-rdata';
      return { kind: 'MX', preference: u16(b, start), exchange: r.name };
    }
    case TYPE_SRV: {
      if (len < 7) return 'dns-bad-rdata';
      const r = nameAt(start + 6);
      if (typeof r === 'string') return r;
      if (r.next !== end) return 'dns-bad-rdata';
      return { kind: 'SRV', priority: u16(b, start), weight: u16(b, start + 2), port: u16(b, start + 4), target: r.name };
    }
    case TYPE_TXT: {
      const strings: Uint8Array[] = [];
      let o = start;
      while (o < end) {
        const n = b[o];
        if (o + 1 + n > end) return 'dns-bad-rdata';
        strings.push(b.slice(o + 1, o + 1 + n));
        o += 1 + n;
      }
      if (strings.length === 0) return 'dns-bad-rdata'; // RFC 1035 3.3.14: one or more strings
      return { kind: 'TXT', strings };
    }
    case TYPE_SOA: {
      const m = nameAt(start);
      if (typeof m === 'string') return m;
      const r = nameAt(m.next);
      if (typeof r === 'string') return r;
      if (r.next + 20 !== end) return 'dns-bad-rdata';
      const o = r.next;
      return { kind: 'SOA', mname: m.name, rname: r.name, serial: readIpv4(b, o), refresh: readIpv4(b, o + 4),
        retry: readIpv4(b, o + 8), expire: readIpv4(b, o + 12), minimum: readIpv4(b, o + 16) };
    }
    default:
      return { kind: 'raw', bytes: b.slice(start, end) };
  }
}

function parseRecord(b: Uint8Array, o: number): { record: DnsRecord; next: number } | string {
  const n = readName(b, o);
  if (typeof n === 'string') return n;
  const p = n.next;
  if (p + 10 > b.length) return 'dns-truncated';
  const type = u16(b, p);
  const rdlen = u16(b, p + 8);
  const start = p + 10;
  if (start + rdlen > b.length) return 'dns-truncated';
  const data = parseRData(b, type, start, start + rdlen);
  if (typeof data === 'string') return data;
  // TTLs are unsigned 32-bit but RFC 2181 section 8 says values with the top bit set mean zero.
  let ttl = readIpv4(b, p + 4);
  if (ttl > 0x7fffffff) ttl = 0;
  return { record: { name: n.name, type, class: u16(b, p + 2), ttl, data }, next: start + rdlen };
}

export const DnsRepr = {
  parse(packet: DnsPacket): DnsRepr | string {
    const b = packet.buffer;
    const qd = packet.questionCount, an = packet.answerCount, ns = packet.authorityCount, ar = packet.additionalCount;
    // Each question takes at least 5 bytes and each record 11: refuse impossible counts up front.
    if (DNS_HEADER_LEN + qd * 5 + (an + ns + ar) * 11 > b.length) return 'dns-bad-counts';
    const repr: DnsRepr = {
      id: packet.id, response: packet.isResponse, opcode: packet.opcode,
      authoritative: (b[2] & 0x04) !== 0, truncated: packet.truncated, recursionDesired: (b[2] & 0x01) !== 0,
      recursionAvailable: (b[3] & 0x80) !== 0, rcode: packet.rcode,
      questions: [], answers: [], authorities: [], additionals: [],
    };
    let o = DNS_HEADER_LEN;
    for (let i = 0; i < qd; i++) {
      const n = readName(b, o);
      if (typeof n === 'string') return n;
      if (n.next + 4 > b.length) return 'dns-truncated';
      repr.questions.push({ name: n.name, type: u16(b, n.next), class: u16(b, n.next + 2) });
      o = n.next + 4;
    }
    for (const [count, list] of [[an, repr.answers], [ns, repr.authorities], [ar, repr.additionals]] as const) {
      for (let i = 0; i < count; i++) {
        const r = parseRecord(b, o);
        if (typeof r === 'string') return r;
        list.push(r.record);
        o = r.next;
      }
    }
    return repr;
  },

  bufferLen(repr: DnsRepr): number {
    let n = DNS_HEADER_LEN;
    for (const q of repr.questions) n += nameWireLen(q.name) + 4;
    for (const r of [...repr.answers, ...repr.authorities, ...repr.additionals]) n += nameWireLen(r.name) + 10 + rdataLen(r.data);
    return n;
  },

  emit(repr: DnsRepr, packet: DnsPacket): void {
    const b = packet.buffer;
    b[0] = (repr.id >>> 8) & 0xff; b[1] = repr.id & 0xff;
    b[2] = (repr.response ? 0x80 : 0) | ((repr.opcode & 0xf) << 3) | (repr.authoritative ? 0x04 : 0) |
      (repr.truncated ? 0x02 : 0) | (repr.recursionDesired ? 0x01 : 0);
    b[3] = (repr.recursionAvailable ? 0x80 : 0) | (repr.rcode & 0xf);
    const counts = [repr.questions.length, repr.answers.length, repr.authorities.length, repr.additionals.length];
    for (let i = 0; i < 4; i++) { b[4 + 2 * i] = counts[i] >>> 8; b[5 + 2 * i] = counts[i] & 0xff; }
    let o = DNS_HEADER_LEN;
    for (const q of repr.questions) {
      o = writeName(b, o, q.name);
      b[o] = q.type >>> 8; b[o + 1] = q.type & 0xff; b[o + 2] = q.class >>> 8; b[o + 3] = q.class & 0xff;
      o += 4;
    }
    for (const r of [...repr.answers, ...repr.authorities, ...repr.additionals]) {
      o = writeName(b, o, r.name);
      const len = rdataLen(r.data);
      b[o] = r.type >>> 8; b[o + 1] = r.type & 0xff; b[o + 2] = r.class >>> 8; b[o + 3] = r.class & 0xff;
      writeIpv4(b, o + 4, r.ttl >>> 0);
      b[o + 8] = len >>> 8; b[o + 9] = len & 0xff;
      o = writeRData(b, o + 10, r.data);
    }
  },
};

function rdataLen(d: DnsRData): number {
  switch (d.kind) {
    case 'A': return 4;
    case 'AAAA': return 16;
    case 'NS': case 'CNAME': case 'PTR': return nameWireLen(d.name);
    case 'MX': return 2 + nameWireLen(d.exchange);
    case 'SRV': return 6 + nameWireLen(d.target);
    case 'TXT': { let n = 0; for (const s of d.strings) n += 1 + Math.min(s.length, 255); return n; }
    case 'SOA': return nameWireLen(d.mname) + nameWireLen(d.rname) + 20;
    case 'raw': return d.bytes.length;
  }
}

function writeRData(b: Uint8Array, o: number, d: DnsRData): number {
  const w16 = (v: number) => { b[o++] = (v >>> 8) & 0xff; b[o++] = v & 0xff; };
  switch (d.kind) {
    case 'A': writeIpv4(b, o, d.address); return o + 4;
    case 'AAAA': b.set(d.address.subarray(0, 16), o); return o + 16;
    case 'NS': case 'CNAME': case 'PTR': return writeName(b, o, d.name);
    case 'MX': w16(d.preference); return writeName(b, o, d.exchange);
    case 'SRV': w16(d.priority); w16(d.weight); w16(d.port); return writeName(b, o, d.target);
    case 'TXT':
      for (const s of d.strings) { const n = Math.min(s.length, 255); b[o++] = n; b.set(s.subarray(0, n), o); o += n; }
      return o;
    case 'SOA':
      o = writeName(b, o, d.mname); o = writeName(b, o, d.rname);
      for (const v of [d.serial, d.refresh, d.retry, d.expire, d.minimum]) { writeIpv4(b, o, v >>> 0); o += 4; }
      return o;
    case 'raw': b.set(d.bytes, o); return o + d.bytes.length;
  }
}

/** A standard recursive query for one name (RFC 1035 section 4.1.1: QR=0, OPCODE=0, RD=1), or a
 * reason string when the name cannot be encoded. */
export function buildQuery(id: number, name: string, type: number): Uint8Array | string {
  const labels = encodeName(name);
  if (typeof labels === 'string') return labels;
  const repr: DnsRepr = {
    id, response: false, opcode: 0, authoritative: false, truncated: false, recursionDesired: true,
    recursionAvailable: false, rcode: 0, questions: [{ name, type, class: CLASS_IN }], answers: [], authorities: [], additionals: [],
  };
  const out = new Uint8Array(DnsRepr.bufferLen(repr));
  DnsRepr.emit(repr, new DnsPacket(out));
  return out;
}

/** Compares two names as DNS does: ASCII case-insensitively (RFC 4343), ignoring a trailing dot. */
export function sameName(a: string, b: string): boolean {
  if (a.endsWith('.')) a = a.slice(0, -1);
  if (b.endsWith('.')) b = b.slice(0, -1);
  return a.length === b.length && a.toLowerCase() === b.toLowerCase();
}
