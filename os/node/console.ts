// node:console: Node 20's Console (lib/internal/console/constructor.js) over sinks that have
// `write(chunk: string)`: log/info/debug/dirxml to stdout; error/warn/trace to stderr; dir; table
// (Node's box drawing, internal/cli-table.ts); time/timeEnd/timeLog; count/countReset;
// group/groupCollapsed/groupEnd indentation; assert; clear. Output is byte-identical to Node's for
// the same calls (console.test.ts compares with host Node's Console over the same sinks).
//
// Time comes from the `clock` option (milliseconds, monotonic), defaulting to the runtime's
// performance.now() if there is one and Date.now() otherwise; warnings (unknown timer or counter
// labels) go to the runtime's emitWarning. Differences: Map/Set *iterators* given to table() are
// consumed (Node previews them without consuming), and trace() prints the engine's frames.

import { codes } from '../core/errors';
import { formatWithOptions, inspect, getStringWidth, type InspectOptions } from './util';
import { isMap, isSet, isMapIterator, isSetIterator, isTypedArray } from './internal/types';
import { runtime } from './internal/runtime-hooks';
import { renderTable } from './internal/cli-table';
import { invalidArgType, validateNumber, validateOneOf } from './internal/validators';

export interface ConsoleSink { write(chunk: string): unknown; isTTY?: boolean; getColorDepth?(): number }
export interface ConsoleOptions {
  stdout: ConsoleSink;
  stderr?: ConsoleSink;
  ignoreErrors?: boolean;
  colorMode?: boolean | 'auto';
  inspectOptions?: InspectOptions;
  groupIndentation?: number;
  /** Not in Node: the clock for time()/timeEnd()/timeLog(), in milliseconds. */
  clock?: () => number;
}

const kState = Symbol('kConsoleState');
interface State {
  stdout: ConsoleSink;
  stderr: ConsoleSink;
  ignoreErrors: boolean;
  colorMode: boolean | 'auto';
  inspectOptions: InspectOptions | undefined;
  groupIndent: string;
  groupIndentation: number;
  counts: Map<string, number>;
  timers: Map<string, number>;
  clock: () => number;
}

function defaultClock(): number {
  const perf = (globalThis as { performance?: { now(): number } }).performance;
  return perf && typeof perf.now === 'function' ? perf.now() : Date.now();
}

function formatTime(ms: number): string {
  let hours = 0;
  let minutes = 0;
  let seconds = 0;
  if (ms >= 1000) {
    if (ms >= 60000) {
      if (ms >= 3600000) { hours = Math.floor(ms / 3600000); ms = ms % 3600000; }
      minutes = Math.floor(ms / 60000);
      ms = ms % 60000;
    }
    seconds = ms / 1000;
  }
  const pad = (v: number | string) => `${v}`.padStart(2, '0');
  if (hours !== 0 || minutes !== 0) {
    const [s, frac] = seconds.toFixed(3).split('.');
    const res = hours !== 0 ? `${hours}:${pad(minutes)}` : minutes;
    return `${res}:${pad(s)}.${frac} (${hours !== 0 ? 'h:m' : ''}m:ss.mmm)`;
  }
  if (seconds !== 0) return `${seconds.toFixed(3)}s`;
  return `${Number(ms.toFixed(3))}ms`;
}

export interface Console {
  [kState]: State;
  log(...data: unknown[]): void; info(...data: unknown[]): void; debug(...data: unknown[]): void; dirxml(...data: unknown[]): void;
  warn(...data: unknown[]): void; error(...data: unknown[]): void; trace(...data: unknown[]): void;
  dir(obj: unknown, options?: InspectOptions): void; table(data: unknown, properties?: string[]): void;
  time(label?: string): void; timeEnd(label?: string): void; timeLog(label?: string, ...data: unknown[]): void;
  count(label?: string): void; countReset(label?: string): void;
  group(...data: unknown[]): void; groupCollapsed(...data: unknown[]): void; groupEnd(): void;
  assert(value: unknown, ...data: unknown[]): void; clear(): void;
  Console?: unknown;
}

