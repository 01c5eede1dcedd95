// Wires every implemented built-in module into the registry. Modules bound to this runtime
// (process, timers, fs, os, crypto's randomness, module) are built from its parts; the pure ones
// are plain imports. Everything else loads as an unsupported stub (registry.ts).
import type { BuiltinRegistry } from '../registry';
import type { RuntimeParts } from './globals';
import { createTimersModule } from '../timers';
import { createOs } from '../os';
import { createRandom } from '../random';
import { createPerfHooks } from '../perf_hooks';
import { installedConsole } from './globals';

export function defineBuiltins(reg: BuiltinRegistry, parts: RuntimeParts): void {
  const { runtime, machine } = parts;
  let timersModule: ReturnType<typeof createTimersModule> | undefined;
  const timers = () => (timersModule ??= createTimersModule(runtime.timers));
  let perf: ReturnType<typeof createPerfHooks> | undefined;
  const perfHooks = () => (perf ??= createPerfHooks({ nowMs: () => machine.nowNs() / 1e6, timeOrigin: machine.wallMs() - machine.nowNs() / 1e6, eventLoopLagMs: () => runtime.loop.lagMs }));
  let random: ReturnType<typeof createRandom> | undefined;
  const rnd = () => (random ??= createRandom((b) => machine.randomFill(b)));

  reg.define('process', () => runtime.process);
  reg.define('timers', timers);
  reg.define('timers/promises', () => timers().promises);
  reg.define('module', () => runtime.modules.api());
  reg.define('perf_hooks', perfHooks);
  reg.define('os', () => createOs({
    hostname: () => machine.config.name ?? 'nephos',
    totalmem: () => machine.memory().heapTotal,
    freemem: () => machine.memory().heapTotal - machine.memory().heapUsed,
    uptime: () => machine.nowNs() / 1e9,
    cpu: { brand: 'virtual CPU', mhz: 0 },
    release: machine.versions.nephos ?? '0',
    networkInterfaces: () => ({}),
  }));
  reg.define('crypto', () => {
    const r = rnd();
    return { ...r, webcrypto: { getRandomValues: r.getRandomValues, randomUUID: r.randomUUID, subtle: undefined }, getRandomValues: r.getRandomValues };
  });
  reg.define('util', () => require('../util').default);
  reg.define('events', () => require('../events').default);
  reg.define('buffer', () => require('../buffer').default);
  reg.define('path', () => require('../path').default);
  reg.define('path/posix', () => require('../path').default.posix);
  reg.define('path/win32', () => require('../path').default.win32);
  reg.define('fs', () => {
    const { createFs } = require('../fs');
    return createFs({ vfs: runtime.vfs, defer: (fn: () => void) => runtime.loop.defer(fn) });
  });
  reg.define('fs/promises', () => (reg.load('fs') as { promises: unknown }).promises);
  reg.define('string_decoder', () => require('string_decoder'));
  reg.define('stream', () => {
    const rs = require('readable-stream');
    const Stream = rs.Stream ?? rs;
    return Object.assign(Stream, rs);
  });
  reg.define('console', () => installedConsole());
}
