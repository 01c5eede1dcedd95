import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EthernetFrame, EthernetRepr, ETHERTYPE_ARP, parseMac, formatMac, macEquals, isGroupMac, isBroadcastMac, isUnicastMac, BROADCAST_MAC } from './ethernet';
import { hex, toHex } from '../testing/hex';

// A broadcast ARP frame as QEMU's user network sends it, padded to 60 bytes.
const arpFrame = hex(`ff ff ff ff ff ff 52 55 0a 00 02 02 08 06
  00 01 08 00 06 04 00 01 52 55 0a 00 02 02 0a 00 02 02 00 00 00 00 00 00 0a 00 02 0f
  00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00`);

test('ethernet: decode a fixture', () => {
  const f = EthernetFrame.checked(arpFrame);
  assert.ok(f instanceof EthernetFrame);
  assert.equal(formatMac(f.dstMac), 'ff:ff:ff:ff:ff:ff');
  assert.equal(formatMac(f.srcMac), '52:55:0a:00:02:02');
  assert.equal(f.etherType, ETHERTYPE_ARP);
  assert.equal(f.payload.length, 46);
  assert.equal(f.isBroadcast, true);
  assert.equal(f.isGroup, true);
  assert.equal(f.isFor(parseMac('52:55:0a:00:02:02')!), false);
});

test('ethernet: encode and round trip', () => {
  const repr = { dst: parseMac('52:54:00:12:34:56')!, src: parseMac('52:55:0a:00:02:02')!, etherType: 0x0800 };
  const buf = new Uint8Array(EthernetRepr.bufferLen());
  EthernetRepr.emit(repr, new EthernetFrame(buf));
  assert.equal(toHex(buf), '52 54 00 12 34 56 52 55 0a 00 02 02 08 00');
  const back = EthernetRepr.parse(EthernetFrame.checked(buf) as EthernetFrame);
  assert.deepEqual(back, repr);
  assert.equal(new EthernetFrame(buf).isFor(repr.dst), true);
});

test('ethernet: truncated frames are refused', () => {
  for (let n = 0; n < 14; n++) assert.equal(EthernetFrame.checked(arpFrame.subarray(0, n)), 'eth-truncated');
  const f = EthernetFrame.checked(arpFrame.subarray(0, 14));
  assert.ok(f instanceof EthernetFrame);
  assert.equal(f.payload.length, 0);
});

test('ethernet: MAC helpers', () => {
  assert.deepEqual(parseMac('52-54-00-AB-cd-0f'), new Uint8Array([0x52, 0x54, 0, 0xab, 0xcd, 0x0f]));
  assert.equal(parseMac('52:54:00:ab:cd'), undefined);
  assert.equal(parseMac('52:54:00:ab:cd:zz'), undefined);
  assert.equal(parseMac('52:54:00:ab:cd:123'), undefined);
  assert.equal(formatMac(new Uint8Array([1, 2, 3, 0xa, 0xb, 0xff])), '01:02:03:0a:0b:ff');
  assert.equal(macEquals(parseMac('01:00:5e:00:00:01')!, parseMac('01:00:5e:00:00:01')!), true);
  assert.equal(isGroupMac(parseMac('01:00:5e:00:00:01')!), true);
  assert.equal(isBroadcastMac(BROADCAST_MAC), true);
  assert.equal(isUnicastMac(parseMac('52:54:00:00:00:01')!), true);
  assert.equal(isUnicastMac(new Uint8Array(6)), false);
  assert.equal(isUnicastMac(BROADCAST_MAC), false);
});
