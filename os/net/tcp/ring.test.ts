import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RingBuffer } from './ring';
import { Assembler } from './assembler';
import { Prng } from './testing/prng';

const seq = (n: number, from = 0) => Uint8Array.from({ length: n }, (_, i) => (from + i) & 0xff);

test('ring: enqueue up to capacity, read back in order across the wrap', () => {
  const r = new RingBuffer(10);
  assert.equal(r.enqueue(seq(7)), 7);
  assert.deepEqual([...r.read(5)], [0, 1, 2, 3, 4]);
  assert.equal(r.enqueue(seq(20, 7)), 8, 'only the free space is taken');
  assert.equal(r.length, 10);
  assert.equal(r.free, 0);
  assert.equal(r.enqueue(seq(1)), 0);
  const out = new Uint8Array(10);
  r.copyOut(0, out, 0, 10);
  assert.deepEqual([...out], [5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
  r.dequeue(3);
  assert.deepEqual([...r.read()], [8, 9, 10, 11, 12, 13, 14]);
  assert.equal(r.length, 0);
});

test('ring: writeAt past the data then commit (out-of-order receive)', () => {
  const r = new RingBuffer(16);
  r.enqueue(seq(4));
  assert.equal(r.writeAt(4, seq(4, 8)), 4); // bytes 8..11 at offset 4 past the data end
  assert.equal(r.length, 4, 'not yet data');
  assert.equal(r.writeAt(0, seq(4, 4)), 4); // bytes 4..7 fill the gap
  r.commit(8);
  assert.deepEqual([...r.read()], seq(12).reduce<number[]>((a, x) => (a.push(x), a), []));
  assert.equal(r.writeAt(14, seq(4)), 2, 'cut at capacity');
  assert.equal(r.writeAt(16, seq(4)), 0);
  assert.throws(() => r.commit(17), RangeError);
});

test('ring: bytes written past the end survive the data being read empty (regression)', () => {
  // Found by the lossy end-to-end test: reading all in-order data used to reset the read position,
  // which moved out-of-order bytes already placed with writeAt.
  const r = new RingBuffer(64);
  r.enqueue(seq(10));
  r.writeAt(5, seq(5, 15)); // bytes 15..19 wait past a gap of 5
  assert.deepEqual([...r.read()], [...seq(10)]);
  r.writeAt(0, seq(5, 10)); // the gap arrives
  r.commit(10);
  assert.deepEqual([...r.read()], [...seq(10, 10)]);
});

test('ring: copyOut and dequeue refuse out-of-range arguments', () => {
  const r = new RingBuffer(8);
  r.enqueue(seq(4));
  assert.throws(() => r.copyOut(2, new Uint8Array(4), 0, 3), RangeError);
  assert.throws(() => r.dequeue(5), RangeError);
  assert.throws(() => new RingBuffer(0), RangeError);
});

test('ring: storage starts small, grows to capacity only as needed, and is released when empty', () => {
  const r = new RingBuffer(1 << 20);
  assert.ok(r.allocated <= 4096);
  r.enqueue(seq(3000));
  assert.ok(r.allocated <= 4096);
  r.enqueue(seq(10_000, 3000));
  assert.ok(r.allocated >= 13_000 && r.allocated <= 32768);
  const all = r.read();
  for (let i = 0; i < all.length; i++) assert.equal(all[i], i & 0xff);
  r.release();
  assert.equal(r.allocated, 0);
  r.enqueue(seq(5));
  assert.deepEqual([...r.read()], [0, 1, 2, 3, 4]);
});

test('ring: random operations match a plain array model (growth across a wrapped state)', () => {
  const rng = new Prng(11);
  const r = new RingBuffer(50_000);
  const model: number[] = [];
  let next = 0;
  for (let step = 0; step < 3000; step++) {
    const op = rng.int(3);
    if (op === 0) {
      const n = rng.int(3000);
      const chunk = seq(n, next);
      const took = r.enqueue(chunk);
      for (let i = 0; i < took; i++) model.push(chunk[i]);
      next += took;
    } else if (op === 1) {
      const n = rng.int(r.length + 1);
      const got = r.read(n);
      assert.deepEqual([...got], model.splice(0, n));
    } else if (r.length > 0) {
      const off = rng.int(r.length);
      const n = rng.int(r.length - off + 1);
      const out = new Uint8Array(n);
      r.copyOut(off, out, 0, n);
      assert.deepEqual([...out], model.slice(off, off + n));
    }
    assert.equal(r.length, model.length);
  }
});

test('assembler: merges overlapping and adjacent ranges, pops the contiguous front', () => {
  const a = new Assembler(8);
  assert.ok(a.add(10, 5)); // [10,15)
  assert.ok(a.add(20, 5)); // [10,15) [20,25)
  assert.equal(a.rangeCount, 2);
  assert.ok(a.add(15, 5)); // adjacent on both sides: [10,25)
  assert.equal(a.rangeCount, 1);
  assert.equal(a.popFront(), 0, 'nothing at offset 0 yet');
  assert.ok(a.add(0, 12)); // overlaps: [0,25)
  assert.equal(a.popFront(), 25);
  assert.ok(a.isEmpty);
});

test('assembler: pop shifts the remaining ranges; find locates a range', () => {
  const a = new Assembler(8);
  a.add(0, 4);
  a.add(10, 2);
  a.add(20, 3);
  assert.equal(a.popFront(), 4);
  assert.deepEqual([a.rangeStart(0), a.rangeEnd(0), a.rangeStart(1), a.rangeEnd(1)], [6, 8, 16, 19]);
  assert.equal(a.find(7), 0);
  assert.equal(a.find(17), 1);
  assert.equal(a.find(9), -1);
  assert.equal(a.highest, 19);
});

test('assembler: a segment needing one range too many is refused and changes nothing', () => {
  const a = new Assembler(3);
  a.add(10, 1); a.add(20, 1); a.add(30, 1);
  assert.equal(a.add(40, 1), false);
  assert.equal(a.rangeCount, 3);
  assert.equal(a.add(11, 9), true, 'a segment that merges existing ranges is still accepted');
  assert.equal(a.rangeCount, 2);
  assert.equal(a.add(0, 100), true, 'one covering everything collapses to one range');
  assert.equal(a.popFront(), 100);
});

test('assembler: random segments match a bitmap model', () => {
  const rng = new Prng(12);
  for (let round = 0; round < 50; round++) {
    const a = new Assembler(1000);
    const have = new Uint8Array(500);
    for (let k = 0; k < 60; k++) {
      const off = rng.int(480), len = 1 + rng.int(20);
      a.add(off, len);
      have.fill(1, off, off + len);
    }
    // Ranges are exactly the runs of the bitmap.
    const runs: number[] = [];
    for (let i = 0; i < have.length; i++) {
      if (have[i] && (i === 0 || !have[i - 1])) runs.push(i);
      if (have[i] && (i === have.length - 1 || !have[i + 1])) runs.push(i + 1);
    }
    const got: number[] = [];
    for (let i = 0; i < a.rangeCount; i++) got.push(a.rangeStart(i), a.rangeEnd(i));
    assert.deepEqual(got, runs);
  }
});
