// An instance's state against the world: the transitions every command shares.
//
//   starting --READY record--> running --exit record / QEMU gone--> exited | crashed
//        \------------------- exit record / QEMU gone ------------/
//
// Who writes them: the supervisor (the nephos process that launched the run, while it lives: a
// foreground `run` for the whole run, `run -d` and `restart` until the app is ready) writes the
// run's transitions itself; when it is gone, whichever nephos command looks at the instance next
// (`refresh`) brings state.json up to date from the console log and QEMU's liveness. So a QEMU
// killed from outside shows as crashed at the next `ps`, and nothing is ever silently dropped.
// Every write is a read-modify-write under the instance lock, and checks that the run it is about
// is still the current one (`run`), so racing commands cannot undo each other.
import { rmSync } from 'node:fs';
import { alive, self } from './proc';
import { withLock } from './lock';
import { outcomeOf, readFrom, scanConsole, type Outcome } from './records';
import { type Instance, InstanceGone, type InstanceState, isFinal, removeInstanceDir } from './store';

export function lockOf<T>(inst: Instance, fn: () => T | Promise<T>): Promise<T> {
  return withLock(inst.lockKey, `instance "${inst.name}"`, fn);
}

/** The instance's state, or undefined when it has been removed. */
export function stateOrGone(inst: Instance): InstanceState | undefined {
  try {
    return inst.state();
  } catch (e) {
    if (e instanceof InstanceGone) return undefined;
    throw e;
  }
}

/** Writes the final status of the current run (under the lock); removes the instance if --rm. */
function finalizeLocked(inst: Instance, st: InstanceState, outcome: Outcome): InstanceState {
  const next: InstanceState = {
    ...st,
    status: outcome.status,
    exitCode: outcome.exitCode,
    exitReason: outcome.exitReason,
    finishedAt: new Date().toISOString(),
    supervisor: null,
  };
  inst.writeState(next);
  // The sockets died with QEMU: do not leave files that look connectable.
  rmSync(inst.paths.control, { force: true });
  rmSync(inst.paths.qmp, { force: true });
  let autoRemove = false;
  try {
    autoRemove = inst.config().autoRemove;
  } catch {
    // config unreadable: keep the instance so the user can look.
  }
  if (autoRemove) removeInstanceDir(inst);
  return next;
}

/**
 * Records how run `run` ended, unless it was already recorded or another run has begun since.
 * Returns the state (undefined when the instance is gone).
 */
export function finalize(inst: Instance, run: number, outcome: Outcome): Promise<InstanceState | undefined> {
  return lockOf(inst, () => {
    const st = stateOrGone(inst);
    if (!st || st.run !== run || isFinal(st.status)) return st;
    return finalizeLocked(inst, st, outcome);
  });
}

/** Marks run `run` ready; `release` also drops the supervisor (run -d hands the instance over). */
export function markReady(inst: Instance, run: number, release: boolean): Promise<InstanceState | undefined> {
  return lockOf(inst, () => {
    const st = stateOrGone(inst);
    if (!st || st.run !== run || isFinal(st.status)) return st;
    const next: InstanceState = { ...st, status: 'running', readyAt: st.readyAt ?? new Date().toISOString() };
    if (release) next.supervisor = null;
    inst.writeState(next);
    return next;
  });
}

/**
 * Brings the recorded state up to date: a run whose QEMU is gone (and whose supervisor is not
 * there to record it) gets its final status from the console log; a detached run that became
 * ready after its supervisor left is marked running. Returns the state, undefined when removed.
 */
export async function refresh(inst: Instance): Promise<InstanceState | undefined> {
  const st = stateOrGone(inst);
  if (!st || isFinal(st.status) || alive(st.supervisor)) return st;
  if (st.status === 'running' && alive(st.qemu)) return st;
  return lockOf(inst, () => {
    const cur = stateOrGone(inst);
    if (!cur || isFinal(cur.status) || alive(cur.supervisor)) return cur;
    const ended = !alive(cur.qemu);
    if (!ended && cur.status === 'running') return cur;
    const records = scanConsole(readFrom(inst.paths.console, cur.consoleOffset).toString('utf8'), ended);
    if (!ended) {
      if (!records.ready) return cur;
      const next: InstanceState = { ...cur, status: 'running', readyAt: cur.readyAt ?? new Date().toISOString() };
      inst.writeState(next);
      return next;
    }
    return finalizeLocked(inst, cur, outcomeOf(records.exit, !!cur.stopping?.powerOff));
  });
}

/** Records a stop request for the current run. Returns false when one by a live process exists. */
export function requestStop(inst: Instance, powerOff: boolean): Promise<{ state: InstanceState | undefined; first: boolean }> {
  return lockOf(inst, () => {
    const st = stateOrGone(inst);
    if (!st || isFinal(st.status)) return { state: st, first: false };
    const already = st.stopping && alive(st.stopping.by);
    const next: InstanceState = {
      ...st,
      stopping: { by: already ? st.stopping!.by : self(), at: already ? st.stopping!.at : new Date().toISOString(), powerOff: powerOff || !!st.stopping?.powerOff },
    };
    inst.writeState(next);
    return { state: next, first: !already };
  });
}
