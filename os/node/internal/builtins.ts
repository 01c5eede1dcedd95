// Wires every implemented built-in module into the registry. Modules bound to this runtime
// (process, timers, fs, os, crypto's randomness, module) are built from its parts; the pure ones
// are plain imports. Everything else loads as an unsupported stub (registry.ts).
import type { BuiltinRegistry } from '../registry';
import type { RuntimeParts } from './globals';
import { createTimersModule } from '../timers';
import { createOs } from '../os';
import { createRandom } from '../random';
import { createPerfHooks } from '../perf_hooks';
import { ActiveHandle } from '../../core/loop';
import { createNetModules, type NetModules } from './net/modules';
import { createLoopbackProvider } from './net/loopback';
import { encodeUtf8 } from '../../core/utf8';

export function defineBuiltins(reg: BuiltinRegistry, parts: RuntimeParts): void {
  const { runtime, machine } = parts;
  let timersModule: ReturnType<typeof createTimersModule> | undefined;
  const timers = () => (timersModule ??= createTimersModule(runtime.timers));
  let perf: ReturnType<typeof createPerfHooks> | undefined;
  const perfHooks = () => (perf ??= createPerfHooks({
    nowMs: () => machine.nowNs() / 1e6,
    timeOrigin: machine.wallMs() - machine.nowNs() / 1e6,
    eventLoopLagMs: () => runtime.loop.lagMs,
    idleMs: () => runtime.loop.idleMs,
    immediate: (fn) => { (timers() as { setImmediate(f: () => void): unknown }).setImmediate(fn); },
    every: (fn, ms) => {
      const t = runtime.timers.add(fn, ms, undefined, true).unref();
      return () => runtime.timers.clear(t);
    },
  }));
  let random: ReturnType<typeof createRandom> | undefined;
  const rnd = () => (random ??= createRandom((b) => machine.randomFill(b)));

  // Networking: node:net, http, https, tls, dgram, dns over the machine's network stack, which
  // boot attaches later (runtime.netProvider); without a NIC the modules load and fail per call.
  let netMods: NetModules | undefined;
  // Without a network device, 127.0.0.0/8 still works (internal/net/loopback.ts).
  let loopback: ReturnType<typeof createLoopbackProvider> | undefined;
  const provider = () => runtime.netProvider ?? (loopback ??= createLoopbackProvider({
    random: (n) => { const b = new Uint8Array(n); if (!machine.randomFill(b)) throw new Error('no entropy for loopback TCP'); return b; },
    now: () => machine.nowNs() / 1e6,
    schedule: (fn) => runtime.loop.defer(fn),
    unrefTimer: (fn, ms) => runtime.timers.add(fn, ms, undefined, false).unref(),
  }));
  const net = () => (netMods ??= createNetModules(provider, {
    nextTick: (fn, ...args) => runtime.ticks.nextTick(fn, args.length ? args : undefined),
    defer: (fn) => runtime.loop.defer(fn),
    onClose: (fn) => runtime.loop.onClose(fn),
    handle: () => new ActiveHandle(runtime.loop),
    unrefTimer: (fn, ms) => runtime.timers.add(fn, ms, undefined, false).unref(),
    wallMs: () => machine.wallMs(),
    now: () => machine.nowNs() / 1e6,
  }));
  runtime.netModules = net;
  reg.define('net', () => net().net);
  reg.define('http', () => net().http);
  reg.define('https', () => net().https);
  reg.define('tls', () => net().tls);
  reg.define('dgram', () => net().dgram);
  reg.define('dns', () => net().dns);
  reg.define('dns/promises', () => net().dnsPromises);
  reg.define('stream/web', () => require('./fetch/webstreams').webStreams);
  reg.define('http2', () => require('../http2').default);
  reg.define('_http_agent', () => ({ Agent: net().http.Agent, globalAgent: net().http.globalAgent }));
  reg.define('_http_client', () => ({ ClientRequest: net().http.ClientRequest }));
  reg.define('_http_common', () => ({ methods: net().http.METHODS, _checkIsHttpToken: require('./http/common').checkIsHttpToken, _checkInvalidHeaderChar: require('./http/common').checkInvalidHeaderChar, chunkExpression: require('./http/common').chunkExpression, continueExpression: require('./http/common').continueExpression, CRLF: '\r\n' }));
  reg.define('_http_incoming', () => ({ IncomingMessage: net().http.IncomingMessage }));
  reg.define('_http_outgoing', () => ({ OutgoingMessage: net().http.OutgoingMessage, validateHeaderName: net().http.validateHeaderName, validateHeaderValue: net().http.validateHeaderValue }));
  reg.define('_http_server', () => ({ STATUS_CODES: net().http.STATUS_CODES, Server: net().http.Server, ServerResponse: net().http.ServerResponse }));
  reg.define('_tls_common', () => ({ SecureContext: net().tls.SecureContext, createSecureContext: net().tls.createSecureContext }));
  reg.define('_tls_wrap', () => ({ TLSSocket: net().tls.TLSSocket, Server: net().tls.Server }));
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
    networkInterfaces: () => runtime.netProvider?.networkInterfaces() ?? {},
    env: () => runtime.process.env,
  }));
  reg.define('async_hooks', () => require('../async_hooks').createAsyncHooks(runtime.loop.asyncContext));
  reg.define('diagnostics_channel', () => require('../diagnostics_channel').default);
  reg.define('readline', () => require('../readline').default);
  reg.define('readline/promises', () => require('../readline').promises);
  reg.define('worker_threads', () => require('../worker_threads').default);
  reg.define('child_process', () => require('../child_process').default);
  reg.define('vm', () => require('../vm').createVm({ evalScript: (source: string, filename: string) => machine.compile(source, filename) }));
  reg.define('v8', () => require('../v8').createV8({
    heap: () => {
      const m = machine.memory();
      return { total: m.heapTotal, used: m.heapUsed, peak: m.heapUsed, external: m.external };
    },
  }));
  reg.define('tty', () => {
    const { tty } = machine.config;
    const targets: Record<number, typeof machine.stdout | undefined> = { 1: machine.stdout, 2: machine.stderr };
    return require('../tty').createTty({
      isatty: (fd: number) => (fd === 1 && tty.stdout) || (fd === 2 && tty.stderr),
      write: (fd: number, chunk: Uint8Array | string) => targets[fd]?.write(typeof chunk === 'string' ? encodeUtf8(chunk) : chunk),
      size: () => ({ columns: tty.columns ?? 80, rows: tty.rows ?? 24 }),
      env: () => runtime.process.env,
    });
  });
  reg.define('zlib', () => require('../zlib').createZlib({ defer: (fn: () => void) => runtime.loop.defer(fn) }));
  reg.define('crypto', () => require('../crypto').createCrypto(rnd(), { defer: (fn: () => void) => runtime.loop.defer(fn) }));
  // The pure modules (os/node/internal/bundle-aliases.ts lists their files).
  reg.define('util', () => require('../util').default);
  reg.define('util/types', () => require('../util-types').default);
  reg.define('events', () => require('../events').default);
  reg.define('buffer', () => require('../buffer').default);
  reg.define('string_decoder', () => require('../string_decoder').default);
  reg.define('path', () => require('../path').default);
  reg.define('path/posix', () => require('../path').default.posix);
  reg.define('path/win32', () => require('../path').default.win32);
  reg.define('stream', () => require('../stream').default);
  reg.define('stream/promises', () => require('../stream-promises').default);
  reg.define('stream/consumers', () => require('../stream-consumers').default);
  reg.define('assert', () => require('../assert').default);
  reg.define('assert/strict', () => require('../assert-strict').default);
  reg.define('url', () => require('../url').default);
  reg.define('querystring', () => require('../querystring').default);
  reg.define('punycode', () => require('../punycode').default);
  reg.define('console', () => require('../console').default);
  reg.define('sys', () => reg.load('util'));
  reg.define('_stream_readable', () => (reg.load('stream') as any).Readable);
  reg.define('_stream_writable', () => (reg.load('stream') as any).Writable);
  reg.define('_stream_duplex', () => (reg.load('stream') as any).Duplex);
  reg.define('_stream_transform', () => (reg.load('stream') as any).Transform);
  reg.define('_stream_passthrough', () => (reg.load('stream') as any).PassThrough);
  reg.define('fs', () => {
    const { createFs } = require('../fs');
    return createFs({ vfs: runtime.vfs, defer: (fn: () => void) => runtime.loop.defer(fn) });
  });
  reg.define('fs/promises', () => (reg.load('fs') as { promises: unknown }).promises);
  reg.define('string_decoder', () => require('string_decoder'));
}
