// installPolyfills(global): everything a Node program expects of the JavaScript environment that
// QuickJS 2021-03-27 does not have, installed once, before any application code runs.
//
// Order matters:
//   1. V8's stack-trace API on the engine's own Error (stack-trace.ts), before core-js loads,
//      because core-js's Error-cause wrapper captures Error.captureStackTrace at load time;
//   2. core-js's missing built-ins (core-js.ts), and V8's JSON.parse error messages
//      (json-errors.ts);
//   3. the web-platform globals Node 20 has that are pure JavaScript: DOMException, Event,
//      EventTarget, CustomEvent, AbortController, AbortSignal, atob, btoa, TextEncoder, TextDecoder,
//      URL, URLSearchParams, structuredClone (after DOMException, which it uses), and `global`;
//   4. WeakRef and FinalizationRegistry holding their targets strongly (weak-refs.ts), the zone
//      name at the end of Date#toString (Nephos's clock is UTC), V8's "URI malformed".
// Globals tied to the OS (process, Buffer, console, timers, queueMicrotask, performance) are the
// runtime's to install; the hooks below let it wire what these polyfills need from it later.
//
// Engine-made errors (a TypeError thrown by `null.x`) keep the engine's header-less stack;
// Error.prototype[util.inspect.custom] repairs such a stack to V8's shape the first time the error
// is inspected (and returns the error itself, so inspect then formats it as usual).

import { installStackTraceApi, wrapErrorConstructors, type StackTraceApi } from './stack-trace';
import '../symbol-dispose';
import { installCoreJs, installStructuredClone } from './core-js';
import { lazyProperties, lazyProperty } from './lazy';
import { ensureUrlGlobals } from './url-globals';
import { DOMException } from './dom-exception';
import { Event, EventTarget, CustomEvent, configureEventTarget, type EventTargetHooks } from './event-target';
import { AbortController, AbortSignal, configureAbortTimers } from './abort';
import { atob, btoa } from './atob';
import { TextEncoder, TextDecoder } from '../encoding';
import { installJsonErrorMessages, jsonErrorsAreV8s } from './json-errors';
import { WeakRef, FinalizationRegistry } from './weak-refs';

export interface PolyfillHooks extends Partial<EventTargetHooks> {
  /** The runtime's setTimeout (its result may have unref()), for AbortSignal.timeout. */
  setTimeout?: (fn: () => void, ms: number) => unknown;
}

let stackApi: StackTraceApi | null = null;

/** Repairs an engine-made error's stack to V8's shape (for the runtime's uncaught-error printer). */
export function repairErrorStack(err: unknown): void {
  stackApi?.repairStack(err);
}

/** Wires hooks the runtime can only provide after it has started (clock, timers, error sinks). */
export function configurePolyfills(hooks: PolyfillHooks): void {
  configureEventTarget(hooks);
  if (hooks.setTimeout) configureAbortTimers(hooks.setTimeout as (fn: () => void, ms: number) => undefined);
}

function define(global: Record<string, unknown>, name: string, value: unknown): void {
  if (name in global) return; // the engine (or host Node) has its own
  Object.defineProperty(global, name, { value, writable: true, configurable: true, enumerable: false });
}

/**
 * V8 ends Date#toString() and #toTimeString() with the zone's name, "GMT+0000 (Coordinated
 * Universal Time)"; the engine stops at the offset. Nephos's clock is UTC, the one zone named here.
 */
function installDateZoneName(DateCtor: DateConstructor): void {
  const proto = DateCtor.prototype as unknown as Record<string, unknown>;
  if (new DateCtor(0).toString().includes('(')) return; // the engine names zones (V8)
  for (const name of ['toString', 'toTimeString']) {
    const original = proto[name] as (this: Date) => string;
    const named = {
      [name](this: Date): string {
        const s = original.call(this);
        return s !== 'Invalid Date' && this.getTimezoneOffset() === 0 ? `${s} (Coordinated Universal Time)` : s;
      },
    }[name];
    Object.defineProperty(proto, name, { value: named, writable: true, configurable: true, enumerable: false });
  }
}

/**
 * V8 words a DataCloneError after the value that cannot be cloned ("() => {} could not be
 * cloned.", "#<WeakMap> could not be cloned."); core-js names its type. The first such value is
 * found in V8's serialisation order (own enumerable properties, array elements, Map and Set
 * entries, depth first).
 */
