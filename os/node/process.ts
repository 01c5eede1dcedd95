// node:process. The process object is created once at boot by createProcess() from what the
// machine provides (argv, env, clocks, memory figures, output sinks, halt); the rest of the OS
// never reaches it through globals. Semantics follow Node 20: 'exit' emitted once with the exit
// code, process.exitCode validated, exit() flushes output before the machine halts.
import { EventEmitter } from 'events';
import { codes } from '../core/errors';

export interface ProcessHost {
  argv: string[];
  execPath: string;
  env: Record<string, string>;
  /** Monotonic nanoseconds. */
  nowNs(): number;
  /** Nanoseconds of monotonic time at boot (process start). */
  startNs: number;
  memory(): { rss: number; heapTotal: number; heapUsed: number; external: number; arrayBuffers: number };
  nextTick(fn: (...args: unknown[]) => void, args: unknown[] | undefined): void;
  /** Runs fn in a later event-loop turn, as a completion (a signal sent to ourselves arrives so). */
  defer?(fn: () => void): void;
  /** Flushes output and powers off with `code`; never returns. */
  halt(code: number): never;
  /** Getters: the stdio streams are created on first use (readable-stream costs boot time). */
  stdout: () => NodeStream;
  stderr: () => NodeStream;
  stdin: () => NodeStream;
  version: string;
  versions: Record<string, string>;
  emitWarningSink(text: string): void;
}

/** What process.stdout/stderr/stdin are built from (created by the console layer). */
export type NodeStream = object;

// Linux's signal numbers, in the order of Node's os.constants.signals (aliases included).
export const signalNumbers: Record<string, number> = {
  SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGILL: 4, SIGTRAP: 5, SIGABRT: 6, SIGIOT: 6, SIGBUS: 7, SIGFPE: 8,
  SIGKILL: 9, SIGUSR1: 10, SIGSEGV: 11, SIGUSR2: 12, SIGPIPE: 13, SIGALRM: 14, SIGTERM: 15, SIGCHLD: 17,
  SIGSTKFLT: 16, SIGCONT: 18, SIGSTOP: 19, SIGTSTP: 20, SIGTTIN: 21, SIGTTOU: 22, SIGURG: 23, SIGXCPU: 24,
  SIGXFSZ: 25, SIGVTALRM: 26, SIGPROF: 27, SIGWINCH: 28, SIGIO: 29, SIGPOLL: 29, SIGPWR: 30, SIGSYS: 31,
};
const signals = new Set(Object.keys(signalNumbers));

/** process.env: values are coerced to strings and deleting works, as Node's. */
function createEnv(initial: Record<string, string>): Record<string, string> {
  const target: Record<string, string> = Object.create(null);
  Object.assign(target, initial);
  return new Proxy(target, {
    set(t, key, value) {
      if (typeof key === 'symbol') return false;
      // ToString as V8 does it: a Symbol value throws (String(sym) would not).
      if (typeof value === 'symbol') throw new TypeError('Cannot convert a Symbol value to a string');
      t[key] = String(value);
      return true;
    },
    defineProperty(t, key, desc) {
      if (typeof key === 'symbol' || !('value' in desc)) return false;
      t[key as string] = String(desc.value);
      return true;
    },
  });
}

function validateExitCode(code: unknown): number | undefined {
  if (code === undefined || code === null) return undefined;
  if (typeof code === 'string' && code.trim() !== '' && Number.isInteger(Number(code))) return Number(code);
  // Node 20.19+ validates exit codes as integers ("must be of type number"), integer strings accepted.
  if (typeof code !== 'number' && typeof code !== 'string') throw new codes.ERR_INVALID_ARG_TYPE('code', 'number', code);
  if (!Number.isInteger(Number(code))) {
    if (typeof code === 'string') throw new codes.ERR_INVALID_ARG_TYPE('code', 'number', code);
    throw new codes.ERR_OUT_OF_RANGE('code', 'an integer', code);
  }
  return Number(code);
}

