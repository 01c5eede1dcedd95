// node:util. inspect/format/formatWithOptions/stripVTControlCharacters come from
// node-inspect-extracted 3.0.2 (Node's own lib/internal/util/inspect.js with its require()s
// replaced), whose output matches Node 20's; the rest is written here after Node 20's lib/util.js
// and lib/internal/util.js.
//
// Differences from Node that cannot be closed in plain JavaScript (see util.test.ts for the cases
// compared with host Node):
// - a Promise always shows as `Promise { <pending> }` (its state is not observable synchronously);
// - Map/Set iterators show no entries and WeakMap/WeakSet show `<items unknown>` even with
//   showHidden (no preview API);
// - a Proxy is inspected through its traps (showProxy needs util's own Proxy wrapper);
// - errors made by the engine carry its stack format, repaired to V8's shape by the polyfills.
// Warnings, nextTick, env and stdio come from the runtime through internal/runtime-hooks.

import { codes, uvErrors } from '../core/errors';
import { runtime, type StdioSink } from './internal/runtime-hooks';
import { types } from './internal/types';
import { isDeepStrictEqual } from './internal/comparisons';
import { parseArgs } from './internal/parse-args';
import { TextDecoder, TextEncoder } from './internal/encoding';
import { AbortController, AbortSignal } from './internal/polyfills/abort';

interface InspectLib {
  inspect: InspectFunction;
  format(...args: unknown[]): string;
  formatWithOptions(options: object, ...args: unknown[]): string;
  stripVTControlCharacters(s: string): string;
  getStringWidth(s: string, removeControlChars?: boolean): number;
  inspectDefaultOptions: Record<string, unknown>;
}
export interface InspectOptions {
  showHidden?: boolean; depth?: number | null; colors?: boolean; customInspect?: boolean; showProxy?: boolean;
  maxArrayLength?: number | null; maxStringLength?: number | null; breakLength?: number; compact?: boolean | number;
  sorted?: boolean | ((a: string, b: string) => number); getters?: boolean | 'get' | 'set'; numericSeparator?: boolean;
}
export interface InspectFunction {
  (value: unknown, options?: InspectOptions): string;
  (value: unknown, showHidden?: boolean, depth?: number | null, colors?: boolean): string;
  custom: symbol;
  colors: Record<string, [number, number]>;
  styles: Record<string, string>;
  defaultOptions: InspectOptions;
}

// The inspect library is loaded on first use: it is a large module and most boots print only
// strings and numbers, which format() handles without it (same output).
let libCache: InspectLib | undefined;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const lib = (): InspectLib => (libCache ??= require('node-inspect-extracted'));

/** util.inspect: forwards to the library's inspect, with its own custom/colors/styles/defaultOptions. */
export const inspect = function inspect(this: unknown, ...args: unknown[]): string {
  return (lib().inspect as Function).apply(this, args);
} as InspectFunction;
Object.defineProperty(inspect, 'custom', { value: Symbol.for('nodejs.util.inspect.custom'), enumerable: true, configurable: true, writable: false });
for (const key of ['colors', 'styles'] as const) {
  Object.defineProperty(inspect, key, {
    get() { return lib().inspect[key]; },
    set(v: unknown) { (lib().inspect as unknown as Record<string, unknown>)[key] = v; },
    enumerable: true, configurable: true,
  });
}
Object.defineProperty(inspect, 'defaultOptions', {
  get() { return lib().inspectDefaultOptions; },
  set(options: unknown) {
    if (options === null || typeof options !== 'object') throw new codes.ERR_INVALID_ARG_TYPE('options', 'Object', options);
    Object.assign(lib().inspectDefaultOptions, options);
  },
  enumerable: true, configurable: true,
});

/** Arguments util.format renders without inspect: what console.log('listening on', 3000) passes. */
function plainArgs(args: unknown[]): boolean {
  const first = args[0];
  if (typeof first === 'string' && first.indexOf('%') >= 0) return false;
  for (let i = 0; i < args.length; i++) {
    const t = typeof args[i];
    if (t === 'string') continue;
    if (t === 'number' && !Object.is(args[i], -0)) continue;
    if (t === 'boolean') continue;
    return false;
  }
  return true;
}

