// Requests per second of real npm apps (Express 4 and Fastify 5 from the registry, pinned) on
// Nephos against the Linux microVM baseline running the same app with Node (bench/linux/), with
// Node directly on the host for scale. Every figure comes from this one run, systems taking turns
// round by round. Accelerators: TCG for every system (the fair comparison on this kind of host,
// where Debian's kernel cannot run under nested PVM, design.md section 8), and KVM for whatever
// can use it (Nephos here; Linux too on a host with real VMX/SVM).
//
// Each app answers GET / with "hello\n" (readiness, as bench/linux's waitReady expects) and
// GET /api/users/:id with a small JSON document through routing (and, in Fastify, a response
// schema); wrk loads both paths. Before measuring, the JSON answer of each system is checked to
// be the same bytes as host Node's.
//
//   node bench/run.mjs apps                full: 15 s of load, 2 rounds per path
//   node bench/run.mjs apps --quick        5 s, 1 round
//   flags: --duration=S --rounds=N --apps=express,fastify --systems=linux,nephos,host
//          --accel=tcg|kvm --json=PATH
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { BUILD_DIR, ROOT } from '../cli/toolchain/paths';
import { hostDescription, kvmUsable, median, table } from './lib';
import { buildLinuxBaseline, hostTscKhz, type LinuxBaseline } from './linux/build';
import { childPids, commOf, freePort, httpGet, nowMs, parseWrk, rssKiB, waitReady, type WrkResult } from './linux/measure';
import { linuxQemuArgs } from './linux/qemu';
import { kvmPvm, NICE, type Accel } from './linux/systems';

const argv = process.argv.slice(2);
const flag = (name: string) => argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const quick = argv.includes('--quick');
const DURATION = Number(flag('duration') ?? (quick ? 5 : 15));
const ROUNDS = Number(flag('rounds') ?? (quick ? 1 : 2));
const WARMUP = quick ? 2 : 4;
const PATHS = ['/', '/api/users/42'];
const log = (m: string) => console.error(`apps-bench: ${m}`);

interface AppSpec {
  name: string;
  dependencies: Record<string, string>;
  index: string;
}

const APPS: AppSpec[] = [
  {
    name: 'express',
    dependencies: { express: '4.22.3' },
    index: `'use strict';
const express = require('express');
const app = express();
app.use(express.json());
app.get('/', (req, res) => res.type('text/plain').send('hello\\n'));
app.get('/api/users/:id', (req, res) => res.json({ id: Number(req.params.id), name: 'user' + req.params.id, roles: ['reader'], active: true }));
app.listen(Number(process.env.PORT) || 8080, () => console.log('listening'));
`,
  },
  {
    name: 'fastify',
    dependencies: { fastify: '5.12.8' },
    index: `'use strict';
const fastify = require('fastify')();
fastify.get('/', (req, reply) => { reply.type('text/plain').send('hello\\n'); });
fastify.get('/api/users/:id', {
  schema: {
    params: { type: 'object', properties: { id: { type: 'integer' } } },
    response: { 200: { type: 'object', properties: { id: { type: 'integer' }, name: { type: 'string' }, roles: { type: 'array', items: { type: 'string' } }, active: { type: 'boolean' } } } },
  },
}, async (req) => ({ id: req.params.id, name: 'user' + req.params.id, roles: ['reader'], active: true }));
fastify.listen({ port: Number(process.env.PORT) || 8080, host: '0.0.0.0' }).then(() => console.log('listening'));
`,
  },
];

/** build/bench/apps/<name>/: the app with its node_modules, installed once per package.json. */
function installApp(app: AppSpec): string {
  const dir = join(BUILD_DIR, 'bench', 'apps', app.name);
  const pkg = JSON.stringify({ name: `bench-${app.name}`, version: '1.0.0', private: true, main: 'index.js', dependencies: app.dependencies }, null, 2);
  const marker = join(dir, 'node_modules', '.installed-package.json');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'index.js'), app.index);
  if (existsSync(marker) && readFileSync(marker, 'utf8') === pkg) return dir;
  writeFileSync(join(dir, 'package.json'), pkg);
  log(`npm install in ${dir}`);
  const r = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--no-package-lock', '--loglevel=error'], { cwd: dir, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`npm install for ${app.name} failed:\n${r.stdout}${r.stderr}`);
  writeFileSync(marker, pkg);
  return dir;
}

interface Running {
  port: number;
  /** The process whose RSS is this system's cost (QEMU, or node). */
  costPid(): number | undefined;
  gone(): string | undefined;
  output(): string;
  stop(): Promise<void>;
}

