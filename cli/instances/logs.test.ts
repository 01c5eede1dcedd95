import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeStdioRecord } from '../run/stdio';
import { LineSplitter, LogFollower, readLogLines, tailLines } from './logs';

const frame = (stream: 1 | 2, text: string | Uint8Array) => Buffer.from(encodeStdioRecord(stream, typeof text === 'string' ? Buffer.from(text) : text));

function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'nephos-logs-'));
}

test('lines are cut per stream at newlines, in the order they complete, across frames', () => {
  const s = new LineSplitter();
  s.push(1, Buffer.from('hel'));
  s.push(2, Buffer.from('err 1\nerr'));
  s.push(1, Buffer.from('lo\nworld\n'));
  s.push(2, Buffer.from(' 2'));
  s.end();
  assert.deepEqual(s.lines, [
    { stream: 2, text: 'err 1\n' },
    { stream: 1, text: 'hello\n' },
    { stream: 1, text: 'world\n' },
    { stream: 2, text: 'err 2' },
  ]);
});

test('a UTF-8 character split between two frames is kept whole', () => {
  const s = new LineSplitter();
  const bytes = Buffer.from('日本\n');
  s.push(1, bytes.subarray(0, 4));
  s.push(1, bytes.subarray(4));
  s.end();
  assert.deepEqual(s.lines, [{ stream: 1, text: '日本\n' }]);
});

test('readLogLines demultiplexes stdio.log and adds kernel messages without the records; tail counts both', () => {
  const dir = tmp();
  try {
    const stdio = join(dir, 'stdio.log');
    const cons = join(dir, 'console.log');
    writeFileSync(stdio, Buffer.concat([frame(1, 'one\ntwo\n'), frame(2, 'oops\n'), frame(1, 'three\n')]));
    writeFileSync(cons, 'NEPHOS_READY\nkernel: out of memory\nNEPHOS_EXIT oom 137\n');
    const lines = readLogLines(stdio, cons);
    assert.deepEqual(lines.map((l) => `${l.stream}:${l.text}`), ['1:one\n', '1:two\n', '2:oops\n', '1:three\n', '2:kernel: out of memory\n']);
    assert.deepEqual(tailLines(lines, 2).map((l) => l.text), ['three\n', 'kernel: out of memory\n']);
    assert.deepEqual(tailLines(lines, 0), []);
    assert.equal(tailLines(lines, undefined).length, 5);
    // From offsets: only what a later run wrote.
    const from = { stdio: frame(1, 'one\ntwo\n').length, console: 'NEPHOS_READY\n'.length };
    assert.deepEqual(readLogLines(stdio, cons, from).map((l) => l.text), ['oops\n', 'three\n', 'kernel: out of memory\n']);
    // Missing files are empty logs.
    assert.deepEqual(readLogLines(join(dir, 'none'), join(dir, 'none2')), []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('LogFollower passes on only what was appended since, including half-written frames once complete', () => {
  const dir = tmp();
  try {
    const stdio = join(dir, 'stdio.log');
    const cons = join(dir, 'console.log');
    writeFileSync(stdio, frame(1, 'old\n'));
    writeFileSync(cons, '');
    const got: string[] = [];
    const f = new LogFollower(stdio, cons, { stdio: frame(1, 'old\n').length, console: 0 }, (stream, text) => got.push(`${stream}:${text}`));
    f.poll();
    assert.deepEqual(got, []);
    const next = frame(1, 'new line\n');
    appendFileSync(stdio, next.subarray(0, 6));
    appendFileSync(cons, 'kernel mess');
    f.poll();
    assert.deepEqual(got, []);
    appendFileSync(stdio, Buffer.concat([next.subarray(6), frame(2, 'err\n')]));
    appendFileSync(cons, 'age\nNEPHOS_EXIT exit 0\n');
    f.poll();
    assert.deepEqual(got, ['1:new line\n', '2:err\n', '2:kernel message\n']);
    appendFileSync(cons, 'last words without newline');
    f.poll(true);
    assert.equal(got[got.length - 1], '2:last words without newline\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
