// The guest-engine side of net.engine.test.ts: our node:net/http/dgram/dns and fetch over the
// loopback provider, with the engine-compat prelude standing in for the runtime (timers from qjs's
// os module, process.nextTick), running the shared scenarios. Test-only.
import '../../../testing/engine-prelude';
import { createNetModules } from '../modules';
import { createLoopbackProvider } from '../loopback';
import type { NetRuntime, NetTimer } from '../provider';
import { runScenarios } from './scenarios';

declare const std: { out: { puts(s: string): void; flush(): void }; exit(code: number): never };
const g = globalThis as any;

class Timer implements NetTimer {
  #h: unknown;
  constructor(private readonly fn: () => void, private readonly ms: number) { this.#arm(); }
  #arm(): void { this.#h = g.setTimeout(() => { this.#h = undefined; this.fn(); }, this.ms); }
  refresh(): this { this.close(); this.#arm(); return this; }
  close(): this { if (this.#h !== undefined) g.clearTimeout(this.#h); this.#h = undefined; return this; }
}

let seed = 12345;
const rt: NetRuntime = {
  nextTick: (fn, ...args) => g.process.nextTick(fn, ...args),
  defer: (fn) => { g.setTimeout(fn, 0); },
  onClose: (fn) => { g.setTimeout(fn, 0); },
  handle: () => ({ start() {}, stop() {}, ref() {}, unref() {}, hasRef: () => true }),
  unrefTimer: (fn, ms) => new Timer(fn, ms),
  wallMs: () => Date.now(),
  now: () => Date.now(),
};
const provider = createLoopbackProvider({
  random: (n) => { const b = new Uint8Array(n); for (let i = 0; i < n; i++) { seed = (seed * 1103515245 + 12345) >>> 0; b[i] = seed >>> 24; } return b; },
  now: () => Date.now(),
  schedule: (fn) => { g.setTimeout(fn, 0); },
  unrefTimer: (fn, ms) => new Timer(fn, ms),
});
const mods = createNetModules(() => provider, rt);
const f = mods.fetch;
runScenarios({ net: mods.net, http: mods.http, dgram: mods.dgram, dns: mods.dns, fetch: f.fetch, Headers: f.Headers, ReadableStream: f.ReadableStream, TextDecoderStream: f.TextDecoderStream },
  (line) => std.out.puts(line + '\n'))
  .then(() => { std.out.puts('done\n'); std.out.flush(); std.exit(0); },
    (e) => { std.out.puts(`FAILED ${e && e.stack || e}\n`); std.out.flush(); std.exit(1); });
