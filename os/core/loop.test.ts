import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ActiveHandle, EventLoop, LoopTimer } from './loop';
import { SimPlatform } from './testing/sim-platform';

function setup() {
  const p = new SimPlatform();
  const log: string[] = [];
  const errors: unknown[] = [];
  const loop = new EventLoop(p, { afterCallback: () => log.push('after'), onError: (e) => errors.push(e), beforeIdle: () => {} });
  return { p, loop, log, errors };
}

test('timers fire in due order, then the loop ends when nothing is referenced', () => {
  const { p, loop, log } = setup();
  new LoopTimer(loop, () => log.push('b')).start(20);
  new LoopTimer(loop, () => log.push('a')).start(10);
  loop.run();
  assert.deepEqual(log.filter((x) => x !== 'after'), ['a', 'b']);
  assert.equal(p.t, 20);
  assert.equal(loop.alive(), false);
});

test('equal due times fire in start order', () => {
  const { loop, log } = setup();
  for (const name of ['x', 'y', 'z']) new LoopTimer(loop, () => log.push(name)).start(5);
  loop.run();
  assert.deepEqual(log.filter((x) => x !== 'after'), ['x', 'y', 'z']);
});

test('an unreferenced timer does not keep the loop alive', () => {
  const { loop, log } = setup();
  const t = new LoopTimer(loop, () => log.push('never'));
  t.start(100);
  t.unref();
  loop.run();
  assert.deepEqual(log, []);
});

test('stopping a timer removes it; restarting moves it', () => {
  const { p, loop, log } = setup();
  const a = new LoopTimer(loop, () => log.push('a'));
  const b = new LoopTimer(loop, () => log.push('b'));
  a.start(10);
  b.start(20);
  a.stop();
  b.start(5);
  loop.run();
  assert.deepEqual(log.filter((x) => x !== 'after'), ['b']);
  assert.equal(p.t, 5);
});

test('interrupts are dispatched to their handlers and an active handle keeps the loop running', () => {
  const { p, loop, log } = setup();
  const h = new ActiveHandle(loop);
  h.start();
  let n = 0;
  loop.onInterrupt(0x31, () => {
    log.push(`irq@${p.t}`);
    if (++n === 2) h.stop();
  });
  p.interruptAt(0x31, 7);
  p.interruptAt(0x31, 12);
  loop.run();
  assert.deepEqual(log.filter((x) => x !== 'after'), ['irq@7', 'irq@12']);
});

test('deferred completions run in the poll phase, checks after them, close callbacks last', () => {
  const { loop, log } = setup();
  loop.addCheck(() => log.push('check'));
  loop.defer(() => {
    log.push('deferred');
    loop.onClose(() => log.push('closed'));
  });
  loop.run();
  assert.deepEqual(log.filter((x) => x !== 'after'), ['deferred', 'check', 'closed']);
});

test('pending idle references make polling non-blocking', () => {
  const { p, loop } = setup();
  const h = new ActiveHandle(loop);
  h.start();
  loop.idleRef(1);
  let turns = 0;
  loop.addCheck(() => {
    if (++turns === 3) {
      loop.idleRef(-1);
      h.stop();
    }
  });
  loop.run();
  assert.equal(turns, 3);
  assert.equal(p.idleMs, 0);
});

test('an exception in a callback goes to onError and the loop continues', () => {
  const { loop, log, errors } = setup();
  new LoopTimer(loop, () => {
    throw new Error('boom');
  }).start(1);
  new LoopTimer(loop, () => log.push('next')).start(2);
  loop.run();
  assert.equal((errors[0] as Error).message, 'boom');
  assert.ok(log.includes('next'));
});

test('afterCallback runs after every callback (nextTick and microtask drain point)', () => {
  const { loop, log } = setup();
  new LoopTimer(loop, () => log.push('t1')).start(1);
  new LoopTimer(loop, () => log.push('t2')).start(1);
  loop.run();
  assert.deepEqual(log, ['t1', 'after', 't2', 'after']);
});

test('the loop time is cached per iteration and only moves after polling', () => {
  const { p, loop } = setup();
  const seen: number[] = [];
  new LoopTimer(loop, () => {
    p.advance(3); // a slow callback
    seen.push(loop.time);
  }).start(1);
  loop.run();
  assert.deepEqual(seen, [1]);
});