interface ConsoleConstructor {
  new (options: ConsoleOptions): Console;
  new (stdout: ConsoleSink, stderr?: ConsoleSink, ignoreErrors?: boolean): Console;
  (options: ConsoleOptions): Console;
  prototype: Console;
}

export const Console = function Console(this: Console | undefined, options: ConsoleOptions | ConsoleSink, stderrArg?: ConsoleSink, ignoreErrorsArg?: boolean): Console {
  if (!new.target) return new (Console as any)(options, stderrArg, ignoreErrorsArg);
  const self = this as Console;
  let opts: ConsoleOptions;
  if (!options || typeof (options as ConsoleSink).write === 'function') {
    opts = { stdout: options as ConsoleSink, stderr: stderrArg, ignoreErrors: ignoreErrorsArg };
  } else {
    opts = options as ConsoleOptions;
  }
  const { stdout, stderr = stdout, ignoreErrors = true, colorMode = 'auto', inspectOptions, groupIndentation } = opts;
  if (!stdout || typeof stdout.write !== 'function') throw new codes.ERR_CONSOLE_WRITABLE_STREAM('stdout');
  if (!stderr || typeof stderr.write !== 'function') throw new codes.ERR_CONSOLE_WRITABLE_STREAM('stderr');
  validateOneOf(colorMode, 'colorMode', ['auto', true, false]);
  if (groupIndentation !== undefined) validateNumber(groupIndentation, 'groupIndentation', 0, 1000);
  if (inspectOptions !== undefined) {
    if (inspectOptions === null || typeof inspectOptions !== 'object') throw invalidArgType('options.inspectOptions', 'object', inspectOptions);
    if (inspectOptions.colors !== undefined && colorMode !== 'auto') throw new codes.ERR_INCOMPATIBLE_OPTION_PAIR('options.inspectOptions.color', 'colorMode');
  }
  Object.defineProperty(self, kState, {
    value: {
      stdout, stderr, ignoreErrors: !!ignoreErrors, colorMode, inspectOptions, groupIndent: '',
      groupIndentation: groupIndentation ?? 2, counts: new Map(), timers: new Map(), clock: opts.clock ?? defaultClock,
    } satisfies State,
    enumerable: false, writable: true, configurable: true,
  });
  // Methods are bound to the instance, as Node's are, so `const { log } = console` works.
  for (const key of Object.keys(consoleMethods)) {
    const fn = (consoleMethods as Record<string, Function>)[key].bind(self);
    Object.defineProperty(fn, 'name', { value: key });
    Object.defineProperty(self, key, { value: fn, writable: true, enumerable: true, configurable: true });
  }
  return self;
} as unknown as ConsoleConstructor;
Object.defineProperty(Console, 'name', { value: 'Console' });

function inspectOptionsFor(state: State, stream: ConsoleSink): InspectOptions {
  let color = state.colorMode;
  if (color === 'auto') color = !!stream.isTTY && (typeof stream.getColorDepth === 'function' ? stream.getColorDepth() > 2 : true);
  const base = state.inspectOptions;
  if (base) return base.colors === undefined ? { ...base, colors: color } : base;
  return color ? { colors: true } : {};
}

function write(self: Console, toStdout: boolean, text: string): void {
  const state = self[kState];
  const stream = toStdout ? state.stdout : state.stderr;
  let s = text;
  if (state.groupIndent.length !== 0) {
    if (s.includes('\n')) s = s.replace(/\n/g, `\n${state.groupIndent}`);
    s = state.groupIndent + s;
  }
  s += '\n';
  if (!state.ignoreErrors) { stream.write(s); return; }
  try { stream.write(s); } catch { /* Node ignores write errors unless ignoreErrors is false */ }
}

const formatFor = (self: Console, toStdout: boolean, args: unknown[]) => {
  const state = self[kState];
  return formatWithOptions(inspectOptionsFor(state, toStdout ? state.stdout : state.stderr), ...args);
};

