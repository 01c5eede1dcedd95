// V8's stack-trace API on an engine that only has its own `stack` strings.
//
// Node programs (depd in Express and Koa, http-errors, source-map tools, test frameworks) call
// `Error.captureStackTrace(obj, fn)`, install `Error.prepareStackTrace(err, callSites)` and tune
// `Error.stackTraceLimit` (https://v8.dev/docs/stack-trace-api). QuickJS 2021-03-27 builds a
// `stack` string at construction time, one frame per line and without the "Name: message" header:
//
//     "    at fn (file:line)\n"      a function frame (the line is missing for some frames)
//     "    at <anonymous> (file)\n"  an anonymous function
//     "    at <eval> (file:line)\n"  a script's top level
//     "    at map (native)\n"        a built-in
//
// We parse those lines into CallSite objects and format them as V8 does:
// "Error: message\n    at fn (file:line)". The engine gives no columns, no receiver types and no
// function identities, so:
// - getFileName()/getLineNumber()/getColumnNumber() go through the runtime's frame mapper (source
//   maps) as the formatted stack does; the column is the source map's, else 1 when the line is
//   known (V8 never gives a JavaScript frame a null column, and depd prints file:line:column);
// - getTypeName(), getMethodName(), getThis(), getFunction() return null/undefined;
// - `captureStackTrace(obj, fn)` drops frames up to and including the topmost frame whose function
//   *name* is fn's name (V8 compares identities); when no frame matches it keeps every frame
//   (V8 would keep none), which loses less information.
//
// Invariant: this module creates frames only through the engine's own Error constructor captured at
// install time (`NativeError`). core-js's Error-cause polyfill replaces `globalThis.Error` with a
// wrapper whose constructor calls `Error.captureStackTrace`; calling the wrapper from here would
// recurse until the stack overflows.
//
// The `stack` property installed by captureStackTrace is a non-enumerable accessor that formats on
// first read (with the prepareStackTrace in force then) and turns into a plain data property, as V8
// formats lazily.

export interface CallSite {
  getThis(): unknown;
  getTypeName(): string | null;
  getFunction(): Function | undefined;
  getFunctionName(): string | null;
  getMethodName(): string | null;
  getFileName(): string | undefined;
  getLineNumber(): number | null;
  getColumnNumber(): number | null;
  getEvalOrigin(): string | undefined;
  getScriptNameOrSourceURL(): string | undefined;
  isToplevel(): boolean;
  isEval(): boolean;
  isNative(): boolean;
  isConstructor(): boolean;
  isAsync(): boolean;
  isPromiseAll(): boolean;
  getPromiseIndex(): number | null;
  toString(): string;
}

interface FrameInfo {
  functionName: string | null;
  fileName: string | undefined;
  line: number | null;
  native: boolean;
  toplevel: boolean;
  eval: boolean;
  constructor: boolean;
}

