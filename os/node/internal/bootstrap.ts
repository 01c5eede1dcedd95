// Starting the Node.js-compatible runtime on a machine: builds the event loop, nextTick and timers,
// process, console, file systems, the module system and the globals, then runs the application's
// bundle and the loop until nothing keeps it alive, as Node's SpinEventLoop does:
//   run main; do { loop.run(); emit 'beforeExit' } while (loop alive); emit 'exit'; halt.
// Everything machine-specific arrives in RuntimeMachine, so this runs under host Node in tests.
import { EventLoop, type LoopPlatform } from '../../core/loop';
import { Vfs } from '../../fs/vfs';
import { Imagefs } from '../../fs/imagefs';
import { Tmpfs } from '../../fs/tmpfs';
import { Devfs } from '../../fs/devfs';
import { systemError } from '../../core/errors';
import { parseArchive } from '../../fs/archive';
import { decodeUtf8, encodeUtf8 } from '../../core/utf8';
import { TickQueue } from './ticks';
import { Timers } from './timers';
import { createProcess } from '../process';
import { createStdin, createWriteStream, type StdioTarget } from './stdio';
import { BuiltinRegistry, BUILTIN_NAMES, isBuiltin } from '../registry';
import { ModuleSystem } from '../module';
import { inspect, format } from '../util';
import { configurePolyfills, repairErrorStack } from './polyfills';
import { setFrameMapper } from './polyfills/stack-trace';
import { SourceMap } from './source-map';
import { configureRuntimeHooks } from './runtime-hooks';
import { installGlobals, type RuntimeParts } from './globals';
import { defineBuiltins } from './builtins';

export interface RunConfig {
  argv: string[];
  env: Record<string, string>;
  tty: { stdout: boolean; stderr: boolean; columns?: number; rows?: number };
  name?: string;
  net?: { kind: 'dhcp' } | { kind: 'static'; address: string; prefix: number; gateway?: string; dns?: string };
  apiPort?: number;
}

export interface RuntimeMachine {
  platform: LoopPlatform;
  nowNs(): number;
  wallMs(): number;
  memory(): { rss: number; heapTotal: number; heapUsed: number; external: number; arrayBuffers: number };
  runMicrotasks(): void;
  enqueueMicrotask(fn: () => void): void;
  takeRejections(): Array<[Promise<unknown>, unknown, boolean]>;
  compile(source: string, filename: string): unknown;
  evalBytecode(bytes: Uint8Array): unknown;
  randomFill(buf: Uint8Array): boolean;
  gc(): void;
  /** Flushes output and powers off; never returns. */
  halt(code: number): never;
  stdout: StdioTarget;
  stderr: StdioTarget;
  /** Publishes buffered output (once per event-loop turn). */
  flushOutput(): void;
  archive: Uint8Array;
  config: RunConfig;
  /** Bytes of tmpfs budget (a share of RAM). */
  tmpfsBudget: number;
  version: string;
  versions: Record<string, string>;
}

export interface AppInfo {
  entry: string;
  name?: string;
}

export class Runtime {
  readonly loop: EventLoop;
  readonly ticks: TickQueue;
  readonly timers: Timers;
  readonly process: any;
  readonly vfs: Vfs;
  readonly modules: ModuleSystem;
  readonly registry = new BuiltinRegistry();
  /** The network stack, once boot has attached a NIC (undefined: no network). */
  netProvider: import('./net/provider').NetProvider | undefined;
  /** The networking modules (built on first use), for the fetch globals. */
  netModules: (() => import('./net/modules').NetModules) | undefined;
  /** Where the global console writes (the process's stdout and stderr). */
  consoleSinks!: { write(chunk: string): void; isTTY: boolean; getColorDepth(): number }[];
  private fatalDepth = 0;