function wrapStructuredClone(g: Record<string, unknown>): void {
  const original = g.structuredClone as (v: unknown, o?: unknown) => unknown;
  if (typeof original !== 'function') return; // only called after core-js installed its own
  const describe = (v: unknown): string | undefined => {
    const seen = new Set<unknown>();
    const walk = (x: unknown): string | undefined => {
      if (typeof x === 'function') return Function.prototype.toString.call(x);
      if (typeof x === 'symbol') return x.toString();
      if (x === null || typeof x !== 'object' || seen.has(x)) return undefined;
      seen.add(x);
      if (x instanceof WeakMap || x instanceof WeakSet || x instanceof Promise) return `#<${x.constructor.name}>`;
      if (x instanceof Map) {
        for (const [k, val] of x) {
          const r = walk(k) ?? walk(val);
          if (r !== undefined) return r;
        }
        return undefined;
      }
      if (x instanceof Set) {
        for (const val of x) {
          const r = walk(val);
          if (r !== undefined) return r;
        }
        return undefined;
      }
      for (const key of Object.keys(x)) {
        const r = walk((x as Record<string, unknown>)[key]);
        if (r !== undefined) return r;
      }
      return undefined;
    };
    return walk(v);
  };
  const structuredClone = function structuredClone(value: unknown, options?: unknown): unknown {
    try {
      return arguments.length > 1 ? original(value, options) : original(value);
    } catch (err) {
      if ((err as Error)?.name === 'DataCloneError') {
        const what = describe(value);
        if (what !== undefined) {
          try {
            Object.defineProperty(err, 'message', { value: `${what} could not be cloned.`, writable: true, configurable: true, enumerable: false });
          } catch { /* a frozen error keeps core-js's words */ }
        }
      }
      throw err;
    }
  };
  Object.defineProperty(g, 'structuredClone', { value: structuredClone, writable: true, configurable: true, enumerable: false });
}

/** The URI functions' errors read "URI malformed" in V8 ("expecting %" and others here). */
function installUriErrorMessage(g: Record<string, unknown>): void {
  try {
    (g.decodeURIComponent as (s: string) => string)('%');
  } catch (err) {
    if ((err as Error).message === 'URI malformed') return;
  }
  for (const name of ['decodeURI', 'decodeURIComponent', 'encodeURI', 'encodeURIComponent']) {
    const original = g[name] as (s: string) => string;
    const wrapped = {
      [name](s: string): string {
        try {
          return original(s);
        } catch (err) {
          if (err instanceof URIError && err.message !== 'URI malformed') {
            const old = err.message;
            err.message = 'URI malformed';
            const stack = (err as { stack?: unknown }).stack;
            if (typeof stack === 'string' && stack.startsWith(`URIError: ${old}`)) (err as { stack?: string }).stack = `URIError: URI malformed${stack.slice(10 + old.length)}`;
          }
          throw err;
        }
      },
    }[name];
    Object.defineProperty(g, name, { value: wrapped, writable: true, configurable: true, enumerable: false });
  }
}

export function installPolyfills(global: typeof globalThis, hooks: PolyfillHooks = {}): void {
  const g = global as unknown as Record<string, unknown>;
  stackApi = installStackTraceApi(g.Error as ErrorConstructor);
  wrapErrorConstructors(g, stackApi);
  installCoreJs();
  if (!jsonErrorsAreV8s(JSON)) installJsonErrorMessages(JSON);
  define(g, 'global', global);
  define(g, 'DOMException', DOMException);
  define(g, 'Event', Event);
  define(g, 'EventTarget', EventTarget);
  define(g, 'CustomEvent', CustomEvent);
  define(g, 'AbortController', AbortController);
  define(g, 'AbortSignal', AbortSignal);
  define(g, 'atob', atob);
  define(g, 'btoa', btoa);
  define(g, 'TextEncoder', TextEncoder);
  define(g, 'TextDecoder', TextDecoder);
  define(g, 'WeakRef', WeakRef);
  define(g, 'FinalizationRegistry', FinalizationRegistry);
  installDateZoneName(g.Date as DateConstructor);
  installUriErrorMessage(g);
  // Loaded on first use (lazy.ts): the core-js URL and structuredClone are large.
  lazyProperty(g, 'structuredClone', () => {
    installStructuredClone();
    wrapStructuredClone(g);
  });
  lazyProperties(g, ['URL', 'URLSearchParams'], () => ensureUrlGlobals(global));
  configurePolyfills(hooks);

  const inspectCustom = Symbol.for('nodejs.util.inspect.custom');
  const ErrorProto = (g.Error as ErrorConstructor).prototype as unknown as Record<symbol, unknown>;
  if (stackApi.installed && !(inspectCustom in ErrorProto)) {
    const api = stackApi;
    Object.defineProperty(ErrorProto, inspectCustom, {
      value: function repairBeforeInspect(this: unknown) { api.repairStack(this); return this; },
      writable: true, configurable: true, enumerable: false,
    });
  }
}
