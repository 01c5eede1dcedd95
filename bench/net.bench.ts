// Networking benchmark (issue 4): in one run, for each system under each accelerator the host
// offers,
//   requests/s, p50, p99   wrk -t2 -c50 (a small response: examples/http's GET / "hello\n"),
//                          after a warm-up; median of the rounds
//   host CPU per request   CPU time of the system's process (QEMU, or node) during that wrk run,
//                          divided by the requests: what one request costs the host
//   download, upload MB/s  bulk TCP through one HTTP response / request body (bench/net/bulk,
//                          bench/net/throughput.ts)
// for Nephos, the Linux microVM running Node (bench/linux/) and Node on the host; all through QEMU
// user networking (-p / hostfwd) for the VMs. Ratios (Nephos over Linux, >1: Nephos better) only
// between runs under the same accelerator: on this host KVM is nested PVM, where Debian's kernel
// cannot run (design.md section 8), so Linux is TCG only and Nephos runs under both.
// For Nephos the guest's own counters are read on the control channel around the wrk run (frames,
// virtio notifies and interrupts, TCP segments per request) for the analysis in docs/performance.md.
//
//   node bench/run.mjs net                 full: 20 s of load, 3 rounds, 10 s per bulk direction
//   node bench/run.mjs net --quick         5 s, 1 round, 5 s
//   flags: --duration=S --rounds=N --bulk=S --systems=linux,nephos,host --accel=tcg|kvm --json=PATH
// Results: bench/results/net-<date>.json (and the tables on stdout).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ROOT } from '../cli/toolchain/paths';
import { hostDescription, kvmUsable, median, table } from './lib';
import { cpuSeconds, freePort, nowMs, runWrk, waitReady, type WrkResult } from './linux/measure';
import { kvmPvm, NICE, type Accel } from './linux/systems';
import { hostSystem, linuxSystem, nephosSystem, type NetSystem, type Running } from './net/systems';
import { download, upload, type Throughput } from './net/throughput';

const argv = process.argv.slice(2);
const flag = (name: string) => argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const quick = argv.includes('--quick');
const DURATION = Number(flag('duration') ?? (quick ? 5 : 20));
const ROUNDS = Number(flag('rounds') ?? (quick ? 1 : 3));
const BULK = Number(flag('bulk') ?? (quick ? 5 : 10));
const WARMUP = quick ? 3 : 5;
const log = (m: string) => console.error(`net-bench: ${m}`);

interface GuestCounters {
  rxFrames: number;
  txFrames: number;
  notifies: number;
  interrupts: number;
  tcpIn: number;
  tcpOut: number;
  retransmits: number;
}

interface Figures {
  status?: string;
  wrk: WrkResult[];
  cpuMsPerRequest: number[];
  /** Share of one host CPU the system's process used during wrk (100 = one core). */
  cpuPercent: number[];
  download: Throughput[];
  upload: Throughput[];
  /** Nephos: guest counters per request during wrk. */
  perRequest: Record<string, number>[];
  failures: string[];
}

async function guestCounters(r: Running): Promise<GuestCounters | undefined> {
  if (!r.control) return undefined;
  try {
    const ifc = (await r.control('/network/ifconfig/eth0')) as { data: Record<string, number> };
    const metrics = String(await r.control('/metrics'));
    const metric = (re: RegExp) => Number(re.exec(metrics)?.[1] ?? NaN);
    return {
      rxFrames: ifc.data.virtio_rxFrames, txFrames: ifc.data.virtio_txFrames, notifies: ifc.data.virtio_notifies, interrupts: ifc.data.virtio_interrupts,
      tcpIn: metric(/^nephos_tcp_segments_total\{direction="in"\} (\d+)/m), tcpOut: metric(/^nephos_tcp_segments_total\{direction="out"\} (\d+)/m),
      retransmits: metric(/^nephos_tcp_retransmits_total (\d+)/m),
    };
  } catch (e) {
    log(`guest counters: ${(e as Error).message}`);
    return undefined;
  }
}

async function started(s: NetSystem, app: 'http' | 'bulk', accel: Accel): Promise<{ r: Running; port: number }> {
  const port = await freePort();
  const r = s.start(app, accel, port);
  try {
    await waitReady(port, nowMs() + 180_000, r.gone);
  } catch (e) {
    await r.stop();
    throw new Error(`${(e as Error).message}; output: ${r.output().trim().split('\n').slice(-3).join(' | ')}`);
  }
  return { r, port };
}