const consoleMethods = {
  log(this: Console, ...args: unknown[]) { write(this, true, formatFor(this, true, args)); },
  info(this: Console, ...args: unknown[]) { write(this, true, formatFor(this, true, args)); },
  debug(this: Console, ...args: unknown[]) { write(this, true, formatFor(this, true, args)); },
  dirxml(this: Console, ...args: unknown[]) { write(this, true, formatFor(this, true, args)); },
  warn(this: Console, ...args: unknown[]) { write(this, false, formatFor(this, false, args)); },
  error(this: Console, ...args: unknown[]) { write(this, false, formatFor(this, false, args)); },
  dir(this: Console, object: unknown, options?: InspectOptions) {
    const state = this[kState];
    write(this, true, inspect(object, { customInspect: false, ...inspectOptionsFor(state, state.stdout), ...options }));
  },
  time(this: Console, label = 'default') {
    label = `${label}`;
    const state = this[kState];
    if (state.timers.has(label)) {
      runtime.emitWarning(`Label '${label}' already exists for console.time()`);
      return;
    }
    state.timers.set(label, state.clock());
  },
  timeEnd(this: Console, label = 'default') {
    label = `${label}`;
    if (timeLogImpl(this, 'timeEnd', label)) this[kState].timers.delete(label);
  },
  timeLog(this: Console, label = 'default', ...data: unknown[]) {
    timeLogImpl(this, 'timeLog', `${label}`, data);
  },
  trace(this: Console, ...args: unknown[]) {
    const err = { name: 'Trace', message: formatFor(this, false, args) } as { name: string; message: string; stack?: string };
    const E = Error as unknown as { captureStackTrace?: (o: object, fn?: Function) => void };
    if (E.captureStackTrace) E.captureStackTrace(err, consoleMethods.trace);
    this.error(err.stack ?? `Trace: ${err.message}`);
  },
  assert(this: Console, expression: unknown, ...args: unknown[]) {
    if (!expression) {
      args[0] = `Assertion failed${args.length === 0 ? '' : `: ${args[0]}`}`;
      this.warn(...args);
    }
  },
  clear(this: Console) {
    const stdout = this[kState].stdout;
    if (stdout.isTTY && runtime.env().TERM !== 'dumb') {
      stdout.write('\u001b[1;1H');
      stdout.write('\u001b[0J');
    }
  },
  count(this: Console, label = 'default') {
    label = `${label}`;
    const counts = this[kState].counts;
    const count = (counts.get(label) ?? 0) + 1;
    counts.set(label, count);
    this.log(`${label}: ${count}`);
  },
  countReset(this: Console, label = 'default') {
    const counts = this[kState].counts;
    if (!counts.has(`${label}`)) {
      runtime.emitWarning(`Count for '${label}' does not exist`);
      return;
    }
    counts.delete(`${label}`);
  },
  group(this: Console, ...data: unknown[]) {
    if (data.length > 0) this.log(...data);
    const state = this[kState];
    state.groupIndent += ' '.repeat(state.groupIndentation);
  },
  groupCollapsed(this: Console, ...data: unknown[]) { consoleMethods.group.apply(this, data); },
  groupEnd(this: Console) {
    const state = this[kState];
    state.groupIndent = state.groupIndent.slice(0, state.groupIndent.length - state.groupIndentation);
  },
  table(this: Console, tabularData: unknown, properties?: string[]) {
    if (properties !== undefined && !Array.isArray(properties)) throw invalidArgType('properties', 'Array', properties);
    if (tabularData === null || typeof tabularData !== 'object') return this.log(tabularData);
    const state = this[kState];
    const final = (k: string[], v: string[][]) => this.log(renderTable(k, v, (s) => getStringWidth(s)));
    const isArrayLike = (v: unknown) => Array.isArray(v) || isTypedArray(v) || (v instanceof Uint8Array);
    const cell = (v: unknown) => {
      const depth = v !== null && typeof v === 'object' && !isArrayLike(v) && Object.keys(v).length > 2 ? -1 : 0;
      return inspect(v, { depth, maxArrayLength: 3, breakLength: Infinity, ...inspectOptionsFor(state, state.stdout) });
    };
    const indexArray = (length: number) => Array.from({ length }, (_, i) => cell(i));
    if (isMap(tabularData)) {
      const keys: string[] = [];
      const values: string[] = [];
      for (const [k, v] of tabularData) { keys.push(cell(k)); values.push(cell(v)); }
      return final(['(iteration index)', 'Key', 'Values'], [indexArray(keys.length), keys, values]);
    }
    if (isSet(tabularData) || isSetIterator(tabularData) || isMapIterator(tabularData)) {
      const values: string[] = [];
      for (const v of tabularData as Iterable<unknown>) values.push(cell(v));
      return final(['(iteration index)', 'Values'], [indexArray(values.length), values]);
    }
    const map: Record<string, string[]> = Object.create(null);
    let hasPrimitives = false;
    const valuesKeyArray: string[] = [];
    const indexKeyArray = Object.keys(tabularData);
    for (let i = 0; i < indexKeyArray.length; i++) {
      const item = (tabularData as Record<string, unknown>)[indexKeyArray[i]];
      const primitive = item === null || (typeof item !== 'function' && typeof item !== 'object');
      if (properties === undefined && primitive) {
        hasPrimitives = true;
        valuesKeyArray[i] = cell(item);
      } else {
        const keys = properties || Object.keys(item as object);
        for (const key of keys) {
          map[key] ??= [];
          if ((primitive && properties) || !Object.prototype.hasOwnProperty.call(item, key)) map[key][i] = '';
          else map[key][i] = cell((item as Record<string, unknown>)[key]);
        }
      }
    }
    const keys = Object.keys(map);
    const values = Object.values(map);
    if (hasPrimitives) {
      keys.push('Values');
      values.push(valuesKeyArray);
    }
    keys.unshift('(index)');
    values.unshift(indexKeyArray);
    return final(keys, values);
  },
};

