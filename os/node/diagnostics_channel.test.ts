// node:diagnostics_channel against host Node: the same scenario script run with both modules
// produces the same event log (subscribe/unsubscribe, inactive channels, bindStore/runStores with
// an AsyncLocalStorage, TracingChannel's sync, promise and callback traces, errors).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as hostDc from 'node:diagnostics_channel';
import * as hostHooks from 'node:async_hooks';
import dc from './diagnostics_channel';

async function scenario(m: any, prefix: string): Promise<string[]> {
  const log: string[] = [];
  const name = `${prefix}:chan`;
  const c = m.channel(name);
  log.push(`same object ${m.channel(name) === c}`);
  log.push(`initial hasSubscribers ${c.hasSubscribers} ${m.hasSubscribers(name)} ${m.hasSubscribers(`${prefix}:never`)}`);
  log.push(`instanceof ${c instanceof m.Channel}`);
  c.publish('nobody listens');
  const a = (msg: unknown, n: unknown) => log.push(`a got ${JSON.stringify(msg)} on ${String(n) === name}`);
  const b = (msg: unknown) => log.push(`b got ${JSON.stringify(msg)}`);
  log.push(`subscribe returns ${m.subscribe(name, a)}`);
  c.subscribe(b);
  log.push(`active ${c.hasSubscribers} ${c instanceof m.Channel}`);
  c.publish({ n: 1 });
  log.push(`unsubscribe a ${c.unsubscribe(a)} again ${c.unsubscribe(a)}`);
  c.publish('second');
  log.push(`unsubscribe b ${m.unsubscribe(name, b)}`);
  log.push(`after all unsubscribed ${c.hasSubscribers}`);
  // bindStore/runStores with an AsyncLocalStorage (the host's, for both: only the channel logic differs).
  const als = new hostHooks.AsyncLocalStorage();
  const s = m.channel(`${prefix}:stores`);
  s.bindStore(als, (data: any) => ({ wrapped: data }));
  log.push(`stores active ${s.hasSubscribers}`);
  const r = s.runStores({ id: 7 }, function (this: unknown, x: number) { return `${JSON.stringify(als.getStore())} ${x} ${this}`; }, 'self', 3);
  log.push(`runStores -> ${r}`);
  log.push(`unbindStore ${s.unbindStore(als)} ${s.unbindStore(als)} ${s.hasSubscribers}`);
  // TracingChannel.
  const tc = m.tracingChannel(`${prefix}:op`);
  log.push(`tracing hasSubscribers ${tc.hasSubscribers}`);
  log.push(`untraced ${tc.traceSync((x: number) => x * 2, {}, undefined, 21)}`);
  const handlers = {
    start: (ctx: any) => log.push(`start ${JSON.stringify(ctx)}`),
    end: (ctx: any) => log.push(`end ${JSON.stringify(ctx)}`),
    asyncStart: (ctx: any) => log.push(`asyncStart ${JSON.stringify(ctx)}`),
    asyncEnd: (ctx: any) => log.push(`asyncEnd ${JSON.stringify(ctx)}`),
    error: (ctx: any) => log.push(`error ${ctx.error?.message}`),
  };
  tc.subscribe(handlers);
  log.push(`traceSync ${tc.traceSync((x: number) => x + 1, { op: 'inc' }, undefined, 1)}`);
  try {
    tc.traceSync(() => { throw new Error('sync boom'); }, { op: 'fail' });
  } catch (e: any) {
    log.push(`caught ${e.message}`);
  }
  log.push(`tracePromise ${await tc.tracePromise(async (x: number) => x * 3, { op: 'triple' }, undefined, 5)}`);
  await tc.tracePromise(async () => { throw new Error('async boom'); }, { op: 'reject' }).catch((e: Error) => log.push(`rejected ${e.message}`));
  await new Promise<void>((resolve) => {
    tc.traceCallback((x: number, cb: (e: Error | null, v?: number) => void) => setTimeout(() => cb(null, x * 10), 1), -1, { op: 'cb' }, undefined, 4, (err: Error | null, v: number) => {
      log.push(`callback ${err} ${v}`);
      resolve();
    });
  });
  log.push(`unsubscribe handlers ${tc.unsubscribe(handlers)} ${tc.hasSubscribers}`);
  // Errors.
  for (const bad of [() => m.channel(5), () => m.tracingChannel(5), () => m.tracingChannel({ start: 1 }), () => c.subscribe('x')]) {
    try {
      bad();
      log.push('no error');
    } catch (e: any) {
      log.push(`${e.name} ${e.code} ${e.message}`);
    }
  }
  return log;
}

test('diagnostics_channel behaves as host Node\'s', async () => {
  const mine = await scenario(dc, 'nephos');
  const theirs = await scenario(hostDc, 'nephos-host');
  assert.deepEqual(mine, theirs);
  assert.ok(mine.length > 30);
});

test('a subscriber that throws does not stop the others; the error is rethrown on nextTick', async () => {
  const c = dc.channel('throwing');
  const seen: string[] = [];
  c.subscribe(() => { throw new Error('sub failed'); });
  c.subscribe((m) => seen.push(String(m)));
  const queued: (() => void)[] = [];
  const original = process.nextTick;
  process.nextTick = ((fn: () => void) => { queued.push(fn); }) as typeof process.nextTick;
  try {
    c.publish('x');
  } finally {
    process.nextTick = original;
  }
  assert.deepEqual(seen, ['x']);
  assert.equal(queued.length, 1);
  assert.throws(queued[0], { message: 'sub failed' });
});
