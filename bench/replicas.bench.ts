// Requests/s through the replica balancer (cli/group/) with 1, 2 and 4 replicas of examples/http,
// in one run on this host, plus the same single VM reached directly on its internal port (what
// the balancer costs). Each configuration: `nephos run --replicas N`, a warm-up, then
// `wrk -t2 -cC -dDs --latency` against the published port (keep-alive connections: the balancer
// spreads connections, so C should be a multiple of 4), the CPU time the balancer daemon and the
// QEMUs used meanwhile, and how the connections were spread (the daemon's status.json).
//
//   node bench/run.mjs replicas [--quick] [--duration=S] [--connections=C]
//
// Every process runs under `nice -n 10` (NEPHOS_BENCH_NICE): the host is shared. Figures are
// from one run; nothing asserts on them.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hostDescription, table } from './lib';
import { cpuSeconds, freePort, runWrk, type WrkResult } from './linux/measure';

const ROOT = process.env.NEPHOS_ROOT ?? process.cwd();
const NEPHOS = join(ROOT, 'cli', 'bin', 'nephos.js');
const NICE = ['nice', '-n', process.env.NEPHOS_BENCH_NICE ?? '10'];
const quick = process.argv.includes('--quick');
const flag = (name: string, fallback: number) => {
  const a = process.argv.find((x) => x.startsWith(`--${name}=`));
  return a ? Number(a.split('=')[1]) : fallback;
};
const DURATION = flag('duration', quick ? 4 : 10);
const CONNECTIONS = flag('connections', 16);
const WARMUP = quick ? 1 : 3;
const REPLICAS = [1, 2, 4];

const home = mkdtempSync(join(tmpdir(), 'nephos-bench-replicas-'));
const env = { ...process.env, NEPHOS_HOME: home };

function nephos(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const c = spawn(NICE[0], [...NICE.slice(1), process.execPath, NEPHOS, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    c.stdout.on('data', (d) => (stdout += d));
    c.stderr.on('data', (d) => (stderr += d));
    c.on('error', reject);
    c.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const t0 = Date.now();
const elapsed = () => `${((Date.now() - t0) / 1000).toFixed(1)} s`;

async function must(args: string[]): Promise<string> {
  if (process.env.NEPHOS_BENCH_VERBOSE) console.error(`[${elapsed()}] nephos ${args.join(' ')}`);
  const r = await nephos(args);
  if (r.code !== 0) throw new Error(`nephos ${args.join(' ')} failed (${r.code}): ${r.stderr}`);
  return r.stdout;
}

interface Row {
  label: string;
  wrk: WrkResult;
  balancerCpu: number | null;
  qemuCpu: number;
  spread: string;
}

function groupRecord(name: string): { daemon: { pid: number } | null; members: { name: string; ports: { host: number }[] }[] } {
  return JSON.parse(readFileSync(join(home, 'groups', name, 'group.json'), 'utf8'));
}

async function measure(label: string, port: number, pids: { balancer: number | null; qemus: number[] }, spreadOf: () => string): Promise<Row> {
  await runWrk({ port, seconds: WARMUP, connections: CONNECTIONS, prefix: NICE });
  const cpu = (pid: number | null) => (pid === null ? 0 : cpuSeconds(pid));
  const b0 = cpu(pids.balancer);
  const q0 = pids.qemus.reduce((a, p) => a + cpu(p), 0);
  const wrk = await runWrk({ port, seconds: DURATION, connections: CONNECTIONS, prefix: NICE });
  const b1 = cpu(pids.balancer);
  const q1 = pids.qemus.reduce((a, p) => a + cpu(p), 0);
  return {
    label,
    wrk,
    balancerCpu: pids.balancer === null ? null : ((b1 - b0) / DURATION) * 100,
    qemuCpu: ((q1 - q0) / DURATION) * 100,
    spread: spreadOf(),
  };
}

async function main(): Promise<void> {
  console.log(`Replica balancer: examples/http, wrk -t2 -c${CONNECTIONS} -d${DURATION}s after a ${WARMUP} s warm-up`);
  console.log(hostDescription());
  const image = join(home, 'http.img');
  await must(['build', join(ROOT, 'examples', 'http'), '-o', image]);
  const rows: Row[] = [];
  for (const n of REPLICAS) {
    const name = `b${n}`;
    const port = await freePort();
    await must(['run', '--replicas', String(n), '--name', name, '-m', '256M', '-p', `${port}:8080`, image]);
    try {
      const rec = groupRecord(name);
      const ps = JSON.parse(await must(['ps', '--json'])) as { name: string; pid: number | null; group?: string }[];
      const qemus = ps.filter((s) => s.group === name && s.pid !== null).map((s) => s.pid!);
      const spread = () => {
        const st = JSON.parse(readFileSync(join(home, 'groups', name, 'status.json'), 'utf8')) as { backends: { member: string; total: number }[] };
        return st.backends.map((b) => b.total).join('/');
      };
      rows.push(await measure(`${n} replica${n > 1 ? 's' : ''} through the balancer`, port, { balancer: rec.daemon?.pid ?? null, qemus }, spread));
      if (n === 1) {
        // The same VM without the balancer: its internal port, straight.
        const direct = rec.members[0].ports[0].host;
        rows.push(await measure('1 replica direct (no balancer)', direct, { balancer: null, qemus }, () => '-'));
      }
    } finally {
      await must(['rm', '-f', name]);
    }
  }
  table('Requests/s through the balancer', ['configuration', 'requests/s', 'p50 ms', 'p99 ms', 'errors', 'balancer CPU %', 'QEMUs CPU %', 'connections per replica'],
    rows.map((r) => [r.label, r.wrk.requestsPerSec.toFixed(0), r.wrk.p50Ms.toFixed(2), r.wrk.p99Ms.toFixed(2), r.wrk.errors,
      r.balancerCpu === null ? '-' : r.balancerCpu.toFixed(0), r.qemuCpu.toFixed(0), r.spread]));
  console.log(`\nCPU % is of one host CPU (this host has 2). Every process ran under \`${NICE.join(' ')}\`; ${elapsed()} in all.`);
}

main().then(() => rmSync(home, { recursive: true, force: true }), (e) => {
  console.error(`bench replicas: ${(e as Error).message}`);
  rmSync(home, { recursive: true, force: true });
  process.exit(1);
});