function spawnNice(args: string[], port: number, env: Record<string, string> = {}, costPid?: (c: ChildProcess) => number | undefined): Running {
  const child = spawn(NICE[0], [...NICE.slice(1), ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
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
    port,
    costPid: () => (costPid ? costPid(child) : child.pid),
    gone: () => ended,
    output: () => out,
    async stop() {
      if (ended) return;
      child.kill('SIGTERM');
      const again = setTimeout(() => child.kill('SIGTERM'), 2000);
      const hard = setTimeout(() => child.kill('SIGKILL'), 8000);
      await closed;
      clearTimeout(again);
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

interface System {
  name: string;
  /** undefined when usable under accel, else why not. */
  prepare(accel: Accel): Promise<string | undefined>;
  start(accel: Accel, port: number): Running;
}

function linuxSystem(appDir: string): System {
  let baseline: LinuxBaseline | undefined;
  let tscKhz: number | undefined;
  return {
    name: 'Linux microVM',
    async prepare(accel) {
      if (accel === 'kvm' && kvmPvm()) return 'n/a (kvm_pvm)';
      baseline ??= await buildLinuxBaseline({ appDir, log });
      if (accel === 'tcg') tscKhz ??= hostTscKhz(baseline);
      return undefined;
    },
    start: (accel, port) => spawnNice(['qemu-system-x86_64', ...linuxQemuArgs({ baseline: baseline!, accel, hostPort: port, memoryMiB: 512, tscKhz })], port),
  };
}

function nephosSystem(appDir: string, name: string): System {
  const cli = join(ROOT, 'cli', 'bin', 'nephos.js');
  const image = join(BUILD_DIR, 'bench', 'apps', `${name}.img`);
  let built: string | undefined;
  return {
    name: 'Nephos',
    async prepare() {
      if (built === undefined) {
        const r = spawnSync(process.execPath, [cli, 'build', appDir, '-o', image], { encoding: 'utf8' });
        built = r.status === 0 ? '' : `n/a (nephos build failed: ${r.stderr.trim().split('\n').pop()})`;
      }
      return built || undefined;
    },
    start: (accel, port) => spawnNice([process.execPath, cli, 'run', '--rm', '--accel', accel, '-m', '256M', '-p', `${port}:8080`, image], port, { NEPHOS_DEBUG: '' }, (c) => qemuUnder(c.pid)),
  };
}

function hostSystem(appDir: string): System {
  return {
    name: 'host Node',
    prepare: async () => undefined,
    start: (_accel, port) => spawnNice([process.execPath, join(appDir, 'index.js')], port, { PORT: String(port) }),
  };
}

function runWrk(port: number, path: string, seconds: number): Promise<WrkResult> {
  const args = [...NICE, 'wrk', '-t2', '-c50', `-d${seconds}s`, '--latency', `http://127.0.0.1:${port}${path}`];
  return new Promise((resolve, reject) => {
    const c = spawn(args[0], args.slice(1), { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    c.stdout.on('data', (d) => (out += d));
    c.stderr.on('data', (d) => (out += d));
    c.on('error', (e: NodeJS.ErrnoException) => reject(e.code === 'ENOENT' ? new Error('wrk is not installed (run scripts/setup.sh)') : e));
    c.on('close', (code) => {
      if (code !== 0) return reject(new Error(`wrk exited ${code}:\n${out}`));
      try {
        resolve(parseWrk(out));
      } catch (e) {
        reject(e);
      }
    });
  });
}

interface Figures {
  status?: string;
  /** Per path: one wrk result per round. */
  wrk: Record<string, WrkResult[]>;
  rssAfterLoadKiB: number[];
  bootMs: number[];
  failures: string[];
}

async function measureOne(s: System, accel: Accel, f: Figures, reference: Map<string, string>): Promise<void> {
  const port = await freePort();
  const t0 = nowMs();
  const inst = s.start(accel, port);
  try {
    const t1 = await waitReady(port, t0 + 180_000, inst.gone);
    f.bootMs.push(t1 - t0);
    const json = await httpGet(port, '/api/users/42', 10_000);
    const expected = reference.get('/api/users/42');
    if (expected !== undefined && json.body !== expected) throw new Error(`GET /api/users/42 answered ${JSON.stringify(json.body)}, host Node ${JSON.stringify(expected)}`);
    for (const path of PATHS) {
      await runWrk(port, path, WARMUP);
      const w = await runWrk(port, path, DURATION);
      (f.wrk[path] ??= []).push(w);
    }
    const pid = inst.costPid();
    if (pid) f.rssAfterLoadKiB.push(rssKiB(pid));
    if (inst.gone()) throw new Error(`ended during the load: ${inst.gone()}`);
  } catch (e) {
    const tail = inst.output().trim().split('\n').slice(-3).join(' | ');
    f.failures.push(`${(e as Error).message}${tail ? ` -- output: ${tail}` : ''}`);
    log(`${s.name} (${accel}) failed: ${f.failures[f.failures.length - 1]}`);
  } finally {
    await inst.stop();
  }
}

async function main() {
  const wantApps = (flag('apps') ?? 'express,fastify').split(',');
  const wantSystems = (flag('systems') ?? 'linux,nephos,host').split(',');
  const accelFlag = flag('accel');
  const accels: Accel[] = accelFlag ? [accelFlag as Accel] : kvmUsable() ? ['tcg', 'kvm'] : ['tcg'];
  console.log(`Real npm apps: requests/s on Nephos and the Linux microVM baseline — ${new Date().toISOString()}`);
  console.log(`host: ${hostDescription()}`);
  if (kvmPvm()) console.log("KVM here is nested PVM (kvm_pvm): Debian's kernel cannot run under it, so Nephos is compared with Linux under TCG; Nephos's KVM column has no Linux counterpart.");
  const results: Record<string, Record<string, Record<string, Figures>>> = {};
  const t0 = nowMs();
  for (const spec of APPS.filter((a) => wantApps.includes(a.name))) {
    const dir = installApp(spec);
    const versions = Object.entries(spec.dependencies).map(([k, v]) => `${k}@${v}`).join(', ');
    const all: Record<string, System> = { linux: linuxSystem(dir), nephos: nephosSystem(dir, spec.name), host: hostSystem(dir) };
    const systems = wantSystems.map((w) => all[w]).filter(Boolean);
    // Host Node's answer is the reference for the correctness check.
    const reference = new Map<string, string>();
    {
      const port = await freePort();
      const h = hostSystem(dir).start('tcg', port);
      await waitReady(port, nowMs() + 30_000, h.gone);
      reference.set('/api/users/42', (await httpGet(port, '/api/users/42')).body);
      await h.stop();
    }
    results[spec.name] = {};
    for (const accel of accels) {
      const figs = new Map<string, Figures>();
      const active: System[] = [];
      for (const s of systems) {
        const f: Figures = { wrk: {}, rssAfterLoadKiB: [], bootMs: [], failures: [] };
        figs.set(s.name, f);
        if (s.name === 'host Node' && accel !== accels[0]) {
          f.status = `see ${accels[0].toUpperCase()}`;
          continue;
        }
        try {
          f.status = await s.prepare(accel);
        } catch (e) {
          f.status = `n/a (${(e as Error).message.split('\n')[0]})`;
        }
        if (!f.status) active.push(s);
      }
      for (let round = 0; round < ROUNDS; round++) {
        for (const s of active) {
          log(`${spec.name}: ${s.name} (${accel}) round ${round + 1}/${ROUNDS}`);
          await measureOne(s, accel, figs.get(s.name)!, reference);
        }
      }
      results[spec.name][accel] = Object.fromEntries(figs);
      const cell = (f: Figures, v: number | undefined, digits: number) => f.status ?? (v === undefined ? (f.failures.length ? 'failed' : '-') : v.toFixed(digits));
      const rows: (string | number)[][] = [];
      for (const path of PATHS) {
        const rps = (f: Figures) => (f.wrk[path]?.length ? median(f.wrk[path].map((w) => w.requestsPerSec)) : undefined);
        const p99 = (f: Figures) => (f.wrk[path]?.length ? median(f.wrk[path].map((w) => w.p99Ms)) : undefined);
        const lin = figs.get('Linux microVM');
        const nep = figs.get('Nephos');
        const ratio = lin && nep && rps(lin) && rps(nep) ? `${(rps(nep)! / rps(lin)!).toFixed(2)}x` : '-';
        rows.push([`GET ${path}: requests/s`, ...systems.map((s) => cell(figs.get(s.name)!, rps(figs.get(s.name)!), 0)), ratio]);
        const p99ratio = lin && nep && p99(lin) && p99(nep) ? `${(p99(lin)! / p99(nep)!).toFixed(2)}x` : '-';
        rows.push([`GET ${path}: latency p99, ms`, ...systems.map((s) => cell(figs.get(s.name)!, p99(figs.get(s.name)!), 1)), p99ratio]);
      }
      rows.push(['boot to ready, ms (median)', ...systems.map((s) => { const f = figs.get(s.name)!; return cell(f, f.bootMs.length ? median(f.bootMs) : undefined, 0); }), '-']);
      rows.push(['RSS after load, MiB', ...systems.map((s) => { const f = figs.get(s.name)!; return cell(f, f.rssAfterLoadKiB.length ? median(f.rssAfterLoadKiB) / 1024 : undefined, 1); }), '-']);
      table(`${accel.toUpperCase()}: ${spec.name} (${versions}), wrk -t2 -c50, ${DURATION} s after ${WARMUP} s warm-up, median of ${ROUNDS} (ratio: Nephos over Linux, same accelerator; >1 is Nephos better)`,
        ['measure', ...systems.map((s) => s.name), 'Nephos vs Linux'], rows);
      for (const s of systems) for (const why of figs.get(s.name)!.failures) console.log(`  ${s.name}: ${why}`);
    }
  }
  console.log(`\nAll processes ran under \`${NICE.join(' ')}\`; ${((nowMs() - t0) / 60000).toFixed(1)} minutes.`);
  const json = flag('json') ?? join(BUILD_DIR, 'bench', `apps-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  mkdirSync(dirname(json), { recursive: true });
  writeFileSync(json, JSON.stringify({ date: new Date().toISOString(), host: hostDescription(), kvmPvm: kvmPvm(), duration: DURATION, rounds: ROUNDS, results }, null, 2) + '\n');
  console.log(`results: ${json}`);
}

main().catch((e) => {
  console.error(`apps-bench: ${e.stack ?? e.message}`);
  process.exit(1);
});
