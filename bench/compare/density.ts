// Density: how many instances of a system run at once inside a fixed budget of guest memory, each
// at the system's smallest working -m, and still answer. Steps:
//   1. plan: budget / -m instances, fewer if the host's memory cannot hold them (MemAvailable minus
//      a reserve, divided by the RSS one instance reached in the footprint run), fewer if --density
//      says so; the smallest of the three is what capped it.
//   2. launch back to back: a new boot starts as soon as one of `window` slots frees (a slot is
//      held from launch to the first answer); Nephos runs detached (`run -d`), so only QEMU stays.
//      Launching stops early if MemAvailable falls under the reserve plus one instance, or if
//      boots slow past SLOW_BOOT_MS (the host's CPUs are saturated).
//   3. once every launch has answered or failed and the fleet has gone quiet (settle()): sum the QEMUs' RSS, then send one
//      GET / to every instance at once and count the answers that arrive within 1 s.
// Boots per second: instances ready / (last ready - first launch).
import { cpuSeconds, httpGet, rssKiB } from '../linux/measure';
import type { Accel } from '../linux/systems';
import { bootToReady, type Ready } from './boot';
import { memAvailableMiB } from './host';
import type { DensityFigures } from './results';
import { epochMs, type CompareSystem } from './systems';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const BOOT_DEADLINE_MS = 300_000;
/** A boot that takes longer than this means the host is saturated: stop launching. */
const SLOW_BOOT_MS = 60_000;
const ANSWER_MS = 1000;
const SETTLE_MIN_MS = 10_000;
const SETTLE_MAX_MS = 40_000;

/**
 * Waits for the fleet to go quiet after its boots (a Linux guest under TCG stays busy for seconds
 * after its first answer; servers close the readiness poller's abandoned connections when their
 * 5 s keep-alive timeout ends): samples the QEMUs' CPU time every 2 s and returns once the rate stops
 * falling (after at least SETTLE_MIN_MS), or after SETTLE_MAX_MS. Returns the last rate (% of one
 * host CPU, all instances together).
 */
async function settle(pids: number[]): Promise<{ ms: number; cpuPct: number }> {
  const total = () =>
    pids.reduce((a, p) => {
      try {
        return a + cpuSeconds(p);
      } catch {
        return a; // gone
      }
    }, 0);
  const t0 = epochMs();
  let best = Infinity;
  let last = total();
  for (;;) {
    await sleep(2000);
    const now = total();
    const rate = ((now - last) / 2) * 100;
    last = now;
    const elapsed = epochMs() - t0;
    if ((elapsed >= SETTLE_MIN_MS && rate >= best * 0.9) || elapsed >= SETTLE_MAX_MS) return { ms: elapsed, cpuPct: rate };
    best = Math.min(best, rate);
  }
}

/** The line of a console that says why a VM ended (an exit record, an OOM, a panic), else its last. */
export function lastWords(output: string): string {
  const lines = output.split('\n').map((l) => l.trim()).filter(Boolean);
  const telling = lines.filter((l) => /NEPHOS_EXIT|out of memory|Kernel panic|panic/i.test(l));
  return (telling.pop() ?? lines.pop() ?? '').slice(0, 200);
}

export interface DensityPlanInput {
  budgetMiB: number;
  memoryMiB: number;
  /** RSS of one instance (KiB), from the footprint run. */
  rssKiB: number;
  availableMiB: number;
  reserveMiB: number;
  max?: number;
}

/** Step 1: how many to launch and what limited it. */
export function planDensity(p: DensityPlanInput): Pick<DensityFigures, 'limits' | 'planned' | 'cappedBy'> {
  const budget = Math.floor(p.budgetMiB / p.memoryMiB);
  const hostMemory = Math.max(0, Math.floor((p.availableMiB - p.reserveMiB) / (p.rssKiB / 1024)));
  const limits = { budget, hostMemory, ...(p.max !== undefined ? { flag: p.max } : {}) };
  let planned = budget;
  let cappedBy: DensityFigures['cappedBy'] = 'guest-memory budget';
  if (hostMemory < planned) {
    planned = hostMemory;
    cappedBy = 'host memory';
  }
  if (p.max !== undefined && p.max < planned) {
    planned = p.max;
    cappedBy = '--density';
  }
  return { limits, planned, cappedBy };
}

export interface DensityOptions {
  budgetMiB: number;
  memoryMiB: number;
  rssKiB: number;
  reserveMiB: number;
  max?: number;
  window: number;
  log: (m: string) => void;
}

