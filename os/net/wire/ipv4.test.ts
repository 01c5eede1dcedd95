import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Ipv4Packet, Ipv4Repr, parseIpv4, formatIpv4, prefixToMask, maskToPrefix, inSubnet, subnetBroadcast, isMulticastIpv4, PROTO_UDP, writeIpv4Header } from './ipv4';
import { hex, toHex } from '../testing/hex';

// The well-known header from RFC 1071 tutorials: 192.168.0.1 -> 192.168.0.199, UDP, checksum 0xb861.
const header = hex('45 00 00 73 00 00 40 00 40 11 b8 61 c0 a8 00 01 c0 a8 00 c7');
const datagram = new Uint8Array(0x73 + 4); // 4 bytes of link padding after the datagram
datagram.set(header);

test('ipv4: decode a fixture', () => {
  const p = Ipv4Packet.checked(datagram);
  assert.ok(p instanceof Ipv4Packet);
  assert.equal(p.verifyChecksum(), true);
  assert.equal(p.headerLen, 20);
  assert.equal(p.optionsLen, 0);
  assert.equal(p.totalLength, 0x73);
  assert.equal(p.payload.length, 0x73 - 20);
  assert.equal(p.datagram.length, 0x73);
  assert.equal(p.dontFragment, true);
  assert.equal(p.isFragment, false);
  assert.equal(formatIpv4(p.src), '192.168.0.1');
  assert.equal(formatIpv4(p.dst), '192.168.0.199');
  const r = Ipv4Repr.parse(p);
  assert.deepEqual(r, { src: parseIpv4('192.168.0.1'), dst: parseIpv4('192.168.0.199'), protocol: PROTO_UDP, ttl: 64,
    payloadLen: 95, ident: 0, dontFragment: true, tos: 0 });
});

test('ipv4: encode reproduces the fixture byte for byte', () => {
  const r = Ipv4Repr.parse(Ipv4Packet.checked(datagram) as Ipv4Packet) as Ipv4Repr;
  const out = new Uint8Array(Ipv4Repr.bufferLen(r));
  Ipv4Repr.emit(r, new Ipv4Packet(out));
  assert.equal(toHex(out.subarray(0, 20)), toHex(header));
  const again = new Uint8Array(20);
  writeIpv4Header(again, 0, r.src, r.dst, r.protocol, r.payloadLen, 64, 0, true);
  assert.equal(toHex(again), toHex(header));
});

test('ipv4: bad checksum, fragments, options', () => {
  const bad = datagram.slice(); bad[11] ^= 1;
  assert.equal(Ipv4Repr.parse(Ipv4Packet.checked(bad) as Ipv4Packet), 'ipv4-bad-checksum');
  assert.notEqual(typeof Ipv4Repr.parse(Ipv4Packet.checked(bad) as Ipv4Packet, { ignoreChecksum: true }), 'string');
  const frag = datagram.slice();
  const v = new Ipv4Packet(frag);
  v.setFragment(false, true, 1480);
  v.fillChecksum();
  assert.equal(v.verifyChecksum(), true);
  assert.equal(v.moreFragments, true);
  assert.equal(v.fragmentOffset, 1480);
  assert.equal(v.isFragment, true);
  assert.equal(Ipv4Repr.parse(v), 'ipv4-fragment');
  // A header with 4 bytes of options (IHL 6).
  const opt = hex('46 00 00 1c 00 01 00 00 40 01 00 00 0a 00 00 01 0a 00 00 02 01 01 01 00 08 00 f7 ff');
  const o = Ipv4Packet.checked(opt) as Ipv4Packet;
  o.fillChecksum();
  assert.equal(o.optionsLen, 4);
  assert.equal(toHex(o.options), '01 01 01 00');
  assert.equal(toHex(o.payload), '08 00 f7 ff');
});

test('ipv4: truncated and impossible lengths', () => {
  for (let n = 0; n < 20; n++) assert.equal(Ipv4Packet.checked(datagram.subarray(0, n)), 'ipv4-truncated');
  assert.equal(Ipv4Packet.checked(datagram.subarray(0, 0x72)), 'ipv4-truncated');
  const v6 = datagram.slice(); v6[0] = 0x65;
  assert.equal(Ipv4Packet.checked(v6), 'ipv4-bad-version');
  const ihl = datagram.slice(); ihl[0] = 0x44;
  assert.equal(Ipv4Packet.checked(ihl), 'ipv4-bad-header-length');
  const total = datagram.slice(); total[2] = 0; total[3] = 19;
  assert.equal(Ipv4Packet.checked(total), 'ipv4-bad-total-length');
  const ihlBig = datagram.slice(); ihlBig[0] = 0x4f; ihlBig[3] = 40; // 60-byte header > total length 40
  assert.equal(Ipv4Packet.checked(ihlBig), 'ipv4-bad-total-length');
  const huge = datagram.slice(); huge[2] = 0xff; huge[3] = 0xff;
  assert.equal(Ipv4Packet.checked(huge), 'ipv4-truncated');
});

test('ipv4: address helpers', () => {
  assert.equal(parseIpv4('10.0.2.15'), 0x0a00020f);
  assert.equal(parseIpv4('255.255.255.255'), 0xffffffff);
  assert.equal(parseIpv4('0.0.0.0'), 0);
  for (const bad of ['10.0.2', '10.0.2.256', '10.0.2.015', '1.2.3.4.5', '1.2.3.-4', 'a.b.c.d', '', ' 1.2.3.4', '1..2.3'])
    assert.equal(parseIpv4(bad), undefined, bad);
  assert.equal(formatIpv4(0xc0a80001), '192.168.0.1');
  assert.equal(formatIpv4(0xffffffff), '255.255.255.255');
  assert.equal(prefixToMask(24), 0xffffff00);
  assert.equal(prefixToMask(0), 0);
  assert.equal(prefixToMask(32), 0xffffffff);
  assert.equal(maskToPrefix(0xfffffe00), 23);
  assert.equal(maskToPrefix(0xff00ff00), undefined);
  assert.equal(inSubnet(parseIpv4('10.0.2.200')!, parseIpv4('10.0.2.0')!, 24), true);
  assert.equal(inSubnet(parseIpv4('10.0.3.1')!, parseIpv4('10.0.2.0')!, 24), false);
  assert.equal(inSubnet(parseIpv4('8.8.8.8')!, 0, 0), true);
  assert.equal(formatIpv4(subnetBroadcast(parseIpv4('10.0.2.15')!, 24)), '10.0.2.255');
  assert.equal(isMulticastIpv4(parseIpv4('224.0.0.251')!), true);
  assert.equal(isMulticastIpv4(parseIpv4('10.0.0.1')!), false);
});
