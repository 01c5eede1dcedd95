import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as nodeEvents from 'node:events';
import * as nodeUtil from 'node:util';
import EventEmitter, * as events from './events';
import { inspect } from './util';
import { configureRuntimeHooks, runtime } from './internal/runtime-hooks';
import { eventsScenarios } from './testing/events-cases';

void events;
import { EventTarget as OurEventTarget, Event as OurEvent } from './internal/polyfills/event-target';
import { AbortController as OurAbortController, AbortSignal as OurAbortSignal } from './internal/polyfills/abort';

/** Runs `fn` with our web globals in place of host Node's, as they are in the VM. */
async function withOurGlobals<T>(fn: () => Promise<T>): Promise<T> {
  const g = globalThis as any;
  const saved = { EventTarget: g.EventTarget, Event: g.Event, AbortController: g.AbortController, AbortSignal: g.AbortSignal };
  Object.assign(g, { EventTarget: OurEventTarget, Event: OurEvent, AbortController: OurAbortController, AbortSignal: OurAbortSignal });
  try { return await fn(); } finally { Object.assign(g, saved); }
}

async function record(mod: any, scenario: (m: any, log: (...p: unknown[]) => void) => void | Promise<void>): Promise<string[]> {
  const lines: string[] = [];
  await scenario(mod, (...parts) => lines.push(parts.map((p) => (typeof p === 'string' ? p : nodeUtil.inspect(p))).join(' ')));
  return lines;
}

for (const [name, scenario] of Object.entries(eventsScenarios)) {
  test(`events scenario "${name}" logs what host Node's events module logs`, async () => {
    const savedWarn = runtime.emitWarning;
    configureRuntimeHooks({ emitWarning: () => {} });
    const nodeWarn = process.emitWarning;
    process.emitWarning = () => {};
    try {
      const mine = await withOurGlobals(() => record(EventEmitter, scenario));
      const theirs = await record(nodeEvents.EventEmitter, scenario);
      assert.deepEqual(mine, theirs);
      assert.ok(mine.length > 0);
    } finally {
      configureRuntimeHooks({ emitWarning: savedWarn });
      process.emitWarning = nodeWarn;
    }
  });
}

test('inspect of emitters matches Node', () => {
  assert.equal(inspect(new EventEmitter()), nodeUtil.inspect(new nodeEvents.EventEmitter()));
  assert.equal(inspect(new EventEmitter({ captureRejections: true })), nodeUtil.inspect(new nodeEvents.EventEmitter({ captureRejections: true })));
  const a = new EventEmitter(); a.on('x', function named() {});
  const b = new nodeEvents.EventEmitter(); b.on('x', function named() {});
  assert.equal(inspect(a), nodeUtil.inspect(b));
});

test('the MaxListenersExceededWarning goes to the runtime with Node\'s text', () => {
  const got: any[] = [];
  const saved = runtime.emitWarning;
  configureRuntimeHooks({ emitWarning: (w: any) => { got.push(w); } });
  try {
    const e = new EventEmitter();
    e.setMaxListeners(1);
    e.on('x', () => {});
    e.on('x', () => {});
    e.on('x', () => {});
    assert.equal(got.length, 1);
    assert.equal(got[0].name, 'MaxListenersExceededWarning');
    assert.equal(got[0].message, 'Possible EventEmitter memory leak detected. 2 x listeners added to [EventEmitter]. MaxListeners is 1. Use emitter.setMaxListeners() to increase limit');
    assert.equal(got[0].count, 2);
  } finally {
    configureRuntimeHooks({ emitWarning: saved });
  }
});

test('module shape: default export is EventEmitter with Node\'s statics', () => {
  for (const key of ['once', 'on', 'getEventListeners', 'getMaxListeners', 'setMaxListeners', 'addAbortListener', 'EventEmitterAsyncResource', 'errorMonitor', 'captureRejectionSymbol', 'defaultMaxListeners', 'usingDomains', 'captureRejections', 'init', 'listenerCount', 'EventEmitter']) {
    assert.ok(key in EventEmitter, key);
    assert.equal(typeof (EventEmitter as any)[key], typeof (nodeEvents.EventEmitter as any)[key], key);
  }
  assert.deepEqual(Object.keys(EventEmitter).sort(), Object.keys(nodeEvents.EventEmitter).sort());
  assert.deepEqual(Object.getOwnPropertyNames(EventEmitter.prototype).sort(), Object.getOwnPropertyNames(nodeEvents.EventEmitter.prototype).sort());
});
