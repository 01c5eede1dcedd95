// node:timers and node:timers/promises over the runtime's Timers (internal/timers.ts), with Node's
// argument validation. The same functions are the global setTimeout & co.
import { codes } from '../core/errors';
import { Immediate, Timeout, type Timers } from './internal/timers';

function validateCallback(cb: unknown): asserts cb is (...args: unknown[]) => void {
  if (typeof cb !== 'function') throw new codes.ERR_INVALID_ARG_TYPE('callback', 'Function', cb);
}

export interface TimersModule {
  setTimeout(cb: (...args: any[]) => void, ms?: number, ...args: unknown[]): Timeout;
  clearTimeout(t: unknown): void;
  setInterval(cb: (...args: any[]) => void, ms?: number, ...args: unknown[]): Timeout;
  clearInterval(t: unknown): void;
  setImmediate(cb: (...args: any[]) => void, ...args: unknown[]): Immediate;
  clearImmediate(t: unknown): void;
  promises: Record<string, unknown>;
  [k: string]: unknown;
}

export function createTimersModule(timers: Timers): TimersModule {
  function setTimeout(cb: unknown, ms?: unknown, ...args: unknown[]): Timeout {
    validateCallback(cb);
    return timers.add(cb, ms, args.length ? args : undefined, false);
  }
  function setInterval(cb: unknown, ms?: unknown, ...args: unknown[]): Timeout {
    validateCallback(cb);
    return timers.add(cb, ms, args.length ? args : undefined, true);
  }
  function clearTimeout(t: unknown): void {
    timers.clear(t);
  }
  function setImmediate(cb: unknown, ...args: unknown[]): Immediate {
    validateCallback(cb);
    return new Immediate(timers, cb, args.length ? args : undefined);
  }
  function clearImmediate(t: unknown): void {
    timers.clearImmediate(t);
  }
  const promises = createTimersPromises(setTimeout as any, clearTimeout, setImmediate as any, clearImmediate);
  // util.promisify(setTimeout) and util.promisify(setImmediate) are the timers/promises versions.
  const custom = Symbol.for('nodejs.util.promisify.custom');
  Object.defineProperty(setTimeout, custom, { value: promises.setTimeout, writable: true, configurable: true, enumerable: false });
  Object.defineProperty(setImmediate, custom, { value: promises.setImmediate, writable: true, configurable: true, enumerable: false });
  const mod: TimersModule = {
    setTimeout: setTimeout as TimersModule['setTimeout'],
    clearTimeout,
    setInterval: setInterval as TimersModule['setInterval'],
    clearInterval: clearTimeout,
    setImmediate: setImmediate as TimersModule['setImmediate'],
    clearImmediate,
    promises,
    // Legacy APIs Node still exports.
    active: (t: Timeout) => t.refresh?.(),
    _unrefActive: (t: Timeout) => t.refresh?.(),
    unenroll: (t: Timeout) => clearTimeout(t),
    enroll: () => {
      throw new codes.ERR_NOT_SUPPORTED_ON_NEPHOS('timers.enroll');
    },
  };
  return mod;
}

interface AbortLike {
  aborted: boolean;
  reason: unknown;
  addEventListener(type: string, fn: () => void, opts?: object): void;
  removeEventListener(type: string, fn: () => void): void;
}

function abortError(reason: unknown): Error {
  const err = new Error('The operation was aborted') as Error & { code: string; cause?: unknown };
  err.name = 'AbortError';
  err.code = 'ABORT_ERR';
  if (reason !== undefined) err.cause = reason;
  return err;
}

function validateOptions(options: unknown): { signal?: AbortLike; ref: boolean } {
  if (options === undefined) return { ref: true };
  if (typeof options !== 'object' || options === null) throw new codes.ERR_INVALID_ARG_TYPE('options', 'Object', options);
  const o = options as { signal?: unknown; ref?: unknown };
  if (o.signal !== undefined && (typeof o.signal !== 'object' || o.signal === null || !('aborted' in o.signal))) {
    throw new codes.ERR_INVALID_ARG_TYPE('options.signal', 'AbortSignal', o.signal);
  }
  if (o.ref !== undefined && typeof o.ref !== 'boolean') throw new codes.ERR_INVALID_ARG_TYPE('options.ref', 'boolean', o.ref);
  return { signal: o.signal as AbortLike | undefined, ref: o.ref !== false };
}

function createTimersPromises(
  setTimeout: (cb: () => void, ms: unknown) => Timeout,
  clearTimeout: (t: unknown) => void,
  setImmediate: (cb: () => void) => Immediate,
  clearImmediate: (t: unknown) => void,
): Record<string, unknown> {
  function delay<T>(ms?: unknown, value?: T, options?: unknown): Promise<T> {
    let opts: ReturnType<typeof validateOptions>;
    try {
      opts = validateOptions(options);
    } catch (err) {
      return Promise.reject(err);
    }
    const { signal, ref } = opts;
    if (signal?.aborted) return Promise.reject(abortError(signal.reason));
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => {
        clearTimeout(t);
        reject(abortError(signal!.reason));
      };
      const t = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve(value as T);
      }, ms);
      if (!ref) t.unref();
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }
  function immediate<T>(value?: T, options?: unknown): Promise<T> {
    let opts: ReturnType<typeof validateOptions>;
    try {
      opts = validateOptions(options);
    } catch (err) {
      return Promise.reject(err);
    }
    const { signal, ref } = opts;
    if (signal?.aborted) return Promise.reject(abortError(signal.reason));
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => {
        clearImmediate(i);
        reject(abortError(signal!.reason));
      };
      const i = setImmediate(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve(value as T);
      });
      if (!ref) i.unref();
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }
  async function* interval<T>(ms?: unknown, value?: T, options?: unknown): AsyncGenerator<T> {
    const { signal, ref } = validateOptions(options);
    if (signal?.aborted) throw abortError(signal.reason);
    let pending = 0;
    let wake: (() => void) | null = null;
    const t = setTimeout(function tick() {
      pending++;
      wake?.();
      wake = null;
    }, ms);
    // Repeat: re-arm on each tick like setInterval.
    (t as any)._repeat = (t as any)._idleTimeout;
    if (!ref) t.unref();
    let aborted = false;
    const onAbort = () => {
      aborted = true;
      wake?.();
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      for (;;) {
        if (aborted) throw abortError(signal!.reason);
        if (pending === 0) await new Promise<void>((r) => (wake = r));
        if (aborted) throw abortError(signal!.reason);
        while (pending > 0) {
          pending--;
          yield value as T;
        }
      }
    } finally {
      clearTimeout(t);
      signal?.removeEventListener('abort', onAbort);
    }
  }
  const scheduler = {
    wait: (ms: number, options?: unknown) => delay(ms, undefined, options),
    yield: () => immediate(),
  };
  return { setTimeout: delay, setImmediate: immediate, setInterval: interval, scheduler };
}
