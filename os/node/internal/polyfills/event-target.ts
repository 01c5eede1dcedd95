// Event, CustomEvent and EventTarget as Node 20 has them (lib/internal/event_target.js): the DOM
// Standard's interfaces (https://dom.spec.whatwg.org/#interface-event, #interface-eventtarget)
// without a tree, so there is no capture or bubbling phase: an event is dispatched to its one target,
// eventPhase is AT_TARGET (2) while dispatching and NONE (0) otherwise.
//
// What Node adds and we keep: listeners may return a promise whose rejection is reported like a
// thrown error; an exception in a listener does not stop the dispatch but is reported afterwards as
// an uncaught exception (the `reportError` hook, which the runtime wires to its uncaught-exception
// path); `addEventListener(type, null)` warns instead of throwing.
//
// The clock for `timeStamp` (Node: performance.now()) and the error/warning sinks are injected with
// configureEventTarget() so this module touches no OS global at load time.

import { codes } from '../../../core/errors';

export interface EventTargetHooks {
  /** Milliseconds since the time origin (performance.now()). */
  now: () => number;
  /** Reports an exception thrown by a listener, after the dispatch (Node: process 'uncaughtException'). */
  reportError: (err: unknown) => void;
  /** Emits a process warning (Node: process.emitWarning(message, type)). */
  emitWarning: (message: string, type: string) => void;
}

const hooks: EventTargetHooks = {
  now: () => 0,
  reportError: (err) => { Promise.resolve().then(() => { throw err; }); },
  emitWarning: () => {},
};

export function configureEventTarget(h: Partial<EventTargetHooks>): void {
  if (h.now) hooks.now = h.now;
  if (h.reportError) hooks.reportError = h.reportError;
  if (h.emitWarning) hooks.emitWarning = h.emitWarning;
}

const customInspect = Symbol.for('nodejs.util.inspect.custom');
type InspectFn = (value: unknown, options: object) => string;
interface InspectOptions { depth?: number | null }

function inspectWith(name: string, shown: object, depth: number, options: InspectOptions, inspect: InspectFn): string {
  if (depth < 0) return name;
  const opts = Object.assign({}, options, { depth: typeof options.depth === 'number' ? options.depth - 1 : options.depth });
  return `${name} ${inspect(shown, opts)}`;
}

export const kTrusted = Symbol('kTrusted');

export class Event {
  #type: string;
  #cancelable: boolean;
  #bubbles: boolean;
  #composed: boolean;
  #defaultPrevented = false;
  #timestamp: number;
  #stopImmediate = false;
  #propagationStopped = false;
  #target: EventTarget | null = null;
  #dispatching = false;
  #trusted: boolean;

  static readonly NONE = 0;
  static readonly CAPTURING_PHASE = 1;
  static readonly AT_TARGET = 2;
  static readonly BUBBLING_PHASE = 3;

  constructor(type: string, options: EventInit | null = null) {
    if (arguments.length === 0) throw new codes.ERR_MISSING_ARGS('type');
    if (options != null && typeof options !== 'object') throw new codes.ERR_INVALID_ARG_TYPE('options', 'object', options);
    this.#type = `${type}`;
    this.#cancelable = !!options?.cancelable;
    this.#bubbles = !!options?.bubbles;
    this.#composed = !!options?.composed;
    this.#trusted = !!(options as { [kTrusted]?: boolean } | null)?.[kTrusted];
    this.#timestamp = hooks.now();
  }

  [customInspect](depth: number, options: InspectOptions, inspect: InspectFn): string {
    return inspectWith(this.constructor.name, {
      type: this.#type,
      defaultPrevented: this.#defaultPrevented,
      cancelable: this.#cancelable,
      timeStamp: this.#timestamp,
    }, depth, options, inspect);
  }

