// The engine-compat script: exercises every pure node:* module and the polyfilled built-ins and
// prints one line per check. engine-compat.test.ts bundles it twice, once with `node:*` resolved
// to os/node (run on the host build of the guest engine, polyfills first) and once against host
// Node's own modules, and compares the two outputs line by line. Print only what both can agree
// on: no stack frames, timings, or object identities.

import util from 'node:util';
import { Buffer } from 'node:buffer';
import * as bufferModule from 'node:buffer';
import events from 'node:events';
import path from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import stream from 'node:stream';
import * as consumers from 'node:stream/consumers';
import { inspectCases, inspectOptionSets, knownInspectDifferences, formatCases } from './inspect-cases';
import { bufferOps, runBufferOp } from './buffer-cases';
import { eventsScenarios, setEventsScheduler } from './events-cases';
import { streamScenarios, setStreamScheduler } from './stream-cases';
import { extraSections } from './engine-compat-extra';

declare const __print: (line: string) => void;
const out = (section: string, name: string, value: unknown) => {
  const text = typeof value === 'string' ? value : show(value);
  __print(`${section} ${name}: ${/[\n\r]/.test(text) ? JSON.stringify(text) : text}`);
};

/** A serialiser independent of util.inspect, so a broken inspect cannot hide other results. */
export function show(v: unknown, depth = 0): string {
  if (depth > 6) return '…';
  if (v === null) return 'null';
  if (v === undefined) return 'undefined';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number') return Object.is(v, -0) ? '-0' : String(v);
  if (typeof v === 'bigint') return `${v}n`;
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'symbol') return v.toString();
  if (typeof v === 'function') return `[function ${v.name}]`;
  if (v instanceof Uint8Array) return `${v.constructor.name}<${Array.from(v, (x) => x.toString(16).padStart(2, '0')).join('')}>`;
  if (v instanceof Error) return `${v.name}[${(v as any).code}](${v.message})`;
  if (Array.isArray(v)) return `[${v.map((x) => show(x, depth + 1)).join(',')}]`;
  if (v instanceof Map) return `Map{${[...v].map(([k, x]) => `${show(k, depth + 1)}=>${show(x, depth + 1)}`).join(',')}}`;
  if (v instanceof Set) return `Set{${[...v].map((x) => show(x, depth + 1)).join(',')}}`;
  if (v instanceof Date) return `Date(${v.getTime()})`;
  const keys = Object.keys(v as object);
  return `{${keys.map((k) => `${k}:${show((v as any)[k], depth + 1)}`).join(',')}}`;
}

export function attempt(fn: () => unknown): unknown {
  try { return fn(); } catch (e: any) { return `THROW ${e?.name} ${e?.code} ${e?.message}`; }
}

