// node:async_hooks on Nephos: AsyncLocalStorage and AsyncResource over the async context slot
// (os/core/async-context.ts). The slot holds an immutable Frame: the stores of every
// AsyncLocalStorage that has one here, plus the execution ids AsyncResource scopes set. The
// engine carries the slot through promise reactions (captured at then()/await) and the event loop
// through timers, immediates, nextTick, I/O completions and close callbacks, so a store set by
// run() or enterWith() survives `await`, promise chains, setTimeout, setImmediate, nextTick and
// queueMicrotask, as on Node 20 (whose AsyncLocalStorage is built on promise hooks).
//
// Limits (docs/compat.md): createHook() returns a hook whose callbacks are never called (no
// per-resource init/before/after/destroy events); executionAsyncId()/triggerAsyncId() are 1/0
// outside AsyncResource scopes, and inside one they are that resource's ids (timers and promises
// get no ids of their own); executionAsyncResource() is the current AsyncResource or one
// top-level object. Callbacks of network and device events run in the context that was current
// when the event loop started, unless the layer that emits them binds them (AsyncResource).
import type { AsyncContextSlot } from '../core/async-context';
import { codes } from '../core/errors';
import { invalidArgType, validateFunction } from './internal/validators';

class Frame {
  constructor(
    readonly stores: Map<object, unknown> | null,
    readonly asyncId: number,
    readonly triggerAsyncId: number,
    readonly resource: object | null,
  ) {}
}

const kResourceStore = Symbol('kResourceStore');