class CallSiteImpl implements CallSite {
  #f: FrameInfo;
  #where: { file: string | undefined; line: number | null; column: number | null } | undefined;
  constructor(f: FrameInfo) { this.#f = f; }
  /** The frame's position after the frame mapper (source maps), computed once. */
  #loc(): { file: string | undefined; line: number | null; column: number | null } {
    if (this.#where) return this.#where;
    const f = this.#f;
    let m: ReturnType<FrameMapper>;
    if (!f.native && f.fileName !== undefined && frameMapper) {
      try {
        m = frameMapper(f.fileName, f.line);
      } catch {
        m = undefined;
      }
    }
    const line = m ? m.line ?? null : f.line;
    this.#where = { file: m ? m.file : f.fileName, line, column: m?.column ?? (line === null ? null : 1) };
    return this.#where;
  }
  getThis(): unknown { return undefined; }
  getTypeName(): string | null { return null; }
  getFunction(): Function | undefined { return undefined; }
  getFunctionName(): string | null { return this.#f.functionName; }
  getMethodName(): string | null { return null; }
  getFileName(): string | undefined { return this.#loc().file; }
  getLineNumber(): number | null { return this.#loc().line; }
  getColumnNumber(): number | null { return this.#loc().column; }
  getEvalOrigin(): string | undefined { return this.#f.eval ? this.#f.fileName : undefined; }
  getScriptNameOrSourceURL(): string | undefined { return this.#loc().file; }
  getScriptHash(): string { return ''; }
  getEnclosingColumnNumber(): number | null { return null; }
  getEnclosingLineNumber(): number | null { return null; }
  getPosition(): number { return 0; }
  isToplevel(): boolean { return this.#f.toplevel; }
  isEval(): boolean { return this.#f.eval; }
  isNative(): boolean { return this.#f.native; }
  isConstructor(): boolean { return this.#f.constructor; }
  isAsync(): boolean { return false; }
  isPromiseAll(): boolean { return false; }
  getPromiseIndex(): number | null { return null; }
  toString(): string { return formatFrame(this.#f); }
}

/** Maps a bundle position to the original one (set by the runtime: source maps). */
export type FrameMapper = (file: string, line: number | null) => { file: string; line?: number; column?: number } | undefined;
let frameMapper: FrameMapper | undefined;

export function setFrameMapper(fn: FrameMapper | undefined): void {
  frameMapper = fn;
}

function location(f: FrameInfo): string {
  if (f.native) return 'native';
  if (f.fileName === undefined) return '<anonymous>';
  if (frameMapper) {
    let m: ReturnType<FrameMapper>;
    try {
      m = frameMapper(f.fileName, f.line);
    } catch {
      m = undefined;
    }
    if (m) return m.line === undefined ? m.file : m.column === undefined ? `${m.file}:${m.line}` : `${m.file}:${m.line}:${m.column}`;
  }
  return f.line === null ? f.fileName : `${f.fileName}:${f.line}`;
}

// V8's CallSite serialisation (src/objects/call-site-info.cc, SerializeJSStackFrame):
// "fn (loc)", "new Ctor (loc)", or just "loc" for an anonymous or top-level frame.
function formatFrame(f: FrameInfo): string {
  const loc = location(f);
  if (f.functionName === null) return f.toplevel || !f.native ? loc : `<anonymous> (${loc})`;
  return `${f.constructor ? 'new ' : ''}${f.functionName} (${loc})`;
}

const FRAME_RE = /^\s*at (.*?)(?: \((.*)\))?$/;

/** Parses one line of the engine's stack; null for lines that are not frames. */
export function parseEngineFrame(text: string): FrameInfo | null {
  const m = FRAME_RE.exec(text);
  if (!m) return null;
  let name: string | null = m[1];
  let where = m[2];
  if (where === undefined) { where = name; name = null; } // "at file:line" (already V8-shaped)
  const toplevel = name === '<eval>';
  const isEval = where === '<input>' || where.startsWith('<input>:');
  if (name === '<eval>' || name === '<anonymous>' || name === '') name = null;
  let constructor = false;
  if (name !== null && name.startsWith('new ')) { constructor = true; name = name.slice(4); }
  if (where === 'native') return { functionName: name, fileName: undefined, line: null, native: true, toplevel, eval: isEval, constructor };
  // "file:line" or "file:line:col" (a V8-shaped stack) or just "file"
  let fileName = where;
  let line: number | null = null;
  const lm = /^(.*?):(\d+)(?::\d+)?$/.exec(where);
  if (lm) { fileName = lm[1]; line = Number(lm[2]); }
  return { functionName: name, fileName, line, native: false, toplevel, eval: isEval, constructor };
}

export function parseEngineStack(stack: string): FrameInfo[] {
  const frames: FrameInfo[] = [];
  for (const line of stack.split('\n')) {
    const f = parseEngineFrame(line);
    if (f) frames.push(f);
  }
  return frames;
}

export function callSitesOf(frames: FrameInfo[]): CallSite[] {
  return frames.map((f) => new CallSiteImpl(f));
}

/** The first line of a V8 stack: Error.prototype.toString's rule applied to any object. */
export function stackHeader(obj: unknown): string {
  let name: unknown = 'Error';
  let message: unknown = '';
  try {
    const o = obj as { name?: unknown; message?: unknown };
    if (o !== null && (typeof o === 'object' || typeof o === 'function')) {
      if (o.name !== undefined) name = o.name;
      if (o.message !== undefined) message = o.message;
    }
    name = String(name);
    message = String(message);
  } catch {
    return 'Error';
  }
  if (name === '') return message as string;
  if (message === '') return name as string;
  return `${name}: ${message}`;
}

export interface StackTraceApi {
  captureStackTrace(obj: object, fn?: Function): void;
  /** Gives a freshly constructed error V8's lazily formatted `stack` (dropping `skip` frames). */
  adoptStack(err: object, skip: number): void;
  /** Gives an error whose `stack` came from the engine (no header line) V8's shape, in place. */
  repairStack(err: unknown): void;
  /** False when the engine already had the API (V8) and nothing was installed. */
  installed: boolean;
}

/**
 * Installs captureStackTrace / prepareStackTrace / stackTraceLimit on `ErrorCtor` (the engine's own
 * Error). Does nothing to an engine that already has the API (V8), except return helpers.
 */
export function installStackTraceApi(ErrorCtor: ErrorConstructor): StackTraceApi {
  const NativeError = ErrorCtor;
  const E = ErrorCtor as ErrorConstructor & { captureStackTrace?: Function; prepareStackTrace?: Function; stackTraceLimit?: number };
  const defineProperty = Object.defineProperty;

  const format = (obj: object, frames: FrameInfo[]): unknown => {
    const prepare = E.prepareStackTrace;
    if (typeof prepare === 'function') {
      // A throwing prepareStackTrace leaves the error without a stack, as in V8 the exception
      // propagates to the reader; we report it the same way.
      return prepare.call(E, obj, callSitesOf(frames));
    }
    let s = stackHeader(obj);
    for (const f of frames) s += `\n    at ${formatFrame(f)}`;
    return s;
  };

  const limitFrames = (frames: FrameInfo[]): FrameInfo[] | null => {
    const limit = E.stackTraceLimit;
    if (typeof limit !== 'number' || limit !== limit) return null; // V8: no stack collected
    return limit >= frames.length ? frames : frames.slice(0, Math.max(0, Math.floor(limit)));
  };

  const installLazyStack = (obj: object, frames: FrameInfo[]): void => {
    let done = false;
    let value: unknown;
    defineProperty(obj, 'stack', {
      configurable: true,
      enumerable: false,
      get() {
        if (!done) { done = true; value = format(obj, frames); }
        return value;
      },
      set(v: unknown) {
        done = true;
        value = v;
      },
    });
  };

  const captureStackTrace = function captureStackTrace(obj: object, fn?: Function): void {
    if (obj === null || (typeof obj !== 'object' && typeof obj !== 'function')) {
      throw new TypeError('Invalid argument');
    }
    const raw = new NativeError().stack;
    let frames = typeof raw === 'string' ? parseEngineStack(raw).slice(1) : []; // drop this function's frame
    if (typeof fn === 'function') {
      const name = fn.name;
      if (name) {
        for (let i = 0; i < frames.length; i++) {
          if (frames[i].functionName === name) { frames = frames.slice(i + 1); break; }
        }
      }
    }
    const limited = limitFrames(frames);
    if (limited === null) return;
    installLazyStack(obj, limited);
  };

  const adoptStack = (err: object, skip: number): void => {
    const raw = (err as { stack?: unknown }).stack;
    if (typeof raw !== 'string') return;
    let done = false;
    let value: unknown;
    // Parsing waits for the first read of `stack`: most errors are never printed.
    defineProperty(err, 'stack', {
      configurable: true,
      enumerable: false,
      get() {
        if (!done) {
          done = true;
          const frames = parseEngineStack(raw);
          // Reflect.construct's own (native) frame comes before the wrapper's.
          let first = 0;
          while (first < frames.length && frames[first].native) first++;
          const limited = limitFrames(frames.slice(first + skip));
          value = limited === null ? undefined : format(err, limited);
        }
        return value;
      },
      set(v: unknown) {
        done = true;
        value = v;
      },
    });
  };

  const repairStack = (err: unknown): void => {
    if (err === null || typeof err !== 'object') return;
    let stack: unknown;
    try { stack = (err as { stack?: unknown }).stack; } catch { return; }
    if (typeof stack !== 'string' || !/^\s+at /.test(stack)) return;
    const limited = limitFrames(parseEngineStack(stack));
    if (limited === null) return;
    try {
      const value = format(err, limited);
      defineProperty(err, 'stack', { value, writable: true, configurable: true, enumerable: false });
    } catch { /* frozen or a throwing prepareStackTrace: leave it */ }
  };

  if (typeof E.captureStackTrace !== 'function') {
    defineProperty(E, 'captureStackTrace', { value: captureStackTrace, writable: true, configurable: true, enumerable: false });
    // core-js's Error wrapper forwards stackTraceLimit and prepareStackTrace to this constructor
    // only when stackTraceLimit exists here before it loads.
    if (E.stackTraceLimit === undefined) E.stackTraceLimit = 10;
    return { captureStackTrace, adoptStack, repairStack, installed: true };
  }
  return { captureStackTrace: E.captureStackTrace as StackTraceApi['captureStackTrace'], adoptStack: () => {}, repairStack: () => {}, installed: false };
}

const ERROR_NAMES = ['Error', 'TypeError', 'RangeError', 'SyntaxError', 'ReferenceError', 'EvalError', 'URIError', 'AggregateError'];

/**
 * Replaces the global error constructors with thin wrappers that construct the engine's error and
 * give it V8's `stack` (header line, lazily formatted, Error.stackTraceLimit and
 * Error.prepareStackTrace honoured), as V8 does for every error. `instanceof`, subclassing
 * (`class E extends Error`), calling without `new`, `name`/`length` and the prototype chain between
 * constructors (TypeError's [[Prototype]] is Error) behave as before. Errors the engine makes
 * itself (a TypeError from `null.x`) keep the engine's stack; repairStack fixes those on print.
 */
export function wrapErrorConstructors(global: Record<string, unknown>, api: StackTraceApi): void {
  if (!api.installed) return;
  const NativeError = global.Error as ErrorConstructor & Record<string, unknown>;
  const wrapped = new Map<unknown, Function>();
  for (const name of ERROR_NAMES) {
    const Native = global[name] as (new (...a: unknown[]) => object) & Record<string, unknown>;
    if (typeof Native !== 'function') continue;
    const Wrapped = function (this: unknown, ...args: unknown[]) {
      const err = Reflect.construct(Native, args, new.target ?? Wrapped);
      api.adoptStack(err, 1); // the first frame is this wrapper
      return err;
    } as unknown as Function & Record<string, unknown>;
    Object.defineProperty(Wrapped, 'name', { value: name, configurable: true });
    Object.defineProperty(Wrapped, 'length', { value: Native.length, configurable: true });
    Object.defineProperty(Wrapped, 'prototype', { value: Native.prototype, writable: false, enumerable: false, configurable: false });
    Object.defineProperty(Native.prototype, 'constructor', { value: Wrapped, writable: true, enumerable: false, configurable: true });
    wrapped.set(Native, Wrapped);
    Object.defineProperty(global, name, { value: Wrapped, writable: true, enumerable: false, configurable: true });
  }
  for (const [Native, Wrapped] of wrapped) {
    const parent = Object.getPrototypeOf(Native);
    Object.setPrototypeOf(Wrapped, wrapped.get(parent) ?? parent);
  }
  // Error's statics live on the engine's Error (the API reads them there): forward them.
  const WrappedError = wrapped.get(NativeError) as Record<string, unknown> | undefined;
  if (WrappedError) {
    for (const key of ['captureStackTrace', 'stackTraceLimit', 'prepareStackTrace']) {
      Object.defineProperty(WrappedError, key, {
        get: () => NativeError[key],
        set: (v: unknown) => { NativeError[key] = v; },
        enumerable: key === 'stackTraceLimit',
        configurable: true,
      });
    }
  }
}