async function requestsRound(s: NetSystem, accel: Accel, f: Figures): Promise<void> {
  const { r, port } = await started(s, 'http', accel);
  try {
    await runWrk({ port, seconds: WARMUP, prefix: NICE });
    const pid = r.costPid();
    const g0 = await guestCounters(r);
    const c0 = pid ? cpuSeconds(pid) : 0;
    const t0 = nowMs();
    const w = await runWrk({ port, seconds: DURATION, prefix: NICE });
    const c1 = pid ? cpuSeconds(pid) : 0;
    const wall = (nowMs() - t0) / 1000;
    const g1 = await guestCounters(r);
    f.wrk.push(w);
    if (pid && w.requests) {
      f.cpuMsPerRequest.push(((c1 - c0) * 1000) / w.requests);
      f.cpuPercent.push(((c1 - c0) / wall) * 100);
    }
    if (g0 && g1 && w.requests) {
      const per: Record<string, number> = {};
      for (const k of Object.keys(g0) as (keyof GuestCounters)[]) per[k] = (g1[k] - g0[k]) / w.requests;
      f.perRequest.push(per);
    }
    if (r.gone()) throw new Error(`ended during the load: ${r.gone()}`);
  } finally {
    await r.stop();
  }
}

async function bulkRound(s: NetSystem, accel: Accel, f: Figures): Promise<void> {
  const { r, port } = await started(s, 'bulk', accel);
  try {
    f.download.push(await download(port, BULK));
    f.upload.push(await upload(port, BULK));
    if (r.gone()) throw new Error(`ended during the transfers: ${r.gone()}`);
  } finally {
    await r.stop();
  }
}

async function measure(systems: NetSystem[], accel: Accel, previous: Map<string, Figures>): Promise<Map<string, Figures>> {
  const figs = new Map<string, Figures>();
  const active: NetSystem[] = [];
  for (const s of systems) {
    const f: Figures = { wrk: [], cpuMsPerRequest: [], cpuPercent: [], download: [], upload: [], perRequest: [], failures: [] };
    figs.set(s.name, f);
    const reuse = s.key === 'host' ? previous.get(s.name) : undefined; // host Node does not depend on the accelerator
    if (reuse) {
      figs.set(s.name, reuse);
      continue;
    }
    try {
      f.status = await s.prepare(accel, log);
    } catch (e) {
      f.status = `n/a (${(e as Error).message.split('\n')[0]})`;
    }
    if (f.status) log(`${s.name} (${accel}): ${f.status}`);
    else active.push(s);
  }
  for (let round = 0; round < ROUNDS; round++) {
    for (const s of active) {
      const f = figs.get(s.name)!;
      for (const [what, fn] of [['requests', requestsRound], ['bulk', bulkRound]] as const) {
        log(`${s.name} (${accel}): ${what}, round ${round + 1}/${ROUNDS}`);
        try {
          await fn(s, accel, f);
        } catch (e) {
          f.failures.push(`${what}: ${(e as Error).message}`);
          log(`${s.name} (${accel}) ${what} failed: ${(e as Error).message}`);
        }
      }
    }
  }
  return figs;
}

const med = (xs: number[]) => (xs.length ? median(xs) : undefined);

