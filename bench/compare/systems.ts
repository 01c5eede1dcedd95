// The two systems bench/compare measures, started the same way: QEMU through bench/compare/qemu.sh
// (one TCG translation-cache size for both, and a stamp with QEMU's launch time and pid), under
// `nice`, user-mode networking with the guest's 8080 forwarded to a host port on 127.0.0.1.
//   linux    the Linux microVM baseline of bench/linux/ (Debian's kernel as an uncompressed
//            vmlinux, an lz4 initramfs with Node and examples/http): QEMU spawned by us
//   nephos   `nephos run --rm [-d] --accel A -m M -p PORT:8080 http.img`, the way users run it, in a
//            throwaway NEPHOS_HOME; NEPHOS_QEMU points the CLI at the same wrapper
// Boot to ready counts from the QEMU launch (the stamp) on both sides; for Nephos the launch of
// the `nephos` command is kept too (its CLI adds Node's start-up and the image check).
//
// Detached Nephos runs (`run -d`, for density) leave only QEMU behind once the app is ready, so
// an instance is measured and stopped through QEMU's pid, never through the CLI. Every instance
// started here is registered until it is stopped, and `killEverything()` (called on exit and on
// SIGINT/SIGTERM) ends what is left, detached QEMUs included.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { BUILD_DIR, ROOT } from '../../cli/toolchain/paths';
import { buildLinuxBaseline, hostTscKhz, type LinuxBaseline } from '../linux/build';
import { commOf, freePort, nowMs, waitReady } from '../linux/measure';
import { linuxQemuArgs } from '../linux/qemu';
import { HTTP_APP, kvmPvm, NICE, type Accel } from '../linux/systems';

export type SystemKey = 'linux' | 'nephos';

export const WRAPPER = join(ROOT, 'bench', 'compare', 'qemu.sh');
const CLI = join(ROOT, 'cli', 'bin', 'nephos.js');

/** Wall-clock milliseconds with sub-millisecond precision (the stamp's clock). */
export const epochMs = () => performance.timeOrigin + performance.now();
/** The epoch time of a `nowMs()` reading (measure.ts's monotonic clock). */
export const epochOf = (monoMs: number) => monoMs + (epochMs() - nowMs());

export interface Launch {
  accel: Accel;
  hostPort: number;
  memoryMiB: number;
  /** Nephos only: `run -d` (the CLI exits once the app is ready; QEMU stays). */
  detached?: boolean;
}

export interface Running {
  hostPort: number;
  /** When we spawned the command (epoch ms): QEMU for Linux, `nephos run` for Nephos. */
  spawnedAt: number;
  /** When the wrapper exec'd QEMU (epoch ms), once known. */
  qemuLaunchedAt(): number | undefined;
  qemuPid(): number | undefined;
  /** undefined while the VM runs (or, detached, while its CLI has not failed); else how it ended. */
  gone(): string | undefined;
  /** The last 16 KiB of the command's output (for Nephos, its serial console first). */
  output(): string;
  /** Nephos: the instance's state directory under the scratch NEPHOS_HOME (qmp.sock, console.log). */
  instanceDir?: string;
  stop(): Promise<void>;
}

export interface CompareSystem {
  key: SystemKey;
  name: string;
  /** Guest memory for boot, load and idle runs (each system's usual size). */
  defaultMemoryMiB: number;
  /** undefined when the system runs under `accel`; else the table's reason ("n/a (kvm_pvm)"). */
  prepare(accel: Accel): Promise<string | undefined>;
  start(l: Launch): Running;
  /** What QEMU loads: vmlinux + initramfs, or the Nephos image. */
  imageBytes(): number | undefined;
  describe(): string[];
}

export interface SystemOptions {
  /** TCG translation cache, MiB (both systems); undefined: QEMU's default. */
  tbSizeMiB?: number;
  /** Scratch directory: launch stamps; Nephos's NEPHOS_HOME lives in it (keep the path short: socket paths). */
  scratch: string;
  log: (m: string) => void;
}

const live = new Set<Running>();
let stampSeq = 0;

function readStamp(file: string): { at: number; pid: number } | undefined {
  try {
    const m = /^(\d+)[.,](\d+) (\d+)/.exec(readFileSync(file, 'utf8'));
    if (!m) return undefined;
    return { at: Number(m[1]) * 1000 + Number(`0.${m[2]}`) * 1000, pid: Number(m[3]) };
  } catch {
    return undefined;
  }
}

