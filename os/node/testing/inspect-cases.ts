// Values for comparing util.inspect/format with host Node's, shared by util.test.ts and the
// engine-compat script. Each case is [name, value]; values are built fresh on every call.
// Errors are left out here (their stacks differ by engine); tests handle them separately.

export function inspectCases(): [string, unknown][] {
  class Foo { a = 1; b = 'x'; }
  class Bar extends Map<unknown, unknown> {}
  class WithStatic { static s = 1; }
  const circ: Record<string, unknown> = { name: 'c' };
  circ.self = circ;
  circ.arr = [circ];
  const getters = { get g() { return 1; }, set s(_v: unknown) {}, get gs() { return 2; }, set gs(_v: unknown) {} };
  const sym = Symbol('s');
  const withSym = { [sym]: 1, regular: 2 };
  const nullProto = Object.create(null);
  nullProto.x = 1;
  const fn = function named() {};
  (fn as unknown as Record<string, unknown>).prop = 1;
  // eslint-disable-next-line no-sparse-arrays
  const holes: unknown[] = [1, , 3];
  (holes as unknown as Record<string, unknown>).extra = 'e';
  const bigobj: Record<string, string> = {};
  for (let i = 0; i < 30; i++) bigobj['key' + i] = 'value' + i;
  const nonEnum = {};
  Object.defineProperty(nonEnum, 'hidden', { value: 1, enumerable: false });
  const custom = { [Symbol.for('nodejs.util.inspect.custom')]: () => 'CUSTOM!' };
  const customObj = { inner: { [Symbol.for('nodejs.util.inspect.custom')]: (depth: number, opts: { depth: number }) => ({ depth, optsDepth: opts.depth }) } };
  const tagged = { [Symbol.toStringTag]: 'Tagged', v: 1 };
  const sparse = new Array(5);
  sparse[2] = 'x';
  return [
    ['num', 1], ['float', 1.5], ['negzero', -0], ['nan', NaN], ['inf', -Infinity], ['bignum', 123456789012345680000],
    ['str', 'hello'], ['strq', "it's"], ['strqq', `a'b"c`], ['strbt', 'a\'b"c`d'], ['strnl', 'a\nb'], ['strctrl', '\x00\x1b[31m\x7f'],
    ['strunicode', 'héllo €𝄞'], ['big', 10n], ['bool', true], ['undef', undefined], ['null', null], ['sym', sym], ['symempty', Symbol()],
    ['obj', { a: 1, b: 'two', c: [1, 2, 3], d: { e: null } }], ['empty', {}], ['arr', [1, 'a', null, undefined]], ['emptyarr', []],
    ['nested', { a: { b: { c: { d: { e: 1 } } } } }], ['circ', circ], ['getters', getters], ['class', new Foo()],
    ['map', new Map<unknown, unknown>([[1, 'a'], ['b', { c: 2 }]])], ['set', new Set([1, 'two', [3]])], ['submap', new Bar([[1, 2]])],
    ['withSym', withSym], ['nullProto', nullProto], ['fn', fn], ['arrow', () => {}], ['anon', function () {}], ['classCtor', Foo],
    ['classStatic', WithStatic], ['asyncfn', async function af() {}], ['gen', function* g() {}], ['holes', holes], ['sparse', sparse],
    ['long', Array.from({ length: 120 }, (_, i) => i)], ['longstrs', Array.from({ length: 30 }, (_, i) => 'item' + i)],
    ['bigobj', bigobj], ['date', new Date(0)], ['baddate', new Date(NaN)], ['regexp', /ab+c/gi], ['regexpflags', /x/msuy],
    ['u8', new Uint8Array([1, 2, 3])], ['f64', new Float64Array([1.5, -0])], ['i32', new Int32Array(3)],
    ['ab', new ArrayBuffer(4)], ['dv', new DataView(new ArrayBuffer(2))], ['bigu64', new BigUint64Array([1n])],
    ['boxed', [new Number(3), new String('ab'), new Boolean(false), Object(Symbol('q')), Object(5n)]],
    ['weakmap', new WeakMap()], ['weakset', new WeakSet()], ['args', (function (..._a: unknown[]) { return arguments; })(1, 2)],
    ['longstr', 'x'.repeat(200)], ['multiline', 'line1\nline2\nline3\n'.repeat(5)],
    ['objkeys', { 'a-b': 1, valid_id: 2, '3d': 3, 'ünï': 4, '': 5 }],
    ['nestedArr', [[1, [2, [3, [4, [5]]]]]]], ['mixed', { arr: [{ a: 1 }, { b: 2 }], m: new Map([[{ k: 1 }, new Set([1])]]) }],
    ['nonEnum', nonEnum], ['custom', custom], ['customObj', customObj], ['tagged', tagged],
    ['objInArr', [{ a: 1, b: { c: { d: 1 } } }]], ['manyArr', Array.from({ length: 7 }, (_, i) => ({ i, s: 'x'.repeat(i) }))],
    ['numbers', [1, 22, 333, 4444, 55555, 666666, 7777777, 88888888, 999999999, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27]],
    ['proxy', new Proxy({ a: 1, b: [2] }, {})], ['proxyFn', new Proxy(function target() {}, {})],
    ['promise', Promise.resolve(1).then(() => 0)], ['resolvedPromise', Promise.resolve(1)],
  ];
}

export const inspectOptionSets: Record<string, unknown>[] = [
  {}, { depth: 0 }, { depth: 1 }, { compact: false }, { compact: 1 }, { breakLength: 40 }, { breakLength: Infinity },
  { sorted: true }, { showHidden: true }, { colors: true }, { depth: null, compact: 1 }, { maxArrayLength: 2 },
  { maxStringLength: 4 }, { numericSeparator: true }, { getters: true },
];

/** Cases whose inspect output differs by design on an engine without V8's internals (documented in util.ts). */
// fn/anon with showHidden: V8 gives sloppy functions own `arguments` and `caller`; QuickJS does not.
// proxyFn with showHidden: Node inspects a Proxy's target directly; we go through the proxy, so the
// target's prototype.constructor is not recognised as the same (circular) object.
export const knownInspectDifferences = new Set(['resolvedPromise', 'weakmap+showHidden', 'weakset+showHidden', 'fn+showHidden', 'anon+showHidden', 'proxyFn+showHidden']);

export function formatCases(): unknown[][] {
  return [
    ['%s', 'a'], ['%s', 1], ['%s', -0], ['%s', 10n], ['%s', Symbol('x')], ['%s', { a: 1 }], ['%s', [1, [2]]], ['%s', null],
    ['%d', '42'], ['%d', 1.5], ['%d', 10n], ['%d', {}], ['%i', 42.9], ['%i', '0x10'], ['%f', '1.25'], ['%j', { a: [1] }],
    ['%o', { a: 1 }], ['%O', { a: { b: { c: { d: 1 } } } }], ['%c', 'css'], ['%%', 1], ['%s %s', 'only'], ['a', 'b', 1, { c: 2 }],
    [1, 2, 3], [{ a: 1 }, 'x'], ['%s:%s', 'a', 'b', 'extra'], ['no format'], [], ['%x', 1], ['%s', 'multi\nline'],
    ['%s', new Error('in format').message], ['%d', -0], ['%s', Object.create(null)],
  ];
}
