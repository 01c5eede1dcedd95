// node:perf_hooks as Node 20 (lib/perf_hooks.js and lib/internal/perf/*; W3C User Timing Level 3,
// Performance Timeline Level 2): performance.now() on the monotonic clock with timeOrigin the
// wall-clock time of process start; marks and measures kept in a per-process buffer (entries come
// back sorted by startTime); PerformanceObserver receiving entries in an immediate after they are
// made, as Node queues them; timerify; eventLoopUtilization; histograms (internal/histogram.ts).
//
// Invariants: `performance.now()` never decreases; entries are immutable once made; an observer's
// callback runs at most once per immediate with everything queued since the last delivery.
// What Nephos does not produce: 'gc', 'http', 'dns', 'net' and 'resource' entries (observing them
// is accepted and yields nothing), and real node-timing milestones (nodeTiming's boot fields are 0).
import { codes } from '../core/errors';
import { createHistogram, Histogram, monitorEventLoopDelay, type IntervalHost } from './internal/histogram';
import { invalidArgType } from './internal/validators';

export interface PerfHost {
  /** Monotonic milliseconds since process start. */
  nowMs(): number;
  /** Wall-clock milliseconds at process start. */
  timeOrigin: number;
  eventLoopLagMs(): number;
  /** Milliseconds the event loop has spent idle (waiting for events), if known. */
  idleMs?(): number;
  /** Queues fn after the current phase, as setImmediate (observer delivery). */
  immediate?(fn: () => void): void;
  /** An unref'd interval timer (monitorEventLoopDelay). */
  every?(fn: () => void, ms: number): () => void;
}

const kInternal = Symbol('kInternal');
const SUPPORTED_TYPES = ['dns', 'function', 'gc', 'http', 'http2', 'mark', 'measure', 'net', 'resource'];

function domException(message: string, name: string): Error {
  const D = (globalThis as { DOMException?: new (m: string, n: string) => Error }).DOMException;
  if (D) return new D(message, name);
  const e = new Error(message);
  e.name = name;
  return e;
}

