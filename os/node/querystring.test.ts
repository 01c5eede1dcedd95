import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as nodeQs from 'node:querystring';
import querystring from './querystring';
import { querystringCases } from './testing/querystring-cases';

function outcome(fn: () => unknown): unknown {
  try { return { ok: fn() }; } catch (e: any) { return { name: e?.name, code: e?.code, message: e?.message }; }
}

test('querystring functions return what host Node returns', () => {
  for (const [fn, args] of querystringCases) {
    assert.deepEqual(outcome(() => (querystring as any)[fn](...args)), outcome(() => (nodeQs as any)[fn](...args)), `${fn}(${String(args[0])})`);
  }
  assert.deepEqual([...querystring.unescapeBuffer('a%41%zz+', true)], [...(nodeQs as any).unescapeBuffer('a%41%zz+', true)]);
  assert.equal(Object.getPrototypeOf(querystring.parse('a=1')), null);
});

test('overriding querystring.escape/unescape is honoured, as in Node', () => {
  const saved = querystring.escape;
  querystring.escape = (s: unknown) => `[${s}]`;
  try {
    assert.equal(querystring.stringify({ a: 'b' }), '[a]=[b]');
  } finally {
    querystring.escape = saved;
  }
});
