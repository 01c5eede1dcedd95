import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DnsPacket, DnsRepr, readName, encodeName, buildQuery, sameName, TYPE_A, TYPE_AAAA, TYPE_CNAME, TYPE_MX, TYPE_TXT, TYPE_SRV, TYPE_SOA, TYPE_NS, TYPE_PTR, CLASS_IN } from './dns';
import { parseIpv4 } from './ipv4';
import { parseIpv6 } from './ipv6';
import { hex, toHex } from '../testing/hex';

// A recursive resolver's answer for example.com A, with the answer's owner compressed to offset 12.
const response = hex(`ab cd 81 80 00 01 00 01 00 00 00 00
  07 65 78 61 6d 70 6c 65 03 63 6f 6d 00 00 01 00 01
  c0 0c 00 01 00 01 00 00 0e 10 00 04 5d b8 d8 22`);

test('dns: decode a compressed response', () => {
  const r = DnsRepr.parse(DnsPacket.checked(response) as DnsPacket);
  assert.deepEqual(r, {
    id: 0xabcd, response: true, opcode: 0, authoritative: false, truncated: false, recursionDesired: true,
    recursionAvailable: true, rcode: 0, questions: [{ name: 'example.com', type: TYPE_A, class: CLASS_IN }],
    answers: [{ name: 'example.com', type: TYPE_A, class: CLASS_IN, ttl: 3600, data: { kind: 'A', address: parseIpv4('93.184.216.34') } }],
    authorities: [], additionals: [],
  });
});

test('dns: encode a query byte for byte', () => {
  const q = buildQuery(0xabcd, 'example.com', TYPE_A);
  assert.equal(toHex(q as Uint8Array), toHex(hex(`ab cd 01 00 00 01 00 00 00 00 00 00
    07 65 78 61 6d 70 6c 65 03 63 6f 6d 00 00 01 00 01`)));
  assert.equal(toHex(buildQuery(1, 'example.com.', TYPE_A) as Uint8Array).slice(6), toHex(q as Uint8Array).slice(6));
  assert.equal(buildQuery(1, 'a..b', TYPE_A), 'dns-empty-label');
  assert.equal(buildQuery(1, 'x'.repeat(64) + '.com', TYPE_A), 'dns-label-too-long');
  assert.equal(buildQuery(1, ('x'.repeat(63) + '.').repeat(4) + 'com', TYPE_A), 'dns-name-too-long');
});

test('dns: every record kind round trips', () => {
  const rec = (name: string, type: number, data: any) => ({ name, type, class: CLASS_IN, ttl: 300, data });
  const repr: DnsRepr = {
    id: 7, response: true, opcode: 0, authoritative: true, truncated: false, recursionDesired: true, recursionAvailable: true, rcode: 0,
    questions: [{ name: 'svc.example', type: TYPE_SRV, class: CLASS_IN }],
    answers: [
      rec('a.example', TYPE_A, { kind: 'A', address: parseIpv4('10.1.2.3') }),
      rec('a.example', TYPE_AAAA, { kind: 'AAAA', address: parseIpv6('2001:db8::5') }),
      rec('www.example', TYPE_CNAME, { kind: 'CNAME', name: 'a.example' }),
      rec('example', TYPE_MX, { kind: 'MX', preference: 10, exchange: 'mx.example' }),
      rec('example', TYPE_TXT, { kind: 'TXT', strings: [hex('76 3d 31'), new Uint8Array(0), hex('ff')] }),
      rec('svc.example', TYPE_SRV, { kind: 'SRV', priority: 1, weight: 2, port: 8080, target: 'a.example' }),
      rec('example', TYPE_NS, { kind: 'NS', name: 'ns1.example' }),
      rec('3.2.1.10.in-addr.arpa', TYPE_PTR, { kind: 'PTR', name: 'a.example' }),
      rec('x.example', 99, { kind: 'raw', bytes: hex('01 02 03') }),
    ],
    authorities: [rec('example', TYPE_SOA, { kind: 'SOA', mname: 'ns1.example', rname: 'hostmaster.example', serial: 2024010101, refresh: 7200, retry: 3600, expire: 1209600, minimum: 60 })],
    additionals: [],
  };
  const buf = new Uint8Array(DnsRepr.bufferLen(repr));
  DnsRepr.emit(repr, new DnsPacket(buf));
  assert.deepEqual(DnsRepr.parse(new DnsPacket(buf)), repr);
});

