import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as nodeUtil from 'node:util';
import util, { inspect, format, formatWithOptions, promisify, callbackify, deprecate, inherits, types, isDeepStrictEqual,
  parseArgs, styleText, debuglog, resetDebugEnv, toUSVString, stripVTControlCharacters, getSystemErrorName, customPromisifyArgs } from './util';
import { configureRuntimeHooks, runtime } from './internal/runtime-hooks';
import { inspectCases, inspectOptionSets, knownInspectDifferences, formatCases } from './testing/inspect-cases';

function outcome(fn: () => unknown): unknown {
  try { return { ok: fn() }; } catch (e: any) { return { name: e?.name, code: e?.code, message: e?.message }; }
}

test('inspect matches host Node 20 on every case and option set', () => {
  const mine = inspectCases();
  const theirs = inspectCases();
  let compared = 0;
  for (let i = 0; i < mine.length; i++) {
    const [name, value] = mine[i];
    for (const opts of inspectOptionSets) {
      const key = `${name}+${Object.keys(opts)[0] ?? ''}`;
      if (knownInspectDifferences.has(name) || knownInspectDifferences.has(key)) continue;
      if (name === 'promise') continue; // host promises carry async_hooks symbols under the test runner
      assert.equal(inspect(value, opts), nodeUtil.inspect(theirs[i][1], opts), `${name} ${JSON.stringify(opts)}`);
      compared++;
    }
  }
  assert.ok(compared > 1000);
});

