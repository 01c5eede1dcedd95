// Launching an instance's VM: the step `run` (foreground and detached) and `restart` share.
//
// `beginRun` runs under the instance lock: it checks that no run is in progress (so two racing
// `restart`s boot one VM, not two), spawns QEMU and records the new run (its number, QEMU's
// identity, where its output starts in the logs) before releasing the lock. QEMU's sockets are
// created with umask 0177 (mode 0600: only the owner may talk to the guest or to QEMU).
//
// Detached (`run -d`, `restart`): QEMU gets its own session (setsid), so it outlives this process
// and the terminal; its serial console and stdio port go to console.log and stdio.log, its
// stderr to qemu.log; no pipe ties it to us. Foreground: the serial console and stdio port are
// pipes that cli/run/index.ts reads, shows and copies into the same log files; QEMU is in its own
// process group too, so Ctrl-C reaches nephos only (which stops the guest gracefully).
import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync, rmSync, statSync } from 'node:fs';
import { EXIT_NEPHOS_FAILURE, fail, NephosError } from '../errors';
import type { BootFiles } from '../image';
import { lockOf } from '../instances/lifecycle';
import { identify, self } from '../instances/proc';
import { type Instance, type InstanceConfig, type InstanceState, isFinal } from '../instances/store';
import { encodeGuestConfig, macFor, qemuArgs, type ResolvedAccel } from './qemu';
import { ensureApiTokens, tokenDigests } from '../commands/api-tokens';
import { ensureTap } from './tap';

export const QEMU = process.env.NEPHOS_QEMU || 'qemu-system-x86_64';

export interface LaunchSpec {
  inst: Instance;
  config: InstanceConfig;
  boot: BootFiles;
  accel: ResolvedAccel;
  foreground: boolean;
  /** The terminal the app writes to (foreground only). */
  tty?: { stdout: boolean; stderr: boolean; columns?: number; rows?: number };
}

export type Launched = { child: ChildProcess; state: InstanceState } | { busy: InstanceState };

function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

/** Unix socket paths are limited to 107 bytes (sun_path). */
const MAX_SOCKET_PATH = 107;

