import { test } from 'node:test';
import assert from 'node:assert/strict';
import { outcomeOf, scanConsole } from './records';

test('scanConsole finds the READY and EXIT records and keeps kernel messages', () => {
  const r = scanConsole('NEPHOS_READY\r\n\npanic: page fault at 0x0\nNEPHOS_EXIT panic 134\n');
  assert.equal(r.ready, true);
  assert.deepEqual(r.exit, { kind: 'panic', code: 134 });
  assert.deepEqual(r.messages, ['panic: page fault at 0x0']);
});

test('scanConsole ignores a last line still being written, unless the writer is gone', () => {
  assert.equal(scanConsole('NEPHOS_REA').ready, false);
  assert.equal(scanConsole('NEPHOS_READY').ready, false);
  assert.equal(scanConsole('NEPHOS_READY', true).ready, true);
  assert.equal(scanConsole('NEPHOS_EXIT exit 3').exit, undefined);
  assert.deepEqual(scanConsole('NEPHOS_EXIT exit 3', true).exit, { kind: 'exit', code: 3 });
  // Not records: other text on the line.
  const r = scanConsole('x NEPHOS_READY\nNEPHOS_EXIT exit three\n');
  assert.equal(r.ready, false);
  assert.equal(r.exit, undefined);
  assert.deepEqual(r.messages, ['x NEPHOS_READY', 'NEPHOS_EXIT exit three']);
});

test('outcomeOf: the record decides; without one, a power-off is exit 137 and anything else is crashed', () => {
  assert.deepEqual(outcomeOf({ kind: 'exit', code: 3 }, false), { status: 'exited', exitCode: 3, exitReason: 'exit' });
  assert.deepEqual(outcomeOf({ kind: 'exit', code: 143 }, true), { status: 'exited', exitCode: 143, exitReason: 'exit' });
  assert.deepEqual(outcomeOf({ kind: 'oom', code: 137 }, false), { status: 'exited', exitCode: 137, exitReason: 'oom' });
  assert.deepEqual(outcomeOf({ kind: 'panic', code: 134 }, false), { status: 'crashed', exitCode: 134, exitReason: 'panic' });
  // Detached: nobody saw QEMU's status.
  assert.deepEqual(outcomeOf(undefined, true), { status: 'exited', exitCode: 137, exitReason: 'killed' });
  assert.deepEqual(outcomeOf(undefined, false), { status: 'crashed', exitCode: null, exitReason: 'lost' });
  // Foreground: QEMU's status is known. QMP quit exits 0 (read as a reset unless we powered off).
  assert.deepEqual(outcomeOf(undefined, true, { status: 0, signal: null }), { status: 'exited', exitCode: 137, exitReason: 'killed' });
  assert.deepEqual(outcomeOf(undefined, false, { status: 0, signal: null }), { status: 'crashed', exitCode: 134, exitReason: 'panic' });
  assert.deepEqual(outcomeOf(undefined, false, { status: null, signal: 'SIGKILL' }), { status: 'crashed', exitCode: 137, exitReason: 'killed' });
  assert.deepEqual(outcomeOf(undefined, false, { status: 1, signal: null }), { status: 'crashed', exitCode: 125, exitReason: 'qemu-error' });
});