test('inspect: known difference for settled promises is what util.ts documents', () => {
  const p = Promise.resolve(1);
  assert.match(inspect(p), /^Promise \{\s+<pending>/);
  assert.match(nodeUtil.inspect(p), /^Promise \{\s+1\b/);
});

test('inspect: errors with extra properties and causes, stack lines aside', () => {
  const strip = (s: string) => s.split('\n').filter((l) => !/^\s+at /.test(l) && !/^\s+\.\.\. \d+ lines? matching/.test(l)).join('\n');
  const mk = () => {
    const e = new Error('bad thing') as Error & Record<string, unknown>;
    e.code = 'E_X';
    e.extra = { n: 1 };
    return e;
  };
  const te = () => new TypeError('typed');
  const named = () => { const e = new RangeError('r'); e.name = 'CustomName'; return e; };
  const caused = () => new Error('outer', { cause: new Error('inner') });
  const nostack = () => { const e = new Error('ns'); e.stack = undefined; return e; };
  for (const make of [mk, te, named, caused, nostack]) {
    assert.equal(strip(inspect(make())), strip(nodeUtil.inspect(make())));
    assert.equal(strip(inspect({ wrapped: make() })), strip(nodeUtil.inspect({ wrapped: make() })));
  }
});

test('inspect.custom, defaultOptions, colors and styles are Node\'s', () => {
  assert.equal(inspect.custom, nodeUtil.inspect.custom);
  assert.deepEqual(inspect.colors, nodeUtil.inspect.colors);
  assert.deepEqual(inspect.styles, nodeUtil.inspect.styles);
  assert.deepEqual({ ...inspect.defaultOptions }, { ...nodeUtil.inspect.defaultOptions });
  const saved = inspect.defaultOptions.depth;
  inspect.defaultOptions = { depth: 0 };
  try {
    assert.equal(inspect({ a: { b: 1 } }), '{ a: [Object] }');
  } finally {
    inspect.defaultOptions = { depth: saved };
  }
  assert.throws(() => { inspect.defaultOptions = null as any; }, { code: 'ERR_INVALID_ARG_TYPE' });
});

test('format and formatWithOptions match host Node', () => {
  for (const args of formatCases()) assert.equal(format(...args), nodeUtil.format(...args), JSON.stringify(String(args[0])));
  assert.equal(formatWithOptions({ colors: true }, '%o', { a: 1 }), nodeUtil.formatWithOptions({ colors: true }, '%o', { a: 1 }));
  assert.equal(formatWithOptions({ depth: 0 }, { a: { b: 1 } }), nodeUtil.formatWithOptions({ depth: 0 }, { a: { b: 1 } }));
});

test('promisify: resolve, reject, custom symbol, customPromisifyArgs, properties', async () => {
  function cbFn(this: unknown, a: number, cb: (e: unknown, v?: number) => void) { cb(null, a * 2); }
  (cbFn as any).extra = 'kept';
  const p = promisify(cbFn) as (a: number) => Promise<number>;
  assert.equal(await p(21), 42);
  assert.equal((p as any).extra, 'kept');
  assert.equal(p.name, nodeUtil.promisify(cbFn).name);
  assert.equal(promisify(p), p); // a promisified function is its own custom promisified form
  const failing = promisify((cb: (e: unknown) => void) => cb(new Error('nope'))) as () => Promise<void>;
  await assert.rejects(failing(), /nope/);
  const custom = () => Promise.resolve('custom');
  const withCustom = Object.assign(() => {}, { [promisify.custom]: custom });
  assert.equal(promisify(withCustom), custom);
  assert.equal(promisify.custom, nodeUtil.promisify.custom);
  const multi = Object.assign((cb: (e: unknown, a: number, b: number) => void) => cb(null, 1, 2), { [customPromisifyArgs]: ['x', 'y'] });
  assert.deepEqual(await (promisify(multi) as () => Promise<unknown>)(), { x: 1, y: 2 });
  for (const bad of [1, null, {}, 'f']) {
    assert.deepEqual(outcome(() => promisify(bad as any)), outcome(() => nodeUtil.promisify(bad as any)));
  }
  const badCustom = Object.assign(() => {}, { [promisify.custom]: 5 });
  assert.deepEqual(outcome(() => promisify(badCustom)), outcome(() => nodeUtil.promisify(badCustom)));
});

test('callbackify: values, falsy rejections, name/length, bad callback', async () => {
  async function foo(a: number) { return a + 1; }
  const cb = callbackify(foo) as any;
  const ncb = nodeUtil.callbackify(foo) as any;
  assert.equal(cb.name, ncb.name);
  assert.equal(cb.length, ncb.length);
  const got = await new Promise((resolve) => cb(1, (err: unknown, v: unknown) => resolve([err, v])));
  assert.deepEqual(got, [null, 2]);
  const falsy = callbackify(() => Promise.reject(null)) as any;
  const err: any = await new Promise((resolve) => falsy((e: unknown) => resolve(e)));
  const nerr: any = await new Promise((resolve) => (nodeUtil.callbackify(() => Promise.reject(null)) as any)((e: unknown) => resolve(e)));
  assert.deepEqual([err.code, err.message, err.reason], [nerr.code, nerr.message, nerr.reason]);
  assert.deepEqual(outcome(() => cb(1, 2)), outcome(() => ncb(1, 2)));
  assert.deepEqual(outcome(() => callbackify(3 as any)), outcome(() => nodeUtil.callbackify(3 as any)));
});

test('deprecate warns once per code through the runtime hook and keeps construct semantics', () => {
  const warnings: unknown[][] = [];
  const saved = runtime.emitWarning;
  configureRuntimeHooks({ emitWarning: (...args: unknown[]) => { warnings.push(args); } });
  try {
    const f = deprecate((x: number) => x * 2, 'f is old', 'DEP_T1');
    const g = deprecate((x: number) => x * 3, 'g is old', 'DEP_T1');
    const h = deprecate(function h(this: unknown) { return 1; }, 'h is old');
    assert.equal(f(2), 4);
    assert.equal(f(3), 6);
    assert.equal(g(1), 3);
    h(); h();
    assert.deepEqual(warnings, [['f is old', 'DeprecationWarning', 'DEP_T1'], ['h is old', 'DeprecationWarning']]);
    class Old { v = 7; }
    const D = deprecate(Old, 'Old is old', 'DEP_T2');
    const inst = new (D as any)();
    assert.ok(inst instanceof Old);
    assert.ok(inst instanceof D);
    assert.equal(inst.v, 7);
    assert.deepEqual(outcome(() => deprecate(() => {}, 'm', 5 as any)), outcome(() => nodeUtil.deprecate(() => {}, 'm', 5 as any)));
  } finally {
    configureRuntimeHooks({ emitWarning: saved });
  }
});

test('inherits and its errors', () => {
  function A() {}
  A.prototype.hi = () => 'hi';
  function B() {}
  inherits(B, A);
  assert.equal((B as any).super_, A);
  assert.equal(new (B as any)().hi(), 'hi');
  for (const [c, s] of [[undefined, A], [B, null], [B, {}], [null, A]] as [any, any][]) {
    assert.deepEqual(outcome(() => inherits(c, s)), outcome(() => nodeUtil.inherits(c, s)));
  }
});

test('types agree with host Node on a wide set of values', () => {
  const values: unknown[] = [
    new Date(), /x/, Promise.resolve(), new Map(), new Set(), new WeakMap(), new WeakSet(), new ArrayBuffer(1), new DataView(new ArrayBuffer(1)),
    new Uint8Array(1), new Uint8ClampedArray(1), new Int8Array(1), new Uint16Array(1), new Int16Array(1), new Uint32Array(1), new Int32Array(1),
    new Float32Array(1), new Float64Array(1), new BigInt64Array(1), new BigUint64Array(1), new Error('e'), new TypeError('t'),
    async () => {}, async function* ag() {}, function* g() {}, (function* g() {})(), () => {}, new Number(1), new String('s'), new Boolean(true),
    Object(1n), Object(Symbol('s')), 1, 's', null, undefined, {}, [], (function () { return arguments; })(), new Map().keys(), new Set().values(),
    Object.create(Map.prototype), Object.create(Date.prototype), RegExp.prototype, { [Symbol.toStringTag]: 'Promise' }, new SharedArrayBuffer(1),
  ];
  const names = Object.keys(nodeUtil.types).filter((k) => k !== 'isExternal' && k !== 'isProxy' && k !== 'isKeyObject' && k !== 'isCryptoKey');
  assert.deepEqual(Object.keys(types).sort(), Object.keys(nodeUtil.types).sort());
  let checked = 0;
  values.forEach((v, i) => {
    for (const name of names) {
      // A forged Symbol.toStringTag fools our tag-based isPromise (documented in types.ts).
      if (name === 'isPromise' && i === values.length - 2) continue;
      assert.equal((types as any)[name](v), (nodeUtil.types as any)[name](v), `${name} on value #${i}`);
      checked++;
    }
  });
  assert.ok(checked > 1500);
});

test('isDeepStrictEqual agrees with host Node', () => {
  const e1 = new Error('a'); (e1 as any).x = 1;
  const circA: any = { v: 1 }; circA.self = circA;
  const circB: any = { v: 1 }; circB.self = circB;
  const pairs: [unknown, unknown][] = [
    [1, 1], [0, -0], [NaN, NaN], ['1', 1], [{ a: 1 }, { a: 1 }], [{ a: 1 }, { a: '1' }], [[1, 2], [1, 2]], [[1, 2], [2, 1]],
    [new Map([[{ k: 1 }, 2]]), new Map([[{ k: 1 }, 2]])], [new Set([{ a: 1 }, 2]), new Set([2, { a: 1 }])], [new Set([1]), new Set(['1'])],
    [new Date(0), new Date(0)], [new Date(0), new Date(1)], [/a/g, /a/g], [/a/g, /a/i], [new Uint8Array([1]), new Uint8Array([1])],
    [new Uint8Array([1]), new Int8Array([1])], [Buffer.from('a'), new Uint8Array([97])], [new Error('a'), new Error('a')],
    [new Error('a'), new TypeError('a')], [e1, new Error('a')], [new Error('a', { cause: 1 }), new Error('a', { cause: 1 })],
    [new Error('a', { cause: 1 }), new Error('a', { cause: 2 })], [new Number(1), new Number(1)], [new String('a'), 'a'],
    [Object.create(null), {}], [{ [Symbol.for('s')]: 1 }, { [Symbol.for('s')]: 1 }], [{ [Symbol.for('s')]: 1 }, {}], [circA, circB],
    [[1, , 3], [1, undefined, 3]], [new ArrayBuffer(2), new ArrayBuffer(2)], [new Float64Array([-0]), new Float64Array([0])],
    [{ a: undefined }, {}], [new Map([[1, { a: 1 }]]), new Map([[1, { a: 1 }]])], [new Map([[1, 2]]), new Map([[1, 3]])],
  ];
  for (const [a, b] of pairs) assert.equal(isDeepStrictEqual(a, b), nodeUtil.isDeepStrictEqual(a, b), nodeUtil.inspect([a, b]));
});

test('parseArgs matches host Node, including errors', () => {
  const cases: any[] = [
    { args: ['-f', '--bar', 'b'], options: { foo: { type: 'boolean', short: 'f' }, bar: { type: 'string' } } },
    { args: ['--foo=1', 'pos'], options: { foo: { type: 'string' } }, allowPositionals: true },
    { args: ['--unknown'], options: {} }, { args: ['--unknown'], options: {}, allowPositionals: true }, { args: ['pos'], options: {} },
    { args: ['--foo'], options: { foo: { type: 'string' } } }, { args: ['-f'], options: { foo: { type: 'string', short: 'f' } } },
    { args: ['-abc'], options: { a: { type: 'boolean', short: 'a' }, b: { type: 'boolean', short: 'b' }, c: { type: 'string', short: 'c' } } },
    { args: ['-abVAL'], options: { a: { type: 'boolean', short: 'a' }, b: { type: 'string', short: 'b' } }, tokens: true },
    { args: ['--x', '1', '--x', '2'], options: { x: { type: 'string', multiple: true } } },
    { args: [], options: { x: { type: 'string', default: 'd' }, y: { type: 'boolean', default: true }, z: { type: 'string', multiple: true, default: ['a'] } } },
    { args: ['--a', '--', '--b'], options: { a: { type: 'boolean' } }, allowPositionals: true, tokens: true },
    { args: ['--a=x'], options: { a: { type: 'boolean' } } }, { args: ['--s', '-x'], options: { s: { type: 'string' } } },
    { args: ['-s', '-x'], options: { s: { type: 'string', short: 's' } } }, { args: ['--a', 'b'], strict: false, tokens: true },
    { args: [], options: { a: { type: 'nope' } } }, { args: [], options: { a: { type: 'string', short: 'ab' } } },
    { args: [], options: { a: { type: 'string', default: 1 } } }, { args: [], options: { a: { type: 'string', multiple: true, default: [1] } } },
    { args: ['--no-color'], options: { color: { type: 'boolean' } }, allowNegative: true },
    { args: ['--no-color'], options: { color: { type: 'string' } }, allowNegative: true }, { args: ['--no-color'], options: { color: { type: 'boolean' } } },
    { args: 'x' }, { args: [], strict: 1 }, { args: [], options: null }, { args: [], options: { a: 1 } }, { args: ['--__proto__'], strict: false },
  ];
  for (const c of cases) {
    assert.deepEqual(JSON.parse(JSON.stringify(outcome(() => parseArgs(c)))), JSON.parse(JSON.stringify(outcome(() => (nodeUtil as any).parseArgs(c)))), JSON.stringify(c));
  }
});

test('styleText: formats, arrays, stream validation and errors', () => {
  const stream = { write() {}, on() {}, isTTY: true, getColorDepth: () => 8 };
  const plain = { write() {}, on() {}, isTTY: false };
  const opts = [{ stream }, { stream: plain }, { validateStream: false }];
  for (const o of opts) {
    for (const f of ['red', 'bold', ['bold', 'red'], 'bgBlueBright']) {
      assert.equal(styleText(f as any, 'x', o), (nodeUtil as any).styleText(f, 'x', o), `${JSON.stringify(f)} ${JSON.stringify(o)}`);
    }
  }
  for (const bad of [['nope', 'x', opts[2]], ['red', 5, opts[2]], ['red', 'x', { stream: 5 }], ['red', 'x', { validateStream: 1 }]] as any[]) {
    assert.deepEqual(outcome(() => (styleText as any)(...bad)), outcome(() => (nodeUtil as any).styleText(...bad)));
  }
});

test('debuglog honours NODE_DEBUG patterns and writes Node\'s line format', () => {
  const lines: string[] = [];
  const saved = { env: runtime.env, stderr: runtime.stderr, pid: runtime.pid };
  configureRuntimeHooks({ env: () => ({ NODE_DEBUG: 'foo,ba*' }), stderr: () => ({ write: (s: string) => { lines.push(s); } }), pid: () => 42 });
  resetDebugEnv();
  try {
    const foo = debuglog('foo');
    const bar = debuglog('barista');
    const off = debuglog('other');
    foo('hello %s', 'world');
    bar({ a: 1 });
    off('hidden');
    assert.deepEqual(lines, ['FOO 42: hello world\n', 'BARISTA 42: { a: 1 }\n']);
    assert.equal(foo.enabled, true);
    assert.equal(off.enabled, false);
    assert.equal(util.debug, util.debuglog);
  } finally {
    configureRuntimeHooks(saved);
    resetDebugEnv();
  }
});

test('small helpers match host Node', () => {
  for (const s of ['abc', 'a\ud800b', '\udc00', '\ud83d\ude00', 'x\ud83d']) assert.equal(toUSVString(s), (nodeUtil as any).toUSVString(s));
  for (const s of ['\u001b[31mred\u001b[39m', 'plain', '\u001b]8;;http://x\u0007link\u001b]8;;\u0007']) assert.equal(stripVTControlCharacters(s), nodeUtil.stripVTControlCharacters(s));
  assert.deepEqual(outcome(() => stripVTControlCharacters(1 as any)), outcome(() => nodeUtil.stripVTControlCharacters(1 as any)));
  for (const n of [-2, -98, -4095, -99999]) assert.equal(getSystemErrorName(n), nodeUtil.getSystemErrorName(n));
  for (const bad of [2, 'x', 1.5]) assert.deepEqual(outcome(() => getSystemErrorName(bad as any)), outcome(() => nodeUtil.getSystemErrorName(bad as any)));
  const legacy = ['isArray', 'isBoolean', 'isNull', 'isNullOrUndefined', 'isNumber', 'isString', 'isSymbol', 'isUndefined', 'isRegExp', 'isObject', 'isDate', 'isError', 'isFunction', 'isPrimitive'];
  for (const name of legacy) {
    for (const v of [1, 'a', null, undefined, {}, [], /x/, new Date(), new Error(), () => {}, Symbol('s'), true]) {
      assert.equal((util as any)[name](v), (nodeUtil as any)[name](v), `${name}(${String(v)})`);
    }
  }
});
