// node:events as Node 20's lib/events.js: EventEmitter (with captureRejections, errorMonitor,
// the MaxListenersExceededWarning through the runtime's emitWarning, Node's argument errors and
// "Unhandled error." messages) and the module functions once (a promise, AbortSignal-aware, also
// for EventTargets), on (an async iterator), getEventListeners, getMaxListeners, setMaxListeners,
// addAbortListener, and EventEmitterAsyncResource (without async_hooks: the resource is a stub).
//
// Written here rather than taken from the npm `events` package, whose emit() throws different
// errors for non-Error 'error' payloads, whose constructor drops its options (so no
// captureRejections), whose listener checks carry no error codes, and which lacks errorMonitor
// and the Node 20 module functions. The instance layout is Node's (_events with a null
// prototype, _eventsCount, _maxListeners, Symbol(shapeMode), Symbol(kCapture)) because
// readable-stream and other packages read `_events` directly.

import { codes } from '../core/errors';
import { runtime } from './internal/runtime-hooks';
import { invalidArgType, validateBoolean, validateFunction, validateNumber, validateAbortSignal, withMessage } from './internal/validators';
import { AbortError } from './internal/abort-error';
import { EventTarget, eventTargetListeners } from './internal/polyfills/event-target';
import './internal/symbol-dispose';

type Listener = ((...args: any[]) => unknown) & { listener?: Listener };
type Events = Record<string | symbol, Listener | (Listener[] & { warned?: boolean }) | undefined>;

const kCapture = Symbol('kCapture');
const kShapeMode = Symbol('shapeMode');
const kErrorMonitor = Symbol('events.errorMonitor');
const kRejection = Symbol.for('nodejs.rejection');
const kMaxEventTargetListeners = Symbol('events.maxEventTargetListeners');
const kMaxEventTargetListenersWarned = Symbol('events.maxEventTargetListenersWarned');


let defaultMaxListeners = 10;

let inspectFn: ((v: unknown, o?: object) => string) | undefined;
function inspect(v: unknown, o?: object): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  inspectFn ??= require('node-inspect-extracted').inspect as (v: unknown, o?: object) => string;
  return inspectFn(v, o);
}

export interface EventEmitter {
  _events: Events;
  _eventsCount: number;
  _maxListeners: number | undefined;
  [kCapture]: boolean;
  [kShapeMode]: boolean;
  setMaxListeners(n: number): this;
  getMaxListeners(): number;
  emit(type: string | symbol, ...args: unknown[]): boolean;
  addListener(type: string | symbol, listener: Listener): this;
  on(type: string | symbol, listener: Listener): this;
  prependListener(type: string | symbol, listener: Listener): this;
  once(type: string | symbol, listener: Listener): this;
  prependOnceListener(type: string | symbol, listener: Listener): this;
  removeListener(type: string | symbol, listener: Listener): this;
  off(type: string | symbol, listener: Listener): this;
  removeAllListeners(type?: string | symbol): this;
  listeners(type: string | symbol): Listener[];
  rawListeners(type: string | symbol): Listener[];
  listenerCount(type: string | symbol, listener?: Listener): number;
  eventNames(): (string | symbol)[];
}

interface EventEmitterStatic {
  new (opts?: { captureRejections?: boolean }): EventEmitter;
  (this: EventEmitter, opts?: { captureRejections?: boolean }): void;
  prototype: EventEmitter;
  [key: string]: any;
}

export const EventEmitter = function EventEmitter(this: EventEmitter, opts?: { captureRejections?: boolean }) {
  (EventEmitter as unknown as EventEmitterStatic).init.call(this, opts);
} as unknown as EventEmitterStatic;
Object.defineProperty(EventEmitter, 'name', { value: 'EventEmitter' }); // stable under bundler renaming

const proto = EventEmitter.prototype as any;
proto._events = undefined;
proto._eventsCount = 0;
proto._maxListeners = undefined;
Object.defineProperty(proto, kCapture, { value: false, writable: true, enumerable: false });