function report(systems: NetSystem[], accel: Accel, figs: Map<string, Figures>): void {
  const value = (f: Figures, k: string): number | undefined => {
    switch (k) {
      case 'rps': return med(f.wrk.map((w) => w.requestsPerSec));
      case 'p50': return med(f.wrk.map((w) => w.p50Ms));
      case 'p99': return med(f.wrk.map((w) => w.p99Ms));
      case 'cpu': return med(f.cpuMsPerRequest);
      case 'cpupct': return med(f.cpuPercent);
      case 'down': return med(f.download.map((t) => t.mbPerSec));
      case 'up': return med(f.upload.map((t) => t.mbPerSec));
    }
    return undefined;
  };
  const rowsSpec: [string, string, number, 'higher' | 'lower'][] = [
    [`requests/s (wrk -t2 -c50, ${DURATION} s, median of ${ROUNDS})`, 'rps', 0, 'higher'],
    ['latency p50, ms', 'p50', 2, 'lower'],
    ['latency p99, ms', 'p99', 2, 'lower'],
    ['host CPU per request, ms', 'cpu', 3, 'lower'],
    ['host CPU during wrk, % of one core', 'cpupct', 0, 'lower'],
    [`download (guest sends), MB/s, ${BULK} s`, 'down', 2, 'higher'],
    [`upload (guest receives), MB/s, ${BULK} s`, 'up', 2, 'higher'],
  ];
  const ratio = (a: number | undefined, b: number | undefined, better: 'higher' | 'lower') =>
    a !== undefined && b !== undefined && a > 0 && b > 0 ? `${(better === 'higher' ? b / a : a / b).toFixed(2)}x` : '-';
  const rows = rowsSpec.map(([label, k, digits, better]) => {
    const cells = systems.map((s) => {
      const f = figs.get(s.name)!;
      if (f.status) return f.status;
      const v = value(f, k);
      return v === undefined ? (f.failures.length ? 'failed' : '-') : v.toFixed(digits);
    });
    const lin = figs.get('Linux microVM');
    const nep = figs.get('Nephos');
    const host = figs.get('host Node');
    const ok = (f: Figures | undefined) => (f && !f.status ? f : undefined);
    return [label, ...cells,
      ratio(ok(lin) && value(lin!, k), ok(nep) && value(nep!, k), better),
      ratio(ok(host) && value(host!, k), ok(nep) && value(nep!, k), better)];
  });
  table(`${accel.toUpperCase()}: examples/http (requests) and bench/net/bulk (throughput) (ratios: how many times Nephos is better; vs Linux only under the same accelerator)`,
    ['measure', ...systems.map((s) => s.name), 'Nephos vs Linux', 'Nephos vs host Node'], rows);
  const nep = figs.get('Nephos');
  if (nep?.perRequest.length) {
    const keys = Object.keys(nep.perRequest[0]);
    console.log(`\nNephos (${accel}) guest counters per request during wrk (median of ${nep.perRequest.length}): ` +
      keys.map((k) => `${k} ${median(nep.perRequest.map((p) => p[k])).toFixed(2)}`).join(', '));
  }
  for (const s of systems) for (const why of figs.get(s.name)!.failures) console.log(`  ${s.name} (${accel}): ${why}`);
}

async function main() {
  const want = (flag('systems') ?? 'linux,nephos,host').split(',');
  const all: Record<string, () => NetSystem> = { linux: linuxSystem, nephos: () => nephosSystem(), host: hostSystem };
  const systems = want.map((w) => {
    if (!all[w]) throw new Error(`--systems: no system "${w}" (have ${Object.keys(all).join(', ')})`);
    return all[w]();
  });
  const accelFlag = flag('accel');
  const accels: Accel[] = accelFlag ? [accelFlag as Accel] : kvmUsable() ? ['tcg', 'kvm'] : ['tcg'];
  console.log(`Networking benchmark — ${new Date().toISOString()}`);
  console.log(`host: ${hostDescription()}`);
  if (kvmPvm()) console.log("KVM here is nested PVM (kvm_pvm): Debian's kernel cannot run under it, so Nephos is compared with Linux under TCG; under KVM only Nephos and host Node run.");
  const results: Record<string, Record<string, Figures>> = {};
  let previous = new Map<string, Figures>();
  const t0 = nowMs();
  for (const accel of accels) {
    const figs = await measure(systems, accel, previous);
    previous = figs;
    results[accel] = Object.fromEntries(figs);
    report(systems, accel, figs);
  }
  for (const line of systems.flatMap((s) => s.describe())) console.log(line);
  console.log(`All processes ran under \`${NICE.join(' ')}\`; wrk after a ${WARMUP} s warm-up; ${((nowMs() - t0) / 60000).toFixed(1)} minutes.`);
  const json = flag('json') ?? join(ROOT, 'bench', 'results', `net-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  mkdirSync(dirname(json), { recursive: true });
  writeFileSync(json, JSON.stringify({ date: new Date().toISOString(), host: hostDescription(), kvmPvm: kvmPvm(), duration: DURATION, rounds: ROUNDS, bulkSeconds: BULK, warmup: WARMUP, systems: systems.map((s) => ({ name: s.name, describe: s.describe() })), results }, null, 2) + '\n');
  console.log(`results: ${json}`);
}

main().catch((e) => {
  console.error(`net-bench: ${e.stack ?? e.message}`);
  process.exit(1);
});
