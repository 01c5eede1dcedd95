import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NephosError } from '../errors';
import { backoffMs, decide, formatRestartPolicy, MAX_BACKOFF_MS, parseRestartPolicy, RESET_AFTER_MS, type RunEnd } from './policy';

const crashed: RunEnd = { status: 'crashed', exitCode: null, stoppedByUser: false, upMs: 500 };
const clean: RunEnd = { status: 'exited', exitCode: 0, stoppedByUser: false, upMs: 500 };
const code3: RunEnd = { status: 'exited', exitCode: 3, stoppedByUser: false, upMs: 500 };

test('--restart values as docker writes them', () => {
  assert.deepEqual(parseRestartPolicy('no'), { kind: 'no' });
  assert.deepEqual(parseRestartPolicy('always'), { kind: 'always' });
  assert.deepEqual(parseRestartPolicy('on-failure'), { kind: 'on-failure' });
  assert.deepEqual(parseRestartPolicy('on-failure:5'), { kind: 'on-failure', maxRetries: 5 });
  assert.equal(formatRestartPolicy(parseRestartPolicy('on-failure:5')), 'on-failure:5');
  for (const bad of ['sometimes', 'on-failure:0', 'on-failure:x', 'on-failure:', 'ALWAYS', '']) {
    assert.throws(() => parseRestartPolicy(bad), (e: unknown) => e instanceof NephosError && /--restart/.test(e.message), bad);
  }
});

test('backoff doubles from 100 ms and is capped', () => {
  assert.deepEqual([1, 2, 3, 4, 5].map(backoffMs), [100, 200, 400, 800, 1600]);
  assert.equal(backoffMs(30), MAX_BACKOFF_MS);
  assert.equal(backoffMs(1000), MAX_BACKOFF_MS);
});

test('no never restarts; a run stopped on purpose is never restarted', () => {
  assert.equal(decide({ kind: 'no' }, crashed, 0).restart, false);
  assert.equal(decide({ kind: 'always' }, { ...crashed, stoppedByUser: true }, 0).restart, false);
  assert.equal(decide({ kind: 'on-failure' }, { ...code3, stoppedByUser: true }, 0).restart, false);
});

test('on-failure restarts crashes and non-zero exits, not exit 0, at most N in a row', () => {
  assert.deepEqual(decide({ kind: 'on-failure' }, crashed, 0), { restart: true, delayMs: 100, attempt: 1 });
  assert.deepEqual(decide({ kind: 'on-failure' }, code3, 2), { restart: true, delayMs: 400, attempt: 3 });
  assert.equal(decide({ kind: 'on-failure' }, clean, 0).restart, false);
  assert.equal(decide({ kind: 'on-failure', maxRetries: 2 }, code3, 1).restart, true);
  const gaveUp = decide({ kind: 'on-failure', maxRetries: 2 }, code3, 2);
  assert.equal(gaveUp.restart, false);
  assert.match((gaveUp as { why: string }).why, /gave up after 2 restarts/);
});

test('always restarts a clean exit too', () => {
  assert.deepEqual(decide({ kind: 'always' }, clean, 3), { restart: true, delayMs: 800, attempt: 4 });
});

test('a run that stayed up long enough resets the backoff and the on-failure count', () => {
  const long = { ...code3, upMs: RESET_AFTER_MS };
  assert.deepEqual(decide({ kind: 'always' }, long, 7), { restart: true, delayMs: 100, attempt: 1 });
  assert.equal(decide({ kind: 'on-failure', maxRetries: 2 }, long, 2).restart, true);
  // Unknown duration: no reset.
  assert.equal(decide({ kind: 'on-failure', maxRetries: 2 }, { ...code3, upMs: null }, 2).restart, false);
});
