import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UdpPacket, UdpRepr } from './udp';
import { parseIpv4 } from './ipv4';
import { hex, toHex } from '../testing/hex';

const src = parseIpv4('10.0.2.15')!;
const dst = parseIpv4('10.0.2.3')!;
// 0x1234 -> 53, payload "abcd"; checksum worked by hand over pseudo-header + header + data = 0x1095.
const datagram = hex('12 34 00 35 00 0c 10 95 61 62 63 64');

test('udp: decode a fixture with its pseudo-header checksum', () => {
  const p = UdpPacket.checked(datagram) as UdpPacket;
  assert.equal(p.verifyChecksum(src, dst), true);
  assert.equal(p.verifyChecksum(src, dst + 1), false);
  assert.deepEqual(UdpRepr.parse(p, src, dst), { srcPort: 0x1234, dstPort: 53, payload: hex('61 62 63 64') });
});

test('udp: encode and round trip', () => {
  const repr: UdpRepr = { srcPort: 0x1234, dstPort: 53, payload: hex('61 62 63 64') };
  const buf = new Uint8Array(UdpRepr.bufferLen(repr));
  UdpRepr.emit(repr, new UdpPacket(buf), src, dst);
  assert.equal(toHex(buf), toHex(datagram));
  assert.deepEqual(UdpRepr.parse(new UdpPacket(buf), src, dst), repr);
});

test('udp: zero checksum means none; computed zero is sent as 0xffff', () => {
  const none = datagram.slice(); none[6] = 0; none[7] = 0; none[8] ^= 0xff;
  assert.equal(new UdpPacket(none).verifyChecksum(src, dst), true);
  // Find a payload whose checksum computes to zero, then check it goes out as ffff and verifies.
  const buf = new Uint8Array(10);
  for (let x = 0; x < 0x10000; x++) {
    const p = new Uint8Array([x >> 8, x & 0xff]);
    UdpRepr.emit({ srcPort: 1, dstPort: 2, payload: p }, new UdpPacket(buf), src, dst);
    if (buf[6] === 0xff && buf[7] === 0xff) break;
  }
  assert.equal(toHex(buf.subarray(6, 8)), 'ff ff');
  assert.equal(new UdpPacket(buf).verifyChecksum(src, dst), true);
});

test('udp: truncated and impossible lengths', () => {
  for (let n = 0; n < 8; n++) assert.equal(UdpPacket.checked(datagram.subarray(0, n)), 'udp-truncated');
  assert.equal(UdpPacket.checked(datagram.subarray(0, 11)), 'udp-truncated');
  const short = datagram.slice(); short[5] = 7;
  assert.equal(UdpPacket.checked(short), 'udp-bad-length');
  const long = datagram.slice(); long[4] = 0xff;
  assert.equal(UdpPacket.checked(long), 'udp-truncated');
  const padded = new Uint8Array(20); padded.set(datagram);
  assert.equal((UdpPacket.checked(padded) as UdpPacket).payload.length, 4);
  const bad = datagram.slice(); bad[9] ^= 1;
  assert.equal(UdpRepr.parse(new UdpPacket(bad), src, dst), 'udp-bad-checksum');
});
