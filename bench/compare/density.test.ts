import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lastWords, planDensity } from './density';

test('the guest-memory budget caps density when the host has room', () => {
  const p = planDensity({ budgetMiB: 8192, memoryMiB: 288, rssKiB: 470 * 1024, availableMiB: 23000, reserveMiB: 4096 });
  assert.deepEqual(p, { limits: { budget: 28, hostMemory: 40 }, planned: 28, cappedBy: 'guest-memory budget' });
});

test('host memory caps density when the QEMUs would not fit, and says so', () => {
  const p = planDensity({ budgetMiB: 8192, memoryMiB: 12, rssKiB: 54 * 1024, availableMiB: 20480, reserveMiB: 4096 });
  assert.equal(p.limits.budget, 682);
  assert.equal(p.limits.hostMemory, 303);
  assert.equal(p.planned, 303);
  assert.equal(p.cappedBy, 'host memory');
});

test('--density caps below both; a host under its reserve plans nothing', () => {
  assert.deepEqual(planDensity({ budgetMiB: 8192, memoryMiB: 16, rssKiB: 56 * 1024, availableMiB: 20000, reserveMiB: 4096, max: 3 }), {
    limits: { budget: 512, hostMemory: 284, flag: 3 },
    planned: 3,
    cappedBy: '--density',
  });
  const starved = planDensity({ budgetMiB: 8192, memoryMiB: 16, rssKiB: 56 * 1024, availableMiB: 3000, reserveMiB: 4096 });
  assert.equal(starved.planned, 0);
  assert.equal(starved.cappedBy, 'host memory');
});

test('lastWords picks the line that says why a VM ended', () => {
  assert.equal(lastWords('listening on port 8080\nnephos: out of memory: cannot allocate 56 bytes\nNEPHOS_EXIT oom 137\n'), 'NEPHOS_EXIT oom 137');
  assert.equal(lastWords('[ 1.0] Kernel panic - not syncing: Out of memory\n[ 1.1] ---[ end ]---\n'), '[ 1.0] Kernel panic - not syncing: Out of memory');
  assert.equal(lastWords('a\nb\n\n'), 'b');
  assert.equal(lastWords(''), '');
});