function sectionUtil(): void {
  const cases = inspectCases();
  for (const [name, value] of cases) {
    if (name === 'promise' || name === 'resolvedPromise') continue;
    inspectOptionSets.forEach((opts, i) => {
      const key = `${name}+${Object.keys(opts)[0] ?? ''}`;
      if (knownInspectDifferences.has(name) || knownInspectDifferences.has(key)) return;
      out('inspect', `${name}#${i}`, util.inspect(value, opts));
    });
  }
  formatCases().forEach((args, i) => out('format', String(i), util.format(...args)));
  const strip = (s: string) => s.split('\n').filter((l) => !/^\s+at /.test(l) && !/^\s+\.\.\. \d+ lines? matching/.test(l)).join('\n');
  const err = new Error('bad thing') as Error & Record<string, unknown>;
  err.code = 'E_X';
  out('inspect', 'error', strip(util.inspect(err)));
  out('inspect', 'error-in-object', strip(util.inspect({ e: new RangeError('r') })));
  out('inspect', 'error-cause', strip(util.inspect(new Error('outer', { cause: new Error('inner') }))));
  let engineError: unknown;
  try { (null as any).x; } catch (e) { engineError = e; }
  out('inspect', 'engine-error-first-line', util.inspect(engineError).split(':')[0]);
  out('inspect', 'engine-error-has-frames', /\n\s+at /.test(util.inspect(engineError)));
  const t = util.types;
  const typeValues: unknown[] = [new Date(), /x/, new Map(), new Set(), new WeakMap(), new ArrayBuffer(1), new DataView(new ArrayBuffer(1)),
    new Uint8Array(1), new Float64Array(1), new BigInt64Array(1), new Error('e'), async () => {}, function* g() {}, new Number(1), Object(1n),
    (function () { return arguments; })(), new Map().keys(), Promise.resolve(), Object.create(Map.prototype), 1, 'x', null];
  for (const name of Object.keys(t).sort()) {
    if (name === 'isProxy' || name === 'isExternal' || name === 'isKeyObject' || name === 'isCryptoKey') continue;
    out('types', name, typeValues.map((v) => ((t as any)[name](v) ? 1 : 0)).join(''));
  }
  out('util', 'isDeepStrictEqual', [[{ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] }], [[1], ['1']], [new Set([{ a: 1 }]), new Set([{ a: 1 }])], [NaN, NaN], [0, -0],
    [new Error('a', { cause: 1 }), new Error('a', { cause: 1 })], [Buffer.from('a'), Buffer.from('a')]].map(([a, b]) => util.isDeepStrictEqual(a, b)));
  out('util', 'parseArgs', attempt(() => util.parseArgs({ args: ['-abc', 'v', '--x=1', 'pos', '--', '-z'], options: { a: { type: 'boolean', short: 'a' }, b: { type: 'boolean', short: 'b' }, c: { type: 'string', short: 'c' }, x: { type: 'string' } }, allowPositionals: true })));
  out('util', 'parseArgs-error', attempt(() => util.parseArgs({ args: ['--nope'], options: {} })));
  out('util', 'toUSVString', util.toUSVString('a\ud800b'));
  out('util', 'stripVT', util.stripVTControlCharacters('\u001b[31mred\u001b[39m'));
  out('util', 'styleText', attempt(() => util.styleText(['bold', 'red'], 'x')));
  out('util', 'inherits', attempt(() => util.inherits(function A() {}, null as any)));
  out('util', 'promisify-error', attempt(() => util.promisify(5 as any)));
  out('util', 'getSystemErrorName', [util.getSystemErrorName(-2), util.getSystemErrorName(-98)]);
  out('util', 'TextDecoder', [new util.TextDecoder().decode(new Uint8Array([0xe2, 0x82, 0xac, 0xff])), new util.TextDecoder('utf-16le').decode(new Uint8Array([0x41, 0, 0x3d, 0xd8, 0x00, 0xde])),
    new util.TextDecoder('latin1').encoding, util.inspect(new util.TextDecoder()), util.inspect(new util.TextEncoder())]);
  out('util', 'TextDecoder-fatal', attempt(() => new util.TextDecoder('utf-8', { fatal: true }).decode(new Uint8Array([0xff]))));
  out('util', 'TextDecoder-bad', attempt(() => new util.TextDecoder('nope')));
  out('util', 'encodeInto', new util.TextEncoder().encodeInto('h€llo', new Uint8Array(4)));
}

function sectionBuffer(): void {
  const inspectFn = (v: unknown) => show(v);
  for (const [name, op] of Object.entries(bufferOps)) out('buffer', name, runBufferOp(op, Buffer, inspectFn));
  out('buffer', 'inspect-util', [util.inspect(Buffer.from('abc')), util.inspect(Buffer.alloc(60)), util.inspect(Object.assign(Buffer.from('a'), { x: 1 }))]);
  out('buffer', 'module', [bufferModule.kMaxLength, bufferModule.constants.MAX_STRING_LENGTH, bufferModule.INSPECT_MAX_BYTES]);
  out('buffer', 'atob', [bufferModule.atob('aGVsbG8='), bufferModule.btoa('hi'), attempt(() => bufferModule.atob('*'))]);
  out('buffer', 'transcode', attempt(() => bufferModule.transcode(Buffer.from('€a'), 'utf8', 'latin1')));
  out('buffer', 'isUtf8', [bufferModule.isUtf8(Buffer.from([0xc3, 0x28])), bufferModule.isAscii(Buffer.from('a'))]);
  out('buffer', 'blob', util.inspect(new bufferModule.Blob(['ab', new Uint8Array([1])], { type: 'Text/X' })));
}

