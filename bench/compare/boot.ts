// Boot to ready: QEMU launch (the wrapper's stamp, bench/compare/qemu.sh) to the first GET /
// answered "hello\n" (bench/linux/measure.ts waitReady: a new attempt every 20 ms, overlapping, so
// slirp's retransmission of an early SYN cannot delay the answer). The systems take turns,
// A B A B, so a change in the host's load touches both alike.
import { rssKiB, freePort, nowMs, waitReady } from '../linux/measure';
import type { Accel } from '../linux/systems';
import type { BootFigures } from './results';
import { epochOf, type CompareSystem, type Running } from './systems';

export interface Ready {
  running: Running;
  /** QEMU launch to the answer. */
  qemuMs: number;
  /** Command launch (`nephos run` or QEMU) to the answer. */
  spawnMs: number;
  pid: number | undefined;
}

/** Starts `s` and waits for its first answer; the caller stops `running` (a failure stops it here). */
export async function bootToReady(s: CompareSystem, accel: Accel, memoryMiB: number, deadlineMs: number, detached = false): Promise<Ready> {
  const port = await freePort();
  const running = s.start({ accel, hostPort: port, memoryMiB, detached });
  try {
    const ready = epochOf(await waitReady(port, nowMs() + deadlineMs, running.gone));
    const launched = running.qemuLaunchedAt();
    if (launched === undefined) throw new Error('no launch stamp from bench/compare/qemu.sh (was QEMU started through it?)');
    return { running, qemuMs: ready - launched, spawnMs: ready - running.spawnedAt, pid: running.qemuPid() };
  } catch (e) {
    await running.stop();
    const tail = running.output().trim().split('\n').slice(-3).join(' | ');
    throw new Error(`${(e as Error).message}${tail ? ` -- output: ${tail}` : ''}`);
  }
}

/** `runs` boots of each system at its default memory, alternating. */
export async function measureBoots(systems: CompareSystem[], accel: Accel, runs: number, log: (m: string) => void): Promise<Map<CompareSystem, BootFigures>> {
  const out = new Map<CompareSystem, BootFigures>();
  for (const s of systems) out.set(s, { memoryMiB: s.defaultMemoryMiB, qemuMs: [], cliMs: [], rssReadyKiB: [], failures: [] });
  for (let i = 0; i < runs; i++) {
    for (const s of systems) {
      const f = out.get(s)!;
      try {
        const r = await bootToReady(s, accel, s.defaultMemoryMiB, 180_000);
        f.qemuMs.push(r.qemuMs);
        if (s.key === 'nephos') f.cliMs.push(r.spawnMs);
        if (r.pid) f.rssReadyKiB.push(rssKiB(r.pid));
        await r.running.stop();
      } catch (e) {
        f.failures.push((e as Error).message);
        log(`${s.name} (${accel}) boot ${i + 1} failed: ${(e as Error).message}`);
      }
    }
  }
  return out;
}