export class PerformanceEntry {
  #name: string;
  #type: string;
  #start: number;
  #duration: number;
  #detail: unknown;
  constructor(key?: unknown, name?: string, type?: string, start?: number, duration?: number, detail?: unknown) {
    if (key !== kInternal) throw new TypeError('Illegal constructor');
    this.#name = name!;
    this.#type = type!;
    this.#start = start!;
    this.#duration = duration!;
    this.#detail = detail;
  }
  get name(): string { return this.#name; }
  get entryType(): string { return this.#type; }
  get startTime(): number { return this.#start; }
  get duration(): number { return this.#duration; }
  get detail(): unknown { return this.#detail; }
  toJSON(): object {
    const out: Record<string, unknown> = { name: this.#name, entryType: this.#type, startTime: this.#start, duration: this.#duration };
    if (this.#type === 'mark' || this.#type === 'measure') out.detail = this.#detail;
    return out;
  }
}

function cloneDetail(detail: unknown): unknown {
  return detail == null ? null : (globalThis as { structuredClone(v: unknown): unknown }).structuredClone(detail);
}

export class PerformanceMeasure extends PerformanceEntry {}
export class PerformanceResourceTiming extends PerformanceEntry {}

export class PerformanceObserverEntryList {
  #entries: PerformanceEntry[];
  constructor(key?: unknown, entries?: PerformanceEntry[]) {
    if (key !== kInternal) throw new TypeError('Illegal constructor');
    this.#entries = sortByStart(entries!);
  }
  getEntries(): PerformanceEntry[] { return this.#entries.slice(); }
  getEntriesByType(type: string): PerformanceEntry[] { return this.#entries.filter((e) => e.entryType === `${type}`); }
  getEntriesByName(name: string, type?: string): PerformanceEntry[] {
    return this.#entries.filter((e) => e.name === `${name}` && (type === undefined || e.entryType === `${type}`));
  }
}

function sortByStart(list: PerformanceEntry[]): PerformanceEntry[] {
  return list.slice().sort((a, b) => a.startTime - b.startTime);
}

export function createPerfHooks(host: PerfHost) {
  const buffer: PerformanceEntry[] = [];
  const markTimes = new Map<string, number>();
  const observers = new Set<PerformanceObserver>();
  const pending = new Set<PerformanceObserver>();
  let deliveryQueued = false;
  const now = () => host.nowMs();
  const immediate = host.immediate ?? ((fn: () => void) => (globalThis as { setImmediate(f: () => void): unknown }).setImmediate(fn));

  function deliver(): void {
    deliveryQueued = false;
    const due = [...pending];
    pending.clear();
    for (const o of due) o[kDispatch]();
  }

  /** Hands a new entry to the observers of its type (Node's enqueue). */
  function enqueue(entry: PerformanceEntry): void {
    for (const o of observers) {
      if (!o[kTypes].has(entry.entryType)) continue;
      o[kQueue].push(entry);
      pending.add(o);
      if (!deliveryQueued) {
        deliveryQueued = true;
        immediate(deliver);
      }
    }
  }

  class PerformanceMark extends PerformanceEntry {
    constructor(name: unknown, options: { startTime?: unknown; detail?: unknown } | null | undefined = {}) {
      if (arguments.length === 0) throw new codes.ERR_MISSING_ARGS('name');
      const n = `${name}`;
      if (options !== undefined && options !== null && typeof options !== 'object') throw invalidArgType('options', 'Object', options);
      const startTime = options?.startTime ?? now();
      if (typeof startTime !== 'number') throw invalidArgType('startTime', 'number', startTime);
      if (startTime < 0) throw new codes.ERR_PERFORMANCE_INVALID_TIMESTAMP(startTime);
      super(kInternal, n, 'mark', startTime, 0, cloneDetail(options?.detail));
      markTimes.set(n, startTime);
    }
  }

  /** A mark's time, a timestamp, or a nodeTiming milestone's name (User Timing 3, "convert a mark to a timestamp"). */
  function markTime(name: unknown): number {
    if (typeof name === 'number') {
      if (name < 0) throw new codes.ERR_PERFORMANCE_INVALID_TIMESTAMP(name);
      return name;
    }
    const n = `${name}`;
    if (NODE_TIMING_FIELDS.includes(n)) return (nodeTiming as unknown as Record<string, number>)[n];
    const t = markTimes.get(n);
    if (t === undefined) throw domException(`The "${n}" performance mark has not been set`, 'SyntaxError');
    return t;
  }

  function measureSpan(startOrOptions: unknown, endMark: unknown): { start: number; duration: number; detail: unknown } {
    let start: unknown;
    let end: unknown;
    let duration: unknown;
    let detail: unknown;
    let optionsValid = false;
    if (startOrOptions !== null && typeof startOrOptions === 'object') {
      ({ start, end, duration, detail } = startOrOptions as Record<string, unknown>);
      optionsValid = start !== undefined || end !== undefined;
    }
    if (optionsValid) {
      if (endMark !== undefined) throw new codes.ERR_PERFORMANCE_MEASURE_INVALID_OPTIONS('endMark must not be specified');
      if (start !== undefined && end !== undefined && duration !== undefined) {
        throw new codes.ERR_PERFORMANCE_MEASURE_INVALID_OPTIONS('Must not have options.start, options.end, and options.duration specified');
      }
    }
    let endTime: number;
    if (endMark !== undefined) endTime = markTime(endMark);
    else if (optionsValid && end !== undefined) endTime = markTime(end);
    else if (optionsValid && start !== undefined && duration !== undefined) endTime = markTime(start) + markTime(duration);
    else endTime = now();
    let startTime: number;
    if (typeof startOrOptions === 'string') startTime = markTime(startOrOptions);
    else if (optionsValid && start !== undefined) startTime = markTime(start);
    else if (optionsValid && duration !== undefined) startTime = endTime - markTime(duration);
    else startTime = 0;
    return { start: startTime, duration: endTime - startTime, detail };
  }

  const kDispatch = Symbol('kDispatch');
  const kQueue = Symbol('kQueue');
  const kTypes = Symbol('kTypes');

  class PerformanceObserver {
    #callback: (list: PerformanceObserverEntryList, observer: PerformanceObserver) => void;
    [kQueue]: PerformanceEntry[] = [];
    [kTypes] = new Set<string>();

    constructor(callback: (list: PerformanceObserverEntryList, observer: PerformanceObserver) => void) {
      if (typeof callback !== 'function') throw invalidArgType('callback', 'Function', callback);
      this.#callback = callback;
    }

    static get supportedEntryTypes(): string[] {
      return SUPPORTED_TYPES.slice();
    }

    observe(options: { entryTypes?: unknown; type?: unknown; buffered?: unknown } = {}): void {
      if (options === null || typeof options !== 'object') throw invalidArgType('options', 'Object', options);
      const { entryTypes, type, buffered } = options;
      if (entryTypes === undefined && type === undefined) throw new codes.ERR_MISSING_ARGS('options.entryTypes', 'options.type');
      if (entryTypes !== undefined && type !== undefined) {
        throw new codes.ERR_INVALID_ARG_VALUE('options.entryTypes', entryTypes, 'options.entryTypes can not set with options.type together');
      }
      if (entryTypes !== undefined) {
        if (!Array.isArray(entryTypes)) throw invalidArgType('options.entryTypes', 'string[]', entryTypes);
        this[kTypes].clear();
        for (const t of entryTypes) if (SUPPORTED_TYPES.includes(t)) this[kTypes].add(t);
      } else {
        if (!SUPPORTED_TYPES.includes(type as string)) return;
        this[kTypes].add(type as string);
        if (buffered) {
          const existing = buffer.filter((e) => e.entryType === type);
          if (existing.length) {
            this[kQueue].push(...existing);
            pending.add(this);
            if (!deliveryQueued) {
              deliveryQueued = true;
              immediate(deliver);
            }
          }
        }
      }
      if (this[kTypes].size) observers.add(this);
      else this.disconnect();
    }

    disconnect(): void {
      observers.delete(this);
      pending.delete(this);
      this[kQueue] = [];
      this[kTypes].clear();
    }

    takeRecords(): PerformanceEntry[] {
      const out = this[kQueue];
      this[kQueue] = [];
      return out;
    }

    [kDispatch](): void {
      const entries = this.takeRecords();
      if (entries.length) this.#callback(new PerformanceObserverEntryList(kInternal, entries), this);
    }
  }

  function eventLoopUtilization(util1?: { idle: number; active: number }, util2?: { idle: number; active: number }) {
    const idle = host.idleMs?.() ?? 0;
    const active = Math.max(0, now() - idle);
    if (util2) {
      const i = util1!.idle - util2.idle;
      const a = util1!.active - util2.active;
      return { idle: i, active: a, utilization: a / (i + a) };
    }
    if (util1) {
      const i = idle - util1.idle;
      const a = active - util1.active;
      return { idle: i, active: a, utilization: a / (i + a) };
    }
    return { idle, active, utilization: active / (idle + active) || 0 };
  }

  // Node's boot milestones; Nephos's runtime starts at 0 and does not record them separately.
  const NODE_TIMING_FIELDS = ['nodeStart', 'v8Start', 'environment', 'bootstrapComplete', 'loopStart', 'loopExit', 'idleTime'];
  class PerformanceNodeTiming {
    get name(): string { return 'node'; }
    get entryType(): string { return 'node'; }
    get startTime(): number { return 0; }
    get duration(): number { return now(); }
    get nodeStart(): number { return 0; }
    get v8Start(): number { return 0; }
    get environment(): number { return 0; }
    get bootstrapComplete(): number { return 0; }
    get loopStart(): number { return 0; }
    get loopExit(): number { return -1; }
    get idleTime(): number { return host.idleMs?.() ?? 0; }
    toJSON(): object {
      const out: Record<string, unknown> = { name: 'node', entryType: 'node', startTime: 0, duration: this.duration };
      for (const f of NODE_TIMING_FIELDS) out[f] = (this as unknown as Record<string, number>)[f];
      return out;
    }
  }
  const nodeTiming = new PerformanceNodeTiming();

  class Performance extends EventTarget {
    // On the prototype (defined below), as in Node.
    declare eventLoopUtilization: typeof eventLoopUtilization;
    declare timerify: typeof timerify;
    constructor(key?: unknown) {
      if (key !== kInternal) throw new TypeError('Illegal constructor');
      super();
    }
    get timeOrigin(): number { return host.timeOrigin; }
    get nodeTiming(): PerformanceNodeTiming { return nodeTiming; }
    now(): number { return now(); }
    mark(name: unknown, options?: { startTime?: unknown; detail?: unknown }): PerformanceEntry {
      if (arguments.length === 0) throw new codes.ERR_MISSING_ARGS('name');
      const m = new PerformanceMark(name, options);
      buffer.push(m);
      enqueue(m);
      return m;
    }
    measure(name: unknown, startOrOptions?: unknown, endMark?: unknown): PerformanceEntry {
      if (arguments.length === 0) throw new codes.ERR_MISSING_ARGS('name');
      const { start, duration, detail } = measureSpan(startOrOptions, endMark);
      const m = new PerformanceMeasure(kInternal, `${name}`, 'measure', start, duration, cloneDetail(detail));
      buffer.push(m);
      enqueue(m);
      return m;
    }
    getEntries(): PerformanceEntry[] { return sortByStart(buffer); }
    getEntriesByName(name: unknown, type?: unknown): PerformanceEntry[] {
      return sortByStart(buffer.filter((e) => e.name === `${name}` && (type === undefined || e.entryType === `${type}`)));
    }
    getEntriesByType(type: unknown): PerformanceEntry[] { return sortByStart(buffer.filter((e) => e.entryType === `${type}`)); }
    clearMarks(name?: unknown): void { removeEntries('mark', name); }
    clearMeasures(name?: unknown): void { removeEntries('measure', name); }
    clearResourceTimings(name?: unknown): void { removeEntries('resource', name); }
    setResourceTimingBufferSize(): void {}
    toJSON(): object {
      return { nodeTiming, timeOrigin: host.timeOrigin, eventLoopUtilization: eventLoopUtilization() };
    }
  }
  Object.defineProperty(Performance.prototype, Symbol.toStringTag, { value: 'Performance', configurable: true });
  Object.defineProperties(Performance.prototype, {
    eventLoopUtilization: { value: (u1?: { idle: number; active: number }, u2?: { idle: number; active: number }) => eventLoopUtilization(u1, u2), writable: true, configurable: true, enumerable: true },
    timerify: { value: (fn: Function, options?: { histogram?: Histogram }) => timerify(fn, options), writable: true, configurable: true, enumerable: true },
  });

  function removeEntries(type: string, name: unknown): void {
    const n = name === undefined ? undefined : `${name}`;
    for (let i = buffer.length - 1; i >= 0; i--) {
      if (buffer[i].entryType === type && (n === undefined || buffer[i].name === n)) buffer.splice(i, 1);
    }
    if (type === 'mark') {
      if (n === undefined) markTimes.clear();
      else markTimes.delete(n);
    }
  }

  /** Wraps fn so each call makes a 'function' entry (for observers only; never buffered). */
  function timerify<T extends Function>(fn: T, options: { histogram?: Histogram } = {}): T {
    if (typeof fn !== 'function') throw invalidArgType('fn', 'Function', fn);
    if (options === null || typeof options !== 'object') throw invalidArgType('options', 'Object', options);
    const histogram = options.histogram;
    if (histogram !== undefined && !(histogram instanceof Histogram)) throw invalidArgType('options.histogram', 'RecordableHistogram', histogram);
    function timerified(this: unknown, ...args: unknown[]): unknown {
      const start = now();
      const result = new.target ? Reflect.construct(fn, args, fn) : Reflect.apply(fn, this, args);
      const end = now();
      histogram?.record(Math.max(1, Math.ceil((end - start) * 1e6)));
      enqueue(new PerformanceEntry(kInternal, fn.name, 'function', start, end - start, args));
      return result;
    }
    Object.defineProperties(timerified, {
      length: { configurable: false, enumerable: true, value: fn.length },
      name: { configurable: false, enumerable: true, value: `timerified ${fn.name}` },
    });
    return timerified as unknown as T;
  }

  const performance = new Performance(kInternal);
  const intervals: IntervalHost = {
    every: host.every ?? ((fn, ms) => {
      const g = globalThis as unknown as { setInterval(f: () => void, ms: number): { unref(): void }; clearInterval(t: unknown): void };
      const t = g.setInterval(fn, ms);
      t.unref();
      return () => g.clearInterval(t);
    }),
    nowNs: () => BigInt(Math.round(now() * 1e6)),
  };

  return {
    Performance,
    PerformanceEntry,
    PerformanceMark,
    PerformanceMeasure,
    PerformanceObserver,
    PerformanceObserverEntryList,
    PerformanceResourceTiming,
    constants: {
      NODE_PERFORMANCE_GC_MAJOR: 4, NODE_PERFORMANCE_GC_MINOR: 1, NODE_PERFORMANCE_GC_INCREMENTAL: 8,
      NODE_PERFORMANCE_GC_WEAKCB: 16, NODE_PERFORMANCE_GC_FLAGS_NO: 0, NODE_PERFORMANCE_GC_FLAGS_CONSTRUCT_RETAINED: 2,
      NODE_PERFORMANCE_GC_FLAGS_FORCED: 4, NODE_PERFORMANCE_GC_FLAGS_SYNCHRONOUS_PHANTOM_PROCESSING: 8,
      NODE_PERFORMANCE_GC_FLAGS_ALL_AVAILABLE_GARBAGE: 16, NODE_PERFORMANCE_GC_FLAGS_ALL_EXTERNAL_MEMORY: 32,
      NODE_PERFORMANCE_GC_FLAGS_SCHEDULE_IDLE: 64,
    },
    createHistogram,
    monitorEventLoopDelay: (options?: { resolution?: number }) => monitorEventLoopDelay(intervals, options),
    performance,
  };
}
