// The engine's own test suite (from the qjsc@0.3.0 sources) against our patched build: the patches
// in kernel/engine/patches/ must not break the language. Plus checks of what each patch adds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const root = process.env.NEPHOS_ROOT ?? process.cwd();

function qjsPath(): string {
  const r = spawnSync(process.execPath, [join(root, 'scripts/qjs.mjs'), '--path'], { encoding: 'utf8', timeout: 600_000 });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trim();
}

test("QuickJS's own tests pass on the patched engine", () => {
  const qjs = qjsPath();
  const r0 = spawnSync(process.execPath, [join(root, 'scripts/qjs.mjs'), '--source'], { encoding: 'utf8' });
  const src = r0.stdout.trim();
  assert.ok(src, 'engine source directory');
  for (const [file, flags] of [['test_closure.js', []], ['test_language.js', []], ['test_loop.js', []], ['test_builtin.js', []],
    ['test_bignum.js', ['--bignum']], ['test_op_overloading.js', ['--bignum']]] as [string, string[]][]) {
    const r = spawnSync(qjs, [...flags, file], { cwd: join(src, 'tests'), encoding: 'utf8', timeout: 120_000 });
    assert.equal(r.status, 0, `${file}: ${r.stdout}${r.stderr}`);
  }
});

test('patches: Error cause, async context slot, closures in large scopes', () => {
  const qjs = qjsPath();
  const dir = mkdtempSync(join(tmpdir(), 'nephos-engine-'));
  const locals = Array.from({ length: 3000 }, (_, i) => `var v${i} = ${i};`).join('\n');
  const closures = Array.from({ length: 3000 }, (_, i) => `fs.push(() => v${i});`).join('\n');
  writeFileSync(join(dir, 't.js'), `
var e = new Error('m', { cause: 7 });
print(e.cause, Object.getOwnPropertyDescriptor(e, 'cause').enumerable, 'cause' in new Error('x'));
(function () {
  var fs = [];
${locals}
${closures}
  // Captured variables stay shared with the frame, then detached copies after it returns.
  v10 = 'changed';
  print(fs[10](), fs[2999]());
  globalThis.later = fs;
})();
print(later[10](), later[0]());
for (let i = 0; i < 3; i++) { later.push(() => i); }
print(later.slice(-3).map((f) => f()).join(','));
`);
  const r = spawnSync(qjs, [join(dir, 't.js')], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, '7 false false\nchanged 2999\nchanged 0\n0,1,2\n');
  void dirname;
});

test('patches: `\\-` in a unicode regexp class (0004), Promise.any message (0005)', () => {
  const qjs = qjsPath();
  const dir = mkdtempSync(join(tmpdir(), 'nephos-engine-'));
  writeFileSync(join(dir, 't.js'), `
print(/[a\\-z]/u.test('-'), /[a\\-z]/u.test('b'), new RegExp('^[\\\\w\\\\-.]+$', 'u').test('a-b.c'), new RegExp('[\\\\-]', 'u').source);
let bad = 'accepted'; try { new RegExp('\\\\-', 'u'); } catch (e) { bad = e.name; }
print(bad);
Promise.any([Promise.reject(1), Promise.reject(2)]).catch((e) => print(e.name, e.message, e.errors.join(','), e instanceof AggregateError));
`);
  const r = spawnSync(qjs, [join(dir, 't.js')], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  // Outside a class, \\- stays an error in unicode mode, as in V8.
  assert.equal(r.stdout, 'true false true [\\-]\nSyntaxError\nAggregateError All promises were rejected 1,2 true\n');
});

test('patch 0006: JSON.parse takes only RFC 8259 numbers and escapes', () => {
  const qjs = qjsPath();
  const dir = mkdtempSync(join(tmpdir(), 'nephos-engine-'));
  const inputs = ['1.', '1.e5', '0.', '-01', '"\\\\a"', '"\\\\x41"', '"\\\\u{41}"', '"\\\\u004"', '1.5e-3', '-0', '"\\\\u00e9\\\\n\\\\/"', '[0,1e5,-2.5E+2]', '{"a":"\\\\t"}'];
  writeFileSync(join(dir, 't.js'), `
for (const s of ${JSON.stringify(inputs)}) {
  let r;
  try { r = JSON.stringify(JSON.parse(s)); } catch (e) { r = e.name; }
  print(r);
}
`);
  const r = spawnSync(qjs, [join(dir, 't.js')], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const expected = inputs.map((s) => {
    try {
      return JSON.stringify(JSON.parse(s));
    } catch (e) {
      return (e as Error).name;
    }
  });
  assert.deepEqual(r.stdout.trim().split('\n'), expected);
});

test('patch 0007: frames of one-line functions carry their line', () => {
  const qjs = qjsPath();
  const dir = mkdtempSync(join(tmpdir(), 'nephos-engine-'));
  writeFileSync(join(dir, 't.js'), [
    'function here() { return new Error("where"); }',
    'const arrow = () => new Error("arrow");',
    'print(here().stack.split("\\n")[0].trim(), arrow().stack.split("\\n")[0].trim());',
  ].join('\n'));
  const r = spawnSync(qjs, [join(dir, 't.js')], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, `at here (${join(dir, 't.js')}:1) at arrow (${join(dir, 't.js')}:2)\n`);
});

test('patch 0008: class fields named get, set and async', () => {
  const qjs = qjsPath();
  const dir = mkdtempSync(join(tmpdir(), 'nephos-engine-'));
  writeFileSync(join(dir, 't.js'), [
    'class A { #m = new Map(); set = (k, v) => { this.#m.set(k, v); }; get = (k) => this.#m.get(k); async = 3; static set = 4; }',
    'const a = new A(); a.set("k", 1);',
    'class B { get; set\n x(v) { this.v = v; } get y() { return 6; } async z() { return 7; } }',
    'const b = new B();',
    'const { get = 8, set: s = 9 } = {};',
    'print(a.get("k"), a.async, A.set, "get" in b, b.y, typeof b.z, get, s);',
  ].join('\n'));
  const r = spawnSync(qjs, [join(dir, 't.js')], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, '1 3 4 true 6 function 8 9\n');
});
