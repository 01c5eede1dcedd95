import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RegisterWindow } from '../hw';
import { enumerate, type PciFunction } from '../pci/config';
import { fakeBus, FakeFunction } from '../pci/testing';
import { openVirtioPci, virtioFunctions, type PciMachine } from './pci-open';

function vcap(type: number, bar: number, offset: number, length: number, multiplier?: number): number[] {
  const le = (v: number) => [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, v >>> 24];
  return [multiplier === undefined ? 16 : 20, type, bar, 0, 0, 0, ...le(offset), ...le(length), ...(multiplier === undefined ? [] : le(multiplier))];
}

/** A virtio-serial-pci function as QEMU lays it out: MSI-X table in BAR1, registers in BAR4. */
function serialPci(bar4High = 0, msix = true): FakeFunction {
  const f = new FakeFunction(0x1af4, 0x1043);
  f.set32(0x14, 0xfebc1000).set32(0x20, 0xfebf400c).set32(0x24, bar4High);
  f.barSizes.set(1, 0x1000).set(4, 0x4000);
  f.caps([
    ...(msix ? [[0x98, 0x11, [0x01, 0x00, 0x01, 0, 0, 0, 0x01, 0x08, 0, 0]] as [number, number, number[]]] : []),
    [0x70, 0x09, vcap(2, 4, 0x3000, 0x1000, 4)],
    [0x60, 0x09, vcap(4, 4, 0x2000, 0x1000)],
    [0x50, 0x09, vcap(3, 4, 0x1000, 0x1000)],
    [0x40, 0x09, vcap(1, 4, 0x0000, 0x1000)],
  ]);
  return f;
}

function machine(opts: { place?: number } = {}) {
  const stores: [number, number][] = [];
  const windows: number[] = [];
  let next = 0x60;
  const placed: number[] = [];
  const m: PciMachine = {
    registers(base): RegisterWindow {
      windows.push(base);
      return { read32: () => 0, read16: () => 0, read8: () => 0, write32: (o, v) => stores.push([base + o, v]), write16: () => {}, write8: () => {} };
    },
    dma: { alloc: (size) => ({ bytes: new Uint8Array(size), phys: 0x1000000 }), fence() {} },
    mmioReachable: (base, length) => base >= 0xc0000000 && base + length <= 0x100000000,
    apicId: 0,
    allocVector: () => next++,
    placeBar: (_fn, bar) => {
      placed.push(bar.index);
      return opts.place;
    },
  };
  return { m, stores, windows, placed };
}

function open(f: FakeFunction, bus = 0, place?: number) {
  const access = fakeBus({ [`${bus}:3.0`]: f });
  const fn: PciFunction = { bus, dev: 3, fn: 0, vendor: 0x1af4, device: 0x1043, classCode: 7, subclass: 0x80, progIf: 0, headerType: 0 };
  const mm = machine({ place });
  return { ...mm, run: () => openVirtioPci(access, fn, 3, mm.m) };
}

test('opening a virtio-pci function: decoding, bus mastering, INTx off, two MSI-X vectors, register windows', () => {
  const f = serialPci();
  const o = open(f);
  const r = o.run();
  assert.equal(r.transport.deviceId, 3);
  assert.equal(r.queueVector, 0x60);
  assert.equal(r.configVector, 0x61);
  assert.equal(f.read(0x04, 2) & 0x406, 0x406); // MEMORY | BUS_MASTER | INTX_DISABLE
  assert.equal(f.read(0x9a, 2) & 0xc000, 0x8000); // MSI-X enabled, function unmasked
  assert.deepEqual(o.stores, [
    [0xfebc1000, 0xfee00000], [0xfebc1004, 0], [0xfebc1008, 0x61], [0xfebc100c, 0], // entry 0: config
    [0xfebc1010, 0xfee00000], [0xfebc1014, 0], [0xfebc1018, 0x60], [0xfebc101c, 0], // entry 1: queues
  ]);
  assert.deepEqual(o.windows.slice(0, 4), [0xfebf4000, 0xfebf7000, 0xfebf5000, 0xfebf6000]);
  assert.deepEqual(o.placed, []);
});

test('a BAR above 4 GiB is moved where the machine says, on bus 0 only; refused when there is no room', () => {
  const f = serialPci(1);
  const o = open(f, 0, 0xfeb00000);
  o.run();
  assert.deepEqual(o.placed, [4]);
  assert.equal(f.read(0x20, 4), 0xfeb0000c);
  assert.equal(f.read(0x24, 4), 0);
  assert.equal(o.windows[0], 0xfeb00000);
  assert.throws(() => open(serialPci(1), 0, undefined).run(), /outside the MMIO window .* no free range/);
  const behind = open(serialPci(1), 1, 0xfeb00000);
  assert.throws(() => behind.run(), /no free range/);
  assert.deepEqual(behind.placed, []);
});

test('a function without MSI-X, or with a malformed capability list, is refused with an error', () => {
  assert.throws(() => open(serialPci(0, false)).run(), /no MSI-X capability/);
  const looped = serialPci();
  looped.set8(0x41, 0x70); // common cfg's next points back up the list
  assert.throws(() => open(looped).run(), /loops/);
});

test('virtio functions are picked out of an enumeration with their types', () => {
  const bus = fakeBus({ '0:0.0': new FakeFunction(0x8086, 0x29c0), '0:1.0': new FakeFunction(0x1af4, 0x1041), '0:2.0': serialPci(), '0:3.0': new FakeFunction(0x1af4, 0x1110) });
  assert.deepEqual(virtioFunctions(bus, enumerate(bus)).map((v) => [v.fn.dev, v.type]), [[1, 1], [2, 3]]);
});