function joinPlain(args: unknown[], from: number): string {
  let out = '';
  for (let i = from; i < args.length; i++) out += (i > from ? ' ' : '') + String(args[i]);
  return out;
}

export function format(...args: unknown[]): string {
  if (plainArgs(args)) return joinPlain(args, 0);
  return lib().format(...args);
}

export function formatWithOptions(options: InspectOptions, ...args: unknown[]): string {
  if (options !== null && typeof options === 'object' && plainArgs(args) && !(options as { colors?: boolean }).colors) return joinPlain(args, 0);
  return lib().formatWithOptions(options, ...args);
}

export function getStringWidth(s: string, removeControlChars?: boolean): number {
  return lib().getStringWidth(s, removeControlChars);
}

export function stripVTControlCharacters(str: string): string {
  if (typeof str !== 'string') throw new codes.ERR_INVALID_ARG_TYPE('str', 'string', str);
  return lib().stripVTControlCharacters(str);
}

function validateFunction(value: unknown, name: string): asserts value is Function {
  if (typeof value !== 'function') throw new codes.ERR_INVALID_ARG_TYPE(name, 'function', value);
}

// ---- promisify / callbackify ----
const kCustomPromisified = Symbol.for('nodejs.util.promisify.custom');
/** Set on a callback API to make promisify resolve with an object of these names (dns.lookup). */
export const customPromisifyArgs = Symbol('customPromisifyArgs');

function copyDescriptors(target: Function, source: Function, adjust?: (d: Record<string, PropertyDescriptor>) => void): void {
  const descriptors = Object.getOwnPropertyDescriptors(source) as Record<string, PropertyDescriptor>;
  adjust?.(descriptors);
  for (const key of Object.keys(descriptors)) Object.setPrototypeOf(descriptors[key], null);
  for (const key of Object.getOwnPropertySymbols(descriptors)) Object.setPrototypeOf((descriptors as any)[key], null);
  Object.defineProperties(target, descriptors);
}

export const promisify: ((original: Function) => Function) & { custom: symbol } = Object.assign(function promisify(original: Function): Function {
  validateFunction(original, 'original');
  const custom = (original as any)[kCustomPromisified];
  if (custom) {
    validateFunction(custom, 'util.promisify.custom');
    return Object.defineProperty(custom, kCustomPromisified, { value: custom, enumerable: false, writable: false, configurable: true });
  }
  const argumentNames: string[] | undefined = (original as any)[customPromisifyArgs];
  function fn(this: unknown, ...args: unknown[]): Promise<unknown> {
    return new Promise((resolve, reject) => {
      args.push((err: unknown, ...values: unknown[]) => {
        if (err) return reject(err);
        if (argumentNames !== undefined && values.length > 1) {
          const obj: Record<string, unknown> = {};
          for (let i = 0; i < argumentNames.length; i++) obj[argumentNames[i]] = values[i];
          resolve(obj);
        } else {
          resolve(values[0]);
        }
      });
      Reflect.apply(original, this, args);
    });
  }
  Object.setPrototypeOf(fn, Object.getPrototypeOf(original));
  Object.defineProperty(fn, kCustomPromisified, { value: fn, enumerable: false, writable: false, configurable: true });
  copyDescriptors(fn, original);
  return fn;
}, { custom: kCustomPromisified });

