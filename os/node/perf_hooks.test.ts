// perf_hooks against host Node: histograms (HdrHistogram figures for random data), marks and
// measures, observers (delivery in an immediate, sorted entry lists), timerify, errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as hostPerf from 'node:perf_hooks';
import { createPerfHooks } from './perf_hooks';

let fakeNow = 0;
const perf = createPerfHooks({ nowMs: () => fakeNow, timeOrigin: 1_700_000_000_000, eventLoopLagMs: () => 0, idleMs: () => 0 });

test('histograms report what HdrHistogram reports (min, max, mean, stddev, percentiles)', () => {
  let seed = 7;
  const rand = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed;
  };
  for (let round = 0; round < 40; round++) {
    const ours = perf.createHistogram();
    const theirs = hostPerf.createHistogram();
    const n = 1 + (rand() % 200);
    for (let i = 0; i < n; i++) {
      const scale = [10, 5000, 1e6, 1e9, 9e15][rand() % 5];
      const v = 1 + (rand() % Math.min(scale, 0x7fffffff)) * Math.max(1, Math.floor(scale / 0x7fffffff));
      ours.record(v);
      theirs.record(v);
    }
    assert.equal(ours.count, theirs.count);
    assert.equal(ours.min, theirs.min);
    assert.equal(ours.max, theirs.max);
    assert.equal(ours.mean, theirs.mean);
    assert.ok(Math.abs(ours.stddev - theirs.stddev) <= 1e-9 * Math.max(1, theirs.stddev), `stddev ${ours.stddev} vs ${theirs.stddev}`);
    for (const p of [0.001, 1, 25, 50, 75, 90, 99, 99.9, 100]) assert.equal(ours.percentile(p), theirs.percentile(p), `p${p}`);
    assert.deepEqual([...ours.percentiles], [...theirs.percentiles]);
  }
  const empty = perf.createHistogram();
  const hostEmpty = hostPerf.createHistogram();
  assert.deepEqual([empty.min, empty.max, empty.count, [...empty.percentiles]], [hostEmpty.min, hostEmpty.max, hostEmpty.count, [...hostEmpty.percentiles]]);
  assert.throws(() => empty.record(0), { code: 'ERR_OUT_OF_RANGE', message: (() => { try { hostEmpty.record(0); } catch (e) { return (e as Error).message; } return ''; })() });
  assert.throws(() => empty.percentile(0), { code: 'ERR_OUT_OF_RANGE' });
});

test('marks and measures: options, sorted entries, clearing, missing marks', () => {
  fakeNow = 100;
  const p = perf.performance;
  const a = p.mark('a', { detail: { x: 1 } });
  fakeNow = 130;
  p.mark('b');
  const m = p.measure('a-b', 'a', 'b');
  assert.deepEqual([m.startTime, m.duration, m.entryType], [100, 30, 'measure']);
  assert.deepEqual(JSON.parse(JSON.stringify(a)), { name: 'a', entryType: 'mark', startTime: 100, duration: 0, detail: { x: 1 } });
  assert.deepEqual([p.measure('o', { start: 10, end: 25 }).duration, p.measure('d', { start: 5, duration: 7 }).duration], [15, 7]);
  assert.deepEqual(p.getEntries().map((e) => e.name), ['d', 'o', 'a', 'a-b', 'b']);
  p.clearMarks('a');
  assert.throws(() => p.measure('x', 'a'), { name: 'SyntaxError', message: 'The "a" performance mark has not been set' });
  assert.throws(() => p.mark('bad', { startTime: -1 }), { code: 'ERR_PERFORMANCE_INVALID_TIMESTAMP', message: '-1 is not a valid timestamp' });
  assert.throws(() => p.measure('m', { start: 1, end: 2, duration: 1 }), { code: 'ERR_PERFORMANCE_MEASURE_INVALID_OPTIONS' });
  p.clearMarks();
  p.clearMeasures();
  assert.equal(p.getEntries().length, 0);
});

test('observers get entries in an immediate, sorted by start time; timerify makes function entries', async () => {
  const seen: string[] = [];
  const obs = new perf.PerformanceObserver((list, o) => {
    seen.push(list.getEntries().map((e) => `${e.entryType}:${e.name}`).join(','));
    o.disconnect();
  });
  obs.observe({ entryTypes: ['mark', 'measure', 'function'] });
  fakeNow = 50;
  perf.performance.mark('m1');
  perf.performance.measure('me1');
  const t = perf.performance.timerify(function work(a: number, b: number) { return a + b; });
  assert.equal(t(2, 3), 5);
  assert.equal(t.name, 'timerified work');
  assert.deepEqual(seen, []);
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(seen, ['measure:me1,mark:m1,function:work']);
  perf.performance.clearMarks();
  perf.performance.clearMeasures();
});
