// Nephos against a Linux microVM running the same Node app (examples/http), with Node directly on
// the host for reference (issues 4 and 7). Every figure comes from this one run, the systems taking
// turns (A B C A B C ...), under each accelerator the host offers:
//   boot to ready      QEMU (or node) launch -> first GET / answered "hello\n"; median, p90 of N
//   RSS at ready       the QEMU (or node) process's VmRSS right after that answer, median
//   smallest -m        the least guest memory (MiB) that still answers GET / (search), and the RSS
//                      idle at that size
//   image bytes        vmlinux + initramfs, or the Nephos image
//   idle CPU           host CPU% of the instance over S seconds, after 2 s of settling
//   requests/s, p50/p99  wrk -t2 -c50 for D seconds (after a short warm-up), median of the rounds
//   RSS after load     VmRSS when wrk finishes
// Linux cannot boot under nested PVM (kvm_pvm, design.md section 8): there its KVM column reads
// "n/a (kvm_pvm)" and ratios are TCG against TCG only. Nephos reads "n/a (pending)" until
// `nephos run -p` serves (bench/linux/systems.ts probes one boot).
//
//   node bench/run.mjs linux                 full: 20 boots, 20 s of load, 2 rounds, 10 s idle
//   node bench/run.mjs linux --quick         3 boots, 5 s of load, 1 round, 3 s idle
//   flags: --runs=N --duration=S --rounds=N --idle=S --systems=linux,nephos,host --accel=tcg|kvm
//          --no-memory (skip the -m search) --initrd=lz4|none --json=PATH
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { BUILD_DIR } from '../cli/toolchain/paths';
import { hostDescription, kvmUsable, median, percentile, table } from './lib';
import { cpuPercent, freePort, nowMs, rssKiB, runWrk, waitReady, type WrkResult } from './linux/measure';
import { hostNode, kvmPvm, linuxMicroVm, nephos, NICE, type Accel, type System } from './linux/systems';

const argv = process.argv.slice(2);
const flag = (name: string) => argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const quick = argv.includes('--quick');
const RUNS = Number(flag('runs') ?? (quick ? 3 : 20));
const DURATION = Number(flag('duration') ?? (quick ? 5 : 20));
const ROUNDS = Number(flag('rounds') ?? (quick ? 1 : 2));
const IDLE = Number(flag('idle') ?? (quick ? 3 : 10));
const MEMORY_SEARCH = !argv.includes('--no-memory');
const WARMUP = quick ? 3 : 5;
const log = (m: string) => console.error(`linux-bench: ${m}`);

/** Guest memory sizes the -m search tries (MiB); the answer is the smallest that serves. */
const MEMORY_STEPS = [4, 6, 8, 10, 12, 16, 20, 24, 32, 48, 64, 96, 128, 160, 192, 224, 256, 272, 288, 304, 320, 384, 448, 512];
const BOOT_DEADLINE_MS = 120_000;

interface Figures {
  status?: string;
  bootMs: number[];
  bootFailures: string[];
  rssReadyKiB: number[];
  smallestMiB?: number;
  rssSmallestKiB?: number;
  idleCpuPct?: number;
  wrk: WrkResult[];
  rssAfterLoadKiB: number[];
  imageBytes?: number;
}

interface Ready {
  ms: number;
  stop: () => Promise<void>;
  pid: number | undefined;
}

/** Starts `s`, waits for its first answer; the caller stops it. */
async function bootOnce(s: System, accel: Accel, memoryMiB?: number, deadlineMs = BOOT_DEADLINE_MS): Promise<Ready> {
  const port = await freePort();
  const t0 = nowMs();
  const inst = s.start({ accel, hostPort: port, memoryMiB });
  try {
    const t1 = await waitReady(port, t0 + deadlineMs, inst.gone);
    return { ms: t1 - t0, stop: () => inst.stop(), pid: inst.costPid() };
  } catch (e) {
    await inst.stop();
    const tail = inst.output().trim().split('\n').slice(-3).join(' | ');
    throw new Error(`${(e as Error).message}${tail ? ` -- console: ${tail}` : ''}`);
  }
}

async function serves(s: System, accel: Accel, mib: number): Promise<number | undefined> {
  try {
    const r = await bootOnce(s, accel, mib, 90_000);
    await new Promise((res) => setTimeout(res, 1000));
    const rss = r.pid ? rssKiB(r.pid) : 0;
    await r.stop();
    return rss;
  } catch {
    return undefined;
  }
}

