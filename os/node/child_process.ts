// node:child_process on Nephos: one process per VM, nothing to spawn. The module loads; every
// function fails with ERR_NOT_SUPPORTED_ON_NEPHOS in the way its caller expects an error from a
// command that cannot start: the synchronous forms throw, spawn()/fork() return a ChildProcess
// that emits 'error' (then 'close') on the next tick, exec()/execFile() call back with the error.
// Apps that probe for tools (`git rev-parse` at start-up, say) keep running.
import { EventEmitter } from './events';
import { Readable, Writable } from './stream';
import { codes } from '../core/errors';

/** The stream module's classes are untyped values; what the stdio streams are used for here. */
interface StdioStream {
  push(chunk: unknown): boolean;
  destroy(err?: Error): unknown;
  on(event: string, fn: (...args: unknown[]) => void): unknown;
}

function notSupported(name: string): Error {
  return new codes.ERR_NOT_SUPPORTED_ON_NEPHOS(`child_process.${name}`);
}

function nextTick(fn: () => void): void {
  (globalThis as any).process.nextTick(fn);
}

export class ChildProcess extends EventEmitter {
  pid: number | undefined = undefined;
  exitCode: number | null = null;
  signalCode: string | null = null;
  killed = false;
  connected = false;
  spawnfile = '';
  spawnargs: string[] = [];
  stdin: StdioStream | null = null;
  stdout: StdioStream | null = null;
  stderr: StdioStream | null = null;
  stdio: (StdioStream | null)[] = [null, null, null];

  kill(): boolean {
    return false;
  }
  ref(): void {}
  unref(): void {}
  disconnect(): void {}
  send(): boolean {
    throw notSupported('ChildProcess.send');
  }
}

/** The `stdio` option as a three-element array ('pipe' unless given). */
function stdioModes(options: unknown): unknown[] {
  const stdio = (options as { stdio?: unknown } | undefined)?.stdio;
  if (typeof stdio === 'string') return [stdio, stdio, stdio];
  if (Array.isArray(stdio)) return [stdio[0] ?? 'pipe', stdio[1] ?? 'pipe', stdio[2] ?? 'pipe'];
  return ['pipe', 'pipe', 'pipe'];
}

/**
 * A child that failed to start, as Node's is after ENOENT: piped stdio exists (code that does
 * `child.stdout.on('data', ...)` right after spawn() must not crash) and ends; 'error', then
 * 'close'.
 */
function failedChild(name: string, file: unknown, args: unknown, options: unknown): ChildProcess {
  const child = new ChildProcess();
  child.spawnfile = String(file);
  child.spawnargs = Array.isArray(args) ? [String(file), ...args.map(String)] : [String(file)];
  const modes = stdioModes(Array.isArray(args) ? options : args);
  const out = (i: number): StdioStream | null => (modes[i] === 'pipe' || modes[i] === undefined ? new Readable({ read() {} }) : null);
  child.stdin = modes[0] === 'pipe' ? new Writable({ write(_c: unknown, _e: unknown, cb: () => void) { cb(); } }) : null;
  child.stdout = out(1);
  child.stderr = out(2);
  child.stdio = [child.stdin, child.stdout, child.stderr];
  nextTick(() => {
    child.emit('error', notSupported(name));
    child.stdout?.push(null);
    child.stderr?.push(null);
    child.stdin?.destroy();
    child.emit('close', -1, null);
  });
  return child;
}

function withCallback(name: string, args: unknown[]): ChildProcess {
  const cb = args.reverse().find((a) => typeof a === 'function') as ((err: Error, stdout: string, stderr: string) => void) | undefined;
  const child = new ChildProcess();
  nextTick(() => {
    const err = notSupported(name);
    if (cb) cb(err, '', '');
    else child.emit('error', err);
  });
  return child;
}

const childProcess = {
  ChildProcess,
  _forkChild: () => { throw notSupported('_forkChild'); },
  exec: (...args: unknown[]) => withCallback('exec', args),
  execFile: (...args: unknown[]) => withCallback('execFile', args),
  execFileSync: () => { throw notSupported('execFileSync'); },
  execSync: () => { throw notSupported('execSync'); },
  fork: (file: unknown, args?: unknown, options?: unknown) => failedChild('fork', file, args, options),
  spawn: (file: unknown, args?: unknown, options?: unknown) => failedChild('spawn', file, args, options),
  spawnSync: () => { throw notSupported('spawnSync'); },
};

export default childProcess;