export function createProcess(host: ProcessHost): NodeJS.Process {
  const proc = new EventEmitter() as any;
  let exitCode: number | undefined;
  let cwd = '/app';
  let exiting = false;

  Object.defineProperty(proc, Symbol.toStringTag, { value: 'process', configurable: true });
  proc.title = 'node';
  proc.version = host.version;
  proc.versions = host.versions;
  proc.arch = 'x64';
  proc.platform = 'linux';
  proc.release = { name: 'node', lts: 'Iron' };
  proc.argv = host.argv;
  proc.argv0 = 'node';
  proc.execArgv = [];
  proc.execPath = host.execPath;
  proc.pid = 1;
  proc.ppid = 0;
  proc.env = createEnv(host.env);
  proc.features = { inspector: false, debug: false, uv: false, ipv6: false, tls_alpn: false, tls_sni: false, tls_ocsp: false, tls: false, cached_builtins: true, typescript: false };
  proc.config = { variables: {} };
  proc.debugPort = 9229;
  for (const name of ['stdout', 'stderr', 'stdin'] as const) {
    Object.defineProperty(proc, name, { get: host[name], configurable: true, enumerable: false });
  }
  proc._exiting = false;

  Object.defineProperty(proc, 'exitCode', {
    get: () => exitCode,
    set: (v: unknown) => {
      exitCode = validateExitCode(v);
    },
    enumerable: true,
    configurable: false,
  });

  proc.cwd = () => cwd;
  proc.chdir = (dir: unknown) => {
    if (typeof dir !== 'string') throw new codes.ERR_INVALID_ARG_TYPE('directory', 'string', dir);
    proc._checkDirectory?.(cwd, dir);
    cwd = resolveDir(cwd, dir);
  };
  proc.umask = () => 0o22;
  proc.getuid = proc.geteuid = proc.getgid = proc.getegid = () => 0;
  proc.getgroups = () => [0];
  proc.uptime = () => (host.nowNs() - host.startNs) / 1e9;
  const hrtime = (prev?: [number, number]) => {
    const ns = host.nowNs();
    let sec = Math.floor(ns / 1e9);
    let nsec = Math.floor(ns - sec * 1e9);
    if (prev !== undefined) {
      if (!Array.isArray(prev)) throw new codes.ERR_INVALID_ARG_TYPE('time', 'Array', prev);
      if (prev.length !== 2) throw new codes.ERR_OUT_OF_RANGE('time', '2', prev.length);
      sec -= prev[0];
      nsec -= prev[1];
      if (nsec < 0) {
        sec--;
        nsec += 1e9;
      }
    }
    return [sec, nsec];
  };
  hrtime.bigint = () => BigInt(Math.floor(host.nowNs()));
  proc.hrtime = hrtime;
  const memoryUsage = () => host.memory();
  memoryUsage.rss = () => host.memory().rss;
  proc.memoryUsage = memoryUsage;
  proc.cpuUsage = (prev?: { user: number; system: number }) => {
    const us = Math.floor((host.nowNs() - host.startNs) / 1000);
    return prev ? { user: us - prev.user, system: 0 - prev.system } : { user: us, system: 0 };
  };
  proc.resourceUsage = () => ({ userCPUTime: Math.floor((host.nowNs() - host.startNs) / 1000), systemCPUTime: 0, maxRSS: Math.floor(host.memory().rss / 1024) });
  proc.nextTick = (fn: unknown, ...args: unknown[]) => {
    if (typeof fn !== 'function') throw new codes.ERR_INVALID_ARG_TYPE('callback', 'Function', fn);
    host.nextTick(fn as (...a: unknown[]) => void, args.length ? args : undefined);
  };
  proc.emitWarning = (warning: unknown, type?: unknown, code?: unknown) => {
    let name = 'Warning';
    let message: string;
    let warnCode: string | undefined;
    if (type && typeof type === 'object') {
      const opts = type as { type?: string; code?: string; detail?: string };
      name = opts.type ?? name;
      warnCode = opts.code;
    } else {
      if (typeof type === 'string') name = type;
      if (typeof code === 'string') warnCode = code;
    }
    let err: Error;
    if (warning instanceof Error) {
      err = warning;
      message = warning.message;
      name = warning.name;
    } else if (typeof warning === 'string') {
      message = warning;
      err = new Error(message);
      err.name = name;
      if (warnCode) (err as any).code = warnCode;
    } else {
      throw new codes.ERR_INVALID_ARG_TYPE('warning', ['Error', 'string'], warning);
    }
    if (name === 'DeprecationWarning' && proc.noDeprecation) return;
    host.nextTick(() => {
      proc.emit('warning', err);
    }, undefined);
    // Node prints every warning on stderr (listeners do not suppress it), with a hint once.
    host.emitWarningSink(`(node:${proc.pid}) ${warnCode ? `[${warnCode}] ` : ''}${name}: ${message}\n` +
      (warnedOnce ? '' : `(Use \`node --trace-warnings ...\` to show where the warning was created)\n`));
    warnedOnce = true;
  };
  let warnedOnce = false;
  proc.exit = (code?: unknown) => {
    if (code !== undefined) proc.exitCode = code;
    if (!exiting) {
      exiting = true;
      proc._exiting = true;
      try {
        proc.emit('exit', exitCode ?? 0);
      } catch (err) {
        host.emitWarningSink(`${String((err as Error)?.stack ?? err)}\n`);
        host.halt(7);
      }
    }
    host.halt(exitCode ?? 0);
  };
  proc.reallyExit = (code: number) => host.halt(code | 0);
  proc.abort = () => host.halt(134);
  proc.kill = (pid: unknown, sig: unknown = 'SIGTERM') => {
    if (typeof pid !== 'number' || !Number.isInteger(pid)) throw new codes.ERR_INVALID_ARG_TYPE('pid', 'number', pid);
    const name = typeof sig === 'number' ? Object.keys(signalNumbers).find((k) => signalNumbers[k] === sig) : sig;
    if (typeof name !== 'string' || !signals.has(name)) throw new codes.ERR_UNKNOWN_SIGNAL(String(sig));
    if (pid !== proc.pid && pid !== 0 && pid !== -1) {
      const e = new Error('kill ESRCH') as any;
      e.errno = -3; e.code = 'ESRCH'; e.syscall = 'kill';
      throw e;
    }
    // A signal to ourselves arrives later, through the loop (libuv's signal watcher), not inside kill().
    if (host.defer) host.defer(() => deliverSignal(name));
    else deliverSignal(name);
    return true;
  };
  proc.binding = (name: string) => {
    throw new Error(`No such module: ${name}`);
  };
  proc.hasUncaughtExceptionCaptureCallback = () => captureCallback !== null;
  let captureCallback: ((err: unknown) => void) | null = null;
  proc.setUncaughtExceptionCaptureCallback = (fn: ((err: unknown) => void) | null) => {
    captureCallback = fn;
  };
  proc._captureCallback = () => captureCallback;
  proc.report = { getReport: () => ({}), writeReport: () => '' };
  proc.allowedNodeEnvironmentFlags = new Set();
  proc.setSourceMapsEnabled = () => {};
  proc.constrainedMemory = () => host.memory().heapTotal;
  proc.availableMemory = () => host.memory().heapTotal - host.memory().heapUsed;

  /** A signal from the host (or process.kill on ourselves): Node's default actions. */
  function deliverSignal(name: string): void {
    if (proc.listenerCount(name) > 0) {
      proc.emit(name, name, signalNumbers[name]);
      return;
    }
    if (name === 'SIGWINCH' || name === 'SIGCHLD' || name === 'SIGURG' || name === 'SIGCONT') return;
    // Default action: terminate, with 128 + signal number as a shell reports it.
    proc.exitCode = 128 + (signalNumbers[name] ?? 15);
    host.halt(128 + (signalNumbers[name] ?? 15));
  }
  proc._deliverSignal = deliverSignal;
  return proc as NodeJS.Process;
}

function resolveDir(cwd: string, dir: string): string {
  const parts = (dir.startsWith('/') ? dir : `${cwd}/${dir}`).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '' || p === '.') continue;
    if (p === '..') out.pop();
    else out.push(p);
  }
  return '/' + out.join('/');
}
