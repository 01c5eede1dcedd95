// "A system" for the benchmarks: something that serves examples/http on a host port. Three exist:
//   linuxMicroVm()  Debian's kernel + an initramfs with Node, under QEMU microvm (build.ts, qemu.ts)
//   nephos()        `node cli/bin/nephos.js run -p PORT:8080 <image>`
//   hostNode()      `node examples/http` directly on the host (the reference)
// Every benchmark takes a list of systems and treats them alike, so Nephos plugs in as soon as
// `nephos run -p` serves: its prepare() builds the image and probes one boot, and until that works
// it reports "n/a (pending: ...)" instead of a number.
//
// The contract:
//   const why = await s.prepare(accel);      // undefined: usable under accel; else why not
//   const inst = s.start({ accel, hostPort, memoryMiB });
//   await waitReady(hostPort, deadline, inst.gone);
//   rssKiB(inst.costPid()!) ...; await inst.stop();
// Processes are started under `nice` (NEPHOS_BENCH_NICE, default 10): the host is shared.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { BUILD_DIR, ROOT } from '../../cli/toolchain/paths';
import { buildLinuxBaseline, hostTscKhz, type LinuxBaseline } from './build';
import type { InitramfsCompression } from './initramfs';
import { childPids, commOf, freePort, nowMs, waitReady } from './measure';
import { linuxQemuArgs } from './qemu';

export type Accel = 'kvm' | 'tcg';

export interface StartOptions {
  accel: Accel;
  hostPort: number;
  /** Guest memory; the system's default when absent. Ignored by host Node. */
  memoryMiB?: number;
}

export interface Instance {
  /** The process whose memory and CPU are this system's cost: QEMU, or node on the host. */
  costPid(): number | undefined;
  /** undefined while running; otherwise how it ended. */
  gone(): string | undefined;
  /** The last 16 KiB of its console (serial, or stdout and stderr). */
  output(): string;
  stop(): Promise<void>;
}

export interface System {
  /** Column name in tables. */
  name: string;
  /** True for VMs: -m applies, image bytes exist. */
  vm: boolean;
  defaultMemoryMiB?: number;
  /** Builds what is needed. Returns undefined when the system can run under `accel`, else a short reason ("n/a (kvm_pvm)"). */
  prepare(accel: Accel): Promise<string | undefined>;
  start(o: StartOptions): Instance;
  /** What the VM loads (kernel + initramfs, or the Nephos image); undefined for host Node. */
  imageBytes(): number | undefined;
  /** Lines that say what exactly was measured (versions, configuration). */
  describe(): string[];
}

export const NICE = ['nice', '-n', process.env.NEPHOS_BENCH_NICE ?? '10'];
export const HTTP_APP = join(ROOT, 'examples', 'http');

/** True on hosts whose KVM is nested PVM: Debian's kernel cannot run there (design.md section 8). */
export const kvmPvm = () => existsSync('/sys/module/kvm_pvm');

/** Spawns argv under nice and wraps it as an Instance. */
function processInstance(argv: string[], opts: { env?: Record<string, string>; costPid?: (child: ChildProcess) => number | undefined } = {}): Instance {
  const child = spawn(NICE[0], [...NICE.slice(1), ...argv], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...opts.env } });
  let out = '';
  let ended: string | undefined;
  const keep = (d: Buffer) => {
    out = (out + d.toString('utf8')).slice(-16384);
  };
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
  return {
    costPid: () => (opts.costPid ? opts.costPid(child) : child.pid),
    gone: () => ended,
    output: () => out,
    async stop() {
      if (ended) return;
      const inner = opts.costPid?.(child);
      child.kill('SIGTERM');
      const timer = setTimeout(() => {
        if (inner && inner !== child.pid && commOf(inner)) process.kill(inner, 'SIGKILL');
        child.kill('SIGKILL');
      }, 5000);
      await closed;
      clearTimeout(timer);
    },
  };
}

export interface LinuxOptions {
  compression?: InitramfsCompression;
  /** Guest memory when a run does not give one (design.md: 256M fails, 320M works). */
  memoryMiB?: number;
  log?: (m: string) => void;
}

