// Applies an instance's restart policy: the loop a supervisor runs for each instance it watches
// (a standalone `nephos` daemon for one instance, or the group daemon for every replica).
//
// Each tick (TICK_MS): read the restart record and the instance's state, brought up to date by
// `refresh` (so a QEMU killed from outside is noticed within a tick and recorded as crashed, as
// any nephos command would record it). Then:
//   - the run is up: nothing to do (activity "watching");
//   - a run ended that has not been dealt with: ask the policy (policy.ts); a restart is planned
//     at end + backoff (activity "backoff", visible in `ps`), or nothing more happens ("done");
//   - the planned time has come: boot the instance again, detached, exactly as `nephos restart`
//     does (cli/run/detached.ts). A boot that fails is just another ended run for the next tick.
// Halted (by `nephos stop`) or removed: nothing more to do.
//
// The watcher never holds a lock across a boot; every write is a read-modify-write of the record
// under its lock, and booting goes through beginRun, which refuses when someone else (a
// concurrent `nephos restart`) has started a run meanwhile.
import { bootFiles } from '../image';
import { refresh } from '../instances/lifecycle';
import { type Instance, InstanceGone, type InstanceState, isFinal } from '../instances/store';
import { startDetached } from '../run/detached';
import { silentProgress } from '../run/progress';
import { resolveAccel } from '../run/qemu';
import { decide, type RunEnd } from './policy';
import { HISTORY, readRecord, type RestartRecord, updateRecord } from './record';

export const TICK_MS = 100;

/** What a tick found: keep watching, or nothing more to do for this instance. */
export type TickResult = 'watch' | 'done';

export interface WatcherDeps {
  now: () => number;
  log: (line: string) => void;
  /** Boots the instance again (tests stand in for it). */
  boot: (inst: Instance) => Promise<unknown>;
}

/** Boots the next run as `nephos restart` does: the same image and configuration, detached. */
export async function bootAgain(inst: Instance): Promise<InstanceState> {
  const config = inst.config();
  const boot = bootFiles(config.image, inst.home);
  const accel = resolveAccel(config.accel, () => {});
  return startDetached({ inst, config, boot, accel }, silentProgress);
}

function runEnd(st: InstanceState): RunEnd {
  const up = st.startedAt && st.finishedAt ? Date.parse(st.finishedAt) - Date.parse(st.startedAt) : NaN;
  return {
    status: st.status === 'crashed' ? 'crashed' : 'exited',
    exitCode: st.exitCode,
    stoppedByUser: !!st.stopping,
    upMs: Number.isFinite(up) ? up : null,
  };
}

export class RestartWatcher {
  #booting = false;

  constructor(readonly inst: Instance, private readonly deps: WatcherDeps) {}

  /** One look at the instance (see the file comment). */
  async tick(): Promise<TickResult> {
    if (this.#booting) return 'watch';
    const rec = readRecord(this.inst);
    if (!rec || rec.policy.kind === 'no') return 'done';
    if (rec.halted) return 'done';
    let st: InstanceState | undefined;
    try {
      st = await refresh(this.inst);
    } catch (e) {
      if (e instanceof InstanceGone) return 'done';
      throw e;
    }
    if (!st) return 'done';
    if (!isFinal(st.status)) {
      if (rec.activity !== 'watching' && rec.activity !== 'restarting') await this.#set((r) => ({ ...r, activity: 'watching', nextAt: null }));
      return 'watch';
    }
    if (rec.handledRun !== st.run) return this.#ended(st);
    if (rec.activity === 'backoff' && rec.nextAt && this.deps.now() >= Date.parse(rec.nextAt)) return this.#restart(st.run);
    return rec.activity === 'done' ? 'done' : 'watch';
  }

  /** Run `st.run` ended: decide, and record the decision. */
  async #ended(st: InstanceState): Promise<TickResult> {
    const end = runEnd(st);
    let result: TickResult = 'watch';
    await this.#set((r) => {
      if (r.handledRun === st.run) return undefined; // dealt with meanwhile
      const d = decide(r.policy, end, r.streak);
      const event = { at: st.finishedAt ?? new Date(this.deps.now()).toISOString(), run: st.run, status: end.status, exitCode: end.exitCode, exitReason: st.exitReason, delayMs: d.restart ? d.delayMs : null };
      const history = [...r.history, event].slice(-HISTORY);
      if (!d.restart) {
        this.deps.log(`${this.inst.name}: run ${st.run} ended (${end.status}, code ${end.exitCode}): no restart: ${d.why}`);
        result = 'done';
        return { ...r, handledRun: st.run, activity: 'done', nextAt: null, backoffMs: null, message: d.why, history };
      }
      // The backoff counts from the end of the run: a supervisor that noticed late waits less.
      const endedAt = st.finishedAt ? Date.parse(st.finishedAt) : this.deps.now();
      const nextAt = new Date(Math.max(endedAt, this.deps.now() - d.delayMs) + d.delayMs).toISOString();
      this.deps.log(`${this.inst.name}: run ${st.run} ended (${end.status}, code ${end.exitCode}): restart ${d.attempt} in ${d.delayMs} ms`);
      return { ...r, handledRun: st.run, activity: 'backoff', streak: d.attempt, nextAt, backoffMs: d.delayMs, message: null, history };
    });
    return result;
  }

  async #restart(run: number): Promise<TickResult> {
    const rec = await this.#set((r) => (r.halted || r.handledRun !== run || r.activity !== 'backoff' ? undefined : { ...r, activity: 'restarting', restarts: r.restarts + 1 }));
    if (!rec || rec.activity !== 'restarting' || rec.handledRun !== run) return 'watch';
    this.#booting = true;
    try {
      await this.deps.boot(this.inst);
      this.deps.log(`${this.inst.name}: restarted (restart ${rec.restarts})`);
    } catch (e) {
      if (e instanceof InstanceGone) return 'done';
      // A failed boot is an ended run like any other: the next tick decides about it.
      this.deps.log(`${this.inst.name}: restart ${rec.restarts} failed: ${(e as Error).message}`);
    } finally {
      this.#booting = false;
    }
    await this.#set((r) => (r.activity === 'restarting' ? { ...r, activity: 'watching', nextAt: null } : undefined));
    return 'watch';
  }

  async #set(fn: (r: RestartRecord) => RestartRecord | undefined): Promise<RestartRecord | undefined> {
    try {
      return await updateRecord(this.inst, (r) => (r ? fn(r) : undefined));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined; // removed meanwhile
      throw e;
    }
  }
}
