// node:diagnostics_channel (Node 20's lib/diagnostics_channel.js): named channels with
// subscribers, bound AsyncLocalStorage stores (bindStore/runStores) and TracingChannel
// (traceSync, tracePromise, traceCallback over the start/end/asyncStart/asyncEnd/error channels).
// A channel without subscribers or stores is "inactive" (its prototype says so, as in Node, so
// publish() costs nothing). A subscriber that throws does not stop the others: the error is
// rethrown from a nextTick, as an uncaught exception.
//
// Difference: Node holds channels weakly (WeakRef); the engine has no WeakRef, so a channel
// object lives as long as the program (one small object per name used).
import { invalidArgType, validateFunction } from './internal/validators';

type Subscriber = (message: unknown, name: string | symbol) => void;
interface Store {
  run(store: unknown, fn: () => unknown): unknown;
}

const channels = new Map<string | symbol, Channel>();

function rethrowLater(err: unknown): void {
  (globalThis as any).process.nextTick(() => {
    throw err;
  });
}

const defaultTransform = (data: unknown) => data;

function wrapStoreRun(store: Store, data: unknown, next: () => unknown, transform: (d: unknown) => unknown = defaultTransform) {
  return () => {
    let newStore: unknown;
    try {
      newStore = transform(data);
    } catch (err) {
      rethrowLater(err);
      return next();
    }
    return store.run(newStore, next);
  };
}

class ActiveChannel {
  _subscribers!: Subscriber[];
  _stores!: Map<Store, ((d: unknown) => unknown) | undefined>;
  name!: string | symbol;

  subscribe(subscription: Subscriber): void {
    validateFunction(subscription, 'subscription');
    // Copy on write: a publish() in progress keeps iterating the old list.
    this._subscribers = [...this._subscribers, subscription];
  }

  unsubscribe(subscription: Subscriber): boolean {
    const index = this._subscribers.indexOf(subscription);
    if (index === -1) return false;
    this._subscribers = [...this._subscribers.slice(0, index), ...this._subscribers.slice(index + 1)];
    maybeMarkInactive(this);
    return true;
  }

  bindStore(store: Store, transform?: (d: unknown) => unknown): void {
    this._stores.set(store, transform);
  }

  unbindStore(store: Store): boolean {
    if (!this._stores.has(store)) return false;
    this._stores.delete(store);
    maybeMarkInactive(this);
    return true;
  }

  get hasSubscribers(): boolean {
    return true;
  }

  publish(data: unknown): void {
    const subscribers = this._subscribers;
    for (let i = 0; i < (subscribers?.length || 0); i++) {
      try {
        subscribers[i](data, this.name);
      } catch (err) {
        rethrowLater(err);
      }
    }
  }

  runStores(data: unknown, fn: (...args: any[]) => unknown, thisArg?: unknown, ...args: unknown[]): unknown {
    let run = () => {
      this.publish(data);
      return fn.apply(thisArg, args);
    };
    for (const [store, transform] of this._stores) run = wrapStoreRun(store, data, run, transform);
    return run();
  }
}

export class Channel {
  _subscribers: Subscriber[] | undefined;
  _stores: Map<Store, ((d: unknown) => unknown) | undefined> | undefined;
  name: string | symbol;

  constructor(name: string | symbol) {
    this._subscribers = undefined;
    this._stores = undefined;
    this.name = name;
    channels.set(name, this);
  }

  static [Symbol.hasInstance](instance: unknown): boolean {
    if (instance === null || (typeof instance !== 'object' && typeof instance !== 'function')) return false;
    const prototype = Object.getPrototypeOf(instance);
    return prototype === Channel.prototype || prototype === ActiveChannel.prototype;
  }

  subscribe(subscription: Subscriber): void {
    markActive(this);
    (this as unknown as ActiveChannel).subscribe(subscription);
  }

  unsubscribe(_subscription?: Subscriber): boolean {
    return false;
  }

  bindStore(store: Store, transform?: (d: unknown) => unknown): void {
    markActive(this);
    (this as unknown as ActiveChannel).bindStore(store, transform);
  }

  unbindStore(_store?: Store): boolean {
    return false;
  }

  get hasSubscribers(): boolean {
    return false;
  }

  publish(_data?: unknown): void {}

  runStores(_data: unknown, fn: (...args: any[]) => unknown, thisArg?: unknown, ...args: unknown[]): unknown {
    return fn.apply(thisArg, args);
  }
}

function markActive(channel: Channel): void {
  Object.setPrototypeOf(channel, ActiveChannel.prototype);
  channel._subscribers = [];
  channel._stores = new Map();
}

function maybeMarkInactive(channel: ActiveChannel): void {
  if (!channel._subscribers.length && !channel._stores.size) {
    Object.setPrototypeOf(channel, Channel.prototype);
    (channel as unknown as Channel)._subscribers = undefined;
    (channel as unknown as Channel)._stores = undefined;
  }
}

export function channel(name: string | symbol): Channel {
  const existing = channels.get(name);
  if (existing) return existing;
  if (typeof name !== 'string' && typeof name !== 'symbol') throw invalidArgType('channel', ['string', 'symbol'], name);
  return new Channel(name);
}

export function subscribe(name: string | symbol, subscription: Subscriber): void {
  channel(name).subscribe(subscription);
}