EventEmitter.init = function init(this: EventEmitter, opts?: { captureRejections?: boolean }) {
  if (this._events === undefined || this._events === Object.getPrototypeOf(this)._events) {
    this._events = Object.create(null);
    this._eventsCount = 0;
    this[kShapeMode] = false;
  } else {
    this[kShapeMode] = true;
  }
  this._maxListeners = this._maxListeners || undefined;
  if (opts?.captureRejections) {
    validateBoolean(opts.captureRejections, 'options.captureRejections');
    this[kCapture] = Boolean(opts.captureRejections);
  } else {
    this[kCapture] = proto[kCapture];
  }
};

function getMaxListenersOf(that: EventEmitter): number {
  return that._maxListeners === undefined ? defaultMaxListeners : that._maxListeners;
}

proto.setMaxListeners = function setMaxListeners(this: EventEmitter, n: number) {
  validateNumber(n, 'setMaxListeners', 0);
  this._maxListeners = n;
  return this;
};
proto.getMaxListeners = function getMaxListeners(this: EventEmitter) { return getMaxListenersOf(this); };

function addCatch(that: EventEmitter, promise: unknown, type: string | symbol, args: unknown[]): void {
  if (!that[kCapture]) return;
  try {
    const then = (promise as { then?: unknown }).then;
    if (typeof then === 'function') {
      then.call(promise, undefined, (err: unknown) => runtime.nextTick(emitUnhandledRejectionOrErr, that, err, type, args));
    }
  } catch (err) {
    that.emit('error', err);
  }
}

function emitUnhandledRejectionOrErr(ee: any, err: unknown, type: string | symbol, args: unknown[]): void {
  if (typeof ee[kRejection] === 'function') {
    ee[kRejection](err, type, ...args);
  } else {
    const prev = ee[kCapture];
    try {
      ee[kCapture] = false;
      ee.emit('error', err);
    } finally {
      ee[kCapture] = prev;
    }
  }
}

proto.emit = function emit(this: EventEmitter, type: string | symbol, ...args: unknown[]): boolean {
  let doError = type === 'error';
  const events = this._events;
  if (events !== undefined) {
    if (doError && events[kErrorMonitor] !== undefined) this.emit(kErrorMonitor, ...args);
    doError = doError && events.error === undefined;
  } else if (!doError) {
    return false;
  }
  if (doError) {
    const er = args.length > 0 ? args[0] : undefined;
    if (er instanceof Error) throw er; // Unhandled 'error' event
    let shown: string;
    try { shown = inspect(er); } catch { shown = String(er); }
    const err = withMessage(new codes.ERR_UNHANDLED_ERROR(shown), `Unhandled error. (${shown})`) as Error & { context?: unknown };
    err.context = er;
    throw err; // Unhandled 'error' event
  }
  const handler = events[type];
  if (handler === undefined) return false;
  if (typeof handler === 'function') {
    const result = handler.apply(this, args);
    if (result !== undefined && result !== null) addCatch(this, result, type, args);
  } else {
    const listeners = handler.slice();
    for (let i = 0; i < listeners.length; ++i) {
      const result = listeners[i].apply(this, args);
      if (result !== undefined && result !== null) addCatch(this, result, type, args);
    }
  }
  return true;
};

function addListenerImpl(target: EventEmitter, type: string | symbol, listener: Listener, prepend: boolean): EventEmitter {
  validateFunction(listener, 'listener');
  let events = target._events;
  let existing: Events[string];
  if (events === undefined) {
    events = target._events = Object.create(null);
    target._eventsCount = 0;
  } else {
    if (events.newListener !== undefined) {
      target.emit('newListener', type, listener.listener ?? listener);
      events = target._events;
    }
    existing = events[type];
  }
  if (existing === undefined) {
    events[type] = listener;
    ++target._eventsCount;
  } else {
    if (typeof existing === 'function') {
      existing = events[type] = prepend ? [listener, existing] : [existing, listener];
    } else if (prepend) {
      existing.unshift(listener);
    } else {
      existing.push(listener);
    }
    const m = getMaxListenersOf(target);
    if (m > 0 && existing.length > m && !existing.warned) {
      existing.warned = true;
      const w = new Error(`Possible EventEmitter memory leak detected. ${existing.length} ${String(type)} listeners ` +
        `added to ${inspect(target, { depth: -1 })}. MaxListeners is ${m}. Use emitter.setMaxListeners() to increase limit`) as Error & Record<string, unknown>;
      w.name = 'MaxListenersExceededWarning';
      w.emitter = target;
      w.type = type;
      w.count = existing.length;
      runtime.emitWarning(w);
    }
  }
  return target;
}

