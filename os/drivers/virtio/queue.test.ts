import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Dma, DmaRegion } from '../hw';
import { MAX_INDIRECT, SplitQueue } from './queue';

/** DMA memory with a physical address space a simulated device can read. */
function memory() {
  const regions: DmaRegion[] = [];
  let next = 0x100000;
  const dma: Dma = {
    alloc(size, align) {
      next = Math.ceil(next / align) * align;
      const r = { bytes: new Uint8Array(size), phys: next };
      next += size;
      regions.push(r);
      return r;
    },
    fence() {},
  };
  const at = (phys: number, len: number) => {
    const r = regions.find((x) => phys >= x.phys && phys + len <= x.phys + x.bytes.length);
    if (!r) throw new Error(`device read outside DMA memory at 0x${phys.toString(16)}`);
    return new DataView(r.bytes.buffer, r.bytes.byteOffset + (phys - r.phys), len);
  };
  return { dma, at };
}

interface Seen { addr: number; len: number; flags: number }

/** The device's side (2.7.5): the available ring's next head, its chain, through indirect tables. */
function deviceTake(q: SplitQueue<unknown>, at: (phys: number, len: number) => DataView, slot: number): { head: number; chain: Seen[]; ring: Seen } {
  const avail = at(q.availPhys, 4 + 2 * q.size);
  const head = avail.getUint16(4 + 2 * slot, true);
  const desc = (base: number, i: number): Seen & { next: number } => {
    const d = at(base + 16 * i, 16);
    return { addr: d.getUint32(0, true) + d.getUint32(4, true) * 0x100000000, len: d.getUint32(8, true), flags: d.getUint16(12, true), next: d.getUint16(14, true) };
  };
  const first = desc(q.descPhys, head);
  const chain: Seen[] = [];
  if (first.flags & 4) {
    assert.equal(first.flags & 1, 0, 'INDIRECT with NEXT');
    assert.equal(first.len % 16, 0);
    for (let i = 0, k = 0; k < first.len / 16; k++) {
      const d = desc(first.addr, i);
      assert.equal(d.flags & 4, 0, 'INDIRECT inside a table');
      chain.push({ addr: d.addr, len: d.len, flags: d.flags });
      if (!(d.flags & 1)) break;
      i = d.next;
    }
  } else {
    for (let d = first; ; d = desc(q.descPhys, d.next)) {
      chain.push({ addr: d.addr, len: d.len, flags: d.flags });
      if (!(d.flags & 1)) break;
    }
  }
  return { head, chain, ring: { addr: first.addr, len: first.len, flags: first.flags } };
}

function complete(q: SplitQueue<unknown>, at: (phys: number, len: number) => DataView, slot: number, id: number, len: number): void {
  const used = at(q.usedPhys, 4 + 8 * q.size);
  used.setUint32(4 + 8 * slot, id, true);
  used.setUint32(8 + 8 * slot, len, true);
  used.setUint16(2, slot + 1, true);
}

const bufs = (n: number, writableFrom = n) => Array.from({ length: n }, (_, k) => ({ phys: 0x900000 + k * 0x1000, len: 100 + k, writable: k >= writableFrom }));

test('indirect descriptors: a multi-buffer chain takes one ring slot, the device sees the whole chain', () => {
  const { dma, at } = memory();
  const q = new SplitQueue<string>(4, dma, () => {});
  q.setIndirect(true);
  assert.equal(q.add(bufs(3, 2), 'three'), true);
  assert.equal(q.free, 3);
  q.publish();
  const { head, chain, ring } = deviceTake(q, at, 0);
  assert.equal(ring.flags, 4);
  assert.equal(ring.len, 48);
  assert.deepEqual(chain, [
    { addr: 0x900000, len: 100, flags: 1 },
    { addr: 0x901000, len: 101, flags: 1 },
    { addr: 0x902000, len: 102, flags: 2 },
  ]);
  // A ring of 4 takes 4 more such chains as long as slots are free (12 buffers in 4 descriptors).
  for (let i = 0; i < 3; i++) assert.equal(q.add(bufs(4), `c${i}`), true);
  assert.equal(q.free, 0);
  assert.equal(q.add(bufs(2), 'full'), false);
  complete(q, at, 0, head, 7);
  assert.deepEqual(q.takeUsed(), { token: 'three', len: 7 });
  assert.equal(q.free, 1);
  // The freed head's table is reused for the next chain.
  assert.equal(q.add(bufs(2), 'again'), true);
  assert.equal(q.errors, 0);
});

test('indirect descriptors: single buffers, chains over MAX_INDIRECT, or the feature off stay direct', () => {
  const { dma, at } = memory();
  const q = new SplitQueue<string>(32, dma, () => {});
  q.setIndirect(true);
  q.add(bufs(1), 'one');
  q.add(bufs(MAX_INDIRECT + 1), 'long');
  q.publish();
  assert.equal(deviceTake(q, at, 0).ring.flags & 4, 0);
  const long = deviceTake(q, at, 1);
  assert.equal(long.ring.flags & 4, 0);
  assert.equal(long.chain.length, MAX_INDIRECT + 1);
  const off = new SplitQueue<string>(8, dma, () => {});
  off.add(bufs(3), 'direct');
  off.publish();
  const d = deviceTake(off, at, 0);
  assert.equal(d.ring.flags & 4, 0);
  assert.equal(d.chain.length, 3);
  assert.equal(off.free, 5);
});

test('a used element naming a descriptor the device does not own marks the queue broken, no exception', () => {
  const { dma, at } = memory();
  const q = new SplitQueue<string>(4, dma, () => {});
  q.setIndirect(true);
  q.add(bufs(2), 'a');
  q.publish();
  complete(q, at, 0, 3, 10); // descriptor 3 was never handed out
  assert.equal(q.takeUsed(), undefined);
  assert.equal(q.errors, 1);
  assert.equal(q.add(bufs(1), 'b'), false);
});