/** Binary search over MEMORY_STEPS up to the system's default size (which must serve). */
async function smallestMemory(s: System, accel: Accel, f: Figures): Promise<void> {
  const top = s.defaultMemoryMiB ?? 512;
  const steps = MEMORY_STEPS.filter((m) => m <= top);
  let lo = -1; // index known not to serve (-1: none tried)
  let hi = steps.length - 1;
  let best = await serves(s, accel, steps[hi]);
  if (best === undefined) return;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    const rss = await serves(s, accel, steps[mid]);
    log(`${s.name} (${accel}) -m ${steps[mid]}M: ${rss === undefined ? 'does not serve' : 'serves'}`);
    if (rss === undefined) lo = mid;
    else {
      hi = mid;
      best = rss;
    }
  }
  f.smallestMiB = steps[hi];
  f.rssSmallestKiB = best;
}

async function loadOnce(s: System, accel: Accel, f: Figures, measureIdle: boolean): Promise<void> {
  const port = await freePort();
  const t0 = nowMs();
  const inst = s.start({ accel, hostPort: port });
  try {
    await waitReady(port, t0 + BOOT_DEADLINE_MS, inst.gone);
    const pid = inst.costPid();
    if (measureIdle && pid) {
      await new Promise((res) => setTimeout(res, 2000));
      f.idleCpuPct = await cpuPercent(pid, IDLE);
    }
    await runWrk({ port, seconds: WARMUP, prefix: NICE });
    const w = await runWrk({ port, seconds: DURATION, prefix: NICE });
    f.wrk.push(w);
    if (pid) f.rssAfterLoadKiB.push(rssKiB(pid));
    if (inst.gone()) throw new Error(`${s.name} ended during the load: ${inst.gone()}`);
  } finally {
    await inst.stop();
  }
}
async function measure(systems: System[], accel: Accel, known: Map<string, Figures>): Promise<Map<string, Figures>> {
  const out = new Map<string, Figures>();
  const active: System[] = [];
  for (const s of systems) {
    const reuse = !s.vm ? known.get(s.name) : undefined; // host Node does not depend on the accelerator
    if (reuse) {
      out.set(s.name, reuse);
      continue;
    }
    const f: Figures = { bootMs: [], bootFailures: [], rssReadyKiB: [], wrk: [], rssAfterLoadKiB: [] };
    out.set(s.name, f);
    log(`preparing ${s.name} (${accel})`);
    try {
      f.status = await s.prepare(accel);
    } catch (e) {
      f.status = `n/a (${(e as Error).message.split('\n')[0]})`;
    }
    if (f.status) log(`${s.name} (${accel}): ${f.status}`);
    else active.push(s);
    f.imageBytes = s.imageBytes();
  }
  if (active.length) log(`${accel}: boot to ready, ${RUNS} runs each, alternating ${active.map((s) => s.name).join(', ')}`);
  for (let i = 0; i < RUNS; i++) {
    for (const s of active) {
      const f = out.get(s.name)!;
      try {
        const r = await bootOnce(s, accel);
        f.bootMs.push(r.ms);
        if (r.pid) f.rssReadyKiB.push(rssKiB(r.pid));
        await r.stop();
      } catch (e) {
        f.bootFailures.push((e as Error).message);
        log(`${s.name} (${accel}) boot ${i + 1} failed: ${(e as Error).message}`);
      }
    }
  }
  if (MEMORY_SEARCH) {
    for (const s of active.filter((s) => s.vm)) {
      log(`${s.name} (${accel}): searching the smallest -m`);
      await smallestMemory(s, accel, out.get(s.name)!);
    }
  }
  for (let round = 0; round < ROUNDS; round++) {
    for (const s of active) {
      log(`${s.name} (${accel}): load round ${round + 1}/${ROUNDS}${round === 0 ? `, idle CPU over ${IDLE} s first` : ''}`);
      try {
        await loadOnce(s, accel, out.get(s.name)!, round === 0);
      } catch (e) {
        log(`${s.name} (${accel}) load round failed: ${(e as Error).message}`);
      }
    }
  }
  return out;
}

const mib = (kib: number | undefined) => (kib === undefined || !kib ? undefined : kib / 1024);

/** One table row: a value per system (undefined: not measured), lower or higher is better. */
function row(label: string, systems: System[], figs: Map<string, Figures>, value: (f: Figures) => number | undefined, digits: number, better: 'lower' | 'higher', extra?: (f: Figures) => string): (string | number)[] {
  const cells = systems.map((s) => {
    const f = figs.get(s.name)!;
    if (f.status) return f.status;
    const v = value(f);
    return v === undefined || Number.isNaN(v) ? '-' : `${v.toFixed(digits)}${extra ? extra(f) : ''}`;
  });
  const lin = figs.get('Linux microVM');
  const nep = figs.get('Nephos');
  const a = lin && !lin.status ? value(lin) : undefined;
  const b = nep && !nep.status ? value(nep) : undefined;
  let ratio = '-';
  if (a !== undefined && b !== undefined && a > 0 && b > 0) ratio = better === 'lower' ? `${(a / b).toFixed(2)}x` : `${(b / a).toFixed(2)}x`;
  return [label, ...cells, ratio];
}

