import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IsnGenerator } from './isn';
import { SynCookies, MSS_TABLE } from './cookies';
import { Prng } from './testing/prng';
import { seqGt, seqDiff } from './seq';

const A = 0x0a000001, B = 0x0a000002;

test('ISN: increases with the clock for one 4-tuple (4 µs ticks, RFC 6528)', () => {
  const g = new IsnGenerator(new Prng(1).randomFn());
  let prev = g.isn(0, A, 80, B, 40000);
  for (let t = 1; t < 100_000; t += 997) {
    const next = g.isn(t, A, 80, B, 40000);
    assert.ok(seqGt(next, prev), `monotonic at ${t}`);
    prev = next;
  }
  // 1 ms later the ISN moved by exactly 250 ticks.
  assert.equal(seqDiff(g.isn(1001, A, 80, B, 40000), g.isn(1000, A, 80, B, 40000)), 250);
});

test('ISN: unpredictable across tuples and keys (no constant, no simple offset)', () => {
  const g = new IsnGenerator(new Prng(2).randomFn());
  const isns = new Set<number>();
  const diffs = new Set<number>();
  for (let port = 40000; port < 40200; port++) {
    const x = g.isn(5000, A, 80, B, port);
    isns.add(x);
    diffs.add(seqDiff(x, g.isn(5000, A, 80, B, port + 1)));
  }
  assert.equal(isns.size, 200, 'all distinct');
  assert.ok(diffs.size > 190, 'neighbouring tuples are not a fixed distance apart');
  // Bits look uniform: each of the 32 bits is set in roughly half of 200 samples.
  for (let bit = 0; bit < 32; bit++) {
    let ones = 0;
    for (const x of isns) if ((x >>> bit) & 1) ones++;
    assert.ok(ones > 60 && ones < 140, `bit ${bit}: ${ones}/200`);
  }
  // A different key gives different ISNs for the same tuple and time.
  const h = new IsnGenerator(new Prng(3).randomFn());
  assert.notEqual(g.isn(5000, A, 80, B, 40000), h.isn(5000, A, 80, B, 40000));
});

test('port offset: depends on the destination, not a global counter', () => {
  const g = new IsnGenerator(new Prng(4).randomFn());
  assert.equal(g.portOffset(A, B, 80), g.portOffset(A, B, 80));
  assert.notEqual(g.portOffset(A, B, 80), g.portOffset(A, B, 443));
  assert.notEqual(g.portOffset(A, B, 80), g.portOffset(A, B + 1, 80));
});

test('SYN cookie: round trip of MSS, window scale and SACK', () => {
  const c = new SynCookies(new Prng(5).randomFn());
  const clientIsn = 0xfffffff0;
  for (const mss of [100, 536, 1460, 1459, 9000]) {
    for (const ws of [-1, 0, 7, 14]) {
      for (const sack of [false, true]) {
        const isn = c.encode(10_000, A, 80, B, 40000, clientIsn, { mss, windowScale: ws, sackPermitted: sack });
        const got = c.decode(10_500, A, 80, B, 40000, (clientIsn + 1) >>> 0, (isn + 1) >>> 0);
        assert.ok(got, `mss ${mss} ws ${ws}`);
        const want = [...MSS_TABLE].reverse().find((m) => m <= mss) ?? MSS_TABLE[0];
        assert.equal(got.mss, want);
        assert.equal(got.windowScale, ws);
        assert.equal(got.sackPermitted, sack);
      }
    }
  }
});

test('SYN cookie: refused for another tuple, another client ISN, a stale period or a forged value', () => {
  const c = new SynCookies(new Prng(6).randomFn());
  const opts = { mss: 1460, windowScale: 7, sackPermitted: true };
  const isn = c.encode(100_000, A, 80, B, 40000, 1000, opts);
  const ok = (now: number, port: number, seq: number, ack: number) => c.decode(now, A, 80, B, port, seq, ack) !== undefined;
  assert.equal(ok(100_000, 40000, 1001, isn + 1), true);
  assert.equal(ok(100_000 + 64_000, 40000, 1001, isn + 1), true, 'valid in the next period');
  assert.equal(ok(100_000 + 128_000, 40000, 1001, isn + 1), false, 'stale after two periods');
  assert.equal(ok(100_000, 40001, 1001, isn + 1), false, 'other port');
  assert.equal(ok(100_000, 40000, 1002, isn + 1), false, 'other client ISN');
  // Random ACK numbers almost never pass (2^-19 each, times 2 valid periods).
  const r = new Prng(7);
  let passed = 0;
  for (let i = 0; i < 20000; i++) if (ok(100_000, 40000, 1001, r.u32())) passed++;
  assert.ok(passed <= 2, `forged cookies accepted: ${passed}`);
});
