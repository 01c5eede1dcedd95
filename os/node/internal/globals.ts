// The global object a Node program sees: process, console, Buffer, timers, queueMicrotask,
// performance, crypto, structuredClone, URL, TextEncoder, AbortController, ... (the pure ones were
// installed by the polyfills). Globals are configurable and writable, as in Node.
import { Buffer } from 'buffer';
import { codes } from '../../core/errors';
import { lazyProperties } from './polyfills/lazy';
import type { Runtime, RuntimeMachine } from './bootstrap';

export interface RuntimeParts {
  runtime: Runtime;
  machine: RuntimeMachine;
}

let consoleObject: unknown;
export function installedConsole(): unknown {
  return consoleObject;
}

function define(g: any, name: string, value: unknown): void {
  Object.defineProperty(g, name, { value, writable: true, configurable: true, enumerable: false });
}

export function installGlobals(g: any, parts: RuntimeParts): void {
  const { runtime, machine } = parts;
  const reg = runtime.registry;
  define(g, 'process', runtime.process);
  define(g, 'Buffer', Buffer);
  consoleObject = reg.load('console');
  define(g, 'console', consoleObject);
  const timers = reg.load('timers') as Record<string, unknown>;
  for (const name of ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate', 'clearImmediate']) {
    define(g, name, timers[name]);
  }
  define(g, 'queueMicrotask', function queueMicrotask(cb: unknown) {
    if (typeof cb !== 'function') throw new codes.ERR_INVALID_ARG_TYPE('callback', 'Function', cb);
    machine.enqueueMicrotask(cb as () => void);
  });
  const perf = reg.load('perf_hooks') as { performance: unknown };
  define(g, 'performance', perf.performance);
  const crypto = reg.load('crypto') as { webcrypto: unknown };
  define(g, 'crypto', crypto.webcrypto);
  define(g, 'global', g);
  // fetch and the web classes around it load with the networking modules, on first use.
  const fetchNames = ['fetch', 'Headers', 'Request', 'Response', 'FormData', 'ReadableStream', 'WritableStream',
    'TransformStream', 'ReadableStreamDefaultReader', 'WritableStreamDefaultWriter', 'ByteLengthQueuingStrategy',
    'CountQueuingStrategy', 'TextEncoderStream', 'TextDecoderStream'];
  lazyProperties(g, fetchNames, () => {
    const mod = runtime.netModules?.().fetch as Record<string, unknown> | undefined;
    for (const name of fetchNames) if (mod && mod[name] !== undefined) define(g, name, mod[name]);
  });
}