proto.addListener = function addListener(this: EventEmitter, type: string | symbol, listener: Listener) { return addListenerImpl(this, type, listener, false); };
proto.on = proto.addListener;
proto.prependListener = function prependListener(this: EventEmitter, type: string | symbol, listener: Listener) { return addListenerImpl(this, type, listener, true); };

function onceWrap(target: EventEmitter, type: string | symbol, listener: Listener): Listener {
  const state = { fired: false, wrapFn: undefined as unknown as Listener, target, type, listener };
  const wrapped = function (this: typeof state, ...args: unknown[]) {
    if (!this.fired) {
      this.target.removeListener(this.type, this.wrapFn);
      this.fired = true;
      return this.listener.apply(this.target, args);
    }
    return undefined;
  }.bind(state) as Listener;
  wrapped.listener = listener;
  state.wrapFn = wrapped;
  return wrapped;
}

proto.once = function once(this: EventEmitter, type: string | symbol, listener: Listener) {
  validateFunction(listener, 'listener');
  this.on(type, onceWrap(this, type, listener));
  return this;
};
proto.prependOnceListener = function prependOnceListener(this: EventEmitter, type: string | symbol, listener: Listener) {
  validateFunction(listener, 'listener');
  this.prependListener(type, onceWrap(this, type, listener));
  return this;
};

proto.removeListener = function removeListener(this: EventEmitter, type: string | symbol, listener: Listener) {
  validateFunction(listener, 'listener');
  const events = this._events;
  if (events === undefined) return this;
  const list = events[type];
  if (list === undefined) return this;
  if (list === listener || (list as Listener).listener === listener) {
    this._eventsCount -= 1;
    if (this[kShapeMode]) {
      events[type] = undefined;
    } else if (this._eventsCount === 0) {
      this._events = Object.create(null);
    } else {
      delete events[type];
      if (events.removeListener) this.emit('removeListener', type, (list as Listener).listener || listener);
    }
  } else if (typeof list !== 'function') {
    let position = -1;
    for (let i = list.length - 1; i >= 0; i--) {
      if (list[i] === listener || list[i].listener === listener) { position = i; break; }
    }
    if (position < 0) return this;
    if (position === 0) list.shift(); else list.splice(position, 1);
    if (list.length === 1) events[type] = list[0];
    if (events.removeListener !== undefined) this.emit('removeListener', type, listener);
  }
  return this;
};
proto.off = proto.removeListener;

proto.removeAllListeners = function removeAllListeners(this: EventEmitter, type?: string | symbol) {
  const events = this._events;
  if (events === undefined) return this;
  if (events.removeListener === undefined) {
    if (arguments.length === 0) {
      this._events = Object.create(null);
      this._eventsCount = 0;
    } else if (events[type!] !== undefined) {
      if (--this._eventsCount === 0) this._events = Object.create(null);
      else delete events[type!];
    }
    this[kShapeMode] = false;
    return this;
  }
  if (arguments.length === 0) {
    for (const key of Reflect.ownKeys(events)) {
      if (key === 'removeListener') continue;
      this.removeAllListeners(key);
    }
    this.removeAllListeners('removeListener');
    this._events = Object.create(null);
    this._eventsCount = 0;
    this[kShapeMode] = false;
    return this;
  }
  const listeners = events[type!];
  if (typeof listeners === 'function') {
    this.removeListener(type!, listeners);
  } else if (listeners !== undefined) {
    for (let i = listeners.length - 1; i >= 0; i--) this.removeListener(type!, listeners[i]);
  }
  return this;
};

