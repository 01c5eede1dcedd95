// Throughput, latency and idle cost, in rounds that alternate between the systems. A round boots
// one instance at the system's default memory, lets it settle SETTLE_MS (a Linux guest under TCG
// is still busy for seconds after its first answer; both servers close the readiness poller's
// abandoned connections when their 5 s keep-alive timeout ends), measures its host CPU% while idle (first
// round only), runs wrk for `warmup` seconds unrecorded (V8's JIT, and TCG's
// translation of it, warm up), then `wrk -t2 -c50 -dD --latency` recorded, and reads QEMU's RSS
// and the CPU time it used during that load (host CPU per request: where the time goes).
import { cpuPercent, cpuSeconds, rssKiB, runWrk } from '../linux/measure';
import { NICE, type Accel } from '../linux/systems';
import { bootToReady } from './boot';
import type { LoadFigures } from './results';
import type { CompareSystem } from './systems';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const SETTLE_MS = 10_000;

export interface LoadOptions {
  rounds: number;
  duration: number;
  warmup: number;
  idle: number;
  log: (m: string) => void;
}

export async function measureLoad(systems: CompareSystem[], accel: Accel, o: LoadOptions): Promise<Map<CompareSystem, LoadFigures>> {
  const out = new Map<CompareSystem, LoadFigures>();
  for (const s of systems) out.set(s, { memoryMiB: s.defaultMemoryMiB, wrk: [], rssAfterLoadKiB: [], cpuMsPerRequest: [], failures: [] });
  for (let round = 0; round < o.rounds; round++) {
    for (const s of systems) {
      const f = out.get(s)!;
      o.log(`${s.name} (${accel}): load round ${round + 1}/${o.rounds}${round === 0 ? `, idle CPU over ${o.idle} s first` : ''}`);
      let r;
      try {
        r = await bootToReady(s, accel, s.defaultMemoryMiB, 180_000);
      } catch (e) {
        f.failures.push((e as Error).message);
        continue;
      }
      try {
        await sleep(SETTLE_MS);
        if (round === 0 && r.pid) f.idleCpuPct = await cpuPercent(r.pid, o.idle);
        if (o.warmup > 0) await runWrk({ port: r.running.hostPort, seconds: o.warmup, prefix: NICE });
        const cpu0 = r.pid ? cpuSeconds(r.pid) : 0;
        const w = await runWrk({ port: r.running.hostPort, seconds: o.duration, prefix: NICE });
        if (r.pid) {
          f.cpuMsPerRequest.push(w.requests ? ((cpuSeconds(r.pid) - cpu0) * 1000) / w.requests : 0);
          f.rssAfterLoadKiB.push(rssKiB(r.pid));
        }
        f.wrk.push(w);
        if (r.running.gone()) f.failures.push(`ended during the load: ${r.running.gone()}`);
      } catch (e) {
        f.failures.push((e as Error).message);
      } finally {
        await r.running.stop();
      }
    }
  }
  return out;
}