export function launchArgs(spec: LaunchSpec): string[] {
  const { inst, config } = spec;
  for (const sock of [inst.paths.control, inst.paths.qmp]) {
    if (Buffer.byteLength(sock) > MAX_SOCKET_PATH) {
      throw fail(`the socket path ${sock} is too long for a Unix socket (${MAX_SOCKET_PATH} bytes at most)`, 'use a shorter $NEPHOS_HOME or instance name');
    }
  }
  const ip = (n: number) => [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
  const append = encodeGuestConfig({
    argv: config.args,
    env: config.env,
    tty: spec.tty ?? { stdout: false, stderr: false },
    name: config.name,
    net: config.ipv4
      ? { kind: 'static', address: ip(config.ipv4.address), prefix: config.ipv4.prefix, gateway: config.ipv4.gateway === undefined ? undefined : ip(config.ipv4.gateway), dns: config.ipv4.dns === undefined ? undefined : ip(config.ipv4.dns) }
      : { kind: 'dhcp' },
    apiPort: config.apiPort,
    ...(config.apiPort !== undefined ? { apiTokens: tokenDigests(ensureApiTokens(inst.paths.dir)) } : {}),
  });
  if (config.net.kind === 'tap') ensureTap(config.net.ifname ?? 'nephos0');
  // NEPHOS_KERNEL_ARGS: extra kernel command-line words, for the crash-path tests
  // (nephos.selftest=fault) and debugging.
  const extra = process.env.NEPHOS_KERNEL_ARGS?.trim();
  // NEPHOS_QEMU_NETDEV: the NIC's QEMU backend instead of --net's, e.g. `dgram,local.type=inet,...`
  // (not part of the CLI contract: the system tests put a frame relay on the wire with it,
  // tests/netlab/). -p and --net are then ignored; --ip/--gw/--dns still apply.
  const netdevOverride = process.env.NEPHOS_QEMU_NETDEV?.trim();
  return qemuArgs({
    kernel: spec.boot.kernel,
    initrd: spec.boot.initrd,
    memoryBytes: config.memory,
    accel: spec.accel,
    machine: config.machine ?? 'microvm',
    append: extra ? `${append} ${extra}` : append,
    stdio: spec.foreground ? { fd: 3 } : { file: inst.paths.stdio },
    ...(spec.foreground ? {} : { serialFile: inst.paths.console }),
    controlSocket: inst.paths.control,
    qmpSocket: inst.paths.qmp,
    net: netdevOverride ? { mode: 'netdev', backend: netdevOverride }
      : config.net.kind === 'tap' ? { mode: 'tap', ifname: config.net.ifname ?? 'nephos0' } : { mode: 'user', ports: config.ports },
    mac: macFor(config.name),
  });
}

function spawnQemu(args: string[], spec: LaunchSpec): ChildProcess {
  if (process.env.NEPHOS_DEBUG) process.stderr.write(`nephos: ${QEMU} ${args.join(' ')}\n`);
  const old = process.umask(0o177);
  let logFd: number | undefined;
  try {
    if (spec.foreground) {
      return spawn(QEMU, args, { stdio: ['ignore', 'pipe', 'pipe', 'pipe'], detached: true });
    }
    logFd = openSync(spec.inst.paths.qemuLog, 'a', 0o600);
    const child = spawn(QEMU, args, { stdio: ['ignore', logFd, logFd], detached: true });
    child.unref();
    return child;
  } finally {
    process.umask(old);
    if (logFd !== undefined) closeSync(logFd);
  }
}

/** The "QEMU is missing" error, or a generic one, for a spawn that failed. */
export function spawnError(e: NodeJS.ErrnoException): NephosError {
  if (e.code === 'ENOENT') return fail(`${QEMU} is not installed`, "run the README's setup command (Debian package qemu-system-x86)");
  if (e.code === 'EACCES') return fail(`${QEMU} cannot be executed (permission denied)`, 'check NEPHOS_QEMU or the file\'s permissions');
  return new NephosError(`cannot start ${QEMU} (${e.code ?? e.message})`, 'check the QEMU installation', '', EXIT_NEPHOS_FAILURE);
}

/**
 * Starts a new run of `spec.inst` unless one is in progress (then `{ busy }`). The instance's
 * first run is started by its creator, which is recorded as supervisor of run 0.
 */
export function beginRun(spec: LaunchSpec): Promise<Launched> {
  const { inst } = spec;
  return lockOf(inst, async () => {
    const st = inst.state();
    const creating = st.run === 0 && st.supervisor?.pid === process.pid;
    if (!creating && !isFinal(st.status)) return { busy: st };
    const args = launchArgs(spec);
    rmSync(inst.paths.control, { force: true });
    rmSync(inst.paths.qmp, { force: true });
    const consoleOffset = sizeOf(inst.paths.console);
    const stdioOffset = sizeOf(inst.paths.stdio);
    const child = spawnQemu(args, spec);
    if (child.pid === undefined) {
      const err = await new Promise<NodeJS.ErrnoException>((resolve) => child.once('error', resolve));
      throw spawnError(err);
    }
    const state: InstanceState = {
      ...st,
      status: 'starting',
      run: st.run + 1,
      qemu: identify(child.pid) ?? { pid: child.pid, start: '' },
      supervisor: self(),
      detached: !spec.foreground,
      accel: spec.accel,
      startedAt: new Date().toISOString(),
      readyAt: null,
      finishedAt: null,
      exitCode: null,
      exitReason: null,
      consoleOffset,
      stdioOffset,
      stopping: null,
    };
    inst.writeState(state);
    return { child, state };
  });
}