function listenersOf(target: EventEmitter, type: string | symbol, unwrap: boolean): Listener[] {
  const events = target._events;
  if (events === undefined) return [];
  const l = events[type];
  if (l === undefined) return [];
  if (typeof l === 'function') return unwrap ? [l.listener || l] : [l];
  return unwrap ? l.map((x) => x.listener || x) : l.slice();
}
proto.listeners = function listeners(this: EventEmitter, type: string | symbol) { return listenersOf(this, type, true); };
proto.rawListeners = function rawListeners(this: EventEmitter, type: string | symbol) { return listenersOf(this, type, false); };

function listenerCount(this: EventEmitter, type: string | symbol, listener?: Listener): number {
  const events = this._events;
  if (events !== undefined) {
    const l = events[type];
    if (typeof l === 'function') {
      if (listener != null) return listener === l || listener === l.listener ? 1 : 0;
      return 1;
    } else if (l !== undefined) {
      if (listener != null) return l.filter((x) => x === listener || x.listener === listener).length;
      return l.length;
    }
  }
  return 0;
}
proto.listenerCount = listenerCount;
proto.eventNames = function eventNames(this: EventEmitter) { return this._eventsCount > 0 ? Reflect.ownKeys(this._events) : []; };

// ---- module functions ----
function isEventTarget(v: unknown): v is EventTarget {
  return v instanceof EventTarget || (v !== null && typeof v === 'object' && typeof (v as EventTarget).addEventListener === 'function' && typeof (v as EventTarget).dispatchEvent === 'function');
}

function agnosticAdd(emitter: any, name: string | symbol, listener: Listener, once: boolean): void {
  if (typeof emitter.on === 'function') {
    if (once) emitter.once(name, listener); else emitter.on(name, listener);
  } else if (typeof emitter.addEventListener === 'function') {
    emitter.addEventListener(name, listener, { once });
  } else {
    throw invalidArgType('emitter', 'EventEmitter', emitter);
  }
}
function agnosticRemove(emitter: any, name: string | symbol, listener: Listener): void {
  if (typeof emitter.removeListener === 'function') emitter.removeListener(name, listener);
  else if (typeof emitter.removeEventListener === 'function') emitter.removeEventListener(name, listener);
  else throw invalidArgType('emitter', 'EventEmitter', emitter);
}

export async function once(emitter: any, name: string | symbol, options: { signal?: AbortSignal } = {}): Promise<unknown[]> {
  const signal = options?.signal;
  validateAbortSignal(signal, 'options.signal');
  if (signal?.aborted) throw new AbortError(undefined, { cause: signal.reason });
  return new Promise((resolve, reject) => {
    const errorListener = (err: unknown) => {
      emitter.removeListener(name, resolver);
      if (signal != null) agnosticRemove(signal, 'abort', abortListener);
      reject(err);
    };
    const resolver = (...args: unknown[]) => {
      if (typeof emitter.removeListener === 'function') emitter.removeListener('error', errorListener);
      if (signal != null) agnosticRemove(signal, 'abort', abortListener);
      resolve(args);
    };
    agnosticAdd(emitter, name, resolver, true);
    if (name !== 'error' && typeof emitter.once === 'function') emitter.once('error', errorListener);
    function abortListener() {
      agnosticRemove(emitter, name, resolver);
      agnosticRemove(emitter, 'error', errorListener);
      reject(new AbortError(undefined, { cause: signal?.reason }));
    }
    if (signal != null) agnosticAdd(signal, 'abort', abortListener, true);
  });
}

