import { runScriptOnEngine } from './testing';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hostTools } from '../toolchain/engine';
import { rewriteUnicodeClassDashes } from './regexp';

const rw = (code: string) => rewriteUnicodeClassDashes(code).code;

test('rewrites \\- inside classes of /u literals only', () => {
  assert.equal(rw('x = /[\\w\\-.]+/u;'), 'x = /[\\w\\x2d.]+/u;');
  assert.equal(rw('x = /[a\\-z]/giu.test(s)'), 'x = /[a\\x2dz]/giu.test(s)');
  // Outside a class, or without the u flag: untouched.
  assert.equal(rw('x = /a\\-b/u;'), 'x = /a\\-b/u;');
  assert.equal(rw('x = /[\\-]/g;'), 'x = /[\\-]/g;');
  // An escaped backslash before "-" is not an escape of "-".
  assert.equal(rw('x = /[\\\\-a]/u;'), 'x = /[\\\\-a]/u;');
  // A "]" escaped inside a class does not close it.
  assert.equal(rw('x = /[\\]\\-]/u;'), 'x = /[\\]\\x2d]/u;');
  assert.equal(rewriteUnicodeClassDashes('a(/[\\-]/u, /[\\-]/u)').count, 2);
});

test('strings, templates, comments and divisions are not regexps', () => {
  const same = [
    'const s = "/[\\\\-]/u";',
    "const s = '/[\\\\-]/u';",
    'const t = `/[\\\\-]/u ${a / b} /[\\\\-]/u`;',
    'const t = `${`${"}"}`}/[\\\\-]/u`;',
    '// /[\\-]/u\n',
    '/* /[\\-]/u */',
    'const q = a / b / c; const u = x /[\\-]/u;', // division then "[" ... is one expression: x / [..] / u
    'const r = (a) / 2 /[\\-]/u;',
    'obj.return /[\\-]/u;',
    'i++ /[\\-]/u;',
    'const n = 1.5e3 /[\\-]/u;',
  ];
  for (const code of same) assert.equal(rw(code), code, code);
});

test('a regexp after keywords, operators and template substitutions is found', () => {
  assert.equal(rw('return /[\\-]/u.test(x)'), 'return /[\\x2d]/u.test(x)');
  assert.equal(rw('if (a) {} /[\\-]/u.test(x)'), 'if (a) {} /[\\x2d]/u.test(x)');
  assert.equal(rw('a = b ? /[\\-]/u : c'), 'a = b ? /[\\x2d]/u : c');
  assert.equal(rw('`${/[\\-]/u.source}`'), '`${/[\\x2d]/u.source}`');
  assert.equal(rw('f(`x`, /[\\-]/u)'), 'f(`x`, /[\\x2d]/u)');
  assert.equal(rw('typeof /[\\-]/u'), 'typeof /[\\x2d]/u');
  assert.equal(rw('x = /[/]\\-/u; y = /[\\-/]/u'), 'x = /[/]\\-/u; y = /[\\x2d/]/u');
});

test('the engine rejects the original and accepts the rewrite (the bug this works around)', async () => {
  const { qjs } = await hostTools();
  const code = 'var r = /^[\\w\\-]+$/u; console.log(r.test("a-b"), r.test("a b"));\n';
  const before = runScriptOnEngine(qjs, code);
  assert.notEqual(before.status, 0, 'QuickJS 2021-03-27 is expected to reject \\- in a /u class');
  assert.match(before.output, /SyntaxError/);
  const after = runScriptOnEngine(qjs, rw(code));
  assert.equal(after.status, 0, after.output);
  assert.equal(after.output, 'true false\n');
});
