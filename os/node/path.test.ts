import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as nodePath from 'node:path';
import path, { posix, win32 } from './path';

function outcome(fn: () => unknown): unknown {
  try { return { ok: fn() }; } catch (e: any) { return { name: e?.name, code: e?.code, message: e?.message }; }
}

const posixCases: [string, unknown[]][] = [
  ['resolve', ['/a/b', './c']], ['resolve', ['/a', '/b', 'c/..', 'd']], ['resolve', ['a', null]], ['resolve', ['/']],
  ['normalize', ['/a//b/../c/.']], ['normalize', ['']], ['normalize', ['a/../..']], ['normalize', ['./']], ['normalize', [{}]],
  ['isAbsolute', ['/a']], ['isAbsolute', ['a']], ['join', ['/a', 'b', '../c']], ['join', []], ['join', ['', '']], ['join', [1]],
  ['relative', ['/a/b/c', '/a/d']], ['relative', ['/a', '/a']], ['relative', [1, 'a']], ['relative', ['/a', 2]],
  ['dirname', ['/a/b/c']], ['dirname', ['a']], ['dirname', ['/']], ['dirname', ['//a']], ['basename', ['/a/b.js', '.js']],
  ['basename', ['/a/b.js', 'b.js']], ['basename', ['/a/b/']], ['basename', ['a', 1]], ['extname', ['a.b.c']], ['extname', ['.bashrc']],
  ['extname', ['a.']], ['extname', [1]], ['format', [{ dir: '/a', base: 'b.js' }]], ['format', [{ root: '/', name: 'x', ext: '.y' }]],
  ['format', [1]], ['parse', ['/home/u/file.txt']], ['parse', ['./a.b']], ['parse', ['/']], ['parse', [1]], ['toNamespacedPath', ['/a']],
  ['toNamespacedPath', [1]],
];

test('posix path functions return what host Node returns, errors included', () => {
  for (const [fn, args] of posixCases) {
    assert.deepEqual(outcome(() => (posix as any)[fn](...args)), outcome(() => (nodePath.posix as any)[fn](...args)), `${fn}(${JSON.stringify(args)})`);
  }
  assert.equal(path.sep, nodePath.sep);
  assert.equal(path.delimiter, nodePath.delimiter);
  assert.equal(path.posix, path);
  assert.equal((path.win32 as any).posix, path);
  for (const key of Object.keys((nodePath as any).default)) if (key !== 'matchesGlob') assert.ok(key in path, key);
});

const win32Cases: [string, unknown[]][] = [
  ['basename', ['C:\\foo\\bar.txt']], ['basename', ['C:\\foo\\bar.txt', '.txt']], ['basename', ['/a/b']], ['basename', ['\\\\srv\\share\\f.js']],
  ['dirname', ['C:\\foo\\bar.txt']], ['dirname', ['foo\\bar']], ['dirname', ['C:\\']], ['dirname', ['bar']],
  ['extname', ['C:\\a\\b.tar.gz']], ['join', ['C:\\a', 'b', '..\\c']], ['join', ['a', 'b']], ['join', ['a/b', 'c']],
  ['normalize', ['C:\\a\\..\\b\\.\\c']], ['normalize', ['a/b\\c']], ['normalize', ['C:\\']], ['normalize', ['\\\\srv\\share\\a\\..\\b']],
  ['isAbsolute', ['C:\\a']], ['isAbsolute', ['C:a']], ['isAbsolute', ['\\a']], ['isAbsolute', ['a']], ['isAbsolute', ['\\\\srv\\share']],
  ['parse', ['C:\\dir\\file.txt']], ['parse', ['file.txt']], ['format', [{ dir: 'C:\\dir', base: 'f.txt' }]], ['format', [{ root: 'C:\\', base: 'f' }]],
  ['relative', ['C:\\a\\b', 'C:\\a\\c\\d']], ['resolve', ['C:\\a', 'b']], ['resolve', ['C:\\a', 'D:\\b', 'c']],
];

test('win32 approximation agrees with Node on the cases apps meet', () => {
  assert.equal(win32.sep, '\\');
  assert.equal(win32.delimiter, ';');
  for (const [fn, args] of win32Cases) {
    assert.deepEqual(outcome(() => (win32 as any)[fn](...args)), outcome(() => (nodePath.win32 as any)[fn](...args)), `${fn}(${JSON.stringify(args)})`);
  }
});