  initEvent(type: string, bubbles = false, cancelable = false): void {
    if (arguments.length === 0) throw new codes.ERR_MISSING_ARGS('type');
    if (this.#dispatching) return;
    this.#type = `${type}`;
    this.#bubbles = !!bubbles;
    this.#cancelable = !!cancelable;
  }

  stopImmediatePropagation(): void { this.#stopImmediate = true; this.#propagationStopped = true; }
  preventDefault(): void { this.#defaultPrevented = true; }
  get target(): EventTarget | null { return this.#target; }
  get currentTarget(): EventTarget | null { return this.#dispatching ? this.#target : null; }
  get srcElement(): EventTarget | null { return this.#target; }
  get type(): string { return this.#type; }
  get cancelable(): boolean { return this.#cancelable; }
  get defaultPrevented(): boolean { return this.#cancelable && this.#defaultPrevented; }
  get timeStamp(): number { return this.#timestamp; }
  composedPath(): EventTarget[] { return this.#dispatching && this.#target ? [this.#target] : []; }
  get returnValue(): boolean { return !this.defaultPrevented; }
  get bubbles(): boolean { return this.#bubbles; }
  get composed(): boolean { return this.#composed; }
  get eventPhase(): number { return this.#dispatching ? Event.AT_TARGET : Event.NONE; }
  get cancelBubble(): boolean { return this.#propagationStopped; }
  set cancelBubble(value: boolean) { if (value) this.#propagationStopped = true; }
  stopPropagation(): void { this.#propagationStopped = true; }
  get isTrusted(): boolean { return this.#trusted; }

  // Dispatch bookkeeping, reachable only through the functions below (not part of the API).
  static _begin(e: Event, target: EventTarget): boolean {
    if (e.#dispatching) return false;
    e.#dispatching = true;
    e.#target = target;
    return true;
  }
  static _end(e: Event): void { e.#dispatching = false; }
  static _stopped(e: Event): boolean { return e.#stopImmediate; }
}
Object.defineProperty(Event, 'name', { value: 'Event' }); // stable under bundler renaming and minification
Object.defineProperty(Event.prototype, Symbol.toStringTag, { value: 'Event', writable: false, enumerable: false, configurable: true });
const beginDispatch = Event._begin;
const endDispatch = Event._end;
const immediateStopped = Event._stopped;
delete (Event as { _begin?: unknown })._begin;
delete (Event as { _end?: unknown })._end;
delete (Event as { _stopped?: unknown })._stopped;

export interface EventInit { bubbles?: boolean; cancelable?: boolean; composed?: boolean }

export class CustomEvent<T = unknown> extends Event {
  #detail: T | null;
  constructor(type: string, options: (EventInit & { detail?: T }) | null = null) {
    if (arguments.length === 0) throw new codes.ERR_MISSING_ARGS('type');
    super(type, options);
    this.#detail = options?.detail ?? null;
  }
  get detail(): T | null { return this.#detail; }
}
Object.defineProperty(CustomEvent, 'name', { value: 'CustomEvent' }); // stable under bundler renaming and minification
Object.defineProperty(CustomEvent.prototype, Symbol.toStringTag, { value: 'CustomEvent', writable: false, enumerable: false, configurable: true });

type Listener = ((this: EventTarget, e: Event) => unknown) | { handleEvent(e: Event): unknown };
interface Entry { listener: Listener; capture: boolean; once: boolean; passive: boolean; removed: boolean; signalCleanup?: () => void }
export interface AddEventListenerOptions { once?: boolean; capture?: boolean; passive?: boolean; signal?: { aborted: boolean; addEventListener: Function; removeEventListener: Function } }

function validateListener(listener: unknown): boolean {
  if (typeof listener === 'function' || (listener !== null && typeof listener === 'object')) return true;
  if (listener == null) return false;
  throw new codes.ERR_INVALID_ARG_TYPE('listener', 'EventListener', listener);
}

function normaliseOptions(options: unknown): AddEventListenerOptions {
  if (typeof options === 'boolean') return { capture: options };
  if (options === undefined) return {};
  if (options === null || typeof options !== 'object') throw new codes.ERR_INVALID_ARG_TYPE('options', 'object', options);
  return options as AddEventListenerOptions;
}

export class EventTarget {
  #listeners = new Map<string, Entry[]>();

  [customInspect](depth: number, options: InspectOptions, inspect: InspectFn): string {
    return inspectWith(this.constructor.name, {}, depth, options, inspect);
  }

  addEventListener(type: string, listener: Listener | null, options?: boolean | AddEventListenerOptions): void {
    if (arguments.length < 2) throw new codes.ERR_MISSING_ARGS('type', 'listener');
    const opts = normaliseOptions(options);
    if (!validateListener(listener)) {
      hooks.emitWarning(`addEventListener called with ${listener} which has no effect.`, 'AddEventListenerArgumentTypeWarning');
      return;
    }
    const signal = opts.signal;
    if (signal?.aborted) return;
    type = String(type);
    const capture = !!opts.capture;
    let list = this.#listeners.get(type);
    if (!list) this.#listeners.set(type, list = []);
    for (const e of list) if (e.listener === listener && e.capture === capture) return; // duplicate: ignored
    const entry: Entry = { listener: listener!, capture, once: !!opts.once, passive: !!opts.passive, removed: false };
    list.push(entry);
    if (signal) {
      const onAbort = () => this.removeEventListener(type, listener, { capture });
      signal.addEventListener('abort', onAbort, { once: true });
      entry.signalCleanup = () => signal.removeEventListener('abort', onAbort);
    }
  }

  removeEventListener(type: string, listener: Listener | null, options?: boolean | { capture?: boolean }): void {
    if (arguments.length < 2) throw new codes.ERR_MISSING_ARGS('type', 'listener');
    if (!validateListener(listener)) return;
    const capture = !!normaliseOptions(options).capture;
    type = String(type);
    const list = this.#listeners.get(type);
    if (!list) return;
    for (let i = 0; i < list.length; i++) {
      const e = list[i];
      if (e.listener === listener && e.capture === capture) {
        e.removed = true;
        e.signalCleanup?.();
        list.splice(i, 1);
        if (list.length === 0) this.#listeners.delete(type);
        return;
      }
    }
  }

  dispatchEvent(event: Event): boolean {
    if (!(event instanceof Event)) throw new codes.ERR_INVALID_ARG_TYPE('event', 'Event', event);
    if (!beginDispatch(event, this)) throw new codes.ERR_EVENT_RECURSION(event.type);
    try {
      const list = this.#listeners.get(event.type);
      if (list) {
        for (const entry of list.slice()) {
          if (entry.removed) continue;
          if (immediateStopped(event)) break;
          if (entry.once) this.removeEventListener(event.type, entry.listener, { capture: entry.capture });
          this.#call(entry, event);
        }
      }
    } finally {
      endDispatch(event);
    }
    return !event.defaultPrevented;
  }

  #call(entry: Entry, event: Event): void {
    try {
      const l = entry.listener;
      const result = typeof l === 'function' ? l.call(this, event) : l.handleEvent(event);
      if (result != null && typeof (result as { then?: unknown }).then === 'function') {
        (result as PromiseLike<unknown>).then(undefined, (err) => hooks.reportError(err));
      }
    } catch (err) {
      hooks.reportError(err);
    }
  }

  /** Node-internal helper (NodeEventTarget.listenerCount), used by events.getEventListeners. */
  static listenersOf(target: EventTarget, type: string): Listener[] {
    return (target.#listeners.get(String(type)) ?? []).map((e) => e.listener);
  }
}
Object.defineProperty(EventTarget, 'name', { value: 'EventTarget' }); // stable under bundler renaming and minification
Object.defineProperty(EventTarget.prototype, Symbol.toStringTag, { value: 'EventTarget', writable: false, enumerable: false, configurable: true });
const listenersOf = EventTarget.listenersOf;
delete (EventTarget as { listenersOf?: unknown }).listenersOf;

/** The listeners registered on an EventTarget for `type` (events.getEventListeners uses it). */
export function eventTargetListeners(target: EventTarget, type: string): Listener[] {
  return listenersOf(target, type);
}
