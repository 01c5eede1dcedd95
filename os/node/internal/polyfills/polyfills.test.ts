// The polyfills on the engine itself: a script that installs them on the host build of QuickJS
// 2021-03-27 and checks what the engine lacks, with the expected values written out here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = process.env.NEPHOS_ROOT ?? process.cwd();

const script = `
import { installPolyfills } from '${join(root, 'os/node/internal/polyfills/index.ts')}';
declare const std: { out: { puts(s: string): void } };
const before = { hasOwn: typeof (Object as any).hasOwn, at: typeof ([] as any).at, capture: typeof (Error as any).captureStackTrace, structuredClone: typeof (globalThis as any).structuredClone };
installPolyfills(globalThis);
const lines: [string, unknown][] = [];
const check = (name: string, value: unknown) => lines.push([name, value]);
const O: any = Object, A: any = Array, P: any = Promise, S: any = Set, M: any = Map;
check('before', before);
check('groupBy', JSON.stringify(O.groupBy([1, 2, 3, 4], (x: number) => (x % 2 ? 'odd' : 'even'))));
check('Map.groupBy', JSON.stringify([...M.groupBy([1, 2, 3], (x: number) => x > 1)]));
const wr = P.withResolvers(); wr.resolve(7);
check('Set methods', JSON.stringify([[...new S([1, 2]).union(new S([2, 3]))], [...new S([1, 2]).intersection(new S([2, 3]))], [...new S([1, 2]).difference(new S([2]))],
  [...new S([1, 2]).symmetricDifference(new S([2, 3]))], new S([1]).isSubsetOf(new S([1, 2])), new S([1, 2]).isSupersetOf(new S([1])), new S([1]).isDisjointFrom(new S([2]))]));
check('change-by-copy', JSON.stringify([[3, 1, 2].toSorted(), [1, 2, 3].toReversed(), (A.from([1, 2, 3]) as any).toSpliced(0, 1, 9), [1, 2].with(1, 5), [...new Uint8Array([3, 1]).toSorted()]]));
check('at/findLast', JSON.stringify([[1, 2, 3].at(-1), 'xyz'.at(-2), [1, 2, 3].findLast((x: number) => x < 3), [1, 2, 3].findLastIndex((x: number) => x > 9), new Int16Array([5, 6]).findLast((x: number) => x > 5)]));
check('well-formed', JSON.stringify(['a\\ud800'.isWellFormed(), 'ab'.isWellFormed(), 'a\\ud800'.toWellFormed()]));
check('hasOwn', JSON.stringify([O.hasOwn({ a: 1 }, 'a'), O.hasOwn(Object.create({ a: 1 }), 'a')]));
check('cause', JSON.stringify([(new Error('x', { cause: 'c' }) as any).cause, Object.keys(new Error('x', { cause: 'c' })), (new AggregateError([], 'm', { cause: 1 }) as any).cause]));
class Sub extends Error {}
check('error subclass', JSON.stringify([new Sub('m') instanceof Sub, new Sub('m').message, typeof new Sub('m').stack, new TypeError('t') instanceof Error]));
check('structuredClone', JSON.stringify(((v: any) => [v.d instanceof Date, v.m.get('k'), v.r.source, v.s.has(1), v.u8[1], v.self === v])(structuredClone((() => { const o: any = { d: new Date(0), m: new Map([['k', 'v']]), r: /x/g, s: new Set([1]), u8: new Uint8Array([1, 2]) }; o.self = o; return o; })()))));
check('Symbol.dispose', JSON.stringify([typeof (Symbol as any).dispose, typeof (Symbol as any).asyncDispose, String((Symbol as any).dispose)]));
A.fromAsync([1, Promise.resolve(2)]).then((v: number[]) => {
  check('fromAsync', JSON.stringify(v));
  return wr.promise;
}).then((v: number) => {
  check('withResolvers', v);
  for (const [name, value] of lines) std.out.puts(name + ' ' + (typeof value === 'string' ? value : JSON.stringify(value)) + '\\n');
});
`;

const expected = [
  'before {"hasOwn":"undefined","at":"undefined","capture":"undefined","structuredClone":"undefined"}',
  'groupBy {"odd":[1,3],"even":[2,4]}',
  'Map.groupBy [[false,[1]],[true,[2,3]]]',
  'Set methods [[1,2,3],[2],[1],[1,3],true,true,true]',
  'change-by-copy [[1,2,3],[3,2,1],[9,2,3],[1,5],[1,3]]',
  'at/findLast [3,"y",2,-1,6]',
  'well-formed [false,true,"a\uFFFD"]',
  'hasOwn [true,false]',
  'cause ["c",[],1]',
  'error subclass [true,"m","string",true]',
  'structuredClone [true,"v","x",true,2,true]',
  'Symbol.dispose ["symbol","symbol","Symbol(nodejs.dispose)"]',
  'fromAsync [1,2]',
  'withResolvers 7',
];

test('the polyfills provide what QuickJS 2021-03-27 lacks, on the engine', { timeout: 600_000 }, async (t) => {
  const r = spawnSync(process.execPath, [join(root, 'scripts/qjs.mjs'), '--path'], { encoding: 'utf8', timeout: 600_000 });
  const qjs = r.stdout.trim().split('\n').pop();
  if (r.status !== 0 || !qjs || !existsSync(qjs)) { t.skip('host engine build unavailable'); return; }
  const dir = join(root, 'build/polyfills-test');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'entry.ts'), script);
  await build({ entryPoints: [join(dir, 'entry.ts')], outfile: join(dir, 'out.js'), bundle: true, format: 'iife', target: 'es2020', platform: 'browser', logLevel: 'error' });
  const run = spawnSync(qjs, ['--std', join(dir, 'out.js')], { encoding: 'utf8', timeout: 60_000 });
  assert.equal(run.stderr, '');
  assert.deepEqual(run.stdout.trim().split('\n'), expected);
});
