// The instance state directory: one directory per instance under $NEPHOS_HOME/instances, kept
// after the instance exits until `nephos rm`.
//
//   instances/<name>/      mode 0700: the sockets and the environment are the owner's only
//     config.json          what to run: image, memory, env, args, ports, accel (written once)
//     state.json           the current run: status, QEMU's and the supervisor's identities, times,
//                          exit code and reason, where this run's output starts in the logs
//     console.log          the serial console: kernel messages, READY and EXIT records
//     stdio.log            the app's stdout/stderr, framed as on the stdio port (cli/run/stdio.ts)
//     qemu.log             QEMU's own messages
//     control.sock         the control channel (HTTP; os/mgmt/), mode 0600
//     qmp.sock             QEMU's monitor (QMP), used to power the VM off
//
// Invariants:
// - An instance directory appears complete or not at all: it is assembled under a temporary name
//   and renamed into place, and rename() onto an existing (non-empty) directory fails, which is
//   also what makes names unique without a global lock.
// - config.json and state.json are replaced by rename() of a complete temporary file, so readers
//   never see half a file. Read-modify-write of state.json happens under the instance's lock
//   (lock.ts); readers need no lock.
// - Removal renames the directory away first (atomic: the name is free at once, and no one sees a
//   half-deleted instance), then deletes it.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Accel, Machine, NetMode, PortMapping, StaticIPv4 } from '../args';
import { fail, NephosError } from '../errors';
import { nephosHome } from '../image';
import type { ProcessId } from './proc';
import { generateName } from './names';

export const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/;

/** What to run; fixed when the instance is created (restart boots the same). */
export interface InstanceConfig {
  version: 1;
  name: string;
  /** Absolute path of the image; verified again before every boot. */
  image: string;
  /** The app's name from the image metadata. */
  app: string;
  /** Guest memory, bytes. */
  memory: number;
  env: Record<string, string>;
  args: string[];
  ports: PortMapping[];
  net: NetMode;
  ipv4?: StaticIPv4;
  /** As asked for; the accelerator actually used is in the state. */
  accel: Accel;
  /** --machine; absent (instances created before the option): microvm. */
  machine?: Machine;
  apiPort?: number;
  /** --rm: remove the instance when it exits. */
  autoRemove: boolean;
  createdAt: string;
}

/** starting: QEMU launched, the app not ready yet. running: ready. exited/crashed: final. */
export type Status = 'starting' | 'running' | 'exited' | 'crashed';

/**
 * Why a run ended. exit: the app exited (its code). oom: out of memory (137). panic: the guest
 * crashed (134). killed: powered off (by `stop` after its timeout, `rm -f`) or QEMU killed by a
 * signal. lost: QEMU disappeared without an exit record. qemu-error: QEMU refused to start.
 */
export type ExitReason = 'exit' | 'oom' | 'panic' | 'killed' | 'lost' | 'qemu-error';

export interface StopRequest {
  by: ProcessId;
  at: string;
  /** Set when the VM is (being) powered off rather than asked to stop. */
  powerOff: boolean;
}

export interface InstanceState {
  version: 1;
  status: Status;
  /** Boots so far (1 for the first run; restart adds one). */
  run: number;
  qemu: ProcessId | null;
  /**
   * The nephos process that owns this run's bookkeeping while it lives: a foreground `run` (which
   * writes the logs itself), or `run -d`/`restart` until the app is ready. When it is alive,
   * others leave the final state to it.
   */
  supervisor: ProcessId | null;
  detached: boolean;
  /** The accelerator this run uses. */
  accel: 'kvm' | 'tcg' | null;
  startedAt: string | null;
  readyAt: string | null;
  finishedAt: string | null;
  exitCode: number | null;
  exitReason: ExitReason | null;
  /** Where this run's output starts in console.log and stdio.log (restart appends). */
  consoleOffset: number;
  stdioOffset: number;
  stopping: StopRequest | null;
}

export function isFinal(status: Status): boolean {
  return status === 'exited' || status === 'crashed';
}

export function instancesDir(home = nephosHome()): string {
  return join(home, 'instances');
}

export interface InstancePaths {
  dir: string;
  config: string;
  state: string;
  console: string;
  stdio: string;
  qemuLog: string;
  control: string;
  qmp: string;
}

export function pathsOf(dir: string): InstancePaths {
  return {
    dir,
    config: join(dir, 'config.json'),
    state: join(dir, 'state.json'),
    console: join(dir, 'console.log'),
    stdio: join(dir, 'stdio.log'),
    qemuLog: join(dir, 'qemu.log'),
    control: join(dir, 'control.sock'),
    qmp: join(dir, 'qmp.sock'),
  };
}

