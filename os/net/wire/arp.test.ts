import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ArpPacket, ArpRepr, ARP_OP_REQUEST, ARP_OP_REPLY, ARP_LEN } from './arp';
import { parseIpv4 } from './ipv4';
import { parseMac } from './ethernet';
import { hex, toHex } from '../testing/hex';

// "Who has 10.0.2.15? Tell 10.0.2.2" followed by Ethernet padding.
const request = hex(`00 01 08 00 06 04 00 01 52 55 0a 00 02 02 0a 00 02 02 00 00 00 00 00 00 0a 00 02 0f 00 00 00 00`);

test('arp: decode a request', () => {
  const p = ArpPacket.checked(request);
  assert.ok(p instanceof ArpPacket);
  const r = ArpRepr.parse(p);
  assert.deepEqual(r, {
    operation: ARP_OP_REQUEST, senderMac: parseMac('52:55:0a:00:02:02'), senderIp: parseIpv4('10.0.2.2'),
    targetMac: new Uint8Array(6), targetIp: parseIpv4('10.0.2.15'),
  });
});

test('arp: encode a reply and round trip', () => {
  const repr: ArpRepr = { operation: ARP_OP_REPLY, senderMac: parseMac('52:54:00:12:34:56')!, senderIp: parseIpv4('10.0.2.15')!,
    targetMac: parseMac('52:55:0a:00:02:02')!, targetIp: parseIpv4('10.0.2.2')! };
  const buf = new Uint8Array(ArpRepr.bufferLen());
  assert.equal(buf.length, ARP_LEN);
  ArpRepr.emit(repr, new ArpPacket(buf));
  assert.equal(toHex(buf), '00 01 08 00 06 04 00 02 52 54 00 12 34 56 0a 00 02 0f 52 55 0a 00 02 02 0a 00 02 02');
  assert.deepEqual(ArpRepr.parse(ArpPacket.checked(buf) as ArpPacket), repr);
});

test('arp: truncated and unsupported packets', () => {
  for (let n = 0; n < 28; n++) assert.equal(ArpPacket.checked(request.subarray(0, n)), 'arp-truncated');
  const ipv6 = request.slice(); ipv6[2] = 0x86; ipv6[3] = 0xdd;
  assert.equal(ArpPacket.checked(ipv6), 'arp-unsupported');
  const badLen = request.slice(); badLen[4] = 8;
  assert.equal(ArpPacket.checked(badLen), 'arp-unsupported');
  const badOp = request.slice(); badOp[7] = 9;
  assert.equal(ArpRepr.parse(ArpPacket.checked(badOp) as ArpPacket), 'arp-bad-operation');
});