export function linuxMicroVm(o: LinuxOptions = {}): System & { baseline(): LinuxBaseline } {
  let baseline: LinuxBaseline | undefined;
  let tscKhz: number | undefined;
  const memory = o.memoryMiB ?? 512;
  return {
    name: 'Linux microVM',
    vm: true,
    defaultMemoryMiB: memory,
    async prepare(accel) {
      if (accel === 'kvm' && kvmPvm()) return 'n/a (kvm_pvm)';
      baseline ??= await buildLinuxBaseline({ appDir: HTTP_APP, compression: o.compression, log: o.log });
      if (accel === 'tcg') tscKhz ??= hostTscKhz(baseline);
      return undefined;
    },
    start({ accel, hostPort, memoryMiB }) {
      if (!baseline) throw new Error('linuxMicroVm: prepare() first');
      return processInstance(['qemu-system-x86_64', ...linuxQemuArgs({ baseline, accel, hostPort, memoryMiB: memoryMiB ?? memory, tscKhz })]);
    },
    imageBytes: () => baseline?.imageBytes,
    baseline() {
      if (!baseline) throw new Error('linuxMicroVm: prepare() first');
      return baseline;
    },
    describe() {
      if (!baseline) return [];
      const b = baseline;
      return [
        `Linux microVM: ${b.kernel.package.name} ${b.kernel.package.version} (sha256 ${b.kernel.package.sha256.slice(0, 16)}...), ` +
          `vmlinux extracted from the ${b.kernel.payloadCompression} bzImage, modules ${b.kernel.modules.join(' ')}`,
        `  initramfs ${b.compression === 'lz4' ? 'lz4 (legacy frame)' : 'uncompressed'}: static /init (${b.init.libc}), host node ${b.node.version} stripped ` +
          `(${(b.node.bytes / 2 ** 20).toFixed(1)} MiB) with ${b.node.libraries.length} shared libraries, examples/http` +
          (tscKhz ? `; tsc_early_khz=${tscKhz}` : ''),
      ];
    },
  };
}

/** The QEMU process under a `nephos run` process (its child). */
function qemuUnder(pid: number | undefined): number | undefined {
  if (!pid) return undefined;
  for (const c of childPids(pid)) {
    if (commOf(c)?.startsWith('qemu-system')) return c;
    const deeper = qemuUnder(c);
    if (deeper) return deeper;
  }
  return undefined;
}

export interface NephosOptions {
  /** How long the probe boot may take to answer before Nephos counts as pending. */
  probeSeconds?: number;
  log?: (m: string) => void;
}

export function nephos(o: NephosOptions = {}): System {
  const cli = join(ROOT, 'cli', 'bin', 'nephos.js');
  const image = join(BUILD_DIR, 'bench', 'http.img');
  let built: string | undefined;
  const probed = new Map<Accel, string | undefined>();
  const start = ({ accel, hostPort, memoryMiB }: StartOptions) =>
    processInstance([process.execPath, cli, 'run', '--accel', accel, ...(memoryMiB ? ['-m', `${memoryMiB}M`] : []), '-p', `${hostPort}:8080`, image], {
      costPid: (child) => qemuUnder(child.pid),
    });
  return {
    name: 'Nephos',
    vm: true,
    async prepare(accel) {
      if (built === undefined) {
        mkdirSync(join(BUILD_DIR, 'bench'), { recursive: true });
        o.log?.('building examples/http with nephos build');
        const b = processInstance([process.execPath, cli, 'build', HTTP_APP, '-o', image]);
        while (!b.gone()) await new Promise((r) => setTimeout(r, 50));
        built = b.gone() === 'exit 0' ? '' : `n/a (pending: nephos build failed: ${b.output().trim().split('\n').pop()})`;
      }
      if (built) return built;
      if (!probed.has(accel)) {
        // One boot that must answer GET /: until Nephos networking lands this is where it stops.
        const port = await freePort();
        const inst = start({ accel, hostPort: port });
        try {
          await waitReady(port, nowMs() + (o.probeSeconds ?? 30) * 1000, inst.gone);
          probed.set(accel, undefined);
        } catch (e) {
          const lines = inst.output().trim().split('\n');
          const said = lines.find((l) => /Error/.test(l)) ?? lines.pop() ?? '';
          o.log?.(`Nephos does not serve yet under ${accel}: ${(e as Error).message}${said ? `; it said: ${said.trim()}` : ''}`);
          probed.set(accel, 'n/a (pending)');
        } finally {
          await inst.stop();
        }
      }
      return probed.get(accel);
    },
    start,
    imageBytes: () => (existsSync(image) ? statSync(image).size : undefined),
    describe: () => [`Nephos: nephos run -p HOST:8080 build/bench/http.img (examples/http)`],
  };
}

export function hostNode(): System {
  return {
    name: 'host Node',
    vm: false,
    prepare: async () => undefined,
    start: ({ hostPort }) => processInstance([process.execPath, join(HTTP_APP, 'index.js')], { env: { PORT: String(hostPort) } }),
    imageBytes: () => undefined,
    describe: () => [`host Node: ${process.execPath} ${process.version} examples/http`],
  };
}