function report(systems: System[], accel: Accel, figs: Map<string, Figures>): void {
  const med = (xs: number[]) => (xs.length ? median(xs) : undefined);
  const wrkMed = (f: Figures, k: keyof WrkResult) => med(f.wrk.map((w) => w[k]));
  const p90 = (f: Figures) => (f.bootMs.length ? ` (p90 ${percentile(f.bootMs, 90).toFixed(0)})` : '');
  const fails = (f: Figures) => (f.bootFailures.length ? ` [${f.bootFailures.length} failed]` : '');
  const rows = [
    row(`boot to first HTTP answer, ms, median of ${RUNS}`, systems, figs, (f) => med(f.bootMs), 0, 'lower', (f) => p90(f) + fails(f)),
    row('RSS at ready, MiB (median)', systems, figs, (f) => mib(med(f.rssReadyKiB)), 1, 'lower'),
    row('smallest working -m, MiB', systems, figs, (f) => f.smallestMiB, 0, 'lower'),
    row('RSS idle at that -m, MiB', systems, figs, (f) => mib(f.rssSmallestKiB), 1, 'lower'),
    row('image bytes, MiB', systems, figs, (f) => (f.imageBytes === undefined ? undefined : f.imageBytes / 2 ** 20), 1, 'lower'),
    row(`idle CPU over ${IDLE} s, % of a host CPU`, systems, figs, (f) => f.idleCpuPct, 2, 'lower'),
    row(`requests/s (wrk -t2 -c50, ${DURATION} s, median of ${ROUNDS})`, systems, figs, (f) => wrkMed(f, 'requestsPerSec'), 0, 'higher', (f) => {
      const errors = f.wrk.reduce((a, w) => a + w.errors, 0);
      return errors ? ` [${errors} errors]` : '';
    }),
    row('latency p50, ms', systems, figs, (f) => wrkMed(f, 'p50Ms'), 2, 'lower'),
    row('latency p99, ms', systems, figs, (f) => wrkMed(f, 'p99Ms'), 2, 'lower'),
    row('RSS after load, MiB', systems, figs, (f) => mib(med(f.rssAfterLoadKiB)), 1, 'lower'),
  ];
  table(`${accel.toUpperCase()}: examples/http on each system (ratio: how many times Nephos is better, same accelerator only)`, ['measure', ...systems.map((s) => s.name), 'Nephos vs Linux'], rows);
}

async function main() {
  const want = (flag('systems') ?? 'linux,nephos,host').split(',');
  const compression = flag('initrd') === 'none' ? 'none' : 'lz4';
  const all: Record<string, () => System> = {
    linux: () => linuxMicroVm({ compression, log }),
    nephos: () => nephos({ log }),
    host: () => hostNode(),
  };
  const systems = want.map((w) => {
    if (!all[w]) throw new Error(`--systems: no system "${w}" (have ${Object.keys(all).join(', ')})`);
    return all[w]();
  });
  const accelFlag = flag('accel');
  const accels: Accel[] = accelFlag ? [accelFlag as Accel] : kvmUsable() ? ['tcg', 'kvm'] : ['tcg'];

  console.log(`Linux microVM baseline benchmark — ${new Date().toISOString()}`);
  console.log(`host: ${hostDescription()}`);
  if (kvmPvm()) console.log('KVM here is nested PVM (kvm_pvm): Debian\'s kernel cannot run under it, so the Linux comparison is TCG against TCG.');
  const results: Record<string, Record<string, Figures>> = {};
  let hostFigures = new Map<string, Figures>();
  const t0 = nowMs();
  for (const accel of accels) {
    const figs = await measure(systems, accel, hostFigures);
    hostFigures = new Map([...figs].filter(([name]) => name === 'host Node'));
    results[accel] = Object.fromEntries(figs);
    for (const line of systems.flatMap((s) => s.describe())) console.log(line);
    report(systems, accel, figs);
  }
  console.log(`\nAll processes ran under \`${NICE.join(' ')}\`; wrk -t2 -c50 after a ${WARMUP} s warm-up; ${((nowMs() - t0) / 60000).toFixed(1)} minutes.`);
  const json = flag('json') ?? join(BUILD_DIR, 'bench', `linux-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  mkdirSync(dirname(json), { recursive: true });
  writeFileSync(json, JSON.stringify({ date: new Date().toISOString(), host: hostDescription(), kvmPvm: kvmPvm(), runs: RUNS, duration: DURATION, rounds: ROUNDS, idle: IDLE, systems: systems.map((s) => ({ name: s.name, describe: s.describe() })), results }, null, 2) + '\n');
  console.log(`results: ${json}`);
}

main().catch((e) => {
  console.error(`bench: ${e.stack ?? e.message}`);
  process.exit(1);
});
