// node:child_process on Nephos: one process per VM, nothing to spawn. The module loads; every
// function fails with ERR_NOT_SUPPORTED_ON_NEPHOS in the way its caller expects an error from a
// command that cannot start: the synchronous forms throw, spawn()/fork() return a ChildProcess
// that emits 'error' (then 'close') on the next tick, exec()/execFile() call back with the error.
// Apps that probe for tools (`git rev-parse` at start-up, say) keep running.
import { EventEmitter } from './events';
import { codes } from '../core/errors';

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
  stdin = null;
  stdout = null;
  stderr = null;
  stdio = [null, null, null];

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

function failedChild(name: string, file: unknown, args: unknown): ChildProcess {
  const child = new ChildProcess();
  child.spawnfile = String(file);
  child.spawnargs = Array.isArray(args) ? [String(file), ...args.map(String)] : [String(file)];
  nextTick(() => {
    child.emit('error', notSupported(name));
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
  fork: (file: unknown, args?: unknown) => failedChild('fork', file, args),
  spawn: (file: unknown, args?: unknown) => failedChild('spawn', file, args),
  spawnSync: () => { throw notSupported('spawnSync'); },
};

export default childProcess;
