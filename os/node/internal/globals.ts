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
  // The rest of Node 20's web globals, each group loaded on first use.
  const streamNames = ['ReadableStreamBYOBReader', 'ReadableStreamBYOBRequest', 'ReadableByteStreamController',
    'ReadableStreamDefaultController', 'TransformStreamDefaultController', 'WritableStreamDefaultController'];
  lazyProperties(g, streamNames, () => {
    const web = reg.load('stream/web') as Record<string, unknown>;
    for (const name of streamNames) define(g, name, web[name]);
  });
  lazyProperties(g, ['CompressionStream', 'DecompressionStream'], () => {
    const { createCompressionStreams } = require('../internal/compression-streams');
    const web = reg.load('stream/web') as Record<string, unknown>;
    const made = createCompressionStreams({ zlib: reg.load('zlib'), TransformStream: web.TransformStream });
    define(g, 'CompressionStream', made.CompressionStream);
    define(g, 'DecompressionStream', made.DecompressionStream);
  });
  lazyProperties(g, ['Blob', 'File'], () => {
    const buffer = reg.load('buffer') as Record<string, unknown>;
    define(g, 'Blob', buffer.Blob);
    define(g, 'File', buffer.File);
  });
  const cryptoClasses = ['Crypto', 'CryptoKey', 'SubtleCrypto'];
  lazyProperties(g, cryptoClasses, () => {
    const { CryptoKey, SubtleCrypto } = require('./crypto/webcrypto');
    define(g, 'Crypto', (crypto.webcrypto as object).constructor);
    define(g, 'CryptoKey', CryptoKey);
    define(g, 'SubtleCrypto', SubtleCrypto);
  });
  const perfNames = ['Performance', 'PerformanceEntry', 'PerformanceMark', 'PerformanceMeasure', 'PerformanceObserver',
    'PerformanceObserverEntryList', 'PerformanceResourceTiming'];
  lazyProperties(g, perfNames, () => {
    const ph = reg.load('perf_hooks') as Record<string, unknown>;
    for (const name of perfNames) if (ph[name] !== undefined) define(g, name, ph[name]);
  });
}
