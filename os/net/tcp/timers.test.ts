import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DeadlineQueue } from './timers';
import { Prng } from './testing/prng';

interface Item { id: number; heapAt: number }
const item = (id: number): Item => ({ id, heapAt: Infinity });

test('deadlines: pops due items in time order; peek gives the earliest', () => {
  const q = new DeadlineQueue<Item>();
  const a = item(1), b = item(2), c = item(3);
  q.schedule(a, 30); q.schedule(b, 10); q.schedule(c, 20);
  assert.equal(q.peek(), 10);
  assert.equal(q.popDue(5), undefined);
  assert.equal(q.popDue(25)?.id, 2);
  assert.equal(q.popDue(25)?.id, 3);
  assert.equal(q.popDue(25), undefined);
  assert.equal(q.size, 1);
  assert.equal(q.popDue(100)?.id, 1);
  assert.equal(q.peek(), Infinity);
});

test('deadlines: rescheduling and unscheduling leave no stale firing', () => {
  const q = new DeadlineQueue<Item>();
  const a = item(1);
  q.schedule(a, 10);
  q.schedule(a, 50);
  q.schedule(a, 10);
  assert.equal(q.popDue(20)?.id, 1);
  assert.equal(q.popDue(100), undefined, 'the 50 and the second 10 entry are stale');
  q.schedule(a, 5);
  q.schedule(a, Infinity);
  assert.equal(q.peek(), Infinity);
  assert.equal(q.size, 0);
});

test('deadlines: random schedules match a model; the heap stays bounded', () => {
  const rng = new Prng(21);
  const q = new DeadlineQueue<Item>();
  const items = Array.from({ length: 50 }, (_, i) => item(i));
  let now = 0;
  for (let step = 0; step < 20000; step++) {
    const it = items[rng.int(items.length)];
    q.schedule(it, rng.float() < 0.1 ? Infinity : now + rng.int(1000));
    if (step % 7 === 0) {
      now += rng.int(100);
      const fired: number[] = [];
      for (let x = q.popDue(now); x; x = q.popDue(now)) fired.push(x.id);
      for (const x of items) assert.ok(x.heapAt > now, 'nothing due is left behind');
      assert.equal(new Set(fired).size, fired.length, 'no item fires twice');
    }
    const min = Math.min(...items.map((x) => x.heapAt));
    assert.equal(q.peek(), min);
  }
});