  constructor(readonly machine: RuntimeMachine) {
    this.loop = new EventLoop(machine.platform, {
      afterCallback: () => {
        this.ticks.processTicksAndRejections();
        machine.flushOutput();
      },
      onError: (err) => this.uncaught(err, 'uncaughtException'),
      beforeIdle: () => machine.flushOutput(),
    });
    this.ticks = new TickQueue({
      runMicrotasks: () => machine.runMicrotasks(),
      takeRejections: () => machine.takeRejections(),
      uncaught: (err, origin) => this.uncaught(err, origin),
      emitUnhandledRejection: (reason, promise) => this.process.emit('unhandledRejection', reason, promise),
      emitRejectionHandled: (promise) => {
        this.process.emit('rejectionHandled', promise);
      },
      inspect: (v) => inspect(v),
      asyncContext: this.loop.asyncContext,
    });
    this.timers = new Timers({
      loop: this.loop,
      runNextTicks: () => this.ticks.runNextTicks(),
      warn: (message, type) => this.process.emitWarning(message, type),
    });
    const startNs = 0;
    // process.stdout/stderr are created on first use; until then console writes straight to the
    // device (same bytes, same order). Once an app touches process.stdout (to patch write(), say),
    // console goes through the stream as in Node.
    let stdout: ReturnType<typeof createWriteStream> | undefined;
    let stderr: ReturnType<typeof createWriteStream> | undefined;
    let stdin: ReturnType<typeof createStdin> | undefined;
    const getStdout = () => (stdout ??= createWriteStream(machine.stdout, 1));
    const getStderr = () => (stderr ??= createWriteStream(machine.stderr, 2));
    this.consoleSinks = [machine.stdout, machine.stderr].map((target, i) => ({
      write: (chunk: string) => {
        const stream = i === 0 ? stdout : stderr;
        if (stream) stream.write(chunk);
        else target.write(encodeUtf8(chunk));
      },
      get isTTY() { return target.isTTY; },
      getColorDepth: () => (target.isTTY ? 8 : 1),
    }));
    this.process = createProcess({
      argv: ['/usr/bin/node', '/app/index.js', ...machine.config.argv],
      execPath: '/usr/bin/node',
      env: machine.config.env,
      nowNs: () => machine.nowNs(),
      startNs,
      memory: () => machine.memory(),
      nextTick: (fn, args) => this.ticks.nextTick(fn, args),
      defer: (fn) => this.loop.defer(fn),
      halt: (code) => machine.halt(code),
      stdout: getStdout,
      stderr: getStderr,
      stdin: () => (stdin ??= createStdin()),
      version: machine.version,
      versions: machine.versions,
      emitWarningSink: (text) => machine.stderr.write(encodeText(text)),
    });
    this.vfs = new Vfs({ cwd: () => this.process.cwd() });
    const entries = parseArchive(machine.archive);
    this.vfs.mount('/', new Imagefs(entries, { mtimeMs: machine.wallMs() }));
    this.vfs.mount('/tmp', new Tmpfs({ now: () => machine.wallMs(), budget: machine.tmpfsBudget }));
    // /dev: the standard descriptors 0-2 (fs.writeSync(1, ...) as pino does), null, zero, random.
    const dev = new Devfs({ now: () => machine.wallMs() });
    dev.register('stdin', { read: () => 0 });
    dev.register('stdout', { write: (b) => (machine.stdout.write(b), b.length) });
    dev.register('stderr', { write: (b) => (machine.stderr.write(b), b.length) });
    const random = { read: (out: Uint8Array) => {
      if (!machine.randomFill(out)) throw systemError('EIO', { syscall: 'read' });
      return out.length;
    } };
    dev.register('urandom', random);
    dev.register('random', random);
    this.vfs.mount('/dev', dev);
    this.vfs.openStdio(0, '/dev/stdin', 'r');
    this.vfs.openStdio(1, '/dev/stdout', 'w');
    this.vfs.openStdio(2, '/dev/stderr', 'w');
    this.process._checkDirectory = (cwd: string, dir: string) => {
      const target = dir.startsWith('/') ? dir : `${cwd}/${dir}`;
      let st;
      try {
        st = this.vfs.stat(target);
      } catch (err) {
        throw systemError((err as { code: string }).code, { syscall: 'chdir', path: cwd, dest: dir });
      }
      if ((st.mode & 0o170000) !== 0o040000) throw systemError('ENOTDIR', { syscall: 'chdir', path: cwd, dest: dir });
    };
    this.modules = new ModuleSystem({
      kind: (p) => {
        try {
          const st = this.vfs.stat(p);
          return (st.mode & 0o170000) === 0o040000 ? 'dir' : (st.mode & 0o170000) === 0o100000 ? 'file' : undefined;
        } catch {
          return undefined;
        }
      },
      readText: (p) => decodeUtf8(readWholeFile(this.vfs, p)),
      compile: (src, filename) => machine.compile(src, filename),
      builtin: (name) => this.registry.load(name),
      isBuiltin,
      builtinNames: BUILTIN_NAMES,
    });
    this.installFrameMapper();
    const parts: RuntimeParts = { runtime: this, machine };
    defineBuiltins(this.registry, parts);
    installGlobals(globalThis, parts);
    configureRuntimeHooks({
      emitWarning: (warning, type, code) => this.process.emitWarning(warning, type, code),
      nextTick: (fn, ...args) => this.ticks.nextTick(fn, args.length ? args : undefined),
      env: () => this.process.env,
      pid: () => 1,
      stdout: () => this.consoleSinks[0],
      stderr: () => this.consoleSinks[1],
      deprecationFlags: () => ({ noDeprecation: !!this.process.noDeprecation, throwDeprecation: !!this.process.throwDeprecation, traceDeprecation: !!this.process.traceDeprecation }),
    });
    configurePolyfills({
      setTimeout: (fn: () => void, ms: number) => this.timers.add(fn, ms, undefined, false),
      now: () => machine.nowNs() / 1e6,
      reportError: (err: unknown) => this.uncaught(err, 'uncaughtException'),
      emitWarning: (message: string, type: string) => this.process.emitWarning(message, type),
    });
  }

