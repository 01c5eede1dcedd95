import { removeTree, runOnEngine, tempTree } from './testing';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hostTools } from '../toolchain/engine';
import { NephosError } from '../errors';
import { loadApp } from './app';
import { type Bundle, bundleApp, WRAPPER_HEAD } from './bundle';
import { originalPositionOfLine } from './sourcemap';

async function bundleOf(files: Record<string, string>, entry = '.'): Promise<{ bundle: Bundle; dir: string }> {
  const dir = tempTree(files);
  try {
    return { bundle: await bundleApp(loadApp(`${dir}/${entry}`)), dir };
  } catch (e) {
    removeTree(dir);
    throw e;
  }
}

/** Bundles `files`, runs the result on the host engine, returns the lines it printed. */
async function runApp(files: Record<string, string>, fakeModules = '{}', entry = '.'): Promise<string[]> {
  const { bundle, dir } = await bundleOf(files, entry);
  try {
    const { qjs } = await hostTools();
    const r = runOnEngine(qjs, bundle.code, fakeModules);
    assert.equal(r.status, 0, `engine failed:\n${r.stdout}${r.stderr}`);
    const lines = r.stdout.trimEnd().split('\n');
    assert.equal(lines[lines.length - 1], 'done', r.stdout);
    return lines.slice(0, -1);
  } finally {
    removeTree(dir);
  }
}

async function bundleError(files: Record<string, string>): Promise<NephosError> {
  const dir = tempTree(files);
  try {
    await bundleApp(loadApp(dir));
  } catch (e) {
    assert.ok(e instanceof NephosError, `expected a NephosError, got ${String(e)}`);
    return e;
  } finally {
    removeTree(dir);
  }
  assert.fail('bundling should have failed');
}

test('the bundle is one async function expression taking require', async () => {
  const { bundle, dir } = await bundleOf({ 'index.js': 'console.log("hi")\n' });
  removeTree(dir);
  assert.ok(bundle.code.startsWith(WRAPPER_HEAD));
  assert.ok(bundle.code.endsWith('\n})\n'));
  assert.doesNotMatch(bundle.code, /^\s*(import|export)\s/m);
});

test('CommonJS with per-file __dirname/__filename under /app, JSON via require', async () => {
  const out = await runApp({
    'package.json': '{"name":"cjs-app","main":"server.js"}',
    'server.js': 'const x = require("./lib/x");\nconst data = require("./data.json");\nconsole.log(__filename, __dirname);\nconsole.log(x.where(), data.greeting);\n',
    'lib/x.js': 'exports.where = () => __filename + " " + __dirname;\n',
    'data.json': '{"greeting":"hello"}',
  });
  assert.deepEqual(out, ['/app/server.js /app', '/app/lib/x.js /app/lib hello']);
});

test('ESM with top-level await and import.meta per file; a local __dirname binding is kept', async () => {
  const out = await runApp({
    'index.mjs': [
      'import { meta } from "./sub/m.mjs";',
      'const v = await new Promise((r) => r(42));',
      'console.log(v, import.meta.url, import.meta.filename, import.meta.dirname);',
      'console.log(meta.url, meta.dirname, JSON.stringify(meta.whole));',
    ].join('\n'),
    'sub/m.mjs': [
      'const __dirname = "mine";',
      'export const meta = { url: import.meta.url, dirname: __dirname, whole: import.meta };',
    ].join('\n'),
  });
  assert.deepEqual(out, [
    '42 file:///app/index.mjs /app/index.mjs /app',
    'file:///app/sub/m.mjs mine {"url":"file:///app/sub/m.mjs","filename":"/app/sub/m.mjs","dirname":"/app/sub"}',
  ]);
});

test('TypeScript: types, enums, JSON import, import of a .ts module', async () => {
  const out = await runApp({
    'index.ts': [
      'import data from "./data.json";',
      'import { twice, Color } from "./lib/util";',
      'interface P { n: number }',
      'const p: P = { n: 21 };',
      'console.log(twice(p.n), Color[Color.Green], data.items.length, __filename);',
    ].join('\n'),
    'lib/util.ts': 'export enum Color { Red, Green }\nexport function twice<T extends number>(x: T): number { return x * 2; }\n',
    'data.json': '{"items":[1,2,3]}',
  });
  assert.deepEqual(out, ['42 Green 3 /app/index.ts']);
});

test('built-ins go to the runtime require and win over same-named packages; other packages are bundled', async () => {
  const out = await runApp({
    'index.js': [
      'const events = require("events");',
      'const fsp = require("fs/promises");',
      'const posix = require("path/posix");',
      'import("node:test").catch(() => {});',
      'const pad = require("left-pad");',
      'const sd = require("string_decoder/");', // the trailing slash means the package, as in Node
      'console.log(events, fsp, posix, pad("x"), sd);',
    ].join('\n'),
    'esm.mjs': '',
    'node_modules/events/package.json': '{"name":"events","main":"index.js"}',
    'node_modules/events/index.js': 'module.exports = "EVENTS FROM NODE_MODULES";',
    'node_modules/left-pad/package.json': '{"name":"left-pad","main":"index.js"}',
    'node_modules/left-pad/index.js': 'module.exports = (s) => "  " + s + " @" + __filename;',
    'node_modules/string_decoder/package.json': '{"name":"string_decoder","main":"lib.js"}',
    'node_modules/string_decoder/lib.js': 'module.exports = "npm string_decoder";',
  }, '{ "node:events": "EV", "node:fs/promises": "FSP", "node:path/posix": "POSIX" }');
  assert.deepEqual(out.filter((l) => l.startsWith('require ')).sort(),
    ['require node:events', 'require node:fs/promises', 'require node:path/posix', 'require node:test']);
  assert.ok(out.includes('EV FSP POSIX   x @/app/node_modules/left-pad/index.js npm string_decoder'), out.join('\n'));
});

