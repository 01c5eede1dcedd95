import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseBars } from './config';
import { bridgeWindows, HOLE, moveBar, occupiedRanges, placeBar } from './place';
import { fakeBus, FakeFunction } from './testing';

test('placement: the highest naturally aligned free range below the I/O APIC', () => {
  assert.equal(placeBar(0x4000, []), 0xfebfc000);
  // Around taken ranges, top-down.
  const used = [{ start: 0xfebf0000, end: 0xfec00000 }, { start: 0xfebe8000, end: 0xfebec000 }];
  assert.equal(placeBar(0x4000, used), 0xfebec000);
  assert.equal(placeBar(0x8000, used), 0xfebe0000);
  // A 1 MiB BAR must be 1 MiB aligned.
  assert.equal(placeBar(0x100000, used), 0xfea00000);
});

test('placement: nothing when the hole is full, the size is not a power of two, or too big', () => {
  assert.equal(placeBar(0x1000, [{ start: 0, end: 0x100000000 }]), undefined);
  assert.equal(placeBar(0x3000, []), undefined);
  assert.equal(placeBar(0, []), undefined);
  assert.equal(placeBar(0x80000000, []), undefined);
  // Exactly one free slot left at the bottom of the hole.
  assert.equal(placeBar(0x1000, [{ start: HOLE.start + 0x1000, end: HOLE.end }]), HOLE.start);
});

test('occupied ranges: sized BARs, expansion ROMs and bridge windows of every function', () => {
  const dev = new FakeFunction().set32(0x14, 0xfebc1000).set32(0x30, 0xfeb80000);
  dev.barSizes.set(1, 0x1000);
  const bridge = new FakeFunction(0x1b36, 0x000c).set8(0x0e, 1).set16(0x20, 0xfe80).set16(0x22, 0xfe90).set16(0x24, 0xfff1).set16(0x26, 0x0001);
  const fns = [{ bus: 0, dev: 1, fn: 0, vendor: 0x1af4, device: 0x1041, classCode: 2, subclass: 0, progIf: 0, headerType: 0 }, { bus: 0, dev: 2, fn: 0, vendor: 0x1b36, device: 0xc, classCode: 6, subclass: 4, progIf: 0, headerType: 1 }];
  const ranges = occupiedRanges(fakeBus({ '0:1.0': dev, '0:2.0': bridge }), fns);
  assert.deepEqual(ranges.find((r) => r.start === 0xfebc1000), { start: 0xfebc1000, end: 0xfebc2000 });
  assert.ok(ranges.some((r) => r.start === 0xfeb80000)); // the ROM, even disabled
  assert.deepEqual(bridgeWindows(bridge), [{ start: 0xfe800000, end: 0xfea00000 }]); // closed prefetchable window left out
});

test('moving a 64-bit BAR below 4 GiB: both halves written with decoding off, flags kept', () => {
  const f = new FakeFunction().set16(0x04, 0x0006).set32(0x20, 0x0000000c).set32(0x24, 0x1);
  const bus = fakeBus({ '0:3.0': f });
  const fn = { bus: 0, dev: 3, fn: 0, vendor: 0x1af4, device: 0x1043, classCode: 7, subclass: 0x80, progIf: 0, headerType: 0 };
  const [bar] = parseBars(f, 0);
  assert.equal(bar.address, 0x100000000);
  moveBar(bus, fn, bar, 0xfebf4000);
  assert.equal(f.read(0x20, 4), 0xfebf400c);
  assert.equal(f.read(0x24, 4), 0);
  assert.equal(bar.address, 0xfebf4000);
  assert.deepEqual(f.writes[0], [0x04, 2, 0x0004]);
  assert.equal(f.read(0x04, 2), 0x0006);
});
