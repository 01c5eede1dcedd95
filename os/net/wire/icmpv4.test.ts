import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Icmpv4Packet, Icmpv4Repr, parseQuotedDatagram, UNREACH_PORT, ICMP_HEADER_LEN } from './icmpv4';
import { parseIpv4 } from './ipv4';
import { hex, toHex } from '../testing/hex';

// Echo request, ident 0x1234, seq 1, data "abcd"; checksum worked by hand: ~(0x0800+0x1234+0x0001+0x6162+0x6364).
const echo = hex('08 00 21 04 12 34 00 01 61 62 63 64');

test('icmpv4: decode an echo request', () => {
  const p = Icmpv4Packet.checked(echo) as Icmpv4Packet;
  assert.equal(p.verifyChecksum(), true);
  const r = Icmpv4Repr.parse(p);
  assert.deepEqual(r, { type: 'echo-request', ident: 0x1234, seq: 1, data: hex('61 62 63 64') });
});

test('icmpv4: encode an echo reply and round trip', () => {
  const repr: Icmpv4Repr = { type: 'echo-reply', ident: 0x1234, seq: 1, data: hex('61 62 63 64') };
  const buf = new Uint8Array(Icmpv4Repr.bufferLen(repr));
  Icmpv4Repr.emit(repr, new Icmpv4Packet(buf));
  assert.equal(toHex(buf), '00 00 29 04 12 34 00 01 61 62 63 64');
  assert.deepEqual(Icmpv4Repr.parse(Icmpv4Packet.checked(buf) as Icmpv4Packet), repr);
});

test('icmpv4: destination unreachable quotes the original datagram', () => {
  // UDP 10.0.2.15:40000 -> 10.0.2.3:53, header + 8 bytes.
  const original = hex('45 00 00 24 00 01 00 00 40 11 00 00 0a 00 02 0f 0a 00 02 03 9c 40 00 35 00 10 00 00');
  const repr: Icmpv4Repr = { type: 'dst-unreachable', code: UNREACH_PORT, nextHopMtu: 0, original };
  const buf = new Uint8Array(Icmpv4Repr.bufferLen(repr));
  Icmpv4Repr.emit(repr, new Icmpv4Packet(buf));
  assert.equal(buf[0], 3); assert.equal(buf[1], 3);
  const back = Icmpv4Repr.parse(Icmpv4Packet.checked(buf) as Icmpv4Packet);
  assert.deepEqual(back, repr);
  assert.deepEqual(parseQuotedDatagram(original), { src: parseIpv4('10.0.2.15'), dst: parseIpv4('10.0.2.3'), protocol: 17, srcPort: 40000, dstPort: 53 });
  assert.equal(parseQuotedDatagram(original.subarray(0, 27)), undefined);
  const te: Icmpv4Repr = { type: 'time-exceeded', code: 1, original };
  const tb = new Uint8Array(Icmpv4Repr.bufferLen(te));
  Icmpv4Repr.emit(te, new Icmpv4Packet(tb));
  assert.deepEqual(Icmpv4Repr.parse(new Icmpv4Packet(tb)), te);
});

test('icmpv4: truncated, corrupted and unsupported messages', () => {
  for (let n = 0; n < ICMP_HEADER_LEN; n++) assert.equal(Icmpv4Packet.checked(echo.subarray(0, n)), 'icmp-truncated');
  const bad = echo.slice(); bad[9] ^= 0x40;
  assert.equal(Icmpv4Repr.parse(new Icmpv4Packet(bad)), 'icmp-bad-checksum');
  const redirect = hex('05 00 00 00 00 00 00 00'); new Icmpv4Packet(redirect).fillChecksum();
  assert.equal(Icmpv4Repr.parse(new Icmpv4Packet(redirect)), 'icmp-unsupported-type');
  const shortUnreach = hex('03 03 00 00 00 00 00 00 45 00'); new Icmpv4Packet(shortUnreach).fillChecksum();
  assert.equal(Icmpv4Repr.parse(new Icmpv4Packet(shortUnreach)), 'icmp-truncated');
});
