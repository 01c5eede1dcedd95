// The differential harness (harness.ts) over every case in tests/compat/app/cases: each case's
// stdout and exit code in Nephos must equal host Node's, except cases marked `@differs` (which must
// still differ), and docs/compat-matrix.md must be what these results render to.
//
//   node scripts/test.mjs tests/compat/compat          the whole harness (a few minutes)
//   NEPHOS_COMPAT_FILTER=events/,buffer/ node scripts/test.mjs tests/compat/compat
//                                                       only matching cases (no matrix check)
// Results land in build/compat/results.json; `node scripts/compat-matrix.mjs` writes the matrix.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ACCEL, NEPHOS, ROOT, TEST_HOME } from '../helpers';
import { describeMismatch, listCases, runHarness } from './harness';
import { MATRIX_PATH, renderMatrix } from './matrix';

const filter = (process.env.NEPHOS_COMPAT_FILTER ?? '').split(',').filter(Boolean);

test('the case list: at least 300 cases, at least 10 per module, each with a title', () => {
  const cases = listCases();
  assert.ok(cases.length >= 300, `${cases.length} cases`);
  const perModule = new Map<string, number>();
  for (const c of cases) perModule.set(c.module, (perModule.get(c.module) ?? 0) + 1);
  for (const [m, n] of perModule) assert.ok(n >= 10, `${m} has ${n} cases`);
  for (const c of cases) assert.ok(c.title, `${c.name} has no title comment`);
});

test('differential harness: every case prints what host Node prints', { timeout: 25 * 60_000 }, async () => {
  const results = await runHarness({
    cli: NEPHOS,
    accel: ACCEL,
    image: join(TEST_HOME, 'compat.img'),
    concurrency: Number(process.env.NEPHOS_COMPAT_VMS ?? 2),
    batchSize: 40,
    env: { ...process.env, NEPHOS_HOME: TEST_HOME },
    filter,
  });
  const outDir = join(ROOT, 'build', 'compat');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, filter.length ? 'results-filtered.json' : 'results.json'), JSON.stringify({ hostVersion: process.version, results }, null, 1));
  const bad = results.filter((r) => r.status === 'fail' || r.status === 'fixed');
  const counts = ['pass', 'known', 'fail', 'fixed'].map((s) => `${s} ${results.filter((r) => r.status === s).length}`).join(', ');
  assert.equal(bad.length, 0, `${counts}\n\n${bad.map(describeMismatch).join('\n\n')}`);
  if (!filter.length) {
    const expected = renderMatrix(results, { hostVersion: process.version });
    const actual = readFileSync(join(ROOT, MATRIX_PATH), 'utf8');
    if (actual !== expected) {
      const a = actual.split('\n');
      const e = expected.split('\n');
      let i = 0;
      while (a[i] === e[i]) i++;
      assert.fail(`${MATRIX_PATH} is out of date (line ${i + 1}: ${JSON.stringify(a[i])}, the results say ${JSON.stringify(e[i])}): run node scripts/compat-matrix.mjs`);
    }
  }
});
