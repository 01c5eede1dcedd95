import { test } from 'node:test';
import assert from 'node:assert/strict';
import { seqAdd, seqDiff, seqLt, seqLe, seqGt, seqGe, seqMax, seqMin, seqInWindow } from './seq';

test('seq: comparisons hold across the 2^32 wrap', () => {
  assert.equal(seqLt(0xfffffff0, 0x10), true);
  assert.equal(seqGt(0x10, 0xfffffff0), true);
  assert.equal(seqLe(5, 5), true);
  assert.equal(seqGe(5, 5), true);
  assert.equal(seqLt(5, 5), false);
  assert.equal(seqLt(1, 2), true);
  assert.equal(seqLt(2, 1), false);
  assert.equal(seqDiff(0x10, 0xfffffff0), 0x20);
  assert.equal(seqDiff(0xfffffff0, 0x10), -0x20);
  // 2^31 - 1 ahead is still "greater"; the comparison is antisymmetric everywhere else.
  assert.equal(seqGt(0x7fffffff, 0), true);
  assert.equal(seqLt(0, 0x7fffffff), true);
});

test('seq: add wraps to u32; max/min pick by sequence order, not numeric order', () => {
  assert.equal(seqAdd(0xffffffff, 1), 0);
  assert.equal(seqAdd(0xfffffffe, 5), 3);
  assert.equal(seqAdd(3, -5), 0xfffffffe);
  assert.equal(seqMax(0xfffffff0, 0x10), 0x10);
  assert.equal(seqMin(0xfffffff0, 0x10), 0xfffffff0);
});

test('seq: window membership is half-open and wraps', () => {
  assert.equal(seqInWindow(0xfffffffe, 0xfffffffe, 4), true);
  assert.equal(seqInWindow(1, 0xfffffffe, 4), true);
  assert.equal(seqInWindow(2, 0xfffffffe, 4), false);
  assert.equal(seqInWindow(0xfffffffd, 0xfffffffe, 4), false);
  assert.equal(seqInWindow(7, 7, 0), false);
});

test('seq: random pairs agree with a BigInt reference', () => {
  let x = 99;
  const r = () => { x = (Math.imul(x, 1103515245) + 12345) >>> 0; return x; };
  for (let i = 0; i < 2000; i++) {
    const a = r();
    const d = (r() % 0x7fffffff) + 1; // 1 .. 2^31-1
    const b = seqAdd(a, d);
    assert.equal(seqLt(a, b), true);
    assert.equal(seqGt(b, a), true);
    assert.equal(Number((BigInt(a) + BigInt(d)) % 2n ** 32n), b);
    assert.equal(seqDiff(b, a), d);
  }
});