test('ESM imports of built-ins (default, named, namespace, node: prefix)', async () => {
  const out = await runApp({
    'index.mjs': [
      'import fs, { readFileSync } from "fs";',
      'import * as path from "node:path";',
      'console.log(fs.tag, readFileSync(), path.sep);',
    ].join('\n'),
  }, '{ "node:fs": { tag: "fs", readFileSync: function () { return "read"; } }, "node:path": { sep: "/" } }');
  assert.deepEqual(out, ['require node:fs', 'require node:path', 'fs read /']);
});

test('a dynamic require is left to the runtime require', async () => {
  const out = await runApp({
    'index.js': 'const name = ["dyn", "mod"].join("-");\nconsole.log(require(name));\ntry { require("./maybe-missing"); } catch (e) { console.log("caught"); }\n',
  }, '{ "dyn-mod": "dynamic!" }');
  // The unresolvable require inside try/catch is a runtime require too (as Node would attempt it).
  assert.deepEqual(out, ['require dyn-mod', 'dynamic!', 'require ./maybe-missing']);
});

test('engine workarounds: \\- in /u classes, private names in field initializer closures, static blocks, #x in obj', async () => {
  const out = await runApp({
    'index.js': [
      'const { ok } = require("uri-ish");',
      'class A {',
      '  #v = 5;',
      '  get = () => this.#v;',
      '  static s;',
      '  static { A.s = "static"; }',
      '  static has(o) { return #v in o; }',
      '}',
      'console.log(ok("a-b"), ok("a b"), new A().get(), A.s, A.has(new A()), A.has({}));',
    ].join('\n'),
    'node_modules/uri-ish/package.json': '{"name":"uri-ish","main":"i.js"}',
    'node_modules/uri-ish/i.js': 'exports.ok = (s) => /^[\\w\\-]+$/u.test(s);',
  });
  assert.deepEqual(out, ['true false 5 static true false']);
});

test('hashbang in the entry, sloppy CommonJS (implicit this), a single-file app', async () => {
  const out = await runApp({
    'tool.cjs': '#!/usr/bin/env node\nconsole.log(typeof this, __filename, __dirname);\n',
    'other.js': 'console.log("not packed, not run");',
  }, '{}', 'tool.cjs');
  assert.deepEqual(out, ['object /app/tool.cjs /app']);
});

test('require.main === module holds in the entry only, with Node\'s main-module fields', async () => {
  const out = await runApp({
    'server.js': '#!/usr/bin/env node\nconst lib = require("./lib");\nif (require.main === module) console.log("main", require.main.filename, module.id, lib.isMain);\n',
    'lib.js': 'exports.isMain = require.main === module;\n',
  }, '{}', 'server.js');
  assert.deepEqual(out, ['main /app/server.js . false']);
  // An ESM entry that mentions require.main in a string is unaffected.
  assert.deepEqual(await runApp({ 'index.mjs': 'console.log("require.main", import.meta.filename);\n' }), ['require.main /app/index.mjs']);
});

test('source map: sources are guest paths, bundle lines map to the original file and line (through the per-file transform)', async () => {
  const { bundle, dir } = await bundleOf({
    'index.ts': 'import "./lib/deep";\n\n\nconst marker: string = "MARK_INDEX" + __dirname;\nconsole.log(marker);\n',
    'lib/deep.js': '\n\nconsole.log("MARK_DEEP");\n',
  });
  removeTree(dir);
  assert.ok(bundle.map.sources.includes('/app/index.ts'), bundle.map.sources.join());
  assert.ok(bundle.map.sources.includes('/app/lib/deep.js'), bundle.map.sources.join());
  const lines = bundle.code.split('\n');
  const lineOf = (needle: string) => lines.findIndex((l) => l.includes(needle)) + 1;
  assert.deepEqual(originalPositionOfLine(bundle.map, lineOf('MARK_INDEX')), { source: '/app/index.ts', line: 4, column: 1 });
  assert.deepEqual(originalPositionOfLine(bundle.map, lineOf('MARK_DEEP')), { source: '/app/lib/deep.js', line: 3, column: 1 });
  assert.ok(bundle.inputs.some((p) => p.endsWith('/lib/deep.js')));
  assert.ok(bundle.inputs.every((p) => p.startsWith('/')));
});

test('a syntax error reports file:line:col, no stack', async () => {
  const e = await bundleError({ 'index.js': 'require("./lib/bad");\n', 'lib/bad.js': 'const a = 1;\nconst b = (;\n' });
  assert.match(e.message, /(^|\/)lib\/bad\.js:2:12: Unexpected ";": fix the error in that file$/);
  const ts = await bundleError({ 'index.ts': 'const x: number = __dirname as ;\n' });
  assert.match(ts.message, /(^|\/)index\.ts:1:32: Unexpected ";"/);
});

test('a missing module reports file:line:col and how to fix it', async () => {
  const e = await bundleError({ 'index.js': '\n  const x = require("left-pad/sub");\n' });
  assert.match(e.message, /(^|\/)index\.js:2:21: Could not resolve "left-pad\/sub": install it in the app \(npm install left-pad\) or fix the import$/);
  const rel = await bundleError({ 'index.mjs': 'import "./nope.js";\nimport "./also-nope.js";\n' });
  assert.match(rel.message, /index\.mjs:1:8: Could not resolve "\.\/nope\.js" \(and 1 more error\): fix the path of the import, or create the file$/);
  const scoped = await bundleError({ 'index.js': 'require("@scope/pkg/x")' });
  assert.match(scoped.message, /npm install @scope\/pkg\)/);
});