/** events.on(): an async iterator over the emitter's `event` (arguments arrays), ended by close events. */
export function on(emitter: any, event: string | symbol, options: { signal?: AbortSignal; close?: (string | symbol)[] } = {}): AsyncIterableIterator<unknown[]> {
  const signal = options?.signal;
  validateAbortSignal(signal, 'options.signal');
  if (signal?.aborted) throw new AbortError(undefined, { cause: signal.reason });
  const unconsumedEvents: unknown[][] = [];
  const unconsumedPromises: { resolve: (v: IteratorResult<unknown[]>) => void; reject: (e: unknown) => void }[] = [];
  let error: unknown = null;
  let finished = false;

  const eventHandler = (...args: unknown[]) => {
    const p = unconsumedPromises.shift();
    if (p) p.resolve({ value: args, done: false }); else unconsumedEvents.push(args);
  };
  const errorHandler = (err: unknown) => {
    const p = unconsumedPromises.shift();
    if (p) p.reject(err); else error = err;
    void iterator.return!();
  };
  const abortListener = () => errorHandler(new AbortError(undefined, { cause: signal?.reason }));
  const closeHandler = () => {
    finished = true;
    removeAll();
    for (const p of unconsumedPromises.splice(0)) p.resolve({ value: undefined as unknown as unknown[], done: true });
  };
  const removeAll = () => {
    agnosticRemove(emitter, event, eventHandler);
    if (event !== 'error' && typeof emitter.removeListener === 'function') emitter.removeListener('error', errorHandler);
    if (signal) agnosticRemove(signal, 'abort', abortListener);
    for (const name of options?.close ?? []) agnosticRemove(emitter, name, closeHandler);
  };

  const iterator: AsyncIterableIterator<unknown[]> = {
    next(): Promise<IteratorResult<unknown[]>> {
      const value = unconsumedEvents.shift();
      if (value) return Promise.resolve({ value, done: false });
      if (error) {
        const p = Promise.reject(error);
        error = null;
        return p;
      }
      if (finished) return Promise.resolve({ value: undefined as unknown as unknown[], done: true });
      return new Promise((resolve, reject) => unconsumedPromises.push({ resolve, reject }));
    },
    return(): Promise<IteratorResult<unknown[]>> {
      closeHandler();
      return Promise.resolve({ value: undefined as unknown as unknown[], done: true });
    },
    throw(err: unknown): Promise<IteratorResult<unknown[]>> {
      if (!err || !(err instanceof Error)) throw invalidArgType('EventEmitter.AsyncIterator', 'Error', err);
      error = err;
      removeAll();
      return Promise.reject(err);
    },
    [Symbol.asyncIterator]() { return this; },
  };
  agnosticAdd(emitter, event, eventHandler, false);
  if (event !== 'error' && typeof emitter.on === 'function') emitter.on('error', errorHandler);
  for (const name of options?.close ?? []) agnosticAdd(emitter, name, closeHandler, false);
  if (signal) agnosticAdd(signal, 'abort', abortListener, true);
  return iterator;
}

export function getEventListeners(emitterOrTarget: unknown, type: string | symbol): Listener[] {
  if (emitterOrTarget instanceof EventEmitter || typeof (emitterOrTarget as EventEmitter)?.listeners === 'function') {
    return (emitterOrTarget as EventEmitter).listeners(type);
  }
  if (emitterOrTarget instanceof EventTarget) return eventTargetListeners(emitterOrTarget, type as string) as Listener[];
  throw invalidArgType('emitter', ['EventEmitter', 'EventTarget'], emitterOrTarget);
}

export function getMaxListeners(emitterOrTarget: unknown): number {
  if (typeof (emitterOrTarget as EventEmitter)?.getMaxListeners === 'function') return getMaxListenersOf(emitterOrTarget as EventEmitter);
  if (isEventTarget(emitterOrTarget)) return (emitterOrTarget as any)[kMaxEventTargetListeners] ?? defaultMaxListeners;
  throw invalidArgType('emitter', ['EventEmitter', 'EventTarget'], emitterOrTarget);
}