export async function measureDensity(s: CompareSystem, accel: Accel, o: DensityOptions): Promise<DensityFigures> {
  const before = memAvailableMiB();
  const plan = planDensity({ budgetMiB: o.budgetMiB, memoryMiB: o.memoryMiB, rssKiB: o.rssKiB, availableMiB: before, reserveMiB: o.reserveMiB, max: o.max });
  const f: DensityFigures = {
    budgetMiB: o.budgetMiB, memoryMiB: o.memoryMiB, ...plan, window: o.window,
    launched: 0, ready: 0, answered: 0, bootsPerSec: 0, firstLaunchToLastReadyMs: 0,
    rssTotalKiB: 0, memAvailableBeforeMiB: Math.round(before), memAvailableAtPeakMiB: 0, settleMs: 0, fleetCpuPct: 0, exited: 0, failures: [], unanswered: [],
  };
  o.log(`${s.name} (${accel}) density: ${plan.planned} instances at -m ${o.memoryMiB}M (budget allows ${plan.limits.budget}, host memory ${plan.limits.hostMemory}${plan.limits.flag !== undefined ? `, --density ${plan.limits.flag}` : ''}), ${o.window} booting at once`);
  const up: Ready[] = [];
  const inFlight = new Set<Promise<void>>();
  let firstLaunch = 0;
  let lastReady = 0;
  let stop: string | undefined;
  try {
    while (f.launched < plan.planned && !stop) {
      while (inFlight.size >= o.window) await Promise.race(inFlight);
      if (stop) break;
      const free = memAvailableMiB();
      if (free - o.reserveMiB < o.rssKiB / 1024) {
        stop = `host memory: MemAvailable ${Math.round(free)} MiB, reserve ${o.reserveMiB} MiB`;
        break;
      }
      if (!firstLaunch) firstLaunch = epochMs();
      f.launched++;
      const n = f.launched;
      const p = bootToReady(s, accel, o.memoryMiB, BOOT_DEADLINE_MS, s.key === 'nephos').then(
        (r) => {
          up.push(r);
          lastReady = epochMs();
          if (r.spawnMs > SLOW_BOOT_MS) stop ??= `host CPU: boot ${n} took ${(r.spawnMs / 1000).toFixed(0)} s`;
          if (n % 25 === 0) o.log(`${s.name} (${accel}) density: ${up.length} up`);
        },
        (e: Error) => {
          f.failures.push(`instance ${n}: ${e.message.slice(0, 300)}`);
          if (f.failures.length >= 3) stop ??= `${f.failures.length} launches failed`;
        },
      );
      const tracked: Promise<void> = p.finally(() => inFlight.delete(tracked));
      inFlight.add(tracked);
    }
    await Promise.all(inFlight);
    f.stoppedEarly = stop;
    f.ready = up.length;
    f.firstLaunchToLastReadyMs = lastReady ? lastReady - firstLaunch : 0;
    f.bootsPerSec = f.firstLaunchToLastReadyMs > 0 ? f.ready / (f.firstLaunchToLastReadyMs / 1000) : 0;
    const settled = await settle(up.map((r) => r.pid).filter((p): p is number => p !== undefined));
    f.settleMs = Math.round(settled.ms);
    f.fleetCpuPct = settled.cpuPct;
    f.rssTotalKiB = up.reduce((a, r) => a + (r.pid ? rssKiB(r.pid) : 0), 0);
    f.memAvailableAtPeakMiB = Math.round(memAvailableMiB());
    const answerMs: number[] = [];
    const answers = await Promise.all(
      up.map((r) => {
        const t = epochMs();
        return httpGet(r.running.hostPort, '/', ANSWER_MS).then(
          (a) => {
            answerMs.push(epochMs() - t);
            return a.status === 200 && a.body === 'hello\n';
          },
          (e: Error) => {
            const gone = r.running.gone();
            if (gone) f.exited++;
            if (f.unanswered.length < 10) {
              f.unanswered.push(`port ${r.running.hostPort}: ${e.message} after ${(epochMs() - t).toFixed(0)} ms${gone ? `; ${gone}: ${lastWords(r.running.output())}` : ''}`);
            }
            return false;
          },
        );
      }),
    );
    f.answerMsMax = answerMs.length ? Math.max(...answerMs) : undefined;
    f.answered = answers.filter(Boolean).length;
    o.log(`${s.name} (${accel}) density: ${f.ready} ready of ${f.launched} launched, ${f.answered} answered within ${ANSWER_MS} ms${f.exited ? ` (${f.exited} had exited)` : ''}${stop ? `; stopped early: ${stop}` : ''}`);
  } finally {
    for (let i = 0; i < up.length; i += 16) await Promise.all(up.slice(i, i + 16).map((r) => r.running.stop()));
  }
  return f;
}
