import { test } from 'node:test';
import nodeAssert from 'node:assert';
import nodeStrict from 'node:assert/strict';
import * as nodeUtil from 'node:util';
import assert from './assert';
import strict from './assert-strict';
import { inspect } from './util';
import { runAssertCases } from './testing/assert-cases';
import { configureRuntimeHooks } from './internal/runtime-hooks';

configureRuntimeHooks({ emitWarning: () => {} });
process.emitWarning = () => {};

test('every assert case throws what host Node\'s assert throws (name, code, message, operator, actual/expected)', async () => {
  const mine = await runAssertCases(assert, (v) => nodeUtil.inspect(v));
  const theirs = await runAssertCases(nodeAssert, (v) => nodeUtil.inspect(v));
  nodeStrict.deepEqual(mine, theirs);
  nodeStrict.ok(mine.length > 80);
});

test('assert.ok without a message: Node reads the call site source, we print what Node prints without it', () => {
  nodeStrict.throws(() => assert.strict(0), { message: '0 == true', generatedMessage: true, operator: '==' });
  nodeStrict.throws(() => assert(null), { message: 'null == true' });
});

test('assert/strict is the strict flavour, and inspecting an AssertionError matches Node', async () => {
  nodeStrict.equal(strict, assert.strict);
  nodeStrict.equal(strict.strict, strict);
  nodeStrict.equal(strict.equal, assert.strictEqual);
  const mk = (A: any) => { try { A.deepStrictEqual({ a: 'x'.repeat(20) }, { a: 1 }); } catch (e) { return e; } return null; };
  const strip = (s: string) => s.split('\n').filter((l) => !/^\s+at /.test(l)).join('\n');
  nodeStrict.equal(strip(inspect(mk(assert))), strip(nodeUtil.inspect(mk(nodeAssert))));
  nodeStrict.deepEqual(Object.keys(assert).sort(), Object.keys(nodeAssert).sort());
  const e = mk(assert) as Error;
  nodeStrict.match(String(e.stack), /^AssertionError \[ERR_ASSERTION\]: Expected values to be strictly deep-equal:/);
});
