import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeFailure, EXIT_NEPHOS_FAILURE, fail, NephosError } from './errors';
import { ToolError } from './toolchain/run';

test('a NephosError is one line: problem, fix; exit 125', () => {
  const { text, exitCode } = describeFailure(fail('x.img does not exist', 'check the path'), false);
  assert.equal(text, 'nephos: x.img does not exist: check the path\n');
  assert.equal(exitCode, EXIT_NEPHOS_FAILURE);
  assert.equal(describeFailure(new NephosError('a\n  b'), false).text, 'nephos: a b\n');
  assert.equal(describeFailure(new NephosError('m', undefined, '', 3), false).exitCode, 3);
});

test('a toolchain failure shows the tool output first, the nephos: line last', () => {
  const { text, exitCode } = describeFailure(new ToolError('gcc failed (exit 1) on boot.c', 'boot.c:3: error: x\nboot.c:4: error: y'), false);
  assert.equal(text, 'boot.c:3: error: x\nboot.c:4: error: y\nnephos: gcc failed (exit 1) on boot.c\n');
  assert.equal(exitCode, 125);
  const long = Array.from({ length: 100 }, (_, i) => `line ${i}`).join('\n');
  const lines = describeFailure(new ToolError('t', long), false).text.trimEnd().split('\n');
  assert.equal(lines.length, 32);
  assert.equal(lines[0], '... (70 lines above)');
  assert.equal(lines[30], 'line 99');
});

test('anything else is an internal error, with the stack only under NEPHOS_DEBUG', () => {
  const err = new TypeError('x is undefined');
  assert.equal(describeFailure(err, false).text,
    'nephos: internal error: x is undefined (rerun with NEPHOS_DEBUG=1 for details, and please report it)\n');
  assert.match(describeFailure(err, true).text, /\nTypeError: x is undefined\n {4}at /);
  assert.equal(describeFailure('thrown string', false).text.split('\n').length, 2);
});