/** A live QEMU (a zombie left for init to reap is not: detached QEMUs are not our children). */
function isQemu(pid: number): boolean {
  if (!commOf(pid)?.startsWith('qemu-system')) return false;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/^[ZX]/.test(stat.slice(stat.lastIndexOf(')') + 2));
  } catch {
    return false;
  }
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Spawns argv under nice with a launch stamp; `detachedCli`: the command exits, QEMU stays.
 * `instanceDir`: a Nephos instance's state directory (its console.log joins output()).
 */
function launch(argv: string[], env: Record<string, string>, o: SystemOptions, port: number, detachedCli: boolean, instanceDir?: string): Running {
  const stamp = join(o.scratch, `stamp-${process.pid}-${++stampSeq}`);
  const spawnedAt = epochMs();
  const child: ChildProcess = spawn(NICE[0], [...NICE.slice(1), ...argv], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env, NEPHOS_BENCH_STAMP: stamp, NEPHOS_BENCH_TB_SIZE: o.tbSizeMiB ? String(o.tbSizeMiB) : '' },
  });
  let out = '';
  let ended: string | undefined;
  const keep = (d: Buffer) => (out = (out + d.toString('utf8')).slice(-16384));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const closed = new Promise<void>((resolve) => {
    child.on('error', (e) => {
      ended = `failed to start: ${e.message}`;
      resolve();
    });
    child.on('close', (code, signal) => {
      ended ??= signal ? `killed by ${signal}` : `exit ${code}`;
      resolve();
    });
  });
  let stamped: { at: number; pid: number } | undefined;
  const qemu = () => (stamped ??= readStamp(stamp));
  const qemuAlive = () => {
    const pid = qemu()?.pid;
    return pid !== undefined && isQemu(pid);
  };
  const r: Running = {
    hostPort: port,
    spawnedAt,
    qemuLaunchedAt: () => qemu()?.at,
    qemuPid: () => qemu()?.pid,
    gone() {
      if (!detachedCli) return ended;
      // Detached: the CLI's own exit 0 is the normal case; then the VM lives as long as QEMU.
      if (ended && ended !== 'exit 0') return `nephos run -d: ${ended}`;
      if (ended && !qemuAlive()) return 'QEMU ended';
      return undefined;
    },
    output() {
      if (!instanceDir) return out;
      // The serial console (kernel messages, the exit record: "NEPHOS_EXIT oom 137"), then the CLI's.
      let serial = '';
      try {
        serial = readFileSync(join(instanceDir, 'console.log'), 'latin1').slice(-8192);
      } catch {
        // not created yet, or removed
      }
      return `${serial}${out}`;
    },
    instanceDir,
    async stop() {
      live.delete(r);
      const pid = qemu()?.pid;
      if (pid !== undefined && isQemu(pid)) process.kill(pid, 'SIGTERM');
      if (!ended) child.kill('SIGTERM');
      const deadline = nowMs() + 5000;
      // (Once the command has ended, `closed` is settled: poll QEMU on the timer alone.)
      while ((!ended || qemuAlive()) && nowMs() < deadline) await (ended ? sleep(20) : Promise.race([closed, sleep(20)]));
      if (qemuAlive()) process.kill(qemu()!.pid, 'SIGKILL');
      if (!ended) child.kill('SIGKILL');
      await closed;
      rmSync(stamp, { force: true });
    },
  };
  live.add(r);
  return r;
}

