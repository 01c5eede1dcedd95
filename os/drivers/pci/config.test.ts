import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { PortIo } from '../hw';
import { barSizeFromMask, capabilities, enumerate, hasConfigMechanism, parseBars, PciError, portConfigAccess, sizeBars } from './config';
import { enableMsix, msiMessage, parseMsix } from './msix';
import { fakeBus, FakeFunction } from './testing';

test('mechanism #1: the address word selects bus, device, function and dword; the data port carries the byte lanes', () => {
  const log: string[] = [];
  const io: PortIo = {
    in: (port, width) => { log.push(`in ${port.toString(16)}/${width}`); return 0x1234; },
    out: (port, width, v) => { log.push(`out ${port.toString(16)}/${width} ${v.toString(16)}`); },
  };
  const cfg = portConfigAccess(io);
  cfg.read({ bus: 1, dev: 3, fn: 2 }, 0x0e, 1);
  cfg.write({ bus: 0, dev: 31, fn: 7 }, 0x06, 2, 0xffff);
  assert.deepEqual(log, ['out cf8/4 80011a0c', 'in cfe/1', 'out cf8/4 8000ff04', 'out cfe/2 ffff']);
  assert.throws(() => cfg.read({ bus: 0, dev: 0, fn: 0 }, 0xfe, 4), PciError);
  assert.throws(() => cfg.read({ bus: 0, dev: 0, fn: 0 }, 0x101, 1), PciError);
});

test('the mechanism is absent when 0xCF8 does not keep what is written (microvm)', () => {
  let reg = 0;
  const present: PortIo = { in: () => reg, out: (_p, _w, v) => { reg = v >>> 0; } };
  const absent: PortIo = { in: () => 0xffffffff, out: () => {} };
  assert.equal(hasConfigMechanism(present), true);
  assert.equal(hasConfigMechanism(absent), false);
});

test('enumeration: single- and multi-function devices, and the bus behind a bridge', () => {
  const host = new FakeFunction(0x8086, 0x29c0);
  const net = new FakeFunction(0x1af4, 0x1041).set8(0x0b, 0x02);
  const lpc = new FakeFunction(0x8086, 0x2918).set8(0x0e, 0x80);
  const sata = new FakeFunction(0x8086, 0x2922);
  const bridge = new FakeFunction(0x1b36, 0x000c).set8(0x0e, 0x01).set8(0x19, 1);
  const behind = new FakeFunction(0x1af4, 0x1044);
  // A single-function device answering on function 1 too must not be listed twice.
  const ghost = new FakeFunction(0x1af4, 0x1043);
  const fns = enumerate(fakeBus({ '0:0.0': host, '0:1.0': net, '0:1.1': ghost, '0:30.0': bridge, '0:31.0': lpc, '0:31.2': sata, '1:0.0': behind }));
  assert.deepEqual(fns.map((f) => `${f.bus}:${f.dev}.${f.fn} ${f.vendor.toString(16)}:${f.device.toString(16)}`), [
    '0:0.0 8086:29c0', '0:1.0 1af4:1041', '0:30.0 1b36:c', '0:31.0 8086:2918', '0:31.2 8086:2922', '1:0.0 1af4:1044',
  ]);
  assert.equal(fns[1].classCode, 2);
  assert.equal(fns[2].headerType, 1);
});

test('a bridge naming its own bus (or an earlier one) is not followed', () => {
  const bridge = new FakeFunction(0x1b36, 0x000c).set8(0x0e, 0x01).set8(0x19, 0);
  assert.equal(enumerate(fakeBus({ '0:2.0': bridge })).length, 1);
});

test('capability list: follows next pointers, masks the reserved low bits', () => {
  const f = new FakeFunction().caps([[0x98, 0x11], [0x84, 0x09], [0x70, 0x09], [0x40, 0x09]]);
  f.set8(0x34, 0x9b); // low two bits reserved
  assert.deepEqual(capabilities(f), [{ id: 0x11, offset: 0x98 }, { id: 9, offset: 0x84 }, { id: 9, offset: 0x70 }, { id: 9, offset: 0x40 }]);
});

test('capability list: none without the status bit', () => {
  const f = new FakeFunction().set8(0x34, 0x40).set8(0x40, 0x11);
  assert.deepEqual(capabilities(f), []);
});

test('malformed capability lists are refused, not followed: loops, self-loops, pointers into the header', () => {
  const loop = new FakeFunction().caps([[0x40, 0x09], [0x50, 0x09]]);
  loop.set8(0x51, 0x40);
  assert.throws(() => capabilities(loop), /loops at 0x40/);
  const self = new FakeFunction().caps([[0xfc, 0x09]]);
  self.set8(0xfd, 0xfc);
  assert.throws(() => capabilities(self), /loops/);
  const header = new FakeFunction().caps([[0x40, 0x09]]);
  header.set8(0x41, 0x10);
  assert.throws(() => capabilities(header), /points into the header/);
  const first = new FakeFunction().caps([]);
  first.set8(0x34, 0x3c);
  assert.throws(() => capabilities(first), PciError);
  // Every dword slot used, ending in a loop: refused after at most 48 steps.
  const all = new FakeFunction().caps([]);
  all.set8(0x34, 0x40);
  for (let o = 0x40; o < 0x100; o += 4) all.set8(o, 0x09).set8(o + 1, o + 4 < 0x100 ? o + 4 : 0x40);
  assert.throws(() => capabilities(all), /loops/);
});