export function createAsyncHooks(slot: AsyncContextSlot) {
  let nextAsyncId = 1;
  const topLevelResource = {};
  const current = (): Frame | undefined => {
    const v = slot.get();
    return v instanceof Frame ? v : undefined;
  };

  function withStore(frame: Frame | undefined, key: object, store: unknown, has: boolean): Frame {
    const stores = new Map(frame?.stores ?? undefined);
    if (has) stores.set(key, store);
    else stores.delete(key);
    return new Frame(stores.size ? stores : null, frame?.asyncId ?? 1, frame?.triggerAsyncId ?? 0, frame?.resource ?? null);
  }

  function executionAsyncId(): number {
    return current()?.asyncId ?? 1;
  }

  function triggerAsyncId(): number {
    return current()?.triggerAsyncId ?? 0;
  }

  function executionAsyncResource(): object {
    return current()?.resource ?? topLevelResource;
  }

  class AsyncResource {
    #context: unknown;
    #asyncId: number;
    #triggerAsyncId: number;

    constructor(type: unknown, opts: unknown = {}) {
      if (typeof type !== 'string') throw invalidArgType('type', 'string', type);
      let trigger: unknown = typeof opts === 'number' ? opts : (opts as { triggerAsyncId?: unknown } | null)?.triggerAsyncId;
      if (trigger === undefined) trigger = executionAsyncId();
      if (!Number.isSafeInteger(trigger) || (trigger as number) < -1) throw new codes.ERR_INVALID_ASYNC_ID('triggerAsyncId', trigger);
      this.#context = slot.get();
      this.#asyncId = ++nextAsyncId;
      this.#triggerAsyncId = trigger as number;
    }

    /** Calls fn in the context captured at construction, with this resource's execution ids. */
    runInAsyncScope<R>(fn: (...args: any[]) => R, thisArg?: unknown, ...args: unknown[]): R {
      const saved = slot.get();
      const captured = this.#context instanceof Frame ? this.#context : undefined;
      slot.set(new Frame(captured?.stores ?? null, this.#asyncId, this.#triggerAsyncId, this));
      try {
        return fn.apply(thisArg, args);
      } finally {
        slot.set(saved);
      }
    }

    emitDestroy(): this {
      return this;
    }

    asyncId(): number {
      return this.#asyncId;
    }

    triggerAsyncId(): number {
      return this.#triggerAsyncId;
    }

    bind<F extends (...args: any[]) => any>(fn: F, thisArg?: unknown): F & { asyncResource: AsyncResource } {
      validateFunction(fn, 'fn');
      let bound: Function;
      if (thisArg === undefined) {
        const resource = this;
        bound = function (this: unknown, ...args: unknown[]) {
          return resource.runInAsyncScope(fn, this, ...args);
        };
      } else {
        bound = this.runInAsyncScope.bind(this, fn, thisArg);
      }
      let self: AsyncResource = this;
      Object.defineProperties(bound, {
        length: { configurable: true, enumerable: false, value: fn.length, writable: false },
        asyncResource: { configurable: true, enumerable: true, get: () => self, set: (v: AsyncResource) => { self = v; } },
      });
      return bound as F & { asyncResource: AsyncResource };
    }

    static bind<F extends (...args: any[]) => any>(fn: F, type?: string, thisArg?: unknown) {
      const name = type || fn?.name;
      return new AsyncResource(name || 'bound-anonymous-fn').bind(fn, thisArg);
    }
  }

  class AsyncLocalStorage<T = unknown> {
    kResourceStore = kResourceStore;
    enabled = false;

    static bind<F extends (...args: any[]) => any>(fn: F) {
      return AsyncResource.bind(fn);
    }

    /** A function that runs its argument in the context current now (Node 20 snapshot()). */
    static snapshot() {
      return AsyncResource.bind(function runInAsyncScope(this: unknown, cb: Function, ...args: unknown[]) {
        return cb.apply(this, args);
      });
    }

    disable(): void {
      this.enabled = false;
    }

    getStore(): T | undefined {
      if (!this.enabled) return undefined;
      return current()?.stores?.get(this) as T | undefined;
    }

    enterWith(store: T): void {
      this.enabled = true;
      slot.set(withStore(current(), this, store, true));
    }

    run<R>(store: T, callback: (...args: any[]) => R, ...args: unknown[]): R {
      // Same store already active: no new frame (as Node).
      if (Object.is(store, this.getStore())) return callback.apply(null, args);
      this.enabled = true;
      const saved = slot.get();
      slot.set(withStore(current(), this, store, true));
      try {
        return callback.apply(null, args);
      } finally {
        slot.set(saved);
      }
    }

    /** Runs callback with no store (and so does async work it starts). */
    exit<R>(callback: (...args: any[]) => R, ...args: unknown[]): R {
      if (!this.enabled) return callback.apply(null, args);
      const saved = slot.get();
      slot.set(withStore(current(), this, undefined, false));
      try {
        return callback.apply(null, args);
      } finally {
        slot.set(saved);
      }
    }
  }

  const kHooks = ['init', 'before', 'after', 'destroy', 'promiseResolve'] as const;
  const hookSymbols = kHooks.map((n) => Symbol(n));

  /** createHook's result: accepted and validated, never called (no per-resource events on Nephos). */
  class AsyncHook {
    constructor(callbacks: Record<string, unknown>) {
      kHooks.forEach((name, i) => {
        const fn = callbacks[name];
        if (fn !== undefined && typeof fn !== 'function') throw new codes.ERR_ASYNC_CALLBACK(`hook.${name}`);
        (this as any)[hookSymbols[i]] = fn;
      });
    }
    enable(): this {
      return this;
    }
    disable(): this {
      return this;
    }
  }

  function createHook(callbacks: unknown): AsyncHook {
    return new AsyncHook((callbacks ?? {}) as Record<string, unknown>);
  }

  return {
    AsyncLocalStorage,
    createHook,
    executionAsyncId,
    triggerAsyncId,
    executionAsyncResource,
    asyncWrapProviders: Object.freeze(Object.assign(Object.create(null), PROVIDERS)),
    AsyncResource,
  };
}

// Node 20's asyncWrapProviders (the native resource types).
const PROVIDERS: Record<string, number> = {};
'NONE DIRHANDLE DNSCHANNEL ELDHISTOGRAM FILEHANDLE FILEHANDLECLOSEREQ BLOBREADER FSEVENTWRAP FSREQCALLBACK FSREQPROMISE GETADDRINFOREQWRAP GETNAMEINFOREQWRAP HEAPSNAPSHOT HTTP2SESSION HTTP2STREAM HTTP2PING HTTP2SETTINGS HTTPINCOMINGMESSAGE HTTPCLIENTREQUEST JSSTREAM JSUDPWRAP MESSAGEPORT PIPECONNECTWRAP PIPESERVERWRAP PIPEWRAP PROCESSWRAP PROMISE QUERYWRAP QUIC_LOGSTREAM QUIC_PACKET SHUTDOWNWRAP SIGNALWRAP STATWATCHER STREAMPIPE TCPCONNECTWRAP TCPSERVERWRAP TCPWRAP TTYWRAP UDPSENDWRAP UDPWRAP SIGINTWATCHDOG WORKER WORKERHEAPSNAPSHOT WRITEWRAP ZLIB CHECKPRIMEREQUEST PBKDF2REQUEST KEYPAIRGENREQUEST KEYGENREQUEST KEYEXPORTREQUEST CIPHERREQUEST DERIVEBITSREQUEST HASHREQUEST RANDOMBYTESREQUEST RANDOMPRIMEREQUEST SCRYPTREQUEST SIGNREQUEST TLSWRAP VERIFYREQUEST'
  .split(' ').forEach((name, i) => { PROVIDERS[name] = i; });
