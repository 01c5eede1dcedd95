// The application supervisor: PUT /app/ restarts the bundled application in place, with new
// arguments, while the VM, the network stack, the file systems, the environment and the API stay
// up (issue 5). Node has no such thing (a restart is a new process); here one JavaScript heap
// carries the OS and the app, so a restart is:
//   1. stop: the app gets SIGTERM (its handlers run, as under a process supervisor); when it
//      exits (process.exit, the signal's default action, or its loop running dry), the exit is
//      taken over instead of powering off: boot's halt() asks interceptExit() first, which records
//      the exit code and throws APP_EXIT to unwind the app's stack; runtime.uncaught is wrapped to
//      swallow it. After STOP_TIMEOUT_MS the stop is forced.
//   2. tear down what the old generation left: its TCP listeners and connections (tracked by a
//      wrapper around the stack's TcpLayer that only the application's network modules see),
//      its timers and immediates, its process listeners, the module cache;
//   3. start: process.argv gets the new arguments and the bundle's bytecode is evaluated again,
//      as runMain does; "running" once the main module has been evaluated.
// Limits (honest): what the old app changed in shared globals (patched prototypes, globalThis
// properties) stays; UDP sockets are not tracked yet. This reaches into the runtime's internals
// (Timers' lists, process.exit) from outside os/node; it belongs in bootstrap.ts as a
// Runtime.restartApp() and should move there.
import type { Runtime } from '../node/internal/bootstrap';
import type { TcpLayer } from '../net/tcp/layer';
import type { TcpConnection } from '../net/tcp/connection';
import type { TcpListener } from '../net/tcp/listener';
import type { AppControl, AppState } from './host';

/** Thrown from halt() to unwind an exiting app's stack during a restart. */
export const APP_EXIT: { readonly nephosAppExit: true } = Object.freeze({ nephosAppExit: true as const });
const STOP_TIMEOUT_MS = 5000;

/** A TcpLayer wrapper that records what the application opens (for teardown on restart). */
export class TcpTracker {
  readonly listeners = new Set<TcpListener>();
  readonly connections = new Set<TcpConnection>();
  readonly layer: TcpLayer;

  constructor(real: TcpLayer) {
    const self = this;
    const overrides: Record<string, unknown> = {
      listen(addr: number, port: number, opts: { backlog: number }, onConnection: (c: TcpConnection) => void) {
        const l = real.listen(addr, port, opts, (c) => {
          self.#track(c);
          onConnection(c);
        });
        self.listeners.add(l);
        return l;
      },
      connect(now: number, local: number, remote: number, remotePort: number, localPort?: number) {
        const c = real.connect(now, local, remote, remotePort, localPort);
        self.#track(c);
        return c;
      },
    };
    // Everything else goes to the real layer (methods bound: it keeps #private state).
    this.layer = new Proxy(real, {
      get(target, prop) {
        if (typeof prop === 'string' && prop in overrides) return overrides[prop];
        const v = (target as unknown as Record<string | symbol, unknown>)[prop];
        return typeof v === 'function' ? (v as Function).bind(target) : v;
      },
    });
  }

  /**
   * Holds `c` until it closes. The set must not outlive the connection (it would keep the socket,
   * its streams and buffers reachable: ~5 KiB per connection ever made), so `onClose`, which the
   * layer calls exactly once, becomes an accessor whose getter hands the layer a wrapper that
   * forgets the connection before calling the application's handler.
   */
  #track(c: TcpConnection): void {
    this.connections.add(c);
    const connections = this.connections;
    let handler: TcpConnection['onClose'];
    const onClose: NonNullable<TcpConnection['onClose']> = (err) => {
      connections.delete(c);
      handler?.(err);
    };
    Object.defineProperty(c, 'onClose', {
      configurable: true,
      enumerable: true,
      get: () => onClose,
      set: (fn: TcpConnection['onClose']) => { handler = fn; },
    });
  }

  /** Closes every listener and aborts every connection, without calling back into the old app. */
  closeAll(): number {
    let n = 0;
    for (const l of this.listeners) {
      try { l.close(); n++; } catch { /* already closed */ }
    }
    for (const c of this.connections) {
      c.onConnect = c.onData = c.onEnd = c.onDrain = c.onClose = undefined;
      try { c.abort(); n++; } catch { /* already closed */ }
    }
    this.listeners.clear();
    this.connections.clear();
    return n;
  }
}

interface TimersInternals {
  listMap: Map<number, { _idleNext: unknown }>;
  immHead: { _idleNext: unknown } | null;
  clear(t: unknown): void;
  clearImmediate(t: unknown): void;
}

/** Clears every pending timeout, interval and immediate of the runtime's timers. */
export function clearAllTimers(timers: unknown): number {
  const t = timers as TimersInternals;
  const items: unknown[] = [];
  for (const list of t.listMap.values()) {
    for (let it = list._idleNext as { _idleNext: unknown } | null; it && it !== list; it = it._idleNext as { _idleNext: unknown } | null) items.push(it);
  }
  for (const it of items) t.clear(it);
  const imms: unknown[] = [];
  for (let im = t.immHead; im; im = im._idleNext as { _idleNext: unknown } | null) imms.push(im);
  for (const im of imms) t.clearImmediate(im);
  return items.length + imms.length;
}