export function callbackify(original: Function): Function {
  validateFunction(original, 'original');
  function callbackified(this: unknown, ...args: unknown[]): void {
    const maybeCb = args.pop();
    if (typeof maybeCb !== 'function') {
      const e = new codes.ERR_INVALID_ARG_TYPE('last', 'function', maybeCb);
      e.message = e.message.replace('The "last" argument', 'The last argument');
      throw e;
    }
    const cb = maybeCb.bind(this);
    (Reflect.apply(original, this, args) as Promise<unknown>).then(
      (ret) => runtime.nextTick(cb, null, ret),
      (rej) => runtime.nextTick(() => {
        if (!rej) {
          const e = new codes.ERR_FALSY_VALUE_REJECTION();
          (e as any).reason = rej;
          rej = e;
        }
        cb(rej);
      }),
    );
  }
  copyDescriptors(callbackified, original, (d) => {
    if (typeof d.length?.value === 'number') d.length.value++;
    if (typeof d.name?.value === 'string') d.name.value += 'Callbackified';
  });
  return callbackified;
}

// ---- deprecate ----
const codesWarned = new Set<string>();

export function deprecate<T extends Function>(fn: T, msg?: string, code?: string): T {
  // Node validates only `code`; a non-function `fn` fails at setPrototypeOf below, as there.
  if (code !== undefined && typeof code !== 'string') throw new codes.ERR_INVALID_ARG_TYPE('code', 'string', code);
  if (runtime.deprecationFlags().noDeprecation) return fn;
  let warned = false;
  function deprecated(this: unknown, ...args: unknown[]): unknown {
    if (!warned) {
      warned = true;
      if (code !== undefined) {
        if (!codesWarned.has(code)) {
          runtime.emitWarning(msg ?? '', 'DeprecationWarning', code);
          codesWarned.add(code);
        }
      } else {
        runtime.emitWarning(msg ?? '', 'DeprecationWarning');
      }
    }
    if (new.target) return Reflect.construct(fn, args, new.target);
    return Reflect.apply(fn, this, args);
  }
  Object.setPrototypeOf(deprecated, fn);
  if (fn.prototype) deprecated.prototype = fn.prototype;
  return deprecated as unknown as T;
}

// ---- inherits, _extend ----
export function inherits(ctor: Function, superCtor: Function): void {
  if (ctor === undefined || ctor === null) throw new codes.ERR_INVALID_ARG_TYPE('ctor', 'function', ctor);
  if (superCtor === undefined || superCtor === null) throw new codes.ERR_INVALID_ARG_TYPE('superCtor', 'function', superCtor);
  if (superCtor.prototype === undefined) throw new codes.ERR_INVALID_ARG_TYPE('superCtor.prototype', 'Object', superCtor.prototype);
  Object.defineProperty(ctor, 'super_', { value: superCtor, writable: true, configurable: true });
  Object.setPrototypeOf(ctor.prototype, superCtor.prototype);
}

export function _extend(target: any, source: any): any {
  if (source === null || typeof source !== 'object') return target;
  const keys = Object.keys(source);
  let i = keys.length;
  while (i--) target[keys[i]] = source[keys[i]];
  return target;
}

// ---- strings ----
export function toUSVString(input: unknown): string {
  const s = `${input}`;
  let out = '';
  let last = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) { i++; continue; }
    }
    if (c >= 0xd800 && c <= 0xdfff) {
      out += s.slice(last, i) + '\ufffd';
      last = i + 1;
    }
  }
  return last === 0 ? s : out + s.slice(last);
}

// FORCE_COLOR / isTTY rules of Node's lib/internal/util/colors.js shouldColorize().
function shouldColorize(stream: StdioSink | undefined): boolean {
  const force = runtime.env().FORCE_COLOR;
  if (force !== undefined) return force === '' || force === '1' || force === '2' || force === '3' || force === 'true';
  return !!stream?.isTTY && (typeof stream.getColorDepth === 'function' ? stream.getColorDepth() > 2 : true);
}

function isStreamLike(s: any): boolean {
  return !!s && typeof s === 'object' && (!!s._readableState || !!s._writableState ||
    (typeof s.write === 'function' && typeof s.on === 'function') || (typeof s.pipe === 'function' && typeof s.on === 'function') ||
    typeof s.getWriter === 'function' || typeof s.getReader === 'function');
}

const escapeStyleCode = (code: number) => `\u001b[${code}m`;

