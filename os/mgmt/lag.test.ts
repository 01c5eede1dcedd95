import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LagMonitor } from './lag';

/** A fake clock and unreferenced-timer host: `run(ms)` advances time, firing what is due. */
function fakeHost() {
  let now = 0;
  let timers: { at: number; fn: () => void }[] = [];
  return {
    now: () => now,
    after: (ms: number, fn: () => void) => {
      const t = { at: now + ms, fn };
      timers.push(t);
      return () => { timers = timers.filter((x) => x !== t); };
    },
    run(ms: number, lateBy = 0) {
      const end = now + ms;
      for (;;) {
        const due = timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0];
        if (!due) break;
        timers = timers.filter((t) => t !== due);
        now = Math.max(now, due.at + lateBy);
        due.fn();
      }
      now = Math.max(now, end);
    },
    pending: () => timers.length,
  };
}

test('lag: no probe until someone reads it; reading arms it; it stops after watchMs unread', () => {
  const h = fakeHost();
  const lag = new LagMonitor(h.now, h.after, 500, 10_000);
  lag.start();
  h.run(60_000);
  assert.equal(lag.samples, 0, 'an unwatched VM is not woken');
  assert.equal(h.pending(), 0);
  assert.equal(lag.recentMs(), 0);
  assert.equal(lag.probing, true);
  h.run(5_000);
  assert.equal(lag.samples, 10);
  h.run(20_000);
  assert.equal(lag.probing, false, 'stopped without readers');
  const stoppedAt = lag.samples;
  assert.ok(stoppedAt >= 20 && stoppedAt <= 21, `samples ${stoppedAt}`);
  h.run(60_000);
  assert.equal(lag.samples, stoppedAt);
});

test('lag: the worst lateness of a window of four samples is reported', () => {
  const h = fakeHost();
  const lag = new LagMonitor(h.now, h.after, 500, 60_000);
  lag.start();
  lag.recentMs();
  h.run(2000, 30); // every probe runs 30 ms late
  assert.equal(lag.recentMs(), 30);
  lag.stop();
  assert.equal(lag.probing, false);
  assert.equal(h.pending(), 0);
});

test('lag: a reader before start() is remembered', () => {
  const h = fakeHost();
  const lag = new LagMonitor(h.now, h.after, 500, 60_000);
  lag.recentMs();
  assert.equal(lag.probing, false, 'not before the loop runs');
  lag.start();
  assert.equal(lag.probing, true);
});
