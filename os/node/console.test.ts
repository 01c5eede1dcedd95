import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Console as NodeConsole } from 'node:console';
import { Console, createGlobalConsole } from './console';
import { consoleScenarios } from './testing/console-cases';
import { configureRuntimeHooks, runtime } from './internal/runtime-hooks';

for (const [name, scenario] of Object.entries(consoleScenarios)) {
  test(`console scenario "${name}" writes exactly what Node's Console writes`, () => {
    assert.deepEqual(scenario(Console), scenario(NodeConsole));
  });
}

test('time/timeLog/timeEnd format durations as Node does, from the injected clock', () => {
  let now = 0;
  const rec: string[] = [];
  const sink = { write: (s: string) => { rec.push(s); } };
  const c = new Console({ stdout: sink, stderr: sink, clock: () => now });
  const warnings: unknown[] = [];
  const saved = runtime.emitWarning;
  configureRuntimeHooks({ emitWarning: (w: unknown) => { warnings.push(w); } });
  try {
    c.time();
    now = 1.23456;
    c.timeLog(undefined, 'extra', { a: 1 });
    now = 2250;
    c.timeLog();
    now = 62_000.25;
    c.timeLog();
    now = 3_725_000;
    c.timeEnd();
    c.timeEnd();
    c.time('x');
    c.time('x');
    c.countReset('nope');
  } finally {
    configureRuntimeHooks({ emitWarning: saved });
  }
  assert.deepEqual(rec, [
    "default: 1.235ms extra { a: 1 }\n",
    'default: 2.250s\n',
    'default: 1:02.000 (m:ss.mmm)\n',
    'default: 1:02:05.000 (h:mm:ss.mmm)\n',
  ]);
  assert.deepEqual(warnings, ["No such label 'default' for console.timeEnd()", "Label 'x' already exists for console.time()", "Count for 'nope' does not exist"]);
});

test('trace writes "Trace: message" and frames to stderr', () => {
  let err = '';
  const c = new Console({ stdout: { write() {} }, stderr: { write: (s: string) => { err += s; } } });
  c.trace('here %d', 1);
  assert.match(err, /^Trace: here 1\n {4}at /);
});

test('the global console carries the Console class', () => {
  const sink = { write() {} };
  const g = createGlobalConsole(sink, sink);
  assert.equal((g as any).Console, Console);
  assert.ok(g instanceof Console);
  const { log } = g;
  assert.doesNotThrow(() => log('detached'));
});
