import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RttEstimator } from './rtt';

const cfg = { initialRto: 1000, minRto: 200, maxRto: 60_000 };

test('RTO: 1 s before any sample; first sample sets SRTT=R, RTTVAR=R/2 (RFC 6298 2.2)', () => {
  const e = new RttEstimator(cfg);
  assert.equal(e.rto, 1000);
  e.sample(100);
  assert.equal(e.srtt, 100);
  assert.equal(e.rttvar, 50);
  assert.equal(e.rto, 300); // 100 + 4*50
});

test('RTO: later samples update RTTVAR with the old SRTT, then SRTT (RFC 6298 2.3)', () => {
  const e = new RttEstimator(cfg);
  e.sample(100);
  e.sample(200);
  // RTTVAR = 0.75*50 + 0.25*|100-200| = 62.5; SRTT = 0.875*100 + 0.125*200 = 112.5
  assert.equal(e.rttvar, 62.5);
  assert.equal(e.srtt, 112.5);
  assert.equal(e.rto, 112.5 + 250);
  // Stable samples shrink the variance towards zero and the RTO towards SRTT (but not below min).
  for (let i = 0; i < 200; i++) e.sample(112.5);
  assert.ok(e.rttvar < 1e-6);
  assert.equal(e.rto, 200);
});

test('RTO: clamped to the minimum for small RTTs and to 60 s for huge ones', () => {
  const e = new RttEstimator(cfg);
  e.sample(1);
  assert.equal(e.rto, 200);
  const f = new RttEstimator(cfg);
  f.sample(50_000);
  assert.equal(f.rto, 60_000);
  // RTO = SRTT + max(G, 4*RTTVAR): with zero variance G = 1 ms keeps RTO above SRTT.
  const g = new RttEstimator({ initialRto: 1000, minRto: 0, maxRto: 60_000 });
  for (let i = 0; i < 100; i++) g.sample(500);
  assert.ok(g.rto >= 501 && g.rto < 502);
});

test('RTO: backoff doubles up to the maximum; a new sample ends it (RFC 6298 5.5)', () => {
  const e = new RttEstimator(cfg);
  const seen = [e.rto];
  for (let i = 0; i < 8; i++) { e.backOff(); seen.push(e.rto); }
  assert.deepEqual(seen, [1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000]);
  e.sample(100);
  assert.equal(e.backoffs, 0);
  assert.equal(e.rto, 300);
});

test('RTO: 3 s after a SYN timeout when no sample exists (RFC 6298 5.7)', () => {
  const e = new RttEstimator(cfg);
  e.backOff();
  e.restartAfterSynTimeout();
  assert.equal(e.rto, 3000);
  const f = new RttEstimator(cfg);
  f.sample(100);
  f.restartAfterSynTimeout();
  assert.equal(f.rto, 300, 'a measured RTT wins');
});

test('RTO: a negative or NaN sample is ignored', () => {
  const e = new RttEstimator(cfg);
  e.sample(-5);
  e.sample(NaN);
  assert.equal(e.hasSample, false);
  assert.equal(e.rto, 1000);
});