export function unsubscribe(name: string | symbol, subscription: Subscriber): boolean {
  return channel(name).unsubscribe(subscription);
}

export function hasSubscribers(name: string | symbol): boolean {
  const c = channels.get(name);
  return c ? c.hasSubscribers : false;
}

const traceEvents = ['start', 'end', 'asyncStart', 'asyncEnd', 'error'] as const;
type TraceEvent = (typeof traceEvents)[number];

function tracingChannelFrom(nameOrChannels: unknown, name: TraceEvent): Channel {
  if (typeof nameOrChannels === 'string') return channel(`tracing:${nameOrChannels}:${name}`);
  if (typeof nameOrChannels === 'object' && nameOrChannels !== null) {
    const c = (nameOrChannels as Record<string, unknown>)[name];
    if (!(c instanceof Channel)) throw invalidArgType(`nameOrChannels.${name}`, ['Channel'], c);
    return c;
  }
  throw invalidArgType('nameOrChannels', ['string', 'object', 'TracingChannel'], nameOrChannels);
}

type Context = Record<string, unknown>;

export class TracingChannel {
  declare readonly start: Channel;
  declare readonly end: Channel;
  declare readonly asyncStart: Channel;
  declare readonly asyncEnd: Channel;
  declare readonly error: Channel;

  constructor(nameOrChannels: unknown) {
    for (const eventName of traceEvents) {
      Object.defineProperty(this, eventName, { value: tracingChannelFrom(nameOrChannels, eventName) });
    }
  }

  get hasSubscribers(): boolean {
    return this.start.hasSubscribers || this.end.hasSubscribers || this.asyncStart.hasSubscribers ||
      this.asyncEnd.hasSubscribers || this.error.hasSubscribers;
  }

  subscribe(handlers: Partial<Record<TraceEvent, Subscriber>>): void {
    for (const name of traceEvents) {
      if (!handlers[name]) continue;
      this[name]?.subscribe(handlers[name]!);
    }
  }

  unsubscribe(handlers: Partial<Record<TraceEvent, Subscriber>>): boolean {
    let done = true;
    for (const name of traceEvents) {
      if (!handlers[name]) continue;
      if (!this[name]?.unsubscribe(handlers[name]!)) done = false;
    }
    return done;
  }

  traceSync<R>(fn: (...args: any[]) => R, context: Context = {}, thisArg?: unknown, ...args: unknown[]): R {
    if (!this.hasSubscribers) return fn.apply(thisArg, args);
    const { start, end, error } = this;
    return start.runStores(context, () => {
      try {
        const result = fn.apply(thisArg, args);
        context.result = result;
        return result;
      } catch (err) {
        context.error = err;
        error.publish(context);
        throw err;
      } finally {
        end.publish(context);
      }
    }) as R;
  }

  tracePromise(fn: (...args: any[]) => unknown, context: Context = {}, thisArg?: unknown, ...args: unknown[]): unknown {
    if (!this.hasSubscribers) return fn.apply(thisArg, args);
    const { start, end, asyncStart, asyncEnd, error } = this;
    function reject(err: unknown) {
      context.error = err;
      error.publish(context);
      asyncStart.publish(context);
      asyncEnd.publish(context);
      return Promise.reject(err);
    }
    function resolve(result: unknown) {
      context.result = result;
      asyncStart.publish(context);
      asyncEnd.publish(context);
      return result;
    }
    return start.runStores(context, () => {
      try {
        let promise = fn.apply(thisArg, args) as Promise<unknown>;
        // Thenables become native promises.
        if (!(promise instanceof Promise)) promise = Promise.resolve(promise);
        return promise.then(resolve, reject);
      } catch (err) {
        context.error = err;
        error.publish(context);
        throw err;
      } finally {
        end.publish(context);
      }
    });
  }

  traceCallback(fn: (...args: any[]) => unknown, position = -1, context: Context = {}, thisArg?: unknown, ...args: unknown[]): unknown {
    if (!this.hasSubscribers) return fn.apply(thisArg, args);
    const { start, end, asyncStart, asyncEnd, error } = this;
    const index = position < 0 ? args.length + position : position;
    const callback = args[index] as (...a: unknown[]) => unknown;
    validateFunction(callback, 'callback');
    function wrappedCallback(this: unknown, err: unknown, res: unknown) {
      if (err) {
        context.error = err;
        error.publish(context);
      } else {
        context.result = res;
      }
      // runStores lets a subscriber restore the context for the continuation.
      // eslint-disable-next-line prefer-rest-params
      const callArgs = arguments;
      asyncStart.runStores(context, () => {
        try {
          return callback.apply(this, callArgs as unknown as unknown[]);
        } finally {
          asyncEnd.publish(context);
        }
      });
    }
    args.splice(index, 1, wrappedCallback);
    return start.runStores(context, () => {
      try {
        return fn.apply(thisArg, args);
      } catch (err) {
        context.error = err;
        error.publish(context);
        throw err;
      } finally {
        end.publish(context);
      }
    });
  }
}

export function tracingChannel(nameOrChannels: unknown): TracingChannel {
  return new TracingChannel(nameOrChannels);
}

const diagnosticsChannel = { channel, hasSubscribers, subscribe, tracingChannel, unsubscribe, Channel };
export default diagnosticsChannel;
