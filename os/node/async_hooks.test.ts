// AsyncLocalStorage and AsyncResource over the event loop's async context slot, on a simulated
// machine. The loop's own scheduling (timers, immediates, nextTick, deferred I/O, close callbacks)
// is checked with a plain-variable slot; promise propagation with a slot backed by host Node's
// AsyncLocalStorage (standing in for the engine patch, which async_hooks.engine.test.ts and
// tests/async-local-storage.test.ts check on the real engine). Errors compared with host Node.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as hostHooks from 'node:async_hooks';
import { EventLoop, type LoopPlatform } from '../core/loop';
import { variableSlot, type AsyncContextSlot } from '../core/async-context';
import { SimPlatform } from '../core/testing/sim-platform';
import { TickQueue } from './internal/ticks';
import { Immediate, Timers } from './internal/timers';
import { createAsyncHooks } from './async_hooks';

function setup(slot: AsyncContextSlot = variableSlot()) {
  const p = new SimPlatform();
  (p as LoopPlatform).asyncContext = slot;
  const log: string[] = [];
  let ticks!: TickQueue;
  const loop = new EventLoop(p, {
    afterCallback: () => ticks.processTicksAndRejections(),
    onError: (e) => log.push(`error:${(e as Error).message}`),
    beforeIdle: () => {},
  });
  ticks = new TickQueue({
    runMicrotasks: () => {},
    takeRejections: () => [],
    uncaught: (e) => log.push(`uncaught:${(e as Error).message}`),
    emitUnhandledRejection: () => false,
    emitRejectionHandled: () => {},
    inspect: String,
    asyncContext: loop.asyncContext,
  });
  const timers = new Timers({ loop, runNextTicks: () => ticks.runNextTicks(), warn: () => {} });
  const hooks = createAsyncHooks(loop.asyncContext);
  return {
    loop, log, hooks,
    setTimeout: (fn: () => void, ms?: number) => timers.add(fn, ms, undefined, false),
    setInterval: (fn: () => void, ms?: number) => timers.add(fn, ms, undefined, true),
    clearInterval: (t: unknown) => timers.clear(t),
    setImmediate: (fn: () => void) => new Immediate(timers, fn, undefined),
    nextTick: (fn: () => void) => ticks.nextTick(fn, undefined),
    main: (fn: () => void) => loop.invoke(fn),
  };
}

test('stores follow timers, intervals, immediates, nextTick, deferred I/O and close callbacks', () => {
  const s = setup();
  const als = new s.hooks.AsyncLocalStorage<string>();
  const seen = (tag: string) => s.log.push(`${tag}=${als.getStore()}`);
  s.main(() => {
    seen('main-before');
    als.run('A', () => {
      s.setTimeout(() => seen('timeout'), 5);
      s.setImmediate(() => seen('immediate'));
      s.nextTick(() => seen('tick'));
      s.loop.defer(() => seen('defer'));
      s.loop.onClose(() => seen('close'));
      let n = 0;
      const iv = s.setInterval(() => {
        seen(`interval${n}`);
        if (++n === 2) s.clearInterval(iv);
      }, 3);
      als.run('B', () => s.setTimeout(() => seen('nested'), 1));
      als.exit(() => s.setTimeout(() => seen('exited'), 2));
    });
    seen('main-after');
    s.setTimeout(() => seen('outside'), 4);
  });
  s.loop.run();
  assert.deepEqual(s.log.sort(), [
    'close=A', 'defer=A', 'exited=undefined', 'immediate=A', 'interval0=A', 'interval1=A',
    'main-after=undefined', 'main-before=undefined', 'nested=B', 'outside=undefined', 'tick=A', 'timeout=A',
  ]);
});

test('enterWith lasts for the rest of a callback and what it schedules, not the next callback', () => {
  const s = setup();
  const als = new s.hooks.AsyncLocalStorage<number>();
  s.main(() => {
    s.setTimeout(() => {
      als.enterWith(1);
      s.log.push(`t1 ${als.getStore()}`);
      s.setImmediate(() => s.log.push(`imm ${als.getStore()}`));
    }, 1);
    s.setTimeout(() => s.log.push(`t2 ${als.getStore()}`), 1);
  });
  s.loop.run();
  assert.deepEqual(s.log, ['t1 1', 't2 undefined', 'imm 1']);
});

