import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Dma, RegisterWindow } from '../hw';
import { type Bar, capabilities } from '../pci/config';
import { FakeFunction } from '../pci/testing';
import { parseVirtioCaps, VirtioPci, virtioDeviceType, type VirtioPciLayout } from './pci';
import { F, VirtioError } from './transport';

/** struct virtio_pci_cap bytes after the 2-byte header: cap_len, cfg_type, bar, id, pad x2, offset, length[, multiplier]. */
function vcap(type: number, bar: number, offset: number, length: number, multiplier?: number): number[] {
  const b = [multiplier === undefined ? 16 : 20, type, bar, 0, 0, 0];
  const le = (v: number) => [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, v >>> 24];
  b.push(...le(offset), ...le(length));
  if (multiplier !== undefined) b.push(...le(multiplier));
  return b;
}

const BAR4: Bar = { index: 4, kind: 'mem', is64: true, prefetchable: true, address: 0xfebf4000, size: 0x4000 };
const BAR1: Bar = { index: 1, kind: 'mem', is64: false, prefetchable: false, address: 0xfebc0000, size: 0x1000 };

/** The capability chain QEMU 7.2 gives a modern virtio-pci function. */
function qemuLike(): FakeFunction {
  return new FakeFunction().caps([
    [0x98, 0x11, [0x02, 0x00, 0x01, 0, 0, 0, 0x01, 0x08, 0, 0]],
    [0x84, 0x09, vcap(5, 0, 0, 0).map((v, i) => (i === 0 ? 20 : v))],
    [0x70, 0x09, vcap(2, 4, 0x3000, 0x1000, 4)],
    [0x60, 0x09, vcap(4, 4, 0x2000, 0x1000)],
    [0x50, 0x09, vcap(3, 4, 0x1000, 0x1000)],
    [0x40, 0x09, vcap(1, 4, 0x0000, 0x1000)],
  ]);
}

test('a modern virtio-pci capability chain: common, notify (with multiplier), ISR and device regions', () => {
  const f = qemuLike();
  const layout = parseVirtioCaps(f, capabilities(f), [BAR1, BAR4]);
  assert.deepEqual(layout, {
    common: { bar: 4, offset: 0, length: 0x1000 },
    notify: { bar: 4, offset: 0x3000, length: 0x1000, multiplier: 4 },
    isr: { bar: 4, offset: 0x1000, length: 0x1000 },
    device: { bar: 4, offset: 0x2000, length: 0x1000 },
  });
});

test('the first usable capability of a type wins; reserved BAR numbers and unknown types are ignored', () => {
  const f = new FakeFunction().caps([
    [0x40, 0x09, vcap(1, 7, 0, 0x1000)], // BAR 7: reserved, ignored (4.1.4)
    [0x50, 0x09, vcap(1, 4, 0x100, 0x100)],
    [0x60, 0x09, vcap(1, 4, 0x0, 0x1000)],
    [0x70, 0x09, vcap(9, 4, 0x0, 0x1000)],
    [0x80, 0x09, vcap(2, 4, 0x3000, 0x1000, 0)],
    [0x98, 0x09, vcap(3, 4, 0x1000, 1)],
  ]);
  const layout = parseVirtioCaps(f, capabilities(f), [BAR4]);
  assert.deepEqual(layout.common, { bar: 4, offset: 0x100, length: 0x100 });
  assert.equal(layout.notify.multiplier, 0);
  assert.equal(layout.device, undefined);
});