test('BARs: I/O, 32-bit memory, 64-bit prefetchable memory across two registers, unimplemented ones skipped', () => {
  const f = new FakeFunction();
  f.set32(0x10, 0xc041); // I/O at 0xc040
  f.set32(0x14, 0xfebc1000); // mem32
  f.set32(0x20, 0xfebf400c); // mem64, prefetchable, low half
  f.set32(0x24, 0x00000008); // high half
  const bars = parseBars(f, 0);
  assert.deepEqual(bars, [
    { index: 0, kind: 'io', is64: false, prefetchable: false, address: 0xc040 },
    { index: 1, kind: 'mem', is64: false, prefetchable: false, address: 0xfebc1000 },
    { index: 4, kind: 'mem', is64: true, prefetchable: true, address: 0x8febf4000 },
  ]);
  assert.equal(parseBars(f, 1).length, 2); // a bridge has two BARs
  assert.equal(parseBars(f, 2).length, 0);
});

test('a 64-bit BAR in the last slot is refused', () => {
  const f = new FakeFunction().set32(0x24, 0xfe000004);
  assert.throws(() => parseBars(f, 0), /64-bit but is the last BAR/);
});

test('BAR sizing: writes all ones with decoding off, reads the mask, restores address and command', () => {
  const f = new FakeFunction();
  f.set16(0x04, 0x0007);
  f.set32(0x10, 0xc041);
  f.set32(0x14, 0xfebc1000);
  f.set32(0x20, 0xfebf400c);
  f.set32(0x24, 0);
  f.barSizes.set(0, 0x20).set(1, 0x1000).set(4, 0x4000);
  const bars = parseBars(f, 0);
  sizeBars(f, bars);
  assert.deepEqual(bars.map((b) => b.size), [0x20, 0x1000, 0x4000]);
  assert.equal(f.read(0x14, 4), 0xfebc1000);
  assert.equal(f.read(0x20, 4), 0xfebf400c);
  assert.equal(f.read(0x24, 4), 0);
  assert.equal(f.read(0x04, 2), 0x0007);
  assert.deepEqual(f.writes[0], [0x04, 2, 0x0004]); // memory and I/O decoding off first
});

test('size masks: 32-bit, 64-bit above 4 GiB, I/O with 16 implemented bits, unimplemented', () => {
  assert.equal(barSizeFromMask(0xffffc00c, 0xffffffff, false), 0x4000);
  assert.equal(barSizeFromMask(0x0000000c, 0xfffffffe, false), 0x200000000);
  assert.equal(barSizeFromMask(0xfffff000, undefined, false), 0x1000);
  assert.equal(barSizeFromMask(0x0000ffe1, undefined, true), 0x20);
  assert.equal(barSizeFromMask(0, undefined, false), 0);
  assert.equal(barSizeFromMask(1, undefined, true), 0);
});

test('MSI-X: the table is parsed, checked against its BAR, and programmed with the function masked', () => {
  const f = new FakeFunction().caps([[0x98, 0x11, [0x02, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x00, 0x00]]]);
  const bars = [{ index: 1, kind: 'mem' as const, is64: false, prefetchable: false, address: 0xfebc0000, size: 0x1000 }];
  const info = parseMsix(f, 0x98, bars);
  assert.deepEqual(info, { cap: 0x98, tableSize: 3, tableBar: 1, tableOffset: 0 });
  const stores: [number, number][] = [];
  const table = { read32: () => 0, read16: () => 0, read8: () => 0, write32: (o: number, v: number) => stores.push([o, v]), write16: () => {}, write8: () => {} };
  enableMsix(f, info, table, 0, [0x60, 0x61]);
  assert.deepEqual(stores, [[0, 0xfee00000], [4, 0], [8, 0x60], [12, 0], [16, 0xfee00000], [20, 0], [24, 0x61], [28, 0]]);
  const ctrlWrites = f.writes.filter(([o]) => o === 0x9a).map(([, , v]) => v);
  assert.deepEqual(ctrlWrites, [0xc002, 0x8002]);
  assert.deepEqual(msiMessage(2, 0x70), { addressLow: 0xfee02000, addressHigh: 0, data: 0x70 });
  assert.throws(() => enableMsix(f, info, table, 0, [1, 2, 3, 4]), /4 vectors but 3/);
});

test('MSI-X tables outside their BAR, or in an I/O or missing BAR, are refused', () => {
  const big = new FakeFunction().caps([[0x98, 0x11, [0xff, 0x07, 0x01, 0x00, 0x00, 0x00]]]);
  const bars = [{ index: 1, kind: 'mem' as const, is64: false, prefetchable: false, address: 0xfebc0000, size: 0x1000 }];
  assert.throws(() => parseMsix(big, 0x98, bars), /runs past BAR1/);
  const io = new FakeFunction().caps([[0x98, 0x11, [0x00, 0x00, 0x00, 0x00, 0x00, 0x00]]]);
  assert.throws(() => parseMsix(io, 0x98, [{ index: 0, kind: 'io', is64: false, prefetchable: false, address: 0xc000, size: 0x20 }]), /not a memory BAR/);
  assert.throws(() => parseMsix(io, 0xf8, bars), /runs past the header/);
});