/** The stream styleText checks by default: process.stdout, as in Node (looked up when called). */
function defaultStyleStream(): unknown {
  return (globalThis as { process?: { stdout?: unknown } }).process?.stdout ?? runtime.stdout();
}

export function styleText(fmt: string | string[], text: string, { validateStream = true, stream = defaultStyleStream() }: { validateStream?: boolean; stream?: any } = {}): string {
  if (typeof text !== 'string') throw new codes.ERR_INVALID_ARG_TYPE('text', 'string', text);
  if (typeof validateStream !== 'boolean') throw new codes.ERR_INVALID_ARG_TYPE('options.validateStream', 'boolean', validateStream);
  if (validateStream && !isStreamLike(stream)) throw new codes.ERR_INVALID_ARG_TYPE('stream', ['ReadableStream', 'WritableStream', 'Stream'], stream);
  const colors = inspect.colors;
  const validate = (key: unknown) => {
    if (colors[key as string] == null) {
      const allowed = Object.keys(colors).map((k) => `'${k}'`).join(', ');
      throw new codes.ERR_INVALID_ARG_VALUE('format', key, `must be one of: ${allowed}`);
    }
  };
  if (Array.isArray(fmt)) {
    let left = '';
    let right = '';
    for (const key of fmt) {
      validate(key);
      left += escapeStyleCode(colors[key][0]);
      right = `${escapeStyleCode(colors[key][1])}${right}`;
    }
    return `${left}${text}${right}`;
  }
  validate(fmt);
  if (validateStream && (!stream || !shouldColorize(stream))) return text;
  return `${escapeStyleCode(colors[fmt][0])}${text}${escapeStyleCode(colors[fmt][1])}`;
}

// ---- debuglog ----
let debugEnvRegExp: RegExp | null | undefined;
const debugImpls: Record<string, (...args: unknown[]) => void> = {};

function debugEnabled(set: string): boolean {
  if (debugEnvRegExp === undefined) {
    const env = runtime.env().NODE_DEBUG;
    if (env) {
      const pattern = env.replace(/[|\\{}()[\]^$+?.]/g, '\\$&').replace(/\*/g, '.*').replace(/,/g, '$|^');
      debugEnvRegExp = new RegExp(`^${pattern}$`, 'i');
    } else {
      debugEnvRegExp = null;
    }
  }
  return !!debugEnvRegExp && debugEnvRegExp.test(set);
}

/** Forgets the parsed NODE_DEBUG (tests and a runtime that sets env late). */
export function resetDebugEnv(): void {
  debugEnvRegExp = undefined;
  for (const k of Object.keys(debugImpls)) delete debugImpls[k];
}

export function debuglog(section: string, cb?: (fn: (...args: unknown[]) => void) => void): ((...args: unknown[]) => void) & { enabled: boolean } {
  const set = `${section}`.toUpperCase();
  const impl = () => {
    let fn = debugImpls[set];
    if (fn === undefined) {
      if (debugEnabled(set)) {
        if (set === 'HTTP' || set === 'HTTP2') {
          runtime.emitWarning(`Setting the NODE_DEBUG environment variable to '${set.toLowerCase()}' can expose sensitive data (such as passwords, tokens and authentication headers) in the resulting log.`);
        }
        const pid = runtime.pid();
        fn = (...args: unknown[]) => {
          const stderr = runtime.stderr();
          const colors = shouldColorize(stderr);
          const msg = formatWithOptions({ colors }, ...args);
          stderr?.write(format('%s %s: %s\n', set, inspect(pid, { colors }), msg));
        };
      } else {
        fn = () => {};
      }
      debugImpls[set] = fn;
      if (typeof cb === 'function') cb(fn);
    }
    return fn;
  };
  let resolved: ((...args: unknown[]) => void) | undefined;
  const logger = ((...args: unknown[]) => { (resolved ??= impl())(...args); }) as ((...args: unknown[]) => void) & { enabled: boolean };
  Object.defineProperty(logger, 'enabled', { get: () => debugEnabled(set), configurable: true, enumerable: true });
  return logger;
}