/** Writes `value` as JSON to `path` atomically (complete temporary file, then rename). */
export function writeJsonAtomic(path: string, value: unknown): void {
  const tmp = `${path}.tmp-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  try {
    writeFileSync(tmp, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600 });
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

/** Raised when the instance's directory disappeared (removed by a concurrent `rm`). */
export class InstanceGone extends NephosError {
  constructor(name: string) {
    super(`no instance named "${name}"`, 'see `nephos ps -a` for the list');
  }
}

export class Instance {
  readonly paths: InstancePaths;
  constructor(readonly home: string, readonly name: string) {
    this.paths = pathsOf(join(instancesDir(home), name));
  }

  private read<T>(path: string): T {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new InstanceGone(this.name);
      throw e;
    }
    try {
      return JSON.parse(text) as T;
    } catch {
      throw fail(`the state of instance "${this.name}" is damaged (${path})`, `remove it with \`nephos rm -f ${this.name}\``);
    }
  }

  config(): InstanceConfig {
    return this.read<InstanceConfig>(this.paths.config);
  }

  state(): InstanceState {
    return this.read<InstanceState>(this.paths.state);
  }

  /** Replaces state.json; call under the instance lock. */
  writeState(state: InstanceState): void {
    try {
      writeJsonAtomic(this.paths.state, state);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new InstanceGone(this.name);
      throw e;
    }
  }

  /** The lock key (lock.ts) of this instance. */
  get lockKey(): string {
    return this.paths.dir;
  }
}

/** The instance called `name`; a NephosError naming the fix when there is none. */
export function openInstance(name: string, home = nephosHome()): Instance {
  const inst = new Instance(home, name);
  if (!NAME_PATTERN.test(name)) throw new InstanceGone(name);
  inst.state(); // throws InstanceGone
  return inst;
}

/** Names of every instance, sorted. */
export function listInstanceNames(home = nephosHome()): string[] {
  let names: string[];
  try {
    names = readdirSync(instancesDir(home));
  } catch {
    return [];
  }
  return names.filter((n) => NAME_PATTERN.test(n)).sort();
}

export function initialState(): InstanceState {
  return {
    version: 1, status: 'starting', run: 0, qemu: null, supervisor: null, detached: false, accel: null,
    startedAt: null, readyAt: null, finishedAt: null, exitCode: null, exitReason: null,
    consoleOffset: 0, stdioOffset: 0, stopping: null,
  };
}

function nameInUse(home: string, name: string): NephosError {
  let status: Status | undefined;
  try {
    status = new Instance(home, name).state().status;
  } catch {
    // Being created or removed this very moment.
  }
  if (status && isFinal(status)) {
    return fail(`the name "${name}" is in use by an instance that has ${status}`, `remove it with \`nephos rm ${name}\`, or choose another --name`);
  }
  return fail(`the name "${name}" is in use by a running instance`, `choose another --name, or remove it with \`nephos rm -f ${name}\``);
}

/**
 * Creates the instance directory atomically with its config and initial state. `config.name`
 * undefined: a generated name. Fails with "name in use" when the name is taken.
 */
export function createInstance(config: Omit<InstanceConfig, 'name'> & { name?: string }, state: InstanceState, home = nephosHome()): Instance {
  const root = instancesDir(home);
  try {
    mkdirSync(root, { recursive: true, mode: 0o700 });
  } catch (e) {
    throw fail(`cannot create ${root} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, 'check that $NEPHOS_HOME is writable');
  }
  const tmp = mkdtempSync(join(root, '.new-'));
  try {
    for (let attempt = 0; ; attempt++) {
      const name = config.name ?? generateName(attempt);
      writeJsonAtomic(join(tmp, 'config.json'), { ...config, name });
      writeJsonAtomic(join(tmp, 'state.json'), state);
      try {
        renameSync(tmp, join(root, name));
        return new Instance(home, name);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw e;
        if (config.name !== undefined) throw nameInUse(home, name);
        if (attempt > 200) throw fail('could not find a free instance name', 'give one with --name');
      }
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** Removes the instance's directory (call under its lock, once its VM is gone). */
export function removeInstanceDir(inst: Instance): void {
  const trash = join(instancesDir(inst.home), `.removed-${inst.name}-${process.pid}-${Date.now()}`);
  try {
    renameSync(inst.paths.dir, trash);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return; // removed concurrently
    throw e;
  }
  rmSync(trash, { recursive: true, force: true });
}