/** Ends every instance still registered (synchronously: safe in an 'exit' handler). */
export function killEverything(): void {
  for (const r of live) {
    const pid = r.qemuPid();
    try {
      if (pid !== undefined && isQemu(pid)) process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  live.clear();
}

export function linuxSystem(o: SystemOptions): CompareSystem & { baseline(): LinuxBaseline | undefined } {
  let baseline: LinuxBaseline | undefined;
  let tscKhz: number | undefined;
  return {
    key: 'linux',
    name: 'Linux microVM',
    // bench/linux's default: 288M is its smallest under TCG, 512M leaves room under load.
    defaultMemoryMiB: 512,
    async prepare(accel) {
      if (accel === 'kvm' && kvmPvm()) return 'n/a (kvm_pvm)';
      baseline ??= await buildLinuxBaseline({ appDir: HTTP_APP, compression: 'lz4', log: o.log });
      if (accel === 'tcg') tscKhz ??= hostTscKhz(baseline);
      return undefined;
    },
    start({ accel, hostPort, memoryMiB }) {
      if (!baseline) throw new Error('linux: prepare() first');
      const args = linuxQemuArgs({ baseline, accel, hostPort, memoryMiB, tscKhz: accel === 'tcg' ? tscKhz : undefined });
      return launch([WRAPPER, ...args], { NEPHOS_BENCH_REAL_QEMU: process.env.NEPHOS_QEMU || 'qemu-system-x86_64' }, o, hostPort, false);
    },
    imageBytes: () => baseline?.imageBytes,
    baseline: () => baseline,
    describe() {
      if (!baseline) return [];
      const b = baseline;
      return [
        `Linux microVM: ${b.kernel.package.name} ${b.kernel.package.version}, uncompressed vmlinux (${(statSync(b.vmlinux).size / 2 ** 20).toFixed(1)} MiB) ` +
          `booted through its PVH note, ${b.compression} initramfs (${(statSync(b.initrd).size / 2 ** 20).toFixed(1)} MiB) with host node ${b.node.version}, ` +
          `QEMU -M microvm,acpi=on` + (tscKhz ? `, tsc_early_khz=${tscKhz}` : ''),
      ];
    },
  };
}

export function nephosSystem(o: SystemOptions): CompareSystem {
  const dir = join(BUILD_DIR, 'bench', 'compare');
  const image = join(dir, 'http.img');
  const home = join(o.scratch, 'home');
  let built: string | undefined;
  const probed = new Map<Accel, string | undefined>();
  const env = () => ({
    NEPHOS_HOME: home,
    NEPHOS_QEMU: WRAPPER,
    NEPHOS_BENCH_REAL_QEMU: process.env.NEPHOS_QEMU || 'qemu-system-x86_64',
    NEPHOS_DEBUG: '',
  });
  let seq = 0;
  const start = ({ accel, hostPort, memoryMiB, detached }: Launch) => {
    // Named, so its state directory (console log, QMP socket) is known.
    const name = `nb${process.pid}-${++seq}`;
    return launch(
      [process.execPath, CLI, 'run', '--rm', '--name', name, ...(detached ? ['-d'] : []), '--accel', accel, '-m', `${memoryMiB}M`, '-p', `${hostPort}:8080`, image],
      env(),
      o,
      hostPort,
      !!detached,
      join(home, 'instances', name),
    );
  };
  return {
    key: 'nephos',
    name: 'Nephos',
    defaultMemoryMiB: 128, // `nephos run`'s default
    async prepare(accel) {
      if (built === undefined) {
        mkdirSync(dir, { recursive: true });
        mkdirSync(home, { recursive: true });
        o.log('nephos build examples/http');
        const b = spawnSync(process.execPath, [CLI, 'build', HTTP_APP, '-o', image], { encoding: 'utf8', env: { ...process.env, ...env() } });
        built = b.status === 0 ? '' : `n/a (nephos build failed: ${(b.stderr || b.stdout).trim().split('\n').pop()})`;
      }
      if (built) return built;
      if (!probed.has(accel)) {
        // One boot that must answer: a Nephos that cannot serve shows up as a reason, not a hang.
        const port = await freePort();
        const r = start({ accel, hostPort: port, memoryMiB: 128 });
        try {
          await waitReady(port, nowMs() + 60_000, r.gone);
          probed.set(accel, undefined);
        } catch (e) {
          o.log(`Nephos does not serve under ${accel}: ${(e as Error).message}; it said: ${r.output().trim().split('\n').slice(-3).join(' | ')}`);
          probed.set(accel, `n/a (does not serve under ${accel})`);
        } finally {
          await r.stop();
        }
      }
      return probed.get(accel);
    },
    start,
    imageBytes: () => (existsSync(image) ? statSync(image).size : undefined),
    describe: () => [`Nephos: nephos run --rm -m M -p PORT:8080 http.img (examples/http, image ${((statSync(image).size) / 2 ** 20).toFixed(2)} MiB), QEMU -M microvm,acpi=off`],
  };
}
