import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeVlq, originalPositionOfLine, shiftLines, type SourceMapV3 } from './sourcemap';

test('VLQ decoding', () => {
  assert.deepEqual(decodeVlq('AAAA'), [0, 0, 0, 0]);
  assert.deepEqual(decodeVlq('AACA'), [0, 0, 1, 0]);
  assert.deepEqual(decodeVlq('D'), [-1]);
  assert.deepEqual(decodeVlq('gB'), [16]);
  assert.deepEqual(decodeVlq('hB'), [-16]);
  assert.deepEqual(decodeVlq('2Hw+BuB'), [123, 1000, 23]);
  assert.throws(() => decodeVlq('g'), /truncated/);
  assert.throws(() => decodeVlq('A!'), /bad VLQ/);
});

test('original position of a generated line, relative fields carried across lines', () => {
  // line 1: col 0 -> a.js 1:1; line 2: nothing; line 3: col 4 -> b.js 10:3, col 9 -> b.js 10:8
  const map: SourceMapV3 = { version: 3, sources: ['a.js', 'b.js'], names: [], mappings: 'AAAA;;ICSE,KAAK' };
  assert.deepEqual(originalPositionOfLine(map, 1), { source: 'a.js', line: 1, column: 1 });
  assert.equal(originalPositionOfLine(map, 2), undefined);
  assert.deepEqual(originalPositionOfLine(map, 3), { source: 'b.js', line: 10, column: 3 });
  assert.equal(originalPositionOfLine(map, 4), undefined);
  const shifted = shiftLines(map, 2);
  assert.equal(originalPositionOfLine(shifted, 1), undefined);
  assert.deepEqual(originalPositionOfLine(shifted, 5), { source: 'b.js', line: 10, column: 3 });
});
