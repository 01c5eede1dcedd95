import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MEMORY_STEPS, parseOptions, UsageError } from './options';

test('the full preset is the issue: 20 boots, 20 s of wrk, 10 s idle, 8 GiB of density', () => {
  const o = parseOptions([], {}, 2);
  assert.equal(o.mode, 'full');
  assert.equal(o.runs, 20);
  assert.equal(o.duration, 20);
  assert.equal(o.idle, 10);
  assert.equal(o.densityBudgetMiB, 8192);
  assert.equal(o.densityMax, undefined);
  assert.equal(o.window, 4);
  assert.equal(o.readme, true);
  assert.deepEqual(o.memorySteps, MEMORY_STEPS);
  assert.equal(o.accels, undefined);
});

test('--quick, and npm run bench --quick (npm_config_quick), select the quick preset', () => {
  assert.equal(parseOptions(['--quick'], {}).duration, 5);
  const o = parseOptions([], { npm_config_quick: 'true' });
  assert.equal(o.mode, 'quick');
  assert.equal(o.runs, 5);
});

test('--smoke: TCG only, density of 3, 2 s of load, a short ladder, no README', () => {
  const o = parseOptions(['--smoke'], {});
  assert.equal(o.mode, 'smoke');
  assert.deepEqual(o.accels, ['tcg']);
  assert.equal(o.densityMax, 3);
  assert.equal(o.duration, 2);
  assert.equal(o.readme, false);
  assert.deepEqual(o.memorySteps, [16, 128, 320, 512]);
});

test('flags override the preset', () => {
  const o = parseOptions(['--quick', '--runs=7', '--density=5', '--tb-size=0', '--memory-steps=8,16,32', '--accel=kvm', '--systems=nephos', '--out=/tmp/x', '--no-readme', '--warmup=0', '--idle=2.5'], {});
  assert.equal(o.runs, 7);
  assert.equal(o.densityMax, 5);
  assert.equal(o.tbSizeMiB, undefined);
  assert.deepEqual(o.memorySteps, [8, 16, 32]);
  assert.deepEqual(o.accels, ['kvm']);
  assert.deepEqual(o.systems, ['nephos']);
  assert.equal(o.outDir, '/tmp/x');
  assert.equal(o.readme, false);
  assert.equal(o.warmup, 0);
  assert.equal(o.idle, 2.5);
});

test('bad flags are usage errors', () => {
  for (const bad of [['--runs=0'], ['--runs=2.5'], ['--frobnicate'], ['quick'], ['--accel=hvf'], ['--systems=windows'], ['--memory-steps=16,8'], ['--out=']]) {
    assert.throws(() => parseOptions(bad, {}), UsageError, bad.join(' '));
  }
});
