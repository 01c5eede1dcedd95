// The three systems of the networking benchmark (bench/net.bench.ts), each able to serve either of
// its two apps (examples/http for requests/s, bench/net/bulk for throughput) on a host port:
//   Linux microVM  QEMU with Debian's kernel and an initramfs with Node and the app (bench/linux/:
//                  one cached baseline per app), user networking with hostfwd
//   Nephos         `nephos run --rm --name N -p PORT:8080 <image>` in a private NEPHOS_HOME, so the
//                  instance's control socket is known and its counters can be read under load
//   host Node      `node <app>/index.js` with PORT
// All under `nice` (bench/linux/systems.ts NICE). The process whose CPU time counts as the
// system's cost is QEMU (or node on the host).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { controlRequest } from '../../cli/instances/control';
import { BUILD_DIR, ROOT } from '../../cli/toolchain/paths';
import { buildLinuxBaseline, hostTscKhz, type LinuxBaseline } from '../linux/build';
import { childPids, commOf } from '../linux/measure';
import { linuxQemuArgs } from '../linux/qemu';
import { kvmPvm, NICE, type Accel } from '../linux/systems';

export type AppKey = 'http' | 'bulk';

export const APPS: Record<AppKey, string> = {
  http: join(ROOT, 'examples', 'http'),
  bulk: join(ROOT, 'bench', 'net', 'bulk'),
};

export interface Running {
  /** The process whose CPU time and memory are this system's cost. */
  costPid(): number | undefined;
  gone(): string | undefined;
  output(): string;
  /** Nephos only: one request on the instance's control channel. */
  control?(path: string): Promise<unknown>;
  stop(): Promise<void>;
}

export interface NetSystem {
  key: 'linux' | 'nephos' | 'host';
  name: string;
  /** undefined when usable under accel, else why not ("n/a (kvm_pvm)"). */
  prepare(accel: Accel, log: (m: string) => void): Promise<string | undefined>;
  start(app: AppKey, accel: Accel, port: number): Running;
  describe(): string[];
}

function spawnNice(argv: string[], env: Record<string, string> = {}, costPid?: (c: ChildProcess) => number | undefined): Running {
  const child = spawn(NICE[0], [...NICE.slice(1), ...argv], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  let out = '';
  let ended: string | undefined;
  const keep = (d: Buffer) => (out = (out + d.toString('utf8')).slice(-8192));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const closed = new Promise<void>((resolve) => child.on('close', (code, sig) => {
    ended = sig ? `killed by ${sig}` : `exit ${code}`;
    resolve();
  }));
  return {
    costPid: () => (costPid ? costPid(child) : child.pid),
    gone: () => ended,
    output: () => out,
    async stop() {
      if (ended) return;
      const inner = costPid?.(child);
      child.kill('SIGTERM');
      const hard = setTimeout(() => {
        if (inner && inner !== child.pid && commOf(inner)) process.kill(inner, 'SIGKILL');
        child.kill('SIGKILL');
      }, 8000);
      await closed;
      clearTimeout(hard);
    },
  };
}

/** The QEMU process under a `nephos run` process. */
function qemuUnder(pid: number | undefined): number | undefined {
  if (!pid) return undefined;
  for (const c of childPids(pid)) {
    if (commOf(c)?.startsWith('qemu-system')) return c;
    const deeper = qemuUnder(c);
    if (deeper) return deeper;
  }
  return undefined;
}

export function linuxSystem(): NetSystem {
  const baselines = new Map<AppKey, LinuxBaseline>();
  let tscKhz: number | undefined;
  return {
    key: 'linux',
    name: 'Linux microVM',
    async prepare(accel, log) {
      if (accel === 'kvm' && kvmPvm()) return 'n/a (kvm_pvm)';
      for (const app of Object.keys(APPS) as AppKey[]) {
        if (!baselines.has(app)) baselines.set(app, await buildLinuxBaseline({ appDir: APPS[app], log }));
      }
      if (accel === 'tcg') tscKhz ??= hostTscKhz(baselines.get('http')!);
      return undefined;
    },
    start: (app, accel, port) => spawnNice(['qemu-system-x86_64', ...linuxQemuArgs({ baseline: baselines.get(app)!, accel, hostPort: port, memoryMiB: 512, tscKhz })]),
    describe() {
      const b = baselines.get('http');
      return b ? [`Linux microVM: ${b.kernel.package.name} ${b.kernel.package.version}, -m 512M, initramfs (${b.compression}) with host node ${b.node.version}`] : [];
    },
  };
}

export function nephosSystem(memoryMiB = 256): NetSystem {
  const cli = join(ROOT, 'cli', 'bin', 'nephos.js');
  const images: Record<AppKey, string> = { http: join(BUILD_DIR, 'bench', 'net-http.img'), bulk: join(BUILD_DIR, 'bench', 'net-bulk.img') };
  let built: string | undefined;
  let n = 0;
  return {
    key: 'nephos',
    name: 'Nephos',
    async prepare(_accel, log) {
      if (built === undefined) {
        mkdirSync(join(BUILD_DIR, 'bench'), { recursive: true });
        built = '';
        for (const app of Object.keys(APPS) as AppKey[]) {
          log(`nephos build ${APPS[app]}`);
          const r = spawnSync(process.execPath, [cli, 'build', APPS[app], '-o', images[app]], { encoding: 'utf8' });
          if (r.status !== 0) built = `n/a (nephos build failed: ${r.stderr.trim().split('\n').pop()})`;
        }
      }
      return built || undefined;
    },
    start(app, accel, port) {
      const home = mkdtempSync(join(tmpdir(), 'nephos-net-bench-'));
      const name = `bench${++n}`;
      const r = spawnNice([process.execPath, cli, 'run', '--rm', '--name', name, '--accel', accel, '-m', `${memoryMiB}M`, '-p', `${port}:8080`, images[app]],
        { NEPHOS_HOME: home, NEPHOS_DEBUG: '' }, (c) => qemuUnder(c.pid));
      const sock = join(home, 'instances', name, 'control.sock');
      return {
        ...r,
        control: async (path: string) => (await controlRequest(sock, 'GET', path, 5000)).body,
        async stop() {
          await r.stop();
          rmSync(home, { recursive: true, force: true });
        },
      };
    },
    describe: () => [`Nephos: nephos run -m ${memoryMiB}M -p PORT:8080 (images of examples/http and bench/net/bulk)`],
  };
}

export function hostSystem(): NetSystem {
  return {
    key: 'host',
    name: 'host Node',
    prepare: async () => undefined,
    start: (app, _accel, port) => spawnNice([process.execPath, join(APPS[app], 'index.js')], { PORT: String(port) }),
    describe: () => [`host Node: ${process.execPath} ${process.version}`],
  };
}