test('dns: label escapes survive a round trip', () => {
  const b = hex('03 61 2e 62 02 5c 20 01 07 00');
  const r = readName(b, 0);
  assert.deepEqual(r, { name: 'a\\.b.\\\\ .\\007', next: 10 });
  const labels = encodeName('a\\.b.\\\\ .\\007') as Uint8Array[];
  assert.deepEqual(labels.map((l) => toHex(l)), ['61 2e 62', '5c 20', '07']);
  assert.equal(sameName('Example.COM.', 'example.com'), true);
  assert.equal(sameName('example.co', 'example.com'), false);
});

test('dns: compression loops and bad pointers are refused', () => {
  const header = 'ab cd 81 80 00 01 00 00 00 00 00 00';
  // Pointer to itself.
  assert.equal(DnsRepr.parse(new DnsPacket(hex(`${header} c0 0c 00 01 00 01`))), 'dns-bad-pointer');
  // Two names pointing at each other: label, then pointer back into the first name's label run.
  const loop = hex(`${header} 01 61 c0 0e 00 01 00 01`);
  assert.equal(DnsRepr.parse(new DnsPacket(loop)), 'dns-bad-pointer');
  // A forward pointer.
  assert.equal(DnsRepr.parse(new DnsPacket(hex(`${header} c0 20 00 01 00 01`))), 'dns-bad-pointer');
  // Reserved label types 01/10.
  assert.equal(DnsRepr.parse(new DnsPacket(hex(`${header} 41 00 00 01 00 01`))), 'dns-bad-label');
  // The 'jump back into the middle of a run' loop: name at 12 = "a" + ptr(14); at 14 "b" + ptr(12).
  const mid = hex(`${header} 01 61 01 62 c0 0e 00 01 00 01`);
  assert.equal(readName(mid, 14), 'dns-bad-pointer');
  // Names over 255 bytes built through pointers: part i is a 63-byte label then a pointer to part i-1.
  const parts: string[] = [];
  const offsets = [12, 77, 143, 209];
  for (let i = 0; i < 4; i++) parts.push('3f ' + '61 '.repeat(63) + (i === 0 ? '00' : `c0 ${offsets[i - 1].toString(16).padStart(2, "0")}`));
  const long = hex(`ab cd 81 80 00 00 00 00 00 00 00 00 ${parts.join(' ')}`);
  // Four labels of 63 bytes take 4 * 64 + 1 = 257 bytes; three take 193.
  assert.equal(readName(long, offsets[3]), 'dns-name-too-long');
  assert.equal((readName(long, offsets[2]) as { name: string }).name.length, 3 * 63 + 2);
});

test('dns: truncated messages and impossible counts', () => {
  for (let n = 0; n < 12; n++) assert.equal(DnsPacket.checked(response.subarray(0, n)), 'dns-truncated');
  for (let n = 12; n < response.length; n++) {
    const r = DnsRepr.parse(new DnsPacket(response.subarray(0, n)));
    assert.equal(typeof r, 'string', `length ${n}`);
  }
  const counts = response.slice(); counts[6] = 0xff; counts[7] = 0xff;
  assert.equal(DnsRepr.parse(new DnsPacket(counts)), 'dns-bad-counts');
  const rdlen = response.slice(); rdlen[response.length - 5] = 5;
  assert.equal(DnsRepr.parse(new DnsPacket(rdlen)), 'dns-truncated');
  // An A record with RDLENGTH 3, padded so the message is long enough.
  const badA = new Uint8Array(response.length); badA.set(response); badA[response.length - 5] = 3;
  assert.equal(DnsRepr.parse(new DnsPacket(badA)), 'dns-bad-rdata');
  // A CNAME whose name runs past its RDLENGTH.
  const cname = hex(`ab cd 81 80 00 00 00 01 00 00 00 00 01 61 00 00 05 00 01 00 00 00 01 00 02 01 62 00`);
  assert.equal(DnsRepr.parse(new DnsPacket(cname)), 'dns-bad-rdata');
  // TTLs with the top bit set read as zero (RFC 2181 section 8).
  const ttl = response.slice(); ttl[response.length - 10] = 0x80;
  assert.equal((DnsRepr.parse(new DnsPacket(ttl)) as DnsRepr).answers[0].ttl, 0);
});

test('dns: random bytes never throw', () => {
  let seed = 12345;
  const rnd = () => (seed = (seed * 1103515245 + 12345) >>> 0) >>> 16;
  for (let i = 0; i < 3000; i++) {
    const b = response.slice(0, 12 + (rnd() % 40));
    for (let j = 0; j < b.length; j++) if (rnd() % 4 === 0) b[j] = rnd() & 0xff;
    const p = DnsPacket.checked(b);
    if (typeof p !== 'string') DnsRepr.parse(p);
  }
});