  /**
   * Stack frames name the application's own files and lines (through the bundle's source map, read
   * on first use) and the OS module for OS frames, instead of positions in the bundles.
   */
  private installFrameMapper(): void {
    let appMap: SourceMap | null | undefined;
    const g = globalThis as { __nephos_os_modules?: [number, string][] };
    const osModules = g.__nephos_os_modules ?? [];
    delete g.__nephos_os_modules;
    setFrameMapper((file, line) => {
      if (file === '/nephos/app.js' && line !== null) {
        if (appMap === undefined) {
          try {
            appMap = SourceMap.parse(decodeUtf8(readWholeFile(this.vfs, '/nephos/app.js.map')));
          } catch {
            appMap = null;
          }
        }
        return appMap?.lookup(line);
      }
      if (file === '/nephos/os.js') {
        let name: string | undefined;
        for (const [start, mod] of osModules) {
          if (line !== null && start <= line) name = mod;
          else break;
        }
        return { file: `nephos:${name ?? 'os'}` };
      }
      return undefined;
    });
  }

  /** An exception nobody caught: 'uncaughtException' listeners, else print and exit 1 (Node's rules). */
  uncaught(err: unknown, origin: 'uncaughtException' | 'unhandledRejection'): void {
    const proc = this.process;
    const capture = proc._captureCallback?.();
    if (capture) {
      capture(err);
      return;
    }
    try {
      proc.emit('uncaughtExceptionMonitor', err, origin);
      if (proc.listenerCount('uncaughtException') > 0) {
        proc.emit('uncaughtException', err, origin);
        return;
      }
    } catch (handlerErr) {
      this.fatal(handlerErr, 7);
    }
    this.fatal(err, 1);
  }

  private fatal(err: unknown, code: number): never {
    this.fatalDepth++;
    let text: string;
    repairErrorStack(err);
    try {
      text = err instanceof Error || (typeof err === 'object' && err !== null && 'stack' in err)
        ? inspect(err)
        : `Uncaught ${inspect(err)}`;
    } catch {
      text = String(err);
    }
    this.machine.stderr.write(encodeText(`${text}\n\nNode.js ${this.machine.version}\n`));
    if (this.fatalDepth > 1) this.machine.halt(code);
    this.process.exitCode = code;
    try {
      if (!this.process._exiting) {
        this.process._exiting = true;
        this.process.emit('exit', code);
      }
    } catch {
      // An exit listener threw while exiting: Node exits with 7.
      this.machine.halt(7);
    }
    this.machine.halt(code);
  }

  /**
   * Runs the application bundle (an async function taking `require`) and the event loop.
   * `onReady` is called once the main module (its top-level await included) has been evaluated.
   */
  runMain(app: AppInfo, bytecode: Uint8Array, onReady?: () => void): never {
    const mod = this.modules.mainModule(app.entry);
    this.process.argv[1] = app.entry;
    this.process.mainModule = mod;
    this.loop.invoke(() => {
      const fn = this.machine.evalBytecode(bytecode) as (require: NodeRequire, module: unknown) => Promise<void>;
      const done = fn.call(mod.exports, mod.require!, mod);
      // A throw at the top level of the bundle is an uncaught exception, not a rejection.
      if (done && typeof done.then === 'function') {
        done.then(onReady, (err) => this.loop.invoke(() => this.uncaught(err, 'uncaughtException')));
      } else {
        onReady?.();
      }
    });
    for (;;) {
      this.loop.run();
      if (this.process._exiting) break;
      this.loop.invoke(() => this.process.emit('beforeExit', this.process.exitCode ?? 0));
      if (!this.loop.alive()) break;
    }
    this.process.exit();
    return this.machine.halt(this.process.exitCode ?? 0);
  }

  format(...args: unknown[]): string {
    return format(...args);
  }
}

function encodeText(s: string): Uint8Array {
  return encodeUtf8(s);
}

/** A whole file's bytes: a zero-copy view from the image, else read through a descriptor. */
export function readWholeFile(vfs: Vfs, path: string): Uint8Array {
  const view = vfs.view(path);
  if (view) return view;
  const fd = vfs.open(path, 'r');
  try {
    const size = vfs.fstat(fd).size;
    const out = new Uint8Array(size);
    let off = 0;
    while (off < size) {
      const n = vfs.read(fd, out, off, size - off, null);
      if (n <= 0) break;
      off += n;
    }
    return out.subarray(0, off);
  } finally {
    vfs.close(fd);
  }
}
