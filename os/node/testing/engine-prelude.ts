// Prelude for running the engine-compat script on the host build of the guest's engine
// (`qjs --std`): installs the polyfills first, as the OS does before app code, and stands in for
// what the runtime provides in the VM (timers from qjs's `os` module, a process object with a
// microtask-based nextTick, preludeStdout through `std`). Test-only: never part of the OS bundle.

import { installPolyfills } from '../internal/polyfills/index';
import { configureRuntimeHooks } from '../internal/runtime-hooks';
import { Buffer } from '../buffer';

declare const os: { setTimeout(fn: () => void, ms: number): unknown; clearTimeout(h: unknown): void };
declare const std: { out: { puts(s: string): void; flush(): void }; err: { puts(s: string): void } };

const preludeGlobal = globalThis as any;

class PreludeTimeout {
  handle: unknown;
  constructor(fn: (...a: unknown[]) => void, ms: number, args: unknown[]) {
    this.handle = os.setTimeout(() => fn(...args), Math.max(0, ms | 0));
  }
  unref(): this { return this; }
  ref(): this { return this; }
  hasRef(): boolean { return true; }
}

const preludeSetTimeout = (fn: (...a: unknown[]) => void, ms = 0, ...args: unknown[]) => new PreludeTimeout(fn, ms, args);
const preludeClearTimeout = (t: PreludeTimeout | undefined) => { if (t && t.handle !== undefined) os.clearTimeout(t.handle); };
const preludeDefine = (name: string, value: unknown) => Object.defineProperty(preludeGlobal, name, { value, writable: true, configurable: true });
preludeDefine('setTimeout', preludeSetTimeout);
preludeDefine('clearTimeout', preludeClearTimeout);
preludeDefine('setInterval', (fn: () => void, ms: number) => {
  const t: { handle?: unknown; unref(): unknown } = { unref() { return t; } };
  const tick = () => { t.handle = os.setTimeout(() => { tick(); fn(); }, ms); };
  tick();
  return t;
});
preludeDefine('clearInterval', preludeClearTimeout);
preludeDefine('setImmediate', (fn: (...a: unknown[]) => void, ...args: unknown[]) => preludeSetTimeout(fn, 0, ...args));
preludeDefine('queueMicrotask', (fn: () => void) => { Promise.resolve().then(fn); });

const preludeStdout = { write(s: string) { std.out.puts(String(s)); return true; }, isTTY: false, on() { return this; }, once() { return this; } };
const preludeStderr = { write(s: string) { std.err.puts(String(s)); return true; }, isTTY: false, on() { return this; }, once() { return this; } };
preludeDefine('process', {
  argv: ['qjs', 'engine-compat.js'], env: {}, pid: 1, platform: 'linux', version: 'v20.20.2', versions: { node: '20.20.2' },
  cwd: () => '/', exitCode: undefined, stdout: preludeStdout, stderr: preludeStderr,
  nextTick(fn: (...a: unknown[]) => void, ...args: unknown[]) { Promise.resolve().then(() => fn(...args)); },
  emitWarning() {},
  on() { return this; }, once() { return this; }, emit() { return false; },
});
preludeDefine('Buffer', Buffer);
preludeDefine('__print', (line: string) => std.out.puts(`${line}\n`));

installPolyfills(globalThis, { setTimeout: preludeSetTimeout });
configureRuntimeHooks({ emitWarning: () => {} });