function timeLogImpl(self: Console, name: string, label: string, data?: unknown[]): boolean {
  const state = self[kState];
  const start = state.timers.get(label);
  if (start === undefined) {
    runtime.emitWarning(`No such label '${label}' for console.${name}()`);
    return false;
  }
  const formatted = formatTime(state.clock() - start);
  if (data === undefined) self.log('%s: %s', label, formatted);
  else self.log('%s: %s', label, formatted, ...data);
  return true;
}

for (const key of Object.keys(consoleMethods)) {
  Object.defineProperty(Console.prototype, key, { value: (consoleMethods as Record<string, Function>)[key], writable: true, enumerable: true, configurable: true });
}

/**
 * The global `console` the runtime installs: a Console over the process's stdout/stderr whose
 * `Console` property is the class (so `new console.Console(...)` works, as in Node).
 */
export function createGlobalConsole(stdout: ConsoleSink, stderr: ConsoleSink, options: Partial<ConsoleOptions> = {}): Console {
  const c = new Console({ ...options, stdout, stderr });
  Object.defineProperty(c, 'Console', { value: Console, writable: true, enumerable: false, configurable: true });
  return c;
}

function forwardingSink(pick: () => { write(s: string): unknown; isTTY?: boolean; getColorDepth?(): number } | undefined): ConsoleSink {
  return {
    write: (s: string) => pick()?.write(s),
    get isTTY() { return !!pick()?.isTTY; },
    getColorDepth() { const s = pick(); return typeof s?.getColorDepth === 'function' ? s.getColorDepth() : 1; },
  };
}

/**
 * What `require('node:console')` returns: the global console, writing to the runtime's
 * process.stdout/stderr (looked up at each write). The runtime installs this same object as
 * `globalThis.console`.
 */
export const globalConsole: Console = createGlobalConsole(forwardingSink(() => runtime.stdout()), forwardingSink(() => runtime.stderr()));
export default globalConsole;