// ---- system errors ----
export function getSystemErrorName(err: number): string {
  if (typeof err !== 'number') throw new codes.ERR_INVALID_ARG_TYPE('err', 'number', err);
  if (err >= 0 || !Number.isSafeInteger(err)) throw new codes.ERR_OUT_OF_RANGE('err', 'a negative integer', err);
  for (const [name, [errno]] of Object.entries(uvErrors)) if (errno === err) return name;
  return `Unknown system error ${err}`;
}

export function getSystemErrorMap(): Map<number, [string, string]> {
  const map = new Map<number, [string, string]>();
  for (const [name, [errno, description]] of Object.entries(uvErrors)) map.set(errno, [name, description]);
  return map;
}

// ---- aborted ----
export function aborted(signal: AbortSignal, resource: unknown): Promise<void> {
  if (!(signal instanceof AbortSignal) && !(signal && typeof signal === 'object' && 'aborted' in signal)) throw new codes.ERR_INVALID_ARG_TYPE('signal', 'AbortSignal', signal);
  if (resource === null || (typeof resource !== 'object' && typeof resource !== 'function')) throw new codes.ERR_INVALID_ARG_TYPE('resource', 'object', resource);
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}

// ---- legacy type predicates (deprecated in Node, still exported) ----
export const isArray = Array.isArray;
export const isBoolean = (v: unknown): v is boolean => typeof v === 'boolean';
export const isBuffer = (v: unknown): boolean => {
  const B = (globalThis as any).Buffer;
  return !!B && typeof B.isBuffer === 'function' && B.isBuffer(v);
};
export const isNull = (v: unknown): v is null => v === null;
export const isNullOrUndefined = (v: unknown): v is null | undefined => v === null || v === undefined;
export const isNumber = (v: unknown): v is number => typeof v === 'number';
export const isString = (v: unknown): v is string => typeof v === 'string';
export const isSymbol = (v: unknown): v is symbol => typeof v === 'symbol';
export const isUndefined = (v: unknown): v is undefined => v === undefined;
export const isRegExp = types.isRegExp;
export const isObject = (v: unknown): boolean => v !== null && typeof v === 'object';
export const isDate = types.isDate;
export const isError = (v: unknown): boolean => types.isNativeError(v) || v instanceof Error;
export const isFunction = (v: unknown): boolean => typeof v === 'function';
export const isPrimitive = (v: unknown): boolean => v === null || (typeof v !== 'object' && typeof v !== 'function');

const pad = (n: number) => n.toString().padStart(2, '0');
const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
export function log(...args: unknown[]): void {
  const d = new Date();
  const time = [pad(d.getHours()), pad(d.getMinutes()), pad(d.getSeconds())].join(':');
  runtime.stdout()?.write(`${d.getDate()} ${months[d.getMonth()]} ${time} - ${format(...args)}\n`);
}

export function transferableAbortSignal(signal: AbortSignal): AbortSignal {
  if (!(signal instanceof AbortSignal)) throw new codes.ERR_INVALID_ARG_TYPE('signal', 'AbortSignal', signal);
  return signal;
}
export function transferableAbortController(): AbortController { return new AbortController(); }

export { types, isDeepStrictEqual, parseArgs, TextDecoder, TextEncoder };

const util = {
  _extend, callbackify, debug: debuglog, debuglog, deprecate, format, styleText, formatWithOptions,
  getSystemErrorMap, getSystemErrorName, inherits, inspect, isArray, isBoolean, isBuffer, isDeepStrictEqual, isNull,
  isNullOrUndefined, isNumber, isString, isSymbol, isUndefined, isRegExp, isObject, isDate, isError, isFunction,
  isPrimitive, log, promisify, stripVTControlCharacters, toUSVString, transferableAbortSignal,
  transferableAbortController, aborted, types, parseArgs, TextDecoder, TextEncoder,
};
export default util;
