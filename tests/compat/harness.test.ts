// The harness's own logic without VMs: directives, the runner's range arguments, classification
// of outcomes, the matrix page, and the runner's case order matching the host's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { classify, listCases, parseDirectives, rangeArgs, type CaseInfo, type CaseResult } from './harness';
import { moduleOrder, renderMatrix } from './matrix';

test('directives come from the leading comment block only', () => {
  assert.deepEqual(parseDirectives('// what it checks\n// @differs: the engine lacks X\n// @timeout: 60000\n// @alone\nconsole.log(1);\n// @differs: not this one\n'),
    { title: 'what it checks', differs: 'the engine lacks X', alone: true, timeoutMs: 60000 });
  assert.deepEqual(parseDirectives("'use strict';\n// late comment\n"), { title: '', differs: undefined, alone: false, timeoutMs: undefined });
});

test('range arguments compress consecutive indices', () => {
  assert.deepEqual(rangeArgs([0, 1, 2, 5, 7, 8]), ['0-3', '5-6', '7-9']);
  assert.deepEqual(rangeArgs([]), []);
});

test('classification: pass, fail, known (marked and still different), fixed (marked but equal)', () => {
  const c = (differs?: string) => ({ differs } as CaseInfo);
  const same = { stdout: 'a\n', code: 0 };
  assert.equal(classify(c(), same, { ...same }), 'pass');
  assert.equal(classify(c(), same, { stdout: 'a\n', code: 1 }), 'fail');
  assert.equal(classify(c(), same, { stdout: 'b\n', code: 0 }), 'fail');
  assert.equal(classify(c(), same, { ...same, timedOut: true }), 'fail');
  assert.equal(classify(c(), same, { ...same, error: 'did not boot' }), 'fail');
  assert.equal(classify(c('reason'), same, { stdout: 'b\n', code: 0 }), 'known');
  assert.equal(classify(c('reason'), same, { ...same }), 'fixed');
});

test('cases are listed depth first in sorted order, skipping _helpers, as runner.js lists them', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nephos-cases-'));
  try {
    for (const f of ['b/x.js', 'a/z.js', 'a/y.js', '_lib/h.js', 'a/_h.js', 'a/n.txt']) {
      mkdirSync(join(dir, f, '..'), { recursive: true });
      writeFileSync(join(dir, f), `// case ${f}\n`);
    }
    assert.deepEqual(listCases(dir).map((c) => [c.index, c.name, c.module, c.title]),
      [[0, 'a/y.js', 'a', 'case a/y.js'], [1, 'a/z.js', 'a', 'case a/z.js'], [2, 'b/x.js', 'b', 'case b/x.js']]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the matrix counts per module and lists reasons and unexpected differences', () => {
  const r = (name: string, status: CaseResult['status'], differs?: string): CaseResult =>
    ({ name, module: name.split('/')[0], title: `checks ${name}`, status, differs, host: { stdout: '', code: 0 }, nephos: { stdout: '', code: 0 } });
  const page = renderMatrix([r('zzz/a.js', 'pass'), r('events/a.js', 'pass'), r('events/b.js', 'known', 'no X'), r('events/c.js', 'fail')], { hostVersion: 'v20.0.0' });
  assert.match(page, /\*\*2 of 4 cases pass\*\*; 1 are known differences; 1 FAIL\./);
  assert.match(page, /\| events \| 1 \| 3 \| 1 \(\+1 unexpected\) \|/);
  assert.match(page, /- `events\/b\.js` \(checks events\/b\.js\): no X/);
  assert.match(page, /## Unexpected differences\n\n- `events\/c\.js`/);
  assert.ok(page.indexOf('| events |') < page.indexOf('| zzz |'), 'issue modules first');
  assert.deepEqual(moduleOrder(['zlib', 'aaa', 'events']), ['events', 'zlib', 'aaa']);
});
