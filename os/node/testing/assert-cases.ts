// assert calls run against ours and host Node's assert (or on the engine); each case returns a
// description of the thrown AssertionError or other error, without stack frames.

type AssertModule = any;

export function describeThrown(e: any, inspect: (v: unknown) => string): string {
  if (e === undefined) return 'no throw';
  if (!(e instanceof Error) && (typeof e !== 'object' || e === null)) return `threw ${inspect(e)}`;
  const parts = [`${e.name}`, `code=${e.code}`, `message=${JSON.stringify(e.message)}`];
  const noFrames = (v: unknown) => inspect(v).split('\n').filter((l) => !/^\s+at /.test(l)).join('\n');
  if (e.code === 'ERR_ASSERTION') parts.push(`generated=${e.generatedMessage}`, `operator=${e.operator}`, `actual=${noFrames(e.actual)}`, `expected=${noFrames(e.expected)}`);
  parts.push(`toString=${JSON.stringify(String(e))}`);
  return parts.join(' ');
}

class Custom extends Error { constructor(m: string) { super(m); this.name = 'Custom'; } }

export const assertSyncCases: Record<string, (a: AssertModule) => unknown> = {
  okTrue: (a) => a.ok(1), okFalseMsg: (a) => a.ok(0, 'zero'), okNoArgs: (a) => a.ok(), okErrorMsg: (a) => a.ok(false, new TypeError('own')),
  callable: (a) => a(null, 'called'), equal: (a) => a.equal(1, '1'), equalFail: (a) => a.equal(1, 2), equalNaN: (a) => a.equal(NaN, NaN),
  equalMissing: (a) => a.equal(1), notEqual: (a) => a.notEqual(1, '1'), notEqualOk: (a) => a.notEqual(1, 2),
  strictEqual: (a) => a.strictEqual(1, 2), strictEqualStr: (a) => a.strictEqual('a long string here', 'a long string there'),
  strictEqualShort: (a) => a.strictEqual('a', 'b'), strictEqualObj: (a) => a.strictEqual({ a: 1 }, { a: 1 }), strictEqualZero: (a) => a.strictEqual(0, -0),
  strictEqualMulti: (a) => a.strictEqual('line1\nline2\nline3', 'line1\nLINE2\nline3'), strictEqualMsg: (a) => a.strictEqual(1, 2, 'custom message'),
  notStrictEqual: (a) => a.notStrictEqual(1, 1), notStrictEqualObj: (a) => { const o = { a: 1 }; a.notStrictEqual(o, o); },
  notStrictEqualLong: (a) => a.notStrictEqual('abcdefgh', 'abcdefgh'),
  deepEqual: (a) => a.deepEqual({ a: 1 }, { a: '1' }), deepEqualFail: (a) => a.deepEqual({ a: 1, b: [1, 2] }, { a: 1, b: [1, 3] }),
  notDeepEqual: (a) => a.notDeepEqual({ a: 1 }, { a: 1 }), notDeepEqualDiff: (a) => a.notDeepEqual({ a: 1 }, { a: '1' }),
  deepStrictEqual: (a) => a.deepStrictEqual({ a: 1, b: { c: [1, 2, 3] } }, { a: 1, b: { c: [1, 2, 4] } }),
  deepStrictEqualLoose: (a) => a.deepStrictEqual({ a: 1 }, { a: '1' }), deepStrictEqualArr: (a) => a.deepStrictEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], [1, 2, 3, 4, 5, 6, 7, 8, 9, 11]),
  deepStrictEqualIdentical: (a) => a.deepStrictEqual([Symbol.for('x')], [Symbol.for('x')]), deepStrictEqualSym: (a) => a.deepStrictEqual({ a: Symbol('s') }, { a: Symbol('s') }),
  deepStrictEqualMap: (a) => a.deepStrictEqual(new Map([[1, { a: 1 }]]), new Map([[1, { a: 2 }]])), deepStrictEqualExtra: (a) => a.deepStrictEqual({ a: 1 }, { a: 1, b: 2 }),
  deepStrictEqualLong: (a) => a.deepStrictEqual(Array.from({ length: 60 }, (_, i) => ({ i })), Array.from({ length: 60 }, (_, i) => ({ i: i === 30 ? -1 : i }))),
  deepStrictEqualErr: (a) => a.deepStrictEqual(new Error('x'), new Error('y')), deepStrictEqualProto: (a) => a.deepStrictEqual(Object.create(null), {}),
  notDeepStrictEqual: (a) => a.notDeepStrictEqual({ a: [1] }, { a: [1] }), notDeepStrictEqualPrim: (a) => a.notDeepStrictEqual(1, 1),
  throwsOk: (a) => a.throws(() => { throw new TypeError('t'); }, TypeError), throwsMissing: (a) => a.throws(() => {}),
  throwsMissingMsg: (a) => a.throws(() => {}, 'should throw'), throwsMissingCls: (a) => a.throws(() => {}, TypeError, 'with class'),
  throwsWrongClass: (a) => a.throws(() => { throw new RangeError('r'); }, TypeError), throwsRegExp: (a) => a.throws(() => { throw new Error('abc'); }, /abc/),
  throwsRegExpFail: (a) => a.throws(() => { throw new Error('abc'); }, /xyz/), throwsObj: (a) => a.throws(() => { throw new Custom('m'); }, { name: 'Custom', message: 'm' }),
  throwsObjFail: (a) => a.throws(() => { throw new Custom('m'); }, { name: 'Custom', message: 'other' }), throwsObjRegExp: (a) => a.throws(() => { throw new Error('hello world'); }, { message: /world/ }),
  throwsValidateFn: (a) => a.throws(() => { throw new Error('x'); }, (e: Error) => e.message === 'x'), throwsValidateFnFail: (a) => a.throws(() => { throw new Error('x'); }, function check() { return 1; }),
  throwsEmptyObj: (a) => a.throws(() => { throw new Error('x'); }, {}), throwsPrimitive: (a) => a.throws(() => { throw 'str'; }, { message: 'x' }),
  throwsErrorInstance: (a) => a.throws(() => { throw new TypeError('a'); }, new TypeError('b')), throwsNotFn: (a) => a.throws('x'),
  throwsBadError: (a) => a.throws(() => { throw new Error('x'); }, 5), throwsAmbiguous: (a) => a.throws(() => { throw new Error('same'); }, 'same'),
  throwsStringTwice: (a) => a.throws(() => { throw new Error('x'); }, 'a', 'b'), throwsIdentityCls: (a) => a.throws(() => { throw new Custom('m'); }, Custom),
  throwsSameName: (a) => { class TypeError2 extends Error {} Object.defineProperty(TypeError2, 'name', { value: 'TypeError' }); a.throws(() => { throw new TypeError('t'); }, TypeError2); },
  throwsNonError: (a) => a.throws(() => { throw { a: 1 }; }, TypeError),
  doesNotThrow: (a) => a.doesNotThrow(() => { throw new Error('oops'); }), doesNotThrowMsg: (a) => a.doesNotThrow(() => { throw new Error('oops'); }, 'msg'),
  doesNotThrowOther: (a) => a.doesNotThrow(() => { throw new RangeError('r'); }, TypeError), doesNotThrowOk: (a) => a.doesNotThrow(() => 1),
  match: (a) => a.match('abc', /x/), matchOk: (a) => a.match('abc', /b/), matchNotStr: (a) => a.match(5, /5/), matchBadRe: (a) => a.match('a', 'a'),
  doesNotMatch: (a) => a.doesNotMatch('abc', /b/), fail: (a) => a.fail(), failMsg: (a) => a.fail('boom'), failErr: (a) => a.fail(new TypeError('te')),
  failOp: (a) => a.fail(1, 2, undefined, '>'), ifError: (a) => a.ifError(null), ifErrorErr: (a) => a.ifError(new Error('bad')), ifErrorStr: (a) => a.ifError('str'),
  ifErrorEmpty: (a) => a.ifError(new TypeError('')), strictMode: (a) => a.strict.equal(1, '1'), strictDeep: (a) => a.strict.deepEqual({ a: 1 }, { a: '1' }),
  strictCallMsg: (a) => a.strict(0, 'zero'), assertionError: (a) => { throw new a.AssertionError({ actual: 1, expected: 2, operator: 'strictEqual' }); },
  assertionErrorMsg: (a) => { throw new a.AssertionError({ message: 'm', actual: 'x'.repeat(600) }); }, assertionErrorBad: (a) => new a.AssertionError(5),
};