export interface SupervisorOptions {
  runtime: Runtime;
  entry: string;
  bytecode: Uint8Array;
  tcp?: TcpTracker;
  wallMs(): number;
  /** The first generation is ready (the READY record). */
  onFirstReady(): void;
  /** Unreferenced one-shot timer; returns cancel. */
  after(ms: number, fn: () => void): () => void;
  /** Power off for real (the exit of an app nobody is restarting). */
  log(text: string): void;
}

export class AppSupervisor implements AppControl {
  #st: AppState;
  #pending: string[] | undefined;
  #cancelForce: (() => void) | undefined;
  #startQueued = false;

  constructor(private readonly o: SupervisorOptions) {
    this.#st = { status: 'starting', generation: 1, argv: o.runtime.process.argv.slice(2), startedAt: Math.floor(o.wallMs()), lastExitCode: null, restarts: 0 };
    // The sentinel is not an error of the application.
    const rt = o.runtime as unknown as { uncaught(err: unknown, origin: string): void };
    const uncaught = rt.uncaught.bind(o.runtime);
    rt.uncaught = (err, origin) => {
      if (err === APP_EXIT) return;
      uncaught(err, origin);
    };
  }

  /** Runs the loop as runMain does (after an exit that unwound runMain during a restart). */
  spin(): never {
    return spinLoop(this.o.runtime);
  }

  state(): AppState {
    return { ...this.#st, argv: this.#st.argv.slice() };
  }

  /** runMain's onReady for the first generation. */
  firstReady(): void {
    if (this.#st.generation === 1 && this.#st.status === 'starting') this.#st.status = 'running';
    this.o.onFirstReady();
  }

  signal(name: string): void {
    this.o.runtime.loop.defer(() => this.o.runtime.process._deliverSignal(name));
  }

  restart(args: string[]): { generation: number } {
    if (this.#pending) return { generation: this.#st.generation + 1 };
    this.#pending = args.slice();
    this.#st.status = 'stopping';
    const rt = this.o.runtime;
    rt.loop.defer(() => rt.process._deliverSignal('SIGTERM'));
    this.#cancelForce = this.o.after(STOP_TIMEOUT_MS, () => {
      if (!this.#pending) return;
      this.o.log(`nephos: the application did not exit within ${STOP_TIMEOUT_MS / 1000} s of SIGTERM; stopping it\n`);
      this.#st.lastExitCode = 137;
      this.#queueStart();
    });
    return { generation: this.#st.generation + 1 };
  }

  /**
   * boot's halt() asks first: true when the exit belongs to a restart (the caller throws APP_EXIT
   * to unwind the app), false when the VM should power off.
   */
  interceptExit(code: number): boolean {
    if (!this.#pending) {
      this.#st.status = 'exited';
      this.#st.lastExitCode = code;
      return false;
    }
    this.#st.lastExitCode = code;
    this.#queueStart();
    return true;
  }

  #queueStart(): void {
    if (this.#startQueued) return;
    this.#startQueued = true;
    this.o.runtime.loop.defer(() => this.#startNext());
  }

  /** Tears the old generation down and evaluates the bundle again. Runs from the loop. */
  #startNext(): void {
    this.#startQueued = false;
    const args = this.#pending;
    if (!args) return;
    this.#pending = undefined;
    this.#cancelForce?.();
    this.#cancelForce = undefined;
    const rt = this.o.runtime;
    const proc = rt.process;
    this.o.tcp?.closeAll();
    clearAllTimers(rt.timers);
    proc.removeAllListeners();
    proc._exiting = false;
    proc.exitCode = undefined;
    proc.exit = freshExit(proc, (code) => rt.machine.halt(code));
    proc.argv.splice(2, proc.argv.length - 2, ...args);
    for (const k of Object.keys(rt.modules.cache)) delete rt.modules.cache[k];
    this.#st = { ...this.#st, status: 'starting', generation: this.#st.generation + 1, argv: args.slice(), startedAt: Math.floor(this.o.wallMs()), restarts: this.#st.restarts + 1 };
    const generation = this.#st.generation;
    this.o.log(`nephos: application restarted (generation ${generation})\n`);
    const mod = rt.modules.mainModule(this.o.entry);
    proc.mainModule = mod;
    const fn = rt.machine.evalBytecode(this.o.bytecode) as (require: NodeRequire, module: unknown) => Promise<void>;
    const done = fn.call(mod.exports, mod.require!, mod);
    const ready = () => {
      if (this.#st.generation === generation && this.#st.status === 'starting') this.#st.status = 'running';
    };
    if (done && typeof done.then === 'function') done.then(ready, (err) => rt.loop.invoke(() => rt.uncaught(err, 'uncaughtException')));
    else ready();
  }
}

/** What runMain does after the main module, for a generation started by a restart. */
export function spinLoop(rt: Runtime): never {
  const proc = rt.process;
  for (;;) {
    rt.loop.run();
    if (proc._exiting) break;
    rt.loop.invoke(() => proc.emit('beforeExit', proc.exitCode ?? 0));
    if (!rt.loop.alive()) break;
  }
  proc.exit();
  return rt.machine.halt(proc.exitCode ?? 0);
}

/** process.exit for a new generation (the first one's remembers that it already exited). */
function freshExit(proc: any, halt: (code: number) => void): (code?: unknown) => void {
  let exiting = false;
  return (code?: unknown) => {
    if (code !== undefined) proc.exitCode = code;
    if (!exiting) {
      exiting = true;
      proc._exiting = true;
      proc.emit('exit', proc.exitCode ?? 0);
    }
    halt(proc.exitCode ?? 0);
  };
}
