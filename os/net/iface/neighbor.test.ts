import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NeighborCache } from './neighbor';
import { macFor } from '../testing/harness';

test('neighbor: lookup, expiry with revalidation, failure removes the entry', () => {
  const n = new NeighborCache({ lifetimeMs: 1000, requestIntervalMs: 100, maxRequests: 2 });
  assert.equal(n.lookup(1, 0), undefined);
  n.fill(1, macFor(1), 0);
  assert.deepEqual(n.lookup(1, 500), macFor(1));
  assert.equal(n.poll(500, () => assert.fail('no request yet'), () => {}), undefined);
  // Expired: still usable, but revalidated.
  assert.deepEqual(n.lookup(1, 1000), macFor(1));
  const asked: number[] = [];
  n.poll(1000, (ip) => asked.push(ip), () => {});
  n.fill(1, macFor(1), 1050); // the answer
  assert.deepEqual(asked, [1]);
  assert.equal(n.isPending(1), false);
  // No answer to the revalidation: gone.
  n.lookup(1, 2100);
  const failed: number[] = [];
  for (let t = 2100; t <= 2400; t += 100) n.poll(t, () => {}, (ip) => failed.push(ip));
  assert.deepEqual(failed, [1]);
  assert.equal(n.has(1), false);
});

test('neighbor: capacity evicts the least recently confirmed entry', () => {
  const n = new NeighborCache({ capacity: 3 });
  for (let i = 1; i <= 3; i++) n.fill(i, macFor(i), i);
  n.fill(1, macFor(1), 10); // confirmed again: now the newest
  n.fill(4, macFor(4), 11);
  assert.deepEqual([1, 2, 3, 4].map((i) => n.has(i)), [true, false, true, true]);
});

test('neighbor: queues are bounded per address, in bytes and in addresses', () => {
  const n = new NeighborCache({ maxQueuedPerAddress: 2, maxQueuedBytes: 250, maxPendingAddresses: 2 });
  const d = (k: number) => new Uint8Array(100).fill(k);
  assert.equal(n.enqueue(1, d(1), 0), undefined);
  assert.equal(n.enqueue(1, d(2), 0), undefined);
  assert.equal(n.enqueue(1, d(3), 0), 'arp-queue-full'); // drops the oldest (1)
  assert.equal(n.enqueue(2, d(4), 0), 'arp-queue-full'); // 300 bytes > 250: drops 2 from address 1
  assert.equal(n.enqueue(3, d(5), 0), 'arp-too-many-pending');
  assert.deepEqual(n.stats(), { entries: 0, pendingAddresses: 2, queuedDatagrams: 2, queuedBytes: 200 });
  const released = n.fill(1, macFor(1), 1);
  assert.deepEqual(released.map((x) => x[0]), [3]);
  assert.deepEqual(n.stats(), { entries: 1, pendingAddresses: 1, queuedDatagrams: 1, queuedBytes: 100 });
  // RFC 826 merge: update only known or pending addresses.
  assert.equal(n.update(9, macFor(9), 2), undefined);
  assert.deepEqual(n.update(2, macFor(2), 2)?.map((x) => x[0]), [4]);
});