function sectionPathAndDecoder(): void {
  const cases: [string, unknown[]][] = [['resolve', ['/a/b', './c']], ['normalize', ['/a//b/../c/.']], ['join', ['/a', 'b', '../c']], ['relative', ['/a/b/c', '/a/d']],
    ['dirname', ['/a/b/c']], ['basename', ['/a/b.js', '.js']], ['extname', ['a.b.c']], ['parse', ['/home/u/file.txt']], ['format', [{ dir: '/a', base: 'b' }]],
    ['join', [1]], ['isAbsolute', ['a']]];
  for (const [fn, args] of cases) out('path', `${fn}${JSON.stringify(args)}`, attempt(() => (path as any)[fn](...args)));
  out('path', 'win32', [path.win32.basename('C:\\foo\\bar.txt'), path.win32.join('C:\\a', 'b'), path.win32.sep]);
  const d = new StringDecoder('utf8');
  out('string_decoder', 'utf8', [d.write(Buffer.from([0xe2])), d.write(Buffer.from([0x82])), d.write(Buffer.from([0xac, 0x41])), d.end(Buffer.from([0xf0]))]);
  const b = new StringDecoder('base64');
  out('string_decoder', 'base64', [b.write(Buffer.from([1])), b.write(Buffer.from([2, 3, 4])), b.end()]);
}

function sectionBuiltins(): void {
  const arr = [1, 2, 3] as any;
  const str = 'a\ud800' as any;
  out('builtins', 'es2022+', [arr.at(-1), 'abc'.at(-1), Object.hasOwn({ a: 1 }, 'a'), ([3, 1, 2] as any).toSorted(), arr.toReversed(), arr.with(0, 9),
    arr.toSpliced(1, 1), arr.findLast((x: number) => x < 3), arr.findLastIndex((x: number) => x > 5), (new Uint8Array([1, 2]) as any).at(-1), str.isWellFormed(), str.toWellFormed()]);
  out('builtins', 'error-cause', [(new Error('a', { cause: 1 }) as any).cause, Object.getOwnPropertyNames(new Error('a', { cause: 2 })).sort(), 'cause' in new Error('x')]);
  out('builtins', 'structuredClone', [structuredClone({ a: [1, { b: new Date(5) }], m: new Map([[1, 2]]), s: new Set([3]) })]);
  out('builtins', 'structuredClone-error', attempt(() => { try { structuredClone(() => {}); } catch (e: any) { throw Object.assign(new Error('x'), { name: e.name, code: e.code }); } }));
  out('builtins', 'globals', ['global', 'DOMException', 'Event', 'EventTarget', 'CustomEvent', 'AbortController', 'AbortSignal', 'atob', 'btoa', 'TextEncoder',
    'TextDecoder', 'URL', 'URLSearchParams', 'structuredClone', 'queueMicrotask'].map((n) => typeof (globalThis as any)[n]));
  out('builtins', 'global===globalThis', (globalThis as any).global === globalThis);
}

function sectionStackApi(): void {
  const E = Error as any;
  out('stack', 'api', [typeof E.captureStackTrace, E.stackTraceLimit]);
  function namedThrower() { return new Error('boom'); }
  const e = namedThrower();
  out('stack', 'first-line', e.stack!.split('\n')[0]);
  out('stack', 'has-frame-of-function', /\n {4}at namedThrower /.test(e.stack!));
  const obj: any = { name: 'N', message: 'm' };
  E.captureStackTrace(obj);
  out('stack', 'capture-header', obj.stack.split('\n')[0]);
  out('stack', 'capture-enumerable', Object.keys(obj));
  const prev = E.prepareStackTrace;
  E.prepareStackTrace = (_err: unknown, sites: any[]) => sites;
  function siteOf() { const o: any = {}; E.captureStackTrace(o); return o.stack; }
  function outer() { return siteOf(); }
  const sites = outer();
  E.prepareStackTrace = prev;
  out('stack', 'callsite', [Array.isArray(sites), sites[0].getFunctionName(), sites[1].getFunctionName(), typeof sites[0].getFileName(), typeof sites[0].getLineNumber(),
    typeof sites[0].isNative(), typeof sites[0].isToplevel(), typeof sites[0].toString()]);
  function skipMe() { const o: any = {}; E.captureStackTrace(o, skipMe); return o.stack; }
  function caller() { return skipMe(); }
  out('stack', 'skip-fn', /^Error\n {4}at caller /.test(caller()));
  E.stackTraceLimit = 1;
  const limited = namedThrower().stack!.split('\n').length;
  E.stackTraceLimit = 10;
  out('stack', 'limit', limited);
  class MyError extends Error { constructor(m: string) { super(m); this.name = 'MyError'; } }
  const me = new MyError('mine');
  out('stack', 'subclass', [me instanceof MyError, me instanceof Error, me.stack!.split('\n')[0], String(me)]);
}