test('malformed virtio capabilities are refused with VirtioError', () => {
  const refuse = (caps: [number, number, number[]][], bars: Bar[], re: RegExp) => {
    const f = new FakeFunction().caps(caps);
    assert.throws(() => parseVirtioCaps(f, capabilities(f), bars), (e: unknown) => e instanceof VirtioError && re.test((e as Error).message));
  };
  const rest: [number, number, number[]][] = [[0x60, 0x09, vcap(2, 4, 0x3000, 0x1000, 4)], [0x70, 0x09, vcap(3, 4, 0x1000, 1)]];
  // A region running past its BAR, or whose end overflows 32 bits.
  refuse([[0x40, 0x09, vcap(1, 4, 0x3800, 0x1000)], ...rest], [BAR4], /runs past BAR4/);
  refuse([[0x40, 0x09, vcap(1, 4, 0xfffff000, 0x2000)], ...rest], [BAR4], /runs past BAR4/);
  // A BAR that does not exist, or is I/O.
  refuse([[0x40, 0x09, vcap(1, 2, 0, 0x1000)], ...rest], [BAR4], /BAR2, not a memory BAR/);
  refuse([[0x40, 0x09, vcap(1, 0, 0, 0x1000)], ...rest], [{ index: 0, kind: 'io', is64: false, prefetchable: false, address: 0xc000, size: 0x40 }, BAR4], /not a memory BAR/);
  // Too short for the structure (common config is 0x38 bytes), a cap_len too small.
  refuse([[0x40, 0x09, vcap(1, 4, 0, 0x20)], ...rest], [BAR4], /at least 56/);
  refuse([[0x40, 0x09, vcap(1, 4, 0, 0x1000).map((v, i) => (i === 0 ? 8 : v))], ...rest], [BAR4], /length 8/);
  // A notify capability without room for its multiplier, or an odd multiplier.
  refuse([[0x40, 0x09, vcap(1, 4, 0, 0x1000)], [0x60, 0x09, vcap(2, 4, 0x3000, 0x1000)], [0x70, 0x09, vcap(3, 4, 0x1000, 1)]], [BAR4], /type 2 .* length 16/);
  refuse([[0x40, 0x09, vcap(1, 4, 0, 0x1000)], [0x60, 0x09, vcap(2, 4, 0x3000, 0x1000, 3)], [0x70, 0x09, vcap(3, 4, 0x1000, 1)]], [BAR4], /not an even power of 2/);
  // A capability whose body would run past the 256-byte configuration space.
  refuse([[0xf8, 0x09, [16, 1, 4]]], [BAR4], /runs past the configuration space/);
  // Missing structures.
  refuse([[0x40, 0x09, vcap(1, 4, 0, 0x1000)]], [BAR4], /missing NOTIFY_CFG, ISR_CFG/);
  refuse([], [BAR4], /missing COMMON_CFG/);
});

test('device types: modern IDs are 0x1040 + type; transitional ones name it in the subsystem ID', () => {
  const fn = (device: number) => ({ bus: 0, dev: 1, fn: 0, vendor: 0x1af4, device, classCode: 0, subclass: 0, progIf: 0, headerType: 0 });
  assert.equal(virtioDeviceType(fn(0x1041), new FakeFunction()), 1);
  assert.equal(virtioDeviceType(fn(0x1044), new FakeFunction()), 4);
  assert.equal(virtioDeviceType(fn(0x1003), new FakeFunction().set16(0x2e, 3)), 3);
  assert.equal(virtioDeviceType(fn(0x1100), new FakeFunction()), undefined);
  assert.equal(virtioDeviceType({ ...fn(0x1041), vendor: 0x8086 }, new FakeFunction()), undefined);
});

/** A virtio-pci common configuration (4.1.4.3) with per-queue registers behind queue_select. */
class FakeCommon implements RegisterWindow {
  status = 0;
  features = [0x30000000 >>> 0, 0x1]; // EVENT_IDX, INDIRECT_DESC; VERSION_1
  driver = [0, 0];
  dfsel = 0;
  gfsel = 0;
  msixConfig = 0xffff;
  sel = 0;
  acceptVectors = true;
  queues = [{ max: 256, size: 256, vector: 0xffff, enable: 0, notifyOff: 0, addr: new Array(6).fill(0) }, { max: 128, size: 128, vector: 0xffff, enable: 0, notifyOff: 1, addr: new Array(6).fill(0) }];
  read32(o: number): number {
    if (o === 0x04) return this.features[this.dfsel] ?? 0;
    return 0;
  }
  read16(o: number): number {
    const q = this.queues[this.sel];
    switch (o) {
      case 0x10: return this.msixConfig;
      case 0x12: return this.queues.length;
      case 0x18: return q.size;
      case 0x1a: return q.vector;
      case 0x1c: return q.enable;
      case 0x1e: return q.notifyOff;
    }
    return 0;
  }
  read8(o: number): number {
    return o === 0x14 ? this.status : 0;
  }
  write32(o: number, v: number): void {
    if (o === 0x00) this.dfsel = v;
    else if (o === 0x08) this.gfsel = v;
    else if (o === 0x0c) this.driver[this.gfsel] = v;
    else if (o >= 0x20 && o < 0x38) this.queues[this.sel].addr[(o - 0x20) >> 2] = v;
  }
  write16(o: number, v: number): void {
    const q = this.queues[this.sel];
    if (o === 0x10) this.msixConfig = this.acceptVectors ? v : 0xffff;
    else if (o === 0x16) this.sel = v;
    else if (o === 0x18) q.size = v;
    else if (o === 0x1a) q.vector = this.acceptVectors ? v : 0xffff;
    else if (o === 0x1c) q.enable = v;
  }
  write8(o: number, v: number): void {
    if (o === 0x14) this.status = v;
  }
}

