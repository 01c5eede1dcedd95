import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DhcpPacket, DhcpRepr, DHCPOFFER, DHCPDISCOVER, BOOTREPLY, BOOTREQUEST, DHCP_OPTIONS_OFFSET } from './dhcp';
import { parseIpv4 } from './ipv4';
import { parseMac } from './ethernet';
import { hex } from '../testing/hex';

const mac = parseMac('52:54:00:12:34:56')!;

/** An OFFER as QEMU's built-in DHCP server sends it, written out field by field. */
function offerFixture(): Uint8Array {
  const b = new Uint8Array(DHCP_OPTIONS_OFFSET);
  b.set(hex('02 01 06 00 | 0a 0b 0c 0d | 00 00 | 80 00 | 00 00 00 00 | 0a 00 02 0f | 0a 00 02 02 | 00 00 00 00'), 0);
  b.set(mac, 28);
  b.set(hex('63 82 53 63'), 236);
  const options = hex(`35 01 02 | 36 04 0a 00 02 02 | 33 04 00 01 51 80 | 01 04 ff ff ff 00 | 03 04 0a 00 02 02
    | 06 04 0a 00 02 03 | 00 00 | 0c 04 6e 65 70 68 | ff | 00 00 00`);
  const out = new Uint8Array(b.length + options.length);
  out.set(b); out.set(options, b.length);
  return out;
}

test('dhcp: decode an OFFER', () => {
  const p = DhcpPacket.checked(offerFixture());
  assert.ok(p instanceof DhcpPacket);
  assert.deepEqual(DhcpRepr.parse(p), {
    op: BOOTREPLY, messageType: DHCPOFFER, xid: 0x0a0b0c0d, secs: 0, broadcast: true, clientMac: mac,
    clientIp: 0, yourIp: parseIpv4('10.0.2.15'), serverIp: parseIpv4('10.0.2.2'), relayIp: 0,
    serverIdentifier: parseIpv4('10.0.2.2'), leaseTime: 86400, subnetMask: 0xffffff00,
    routers: [parseIpv4('10.0.2.2')], dnsServers: [parseIpv4('10.0.2.3')], hostname: 'neph',
  });
});

test('dhcp: encode a DISCOVER and round trip', () => {
  const repr: DhcpRepr = {
    op: BOOTREQUEST, messageType: DHCPDISCOVER, xid: 0xdeadbeef, secs: 3, broadcast: true, clientMac: mac,
    clientIp: 0, yourIp: 0, serverIp: 0, relayIp: 0, clientIdentifier: hex('01 52 54 00 12 34 56'),
    requestedIp: parseIpv4('10.0.2.15'), hostname: 'nephos', maxMessageSize: 1500,
    parameterRequestList: [1, 3, 6, 15, 51, 58, 59],
  };
  const len = DhcpRepr.bufferLen(repr);
  assert.equal(len, 300); // padded to the BOOTP minimum
  const buf = new Uint8Array(len);
  DhcpRepr.emit(repr, new DhcpPacket(buf));
  assert.deepEqual(Array.from(buf.subarray(0, 12)), [1, 1, 6, 0, 0xde, 0xad, 0xbe, 0xef, 0, 3, 0x80, 0]);
  assert.deepEqual(Array.from(buf.subarray(240, 243)), [53, 1, 1]);
  assert.deepEqual(DhcpRepr.parse(DhcpPacket.checked(buf) as DhcpPacket), repr);
  // Large messages grow past 300 bytes and still round trip.
  const big = { ...repr, dnsServers: Array.from({ length: 60 }, (_, i) => i + 1), hostname: 'h'.repeat(200) };
  const bb = new Uint8Array(DhcpRepr.bufferLen(big));
  assert.ok(bb.length > 300);
  DhcpRepr.emit(big, new DhcpPacket(bb));
  assert.deepEqual(DhcpRepr.parse(new DhcpPacket(bb)), big);
});

test('dhcp: repeated options are concatenated (RFC 3396)', () => {
  const b = offerFixture();
  const extra = hex('06 04 08 08 08 08 ff');
  const out = new Uint8Array(b.length + extra.length);
  out.set(b); out.set(extra, b.length - 4); // replace the end option
  const r = DhcpRepr.parse(new DhcpPacket(out)) as DhcpRepr;
  assert.deepEqual(r.dnsServers, [parseIpv4('10.0.2.3'), parseIpv4('8.8.8.8')]);
});

test('dhcp: truncated, malformed and refused messages', () => {
  const b = offerFixture();
  for (const n of [0, 100, 236, 239]) assert.equal(DhcpPacket.checked(b.subarray(0, n)), 'dhcp-truncated');
  const cookie = b.slice(); cookie[239] = 0;
  assert.equal(DhcpPacket.checked(cookie), 'dhcp-bad-cookie');
  // An option whose length runs past the end.
  const runOff = b.slice(0, 243 + 3); runOff[244] = 4;
  assert.equal(DhcpRepr.parse(new DhcpPacket(runOff.slice(0, 247))), 'dhcp-bad-option');
  // Wrong sizes for fixed-size and list options.
  const badMask = b.slice(); badMask[256] = 3; // subnet mask option length 4 -> 3
  assert.equal(DhcpRepr.parse(new DhcpPacket(badMask)), 'dhcp-bad-option');
  const noType = b.slice(); noType[240] = 0x7f; // message type option renamed to an unknown code
  assert.equal(DhcpRepr.parse(new DhcpPacket(noType)), 'dhcp-bad-message-type');
  const overload = b.slice(); overload[243] = 52; overload[244] = 1; overload[245] = 3; overload[246] = 0; overload[247] = 0; overload[248] = 0;
  assert.equal(DhcpRepr.parse(new DhcpPacket(overload)), 'dhcp-overload-unsupported');
  const hw = b.slice(); hw[2] = 17;
  assert.equal(DhcpPacket.checked(hw), 'dhcp-bad-hlen');
  const op = b.slice(); op[0] = 3;
  assert.equal(DhcpRepr.parse(new DhcpPacket(op)), 'dhcp-bad-op');
});