async function sectionWeb(): Promise<void> {
  const ac = new AbortController();
  const seen: string[] = [];
  ac.signal.addEventListener('abort', (ev) => seen.push(`${ev.type}:${ac.signal.reason.name}`));
  ac.signal.onabort = () => seen.push('onabort');
  ac.abort();
  out('web', 'abort', [seen, ac.signal.aborted, util.inspect(ac), util.inspect(ac.signal.reason).split('\n')[0]]);
  out('web', 'abort-static', [AbortSignal.abort('r').reason, attempt(() => AbortSignal.timeout(-1)), attempt(() => new (AbortSignal as any)())]);
  const t = AbortSignal.timeout(5);
  const keepAlive = setTimeout(() => {}, 5000); // the signal's timer is unref'd, as in Node
  await new Promise((resolve) => t.addEventListener('abort', resolve));
  clearTimeout(keepAlive);
  out('web', 'timeout', [t.aborted, (t.reason as any).name, (t.reason as any).message]);
  const any = (AbortSignal as any).any([new AbortController().signal, AbortSignal.abort('first')]);
  out('web', 'any', [any.aborted, any.reason]);
  const et = new EventTarget();
  const log: string[] = [];
  const h = (ev: Event) => log.push(`h:${ev.type}:${ev.eventPhase}`);
  et.addEventListener('x', h);
  et.addEventListener('x', h);
  et.addEventListener('x', { handleEvent: (ev: Event) => log.push(`obj:${(ev as CustomEvent).detail}`) }, { once: true });
  et.dispatchEvent(new CustomEvent('x', { detail: 7 }));
  et.dispatchEvent(new Event('x'));
  et.removeEventListener('x', h);
  et.dispatchEvent(new Event('x'));
  const cancelable = new Event('c', { cancelable: true });
  et.addEventListener('c', (ev) => ev.preventDefault());
  out('web', 'eventtarget', [log, et.dispatchEvent(cancelable), cancelable.defaultPrevented, attempt(() => et.dispatchEvent({} as any)), attempt(() => new (Event as any)())]);
  out('web', 'event-inspect', util.inspect(new Event('foo')).replace(/timeStamp: [\d.]+/, 'timeStamp: T'));
  const dom = new DOMException('msg', 'NotFoundError');
  out('web', 'domexception', [dom.name, dom.message, dom.code, dom instanceof Error, String(dom), Object.prototype.toString.call(dom), (DOMException as any).ABORT_ERR]);
  out('web', 'atob', [atob('aGVsbG8='), btoa('hello'), attempt(() => atob('a')), attempt(() => btoa('\u0100'))]);
  out('web', 'textencoder', [Array.from(new TextEncoder().encode('h€')), new TextDecoder().decode(new Uint8Array([0xf0, 0x9f, 0x98, 0x80]))]);
}

async function sectionAsync(): Promise<void> {
  const sched = (fn: () => void) => { setTimeout(fn, 1); };
  setEventsScheduler(sched);
  setStreamScheduler(sched);
  for (const [name, scenario] of Object.entries(eventsScenarios)) {
    const lines: string[] = [];
    await scenario(events, (...parts) => lines.push(parts.map((p) => (typeof p === 'string' ? p : show(p))).join(' ')));
    lines.forEach((l, i) => out('events', `${name}#${i}`, l));
  }
  for (const [name, scenario] of Object.entries(streamScenarios)) {
    const lines: string[] = [];
    await scenario(stream, consumers, (...parts) => lines.push(parts.map((p) => (typeof p === 'string' ? p : show(p))).join(' ')));
    lines.forEach((l, i) => out('stream', `${name}#${i}`, l));
  }
}

async function main(): Promise<void> {
  const sections: [string, () => unknown][] = [
    ['util', sectionUtil], ['buffer', sectionBuffer], ['path', sectionPathAndDecoder], ['builtins', sectionBuiltins],
    ['stack', sectionStackApi], ['web', sectionWeb], ['async', sectionAsync], ...extraSections(out, show, attempt),
  ];
  for (const [name, run] of sections) {
    try {
      await run();
    } catch (e: any) {
      out('section-failed', name, `${e?.name}: ${e?.message}`);
    }
  }
  __print('done');
}

main();