const fakeDma: Dma = {
  alloc(size) {
    return { bytes: new Uint8Array(size), phys: 0x123456000 };
  },
  fence() {},
};

const LAYOUT: VirtioPciLayout = {
  common: { bar: 4, offset: 0, length: 0x1000 },
  notify: { bar: 4, offset: 0x3000, length: 0x1000, multiplier: 4 },
  isr: { bar: 4, offset: 0x1000, length: 0x1000 },
  device: { bar: 4, offset: 0x2000, length: 8 },
};

function transport(common: FakeCommon, msix = true) {
  const notifies: [number, number][] = [];
  const notify = { ...common, read32: () => 0, read16: () => 0, read8: () => 0, write32: () => {}, write8: () => {}, write16: (o: number, v: number) => notifies.push([o, v]) };
  const isr = { read32: () => 0, read16: () => 0, read8: () => 3, write32: () => {}, write16: () => {}, write8: () => {} };
  const device = { read32: (o: number) => 0x11223344 + o, read16: (o: number) => 0x5566 + o, read8: (o: number) => o, write32: () => {}, write16: () => {}, write8: () => {} };
  const t = new VirtioPci(1, fakeDma, { common, notify, isr, device }, LAYOUT, msix ? { config: 0, queues: 1 } : undefined);
  return { t, notifies };
}

test('transport: negotiation, queue setup with MSI-X vectors and 64-bit addresses, notify offsets, DRIVER_OK', () => {
  const c = new FakeCommon();
  const { t, notifies } = transport(c);
  const f = t.negotiate([F.EVENT_IDX]);
  assert.deepEqual([...f].sort((a, b) => a - b), [F.EVENT_IDX, F.VERSION_1]);
  assert.deepEqual(c.driver, [1 << 29, 1]);
  assert.equal(c.status, 1 | 2 | 8);
  assert.equal(c.msixConfig, 0);
  const q0 = t.setupQueue(0, 64);
  const q1 = t.setupQueue(1, 1000);
  assert.equal(q0.size, 64);
  assert.equal(q1.size, 128);
  assert.deepEqual(c.queues.map((q) => [q.size, q.vector, q.enable]), [[64, 1, 1], [128, 1, 1]]);
  assert.deepEqual(c.queues[0].addr.slice(0, 2), [0x23456000, 1]);
  t.ready();
  assert.equal(c.status, 1 | 2 | 4 | 8);
  t.notify(1);
  t.notify(0);
  t.notify(7); // never set up: ignored
  assert.deepEqual(notifies, [[4, 1], [0, 0]]);
  assert.throws(() => t.setupQueue(2, 8), /queue 2 does not exist/);
});

test('transport: MSI-X causes come from the vector; without MSI-X from ISR', () => {
  const { t } = transport(new FakeCommon());
  assert.equal(t.takeInterrupt(), 1);
  t.configInterrupt();
  assert.equal(t.takeInterrupt(), 3);
  assert.equal(t.takeInterrupt(), 1);
  assert.equal(transport(new FakeCommon(), false).t.takeInterrupt(), 3);
});

test('transport: device refusals and a notify offset outside the region are errors, not crashes', () => {
  const noVersion = new FakeCommon();
  noVersion.features = [0x30000000, 0];
  assert.throws(() => transport(noVersion).t.negotiate([]), /VERSION_1/);
  assert.equal(noVersion.status, 128); // FAILED
  const refuses = new FakeCommon();
  refuses.acceptVectors = false;
  assert.throws(() => transport(refuses).t.negotiate([]), /MSI-X configuration vector/);
  const far = new FakeCommon();
  far.queues[1].notifyOff = 0x400; // 0x400 * 4 = 0x1000: past the 0x1000-byte region
  const { t } = transport(far);
  t.negotiate([]);
  assert.throws(() => t.setupQueue(1, 8), /notify offset 0x1000 outside/);
});

test('transport: device configuration reads stay inside the DEVICE_CFG region', () => {
  const { t } = transport(new FakeCommon());
  assert.equal(t.config8(5), 5);
  assert.equal(t.config16(6), 0x5566 + 6);
  assert.equal(t.config32(4), 0x11223348);
  assert.throws(() => t.config32(6), /outside the region/);
  assert.throws(() => t.config8(8), /outside the region/);
});
