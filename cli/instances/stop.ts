// Stopping an instance (`stop`, `restart`, `rm -f`), docker's way: ask the app to terminate
// (SIGTERM through the control channel: its process.on('SIGTERM') handlers run; without one,
// Node's default exit 143), wait up to the timeout, then power the VM off (QMP `quit`, and
// SIGKILL if QEMU does not obey). Returns once QEMU is gone and the run's final state is recorded,
// which is also when its logs are complete: a detached QEMU writes its log files itself, and a
// foreground run's supervisor records the end only after copying the last of its output.
//
// Concurrent stops of one instance: the first records the request (state.stopping) and sends the
// signal; the others only wait (the app sees one SIGTERM). Any of them may power it off when its
// own timeout passes.
import { controlRequest, qmpQuit } from './control';
import { refresh, requestStop, stateOrGone } from './lifecycle';
import { alive, sleep, waitExit } from './proc';
import { type Instance, type InstanceState, isFinal } from './store';

export const DEFAULT_STOP_TIMEOUT_S = 10;

/** True once run `run` of the instance is over (QEMU gone), or it was removed or restarted. */
function runOver(inst: Instance, run: number): boolean {
  const st = stateOrGone(inst);
  if (!st || st.run !== run || isFinal(st.status)) return true;
  if (st.qemu) return !alive(st.qemu);
  return !alive(st.supervisor); // not launched yet, and no one is launching it
}

async function waitRunOver(inst: Instance, run: number, deadline: number): Promise<boolean> {
  for (;;) {
    if (runOver(inst, run)) return true;
    if (Date.now() >= deadline) return false;
    await sleep(10);
  }
}

/** Powers the VM of run `run` off: QMP quit, then SIGKILL. Returns once QEMU is gone. */
export async function powerOff(inst: Instance, run: number): Promise<void> {
  const { state } = await requestStop(inst, true);
  if (!state || state.run !== run || isFinal(state.status) || !state.qemu) return;
  const qemu = state.qemu;
  if (alive(qemu) && (await qmpQuit(inst.paths.qmp, 2000)) && (await waitExit(qemu, 3000))) return;
  if (alive(qemu)) {
    try {
      process.kill(qemu.pid, 'SIGKILL');
    } catch {
      // Gone in the meantime.
    }
  }
  await waitExit(qemu, 10_000);
}

/**
 * Stops the instance (graceful for `timeoutMs`, then power-off; 0 powers off at once) and returns
 * its final state; undefined when it was removed meanwhile.
 */
export async function stopInstance(inst: Instance, timeoutMs: number): Promise<InstanceState | undefined> {
  const current = await refresh(inst);
  if (!current || isFinal(current.status)) return current;
  const deadline = Date.now() + timeoutMs;
  const { state, first } = await requestStop(inst, timeoutMs <= 0);
  if (!state || isFinal(state.status)) return state;
  const run = state.run;
  if (first && timeoutMs > 0) {
    try {
      await controlRequest(inst.paths.control, 'POST', '/v1/signal?name=SIGTERM', Math.max(200, Math.min(2000, deadline - Date.now())));
    } catch {
      // The guest did not take the request (wedged, or not up yet): the timeout powers it off.
    }
  }
  if (!(await waitRunOver(inst, run, deadline))) await powerOff(inst, run);
  return settle(inst, run);
}

/**
 * After QEMU is gone: a live supervisor records the end itself (it may still be copying output),
 * so give it a moment; otherwise, or after that, record it from the console log.
 */
async function settle(inst: Instance, run: number): Promise<InstanceState | undefined> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const st = stateOrGone(inst);
    if (!st || st.run !== run || isFinal(st.status) || !alive(st.supervisor) || Date.now() >= deadline) break;
    await sleep(10);
  }
  return refresh(inst);
}
