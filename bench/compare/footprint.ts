// Footprint: the smallest guest memory (-m) at which a system still serves, and what QEMU holds
// on the host at that size. The search walks a ladder of sizes (options.ts MEMORY_STEPS) up to the
// system's default by bisection, taking the default to serve and assuming more memory never hurts;
// "serves" at this stage means boots and answers GET /. The size found must then keep serving
// through a short wrk load (50 connections) and answer GET / after it; if it does not, the next
// size up is tried. QEMU's VmRSS is read idle (2 s after ready) and right after that load.
import { httpGet, rssKiB, runWrk } from '../linux/measure';
import { NICE, type Accel } from '../linux/systems';
import { bootToReady } from './boot';
import type { FootprintFigures } from './results';
import type { CompareSystem } from './systems';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** How long a probe may take to answer: generous, a failing size usually ends its VM quickly. */
const PROBE_DEADLINE_MS = 120_000;

async function serves(s: CompareSystem, accel: Accel, mib: number): Promise<{ serves: boolean; why?: string }> {
  try {
    const r = await bootToReady(s, accel, mib, PROBE_DEADLINE_MS);
    await r.running.stop();
    return { serves: true };
  } catch (e) {
    return { serves: false, why: (e as Error).message.split(' -- output: ').pop()!.slice(0, 200) };
  }
}

/** Boots at `mib`, reads RSS idle, loads it for `seconds`, checks it still answers, reads RSS again. */
async function underLoad(s: CompareSystem, accel: Accel, mib: number, seconds: number): Promise<{ idle: number; after: number } | string> {
  let r;
  try {
    r = await bootToReady(s, accel, mib, PROBE_DEADLINE_MS);
  } catch (e) {
    return (e as Error).message;
  }
  try {
    await sleep(2000);
    const idle = r.pid ? rssKiB(r.pid) : 0;
    await runWrk({ port: r.running.hostPort, seconds, prefix: NICE });
    const after = r.pid ? rssKiB(r.pid) : 0;
    await sleep(2000); // a VM that dies of the load may take a moment to go
    const reply = await httpGet(r.running.hostPort, '/', 5000);
    if (reply.status !== 200 || r.running.gone()) return `after the load: status ${reply.status}${r.running.gone() ? `, ${r.running.gone()}` : ''}`;
    return { idle, after };
  } catch (e) {
    return `under load: ${(e as Error).message}`;
  } finally {
    await r.running.stop();
  }
}

export async function measureFootprint(s: CompareSystem, accel: Accel, ladder: number[], loadSeconds: number, log: (m: string) => void): Promise<FootprintFigures> {
  const f: FootprintFigures = { tried: [] };
  const steps = ladder.filter((m) => m <= s.defaultMemoryMiB);
  if (!steps.length) return { ...f, note: `no ladder step at or below the default ${s.defaultMemoryMiB} MiB` };
  const probe = async (i: number) => {
    const r = await serves(s, accel, steps[i]);
    f.tried.push({ mib: steps[i], ...r });
    log(`${s.name} (${accel}) -m ${steps[i]}M: ${r.serves ? 'serves' : `does not serve (${r.why})`}`);
    return r.serves;
  };
  // The default size is taken to serve (the boot runs use it); if it does not, the load check
  // below says so.
  let lo = -1; // the largest index known not to serve (-1: none)
  let hi = steps.length - 1; // the smallest index known to serve
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (await probe(mid)) hi = mid;
    else lo = mid;
  }
  for (let i = hi; i < steps.length; i++) {
    const r = await underLoad(s, accel, steps[i], loadSeconds);
    if (typeof r !== 'string') {
      f.smallestMiB = steps[i];
      f.rssIdleKiB = r.idle;
      f.rssAfterLoadKiB = r.after;
      return f;
    }
    f.tried.push({ mib: steps[i], serves: false, why: r.slice(0, 200) });
    log(`${s.name} (${accel}) -m ${steps[i]}M answers but not through ${loadSeconds} s of load: ${r}`);
  }
  return { ...f, note: 'no size served through the load' };
}