test('several stores are independent; disable() hides a store until run() again', () => {
  const s = setup();
  const a = new s.hooks.AsyncLocalStorage();
  const b = new s.hooks.AsyncLocalStorage();
  a.run('a1', () => {
    b.run('b1', () => {
      assert.equal(a.getStore(), 'a1');
      assert.equal(b.getStore(), 'b1');
      a.run('a2', () => assert.deepEqual([a.getStore(), b.getStore()], ['a2', 'b1']));
      b.exit(() => assert.deepEqual([a.getStore(), b.getStore()], ['a1', undefined]));
      a.disable();
      assert.equal(a.getStore(), undefined);
      assert.equal(b.getStore(), 'b1');
      a.run('a3', () => assert.equal(a.getStore(), 'a3'));
    });
  });
  assert.equal(a.getStore(), undefined);
  assert.deepEqual(Object.keys(a), ['kResourceStore', 'enabled']);
  // run() passes its arguments and returns the callback's value; throws propagate and restore.
  assert.equal(a.run(1, (x: number, y: number) => x + y, 2, 3), 5);
  assert.throws(() => a.run(7, () => { throw new Error('boom'); }), /boom/);
  assert.equal(a.getStore(), undefined);
});

test('AsyncResource, bind and snapshot run in the captured context', () => {
  const s = setup();
  const { AsyncLocalStorage, AsyncResource } = s.hooks;
  const als = new AsyncLocalStorage<string>();
  let resource!: InstanceType<typeof AsyncResource>;
  let bound!: (x: number) => string;
  let snap!: (cb: () => unknown) => unknown;
  als.run('X', () => {
    resource = new AsyncResource('test');
    bound = AsyncLocalStorage.bind((x: number) => `${als.getStore()}${x}`);
    snap = AsyncLocalStorage.snapshot();
  });
  assert.equal(als.getStore(), undefined);
  assert.equal(resource.runInAsyncScope(function (this: unknown, a: number) { return `${als.getStore()} ${a} ${this}`; }, 'self', 7), 'X 7 self');
  assert.equal(bound(1), 'X1');
  assert.equal(als.run('Y', () => snap(() => als.getStore())), 'X');
  assert.equal(bound.length, 1);
  assert.ok((bound as any).asyncResource instanceof AsyncResource);
  // Execution ids: 1 and 0 at top level; a resource's own ids inside its scope.
  assert.deepEqual([s.hooks.executionAsyncId(), s.hooks.triggerAsyncId()], [1, 0]);
  const r2 = new AsyncResource('ids', { triggerAsyncId: 42 });
  assert.deepEqual(r2.runInAsyncScope(() => [s.hooks.executionAsyncId(), s.hooks.triggerAsyncId(), s.hooks.executionAsyncResource()]), [r2.asyncId(), 42, r2]);
  assert.ok(r2.asyncId() > 1);
  assert.equal(r2.emitDestroy(), r2);
  const hook = s.hooks.createHook({ init() {} });
  assert.equal(hook.enable(), hook);
  assert.equal(hook.disable(), hook);
});

function errorOf(fn: () => unknown) {
  try {
    fn();
    return 'no error';
  } catch (e: any) {
    return { name: e.name, code: e.code, message: e.message };
  }
}

test('argument errors match Node', () => {
  const ours = setup().hooks as any;
  const host = hostHooks as any;
  const cases: [string, (h: any) => unknown][] = [
    ['type', (h) => new h.AsyncResource(5)],
    ['triggerAsyncId -2', (h) => new h.AsyncResource('x', { triggerAsyncId: -2 })],
    ['triggerAsyncId string', (h) => new h.AsyncResource('x', { triggerAsyncId: 'a' })],
    ['hook.init', (h) => h.createHook({ init: 5 })],
    ['hook.destroy', (h) => h.createHook({ destroy: 'x' })],
    ['bind', (h) => new h.AsyncResource('x').bind(5)],
    ['static bind', (h) => h.AsyncLocalStorage.bind(5)],
  ];
  for (const [name, fn] of cases) assert.deepEqual(errorOf(() => fn(ours)), errorOf(() => fn(host)), name);
  assert.deepEqual(Object.keys(ours.asyncWrapProviders), Object.keys(host.asyncWrapProviders));
});

test('stores survive await and promise chains (slot backed by host Node\'s AsyncLocalStorage)', async () => {
  const hostAls = new hostHooks.AsyncLocalStorage<unknown>();
  const slot: AsyncContextSlot = { get: () => hostAls.getStore(), set: (v) => hostAls.enterWith(v) };
  const s = setup(slot);
  const als = new s.hooks.AsyncLocalStorage<string>();
  const results: string[] = [];
  const done = hostAls.run(undefined, () => als.run('R', async () => {
    await null;
    results.push(`after await ${als.getStore()}`);
    await new Promise<void>((resolve) => s.setTimeout(resolve, 10));
    results.push(`after timer ${als.getStore()}`);
    return Promise.resolve().then(() => results.push(`then ${als.getStore()}`));
  }));
  // Drive the simulated loop and host microtasks in turn until the async function finishes.
  let finished = false;
  done.then(() => { finished = true; });
  for (let i = 0; i < 50 && !finished; i++) {
    s.loop.run();
    await new Promise((r) => setImmediate(r));
  }
  assert.deepEqual(results, ['after await R', 'after timer R', 'then R']);
  assert.equal(als.getStore(), undefined);
});
