// Node's timer and immediate semantics, checked on a simulated machine (no real clock).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventLoop } from '../../core/loop';
import { SimPlatform } from '../../core/testing/sim-platform';
import { TickQueue } from './ticks';
import { Immediate, Timers } from './timers';

function setup() {
  const p = new SimPlatform();
  const micro: (() => void)[] = [];
  const log: string[] = [];
  let ticks!: TickQueue;
  const loop = new EventLoop(p, {
    afterCallback: () => ticks.processTicksAndRejections(),
    onError: (e) => log.push(`error:${(e as Error).message}`),
    beforeIdle: () => {},
  });
  ticks = new TickQueue({
    runMicrotasks: () => {
      while (micro.length) micro.shift()!();
    },
    takeRejections: () => [],
    uncaught: (e) => log.push(`uncaught:${(e as Error).message}`),
    emitUnhandledRejection: () => false,
    emitRejectionHandled: () => {},
    inspect: String,
  });
  const timers = new Timers({ loop, runNextTicks: () => ticks.runNextTicks(), warn: (m, t) => log.push(`warn:${t}`) });
  const setTimeout = (fn: () => void, ms?: number) => timers.add(fn, ms, undefined, false);
  const setInterval = (fn: () => void, ms?: number) => timers.add(fn, ms, undefined, true);
  const setImmediate = (fn: () => void) => new Immediate(timers, fn, undefined);
  const nextTick = (fn: () => void) => ticks.nextTick(fn, undefined);
  const queueMicrotask = (fn: () => void) => micro.push(fn);
  const main = (fn: () => void) => loop.invoke(fn);
  return { p, loop, log, timers, setTimeout, setInterval, setImmediate, nextTick, queueMicrotask, main };
}

test('a 0 ms timer set inside a timer runs after that iteration\'s immediates', () => {
  const s = setup();
  s.main(() => {
    s.setTimeout(() => {
      s.log.push('t1');
      s.setTimeout(() => s.log.push('t2'), 0);
      s.setImmediate(() => s.log.push('imm'));
    }, 0);
  });
  s.loop.run();
  assert.deepEqual(s.log, ['t1', 'imm', 't2']);
});

test('nextTick and microtasks run between timers, ticks before microtasks', () => {
  const s = setup();
  s.main(() => {
    s.setTimeout(() => {
      s.log.push('a');
      s.queueMicrotask(() => s.log.push('a-micro'));
      s.nextTick(() => s.log.push('a-tick'));
    }, 5);
    s.setTimeout(() => s.log.push('b'), 5);
  });
  s.loop.run();
  assert.deepEqual(s.log, ['a', 'a-tick', 'a-micro', 'b']);
});

test('main script: ticks, then microtasks, then immediates before a later timer', () => {
  const s = setup();
  s.main(() => {
    s.setTimeout(() => s.log.push('timeout'), 10);
    s.setImmediate(() => s.log.push('immediate'));
    s.queueMicrotask(() => s.log.push('micro'));
    s.nextTick(() => s.log.push('tick'));
    s.log.push('sync');
  });
  s.loop.run();
  assert.deepEqual(s.log, ['sync', 'tick', 'micro', 'immediate', 'timeout']);
});

test('timers with different durations fire by expiry; equal expiry by list creation', () => {
  const s = setup();
  s.main(() => {
    s.setTimeout(() => s.log.push('30'), 30);
    s.setTimeout(() => s.log.push('10'), 10);
    s.setTimeout(() => s.log.push('20'), 20);
    s.setTimeout(() => s.log.push('10b'), 10);
  });
  s.loop.run();
  assert.deepEqual(s.log, ['10', '10b', '20', '30']);
});

test('setInterval repeats until cleared from its own callback', () => {
  const s = setup();
  let n = 0;
  s.main(() => {
    const t = s.setInterval(() => {
      s.log.push(`i${++n}@${s.p.t}`);
      if (n === 3) s.timers.clear(t);
    }, 10);
  });
  s.loop.run();
  assert.deepEqual(s.log, ['i1@10', 'i2@20', 'i3@30']);
});

test('clearTimeout accepts the timer\'s primitive id', () => {
  const s = setup();
  s.main(() => {
    const t = s.setTimeout(() => s.log.push('fired'), 5);
    const id = +t;
    s.timers.clear(id);
  });
  s.loop.run();
  assert.deepEqual(s.log, []);
});

test('an unref\'d timer does not keep the process alive; ref() restores it', () => {
  const s = setup();
  s.main(() => {
    s.setTimeout(() => s.log.push('unrefd'), 5).unref();
  });
  s.loop.run();
  assert.deepEqual(s.log, []);
  const s2 = setup();
  s2.main(() => {
    s2.setTimeout(() => s2.log.push('refd'), 5).unref().ref();
  });
  s2.loop.run();
  assert.deepEqual(s2.log, ['refd']);
});

test('an immediate scheduled inside an immediate runs on the next iteration', () => {
  const s = setup();
  s.main(() => {
    s.setImmediate(() => {
      s.log.push('i1');
      s.setImmediate(() => s.log.push('i3'));
    });
    s.setImmediate(() => s.log.push('i2'));
  });
  s.loop.run();
  assert.deepEqual(s.log, ['i1', 'i2', 'i3']);
});

test('clearImmediate cancels a queued immediate', () => {
  const s = setup();
  s.main(() => {
    const a = s.setImmediate(() => s.log.push('a'));
    s.setImmediate(() => s.log.push('b'));
    s.timers.clearImmediate(a);
  });
  s.loop.run();
  assert.deepEqual(s.log, ['b']);
});

test('delays out of range become 1 ms; above 2^31-1 with a TimeoutOverflowWarning', () => {
  const s = setup();
  s.main(() => {
    s.setTimeout(() => s.log.push(`neg@${s.p.t}`), -5);
    s.setTimeout(() => s.log.push(`nan@${s.p.t}`), NaN);
    s.setTimeout(() => s.log.push(`big@${s.p.t}`), 2 ** 31);
  });
  s.loop.run();
  assert.deepEqual(s.log, ['warn:TimeoutOverflowWarning', 'neg@1', 'nan@1', 'big@1']);
});

test('refresh() restarts the timer from now', () => {
  const s = setup();
  s.main(() => {
    const t = s.setTimeout(() => s.log.push(`fired@${s.p.t}`), 10);
    s.setTimeout(() => t.refresh(), 6);
  });
  s.loop.run();
  assert.deepEqual(s.log, ['fired@16']);
});

test('a throwing timer is reported and later timers still run', () => {
  const s = setup();
  s.main(() => {
    s.setTimeout(() => {
      throw new Error('boom');
    }, 1);
    s.setTimeout(() => s.log.push('after'), 1);
  });
  s.loop.run();
  assert.deepEqual(s.log, ['error:boom', 'after']);
});

test('a throwing nextTick is uncaught and the rest of the queue still runs', () => {
  const s = setup();
  s.main(() => {
    s.nextTick(() => {
      throw new Error('tick');
    });
    s.nextTick(() => s.log.push('second'));
  });
  assert.deepEqual(s.log, ['uncaught:tick', 'second']);
});
