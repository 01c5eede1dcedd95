// AbortController and AbortSignal as Node 20 has them (lib/internal/abort_controller.js; DOM Standard
// §3.1-3.2 https://dom.spec.whatwg.org/#interface-abortcontroller): abort(reason) with an
// "AbortError" DOMException as the default reason, throwIfAborted(), onabort, and the statics
// AbortSignal.abort(reason), AbortSignal.timeout(ms) (reason: a "TimeoutError" DOMException) and
// AbortSignal.any(signals) (follows the first of its sources to abort).
//
// AbortSignal.timeout needs a timer: it is injected with configureAbortTimers() (the runtime's
// setTimeout returning an object with unref(), as Node's timer does not keep the process alive).
// Without WeakRef, a signal made by any() stays reachable from its sources until they abort.

import { codes } from '../../../core/errors';
import { DOMException } from './dom-exception';
import { Event, EventTarget, kTrusted } from './event-target';

type TimerHandle = { unref?: () => unknown } | number | undefined;
let setTimer: ((fn: () => void, ms: number) => TimerHandle) | null = null;

export function configureAbortTimers(setTimeoutFn: (fn: () => void, ms: number) => TimerHandle): void {
  setTimer = setTimeoutFn;
}

const kConstruct = Symbol('kConstruct');
const customInspect = Symbol.for('nodejs.util.inspect.custom');
type InspectFn = (value: unknown, options: object) => string;

function inspectAs(self: object, shown: object, depth: number, options: { depth?: number | null }, inspect: InspectFn): unknown {
  if (depth < 0) return self;
  const opts = Object.assign({}, options, { depth: options.depth === null ? null : (options.depth ?? 2) - 1 });
  return `${self.constructor.name} ${inspect(shown, opts)}`;
}

interface SignalState { aborted: boolean; reason: unknown; dependants: Set<AbortSignal> | null; onabort: ((e: Event) => unknown) | null }
const states = new WeakMap<object, SignalState>();

function stateOf(self: unknown): SignalState {
  const s = states.get(self as object);
  if (!s) throw new codes.ERR_INVALID_THIS('AbortSignal');
  return s;
}

export class AbortSignal extends EventTarget {
  constructor(key?: symbol) {
    if (key !== kConstruct) throw new codes.ERR_ILLEGAL_CONSTRUCTOR();
    super();
    states.set(this, { aborted: false, reason: undefined, dependants: null, onabort: null });
  }

  get aborted(): boolean { return stateOf(this).aborted; }
  get reason(): unknown { return stateOf(this).reason; }
  throwIfAborted(): void {
    const s = stateOf(this);
    if (s.aborted) throw s.reason;
  }
  get onabort(): ((e: Event) => unknown) | null { return stateOf(this).onabort; }
  set onabort(fn: ((e: Event) => unknown) | null) {
    const s = stateOf(this);
    if (s.onabort) this.removeEventListener('abort', s.onabort);
    s.onabort = typeof fn === 'function' ? fn : null;
    if (s.onabort) this.addEventListener('abort', s.onabort);
  }

  [customInspect](depth: number, options: { depth?: number | null }, inspect: InspectFn): unknown {
    return inspectAs(this, { aborted: this.aborted }, depth, options, inspect);
  }

  static abort(reason: unknown = new DOMException('This operation was aborted', 'AbortError')): AbortSignal {
    const signal = new AbortSignal(kConstruct);
    const s = stateOf(signal);
    s.aborted = true;
    s.reason = reason;
    return signal;
  }

  static timeout(delay: number): AbortSignal {
    if (typeof delay !== 'number') throw new codes.ERR_INVALID_ARG_TYPE('delay', 'number', delay);
    if (!Number.isInteger(delay)) throw new codes.ERR_OUT_OF_RANGE('delay', 'an integer', delay);
    if (delay < 0 || delay > 4294967295) throw new codes.ERR_OUT_OF_RANGE('delay', '>= 0 && <= 4294967295', delay);
    const signal = new AbortSignal(kConstruct);
    if (!setTimer) throw new codes.ERR_METHOD_NOT_IMPLEMENTED('AbortSignal.timeout (no timer configured)');
    const t = setTimer(() => abortSignal(signal, new DOMException('The operation was aborted due to timeout', 'TimeoutError')), delay);
    if (t && typeof t === 'object' && typeof t.unref === 'function') t.unref();
    return signal;
  }

  static any(signals: Iterable<AbortSignal>): AbortSignal {
    if (signals === null || typeof signals !== 'object' || typeof (signals as any)[Symbol.iterator] !== 'function') {
      throw new codes.ERR_INVALID_ARG_TYPE('signals', 'sequence', signals);
    }
    const list = Array.from(signals);
    list.forEach((s, i) => { if (!states.has(s)) throw new codes.ERR_INVALID_ARG_TYPE(`signals[${i}]`, 'AbortSignal', s); });
    const result = new AbortSignal(kConstruct);
    for (const s of list) {
      const st = stateOf(s);
      if (st.aborted) {
        const r = stateOf(result);
        r.aborted = true;
        r.reason = st.reason;
        return result;
      }
    }
    for (const s of list) (stateOf(s).dependants ??= new Set()).add(result);
    return result;
  }
}
Object.defineProperty(AbortSignal, 'name', { value: 'AbortSignal' }); // stable under bundler renaming and minification
Object.defineProperty(AbortSignal.prototype, Symbol.toStringTag, { value: 'AbortSignal', writable: false, enumerable: false, configurable: true });
Object.defineProperty(AbortSignal.prototype, 'aborted', { ...Object.getOwnPropertyDescriptor(AbortSignal.prototype, 'aborted'), enumerable: true });

// DOM Standard "signal abort" (https://dom.spec.whatwg.org/#abortsignal-signal-abort): mark the
// signal and its dependants aborted first, then fire "abort" on each.
export function abortSignal(signal: AbortSignal, reason: unknown): void {
  const s = stateOf(signal);
  if (s.aborted) return;
  s.aborted = true;
  s.reason = reason;
  const toFire: AbortSignal[] = [];
  if (s.dependants) {
    for (const d of s.dependants) {
      const ds = stateOf(d);
      if (!ds.aborted) { ds.aborted = true; ds.reason = reason; toFire.push(d); }
    }
    s.dependants = null;
  }
  signal.dispatchEvent(new Event('abort', { [kTrusted]: true } as object));
  for (const d of toFire) d.dispatchEvent(new Event('abort', { [kTrusted]: true } as object));
}

export function isAbortSignal(value: unknown): value is AbortSignal {
  return value !== null && typeof value === 'object' && states.has(value);
}

export class AbortController {
  #signal: AbortSignal | null = null;
  get signal(): AbortSignal { return this.#signal ??= new AbortSignal(kConstruct); }
  abort(reason: unknown = new DOMException('This operation was aborted', 'AbortError')): void {
    abortSignal(this.signal, reason);
  }
  [customInspect](depth: number, options: { depth?: number | null }, inspect: InspectFn): unknown {
    return inspectAs(this, { signal: this.signal }, depth, options, inspect);
  }
}
Object.defineProperty(AbortController, 'name', { value: 'AbortController' }); // stable under bundler renaming and minification
Object.defineProperty(AbortController.prototype, Symbol.toStringTag, { value: 'AbortController', writable: false, enumerable: false, configurable: true });
for (const key of ['signal', 'abort']) {
  Object.defineProperty(AbortController.prototype, key, { ...Object.getOwnPropertyDescriptor(AbortController.prototype, key), enumerable: true });
}