export function setMaxListeners(n = defaultMaxListeners, ...eventTargets: unknown[]): void {
  validateNumber(n, 'setMaxListeners', 0);
  if (eventTargets.length === 0) {
    defaultMaxListeners = n;
    return;
  }
  for (const target of eventTargets) {
    if (isEventTarget(target)) {
      (target as any)[kMaxEventTargetListeners] = n;
      (target as any)[kMaxEventTargetListenersWarned] = false;
    } else if (typeof (target as EventEmitter)?.setMaxListeners === 'function') {
      (target as EventEmitter).setMaxListeners(n);
    } else {
      throw invalidArgType('eventTargets', ['EventEmitter', 'EventTarget'], target);
    }
  }
}

export function addAbortListener(signal: AbortSignal, listener: (e?: Event) => void): { [key: symbol]: () => void } {
  if (signal === undefined) throw invalidArgType('signal', 'AbortSignal', signal);
  validateAbortSignal(signal, 'signal');
  validateFunction(listener, 'listener');
  let removeEventListener: (() => void) | undefined;
  if (signal.aborted) {
    Promise.resolve().then(() => listener());
  } else {
    signal.addEventListener('abort', listener as () => void, { once: true });
    removeEventListener = () => signal.removeEventListener('abort', listener as () => void);
  }
  return { [(Symbol as unknown as { dispose: symbol }).dispose]() { removeEventListener?.(); } };
}

/** Node's EventEmitterAsyncResource without async_hooks: the asyncResource is a plain stub. */
export class EventEmitterAsyncResource extends (EventEmitter as unknown as new (opts?: object) => EventEmitter) {
  #resource: { type: string; eventEmitter: EventEmitterAsyncResource; emitDestroy(): void; asyncId(): number; triggerAsyncId(): number };
  constructor(options: { name?: string; captureRejections?: boolean } | string = {}) {
    const opts = typeof options === 'string' ? { name: options } : options;
    super(opts);
    const self = this;
    this.#resource = { type: opts.name ?? new.target.name, eventEmitter: self, emitDestroy() {}, asyncId: () => 0, triggerAsyncId: () => 0 };
  }
  get asyncResource() { return this.#resource; }
  get asyncId() { return 0; }
  get triggerAsyncId() { return 0; }
  emitDestroy(): void {}
}

Object.defineProperty(EventEmitterAsyncResource, 'name', { value: 'EventEmitterAsyncResource' });

Object.defineProperties(EventEmitter, {
  EventEmitter: { value: EventEmitter, enumerable: true, writable: true, configurable: true },
  usingDomains: { value: false, enumerable: true, writable: true, configurable: true },
  captureRejectionSymbol: { value: kRejection, enumerable: true, writable: false, configurable: true },
  errorMonitor: { value: kErrorMonitor, enumerable: true, writable: false, configurable: true },
  kMaxEventTargetListeners: { value: kMaxEventTargetListeners, enumerable: false, writable: false, configurable: false },
  kMaxEventTargetListenersWarned: { value: kMaxEventTargetListenersWarned, enumerable: false, writable: false, configurable: false },
  captureRejections: {
    get() { return proto[kCapture]; },
    set(value: unknown) {
      validateBoolean(value, 'EventEmitter.captureRejections');
      proto[kCapture] = value;
    },
    enumerable: true, configurable: true,
  },
  defaultMaxListeners: {
    get() { return defaultMaxListeners; },
    set(arg: unknown) {
      validateNumber(arg, 'defaultMaxListeners', 0);
      defaultMaxListeners = arg;
    },
    enumerable: true, configurable: true,
  },
});
const statics: Record<string, unknown> = { addAbortListener, once, on, getEventListeners, getMaxListeners, EventEmitterAsyncResource, setMaxListeners };
for (const key of Object.keys(statics)) Object.defineProperty(EventEmitter, key, { value: statics[key], enumerable: true, writable: true, configurable: true });
EventEmitter.listenerCount = function (emitter: EventEmitter, type: string | symbol) {
  if (typeof emitter.listenerCount === 'function') return emitter.listenerCount(type);
  return listenerCount.call(emitter, type);
};

export const errorMonitor = kErrorMonitor;
export const captureRejectionSymbol = kRejection;
export default EventEmitter;