export const assertAsyncCases: Record<string, (a: AssertModule) => Promise<unknown>> = {
  rejectsOk: (a) => a.rejects(Promise.reject(new TypeError('t')), TypeError), rejectsMissing: (a) => a.rejects(Promise.resolve(1)),
  rejectsFn: (a) => a.rejects(async () => { throw new Error('x'); }, /y/), rejectsNotPromise: (a) => a.rejects(() => 1), rejectsBad: (a) => a.rejects(5),
  doesNotRejectOk: (a) => a.doesNotReject(Promise.resolve(1)), doesNotReject: (a) => a.doesNotReject(Promise.reject(new Error('no'))),
  doesNotRejectFn: (a) => a.doesNotReject(async () => { throw new Error('no'); }, 'msg'),
};

export async function runAssertCases(a: AssertModule, inspect: (v: unknown) => string): Promise<[string, string][]> {
  const out: [string, string][] = [];
  for (const [name, fn] of Object.entries(assertSyncCases)) {
    let thrown: unknown;
    try { fn(a); } catch (e) { thrown = e; }
    out.push([name, describeThrown(thrown, inspect)]);
  }
  for (const [name, fn] of Object.entries(assertAsyncCases)) {
    let thrown: unknown;
    try { await fn(a); } catch (e) { thrown = e; }
    out.push([name, describeThrown(thrown, inspect)]);
  }
  return out;
}
