// `run -d` and `restart`: boot an instance's VM in the background and return once the app is
// ready (the READY record on its console: the OS is up and the app's main module has been
// evaluated). A boot failure (the app exits with an error or the guest crashes before it is
// ready, QEMU refuses to start, no readiness within the timeout) is a NephosError that carries the
// last lines of the boot log, with the run's exit status (the app's code, 134, 137; 125 for QEMU).
// The instance is kept (exited or crashed) so `nephos logs` can show the whole story.
import { readFileSync } from 'node:fs';
import { EXIT_NEPHOS_FAILURE, NephosError } from '../errors';
import { finalize, markReady, refresh, stateOrGone } from '../instances/lifecycle';
import { readLogLines, tailLines } from '../instances/logs';
import { alive, sleep, waitExit } from '../instances/proc';
import { outcomeOf, readFrom, scanConsole } from '../instances/records';
import { powerOff } from '../instances/stop';
import { type Instance, type InstanceState, isFinal } from '../instances/store';
import { beginRun, type LaunchSpec } from './launch';
import type { Progress } from './progress';

export const READY_TIMEOUT_MS = 120_000;
const BOOT_LOG_LINES = 20;

/** The last lines of a run's output (app output, then kernel messages), for boot-failure errors. */
export function bootLogTail(inst: Instance, st: InstanceState, n = BOOT_LOG_LINES): string {
  const lines = tailLines(readLogLines(inst.paths.stdio, inst.paths.console, { stdio: st.stdioOffset, console: st.consoleOffset }), n);
  return lines.map((l) => l.text).join('').trimEnd();
}

function lastQemuMessage(inst: Instance): string | undefined {
  try {
    const lines = readFileSync(inst.paths.qemuLog, 'utf8').trim().split('\n').filter(Boolean);
    return lines.pop()?.replace(/^qemu-system-x86_64: /, '');
  } catch {
    return undefined;
  }
}

/** The error for a run that ended before it was ready. */
export function bootFailure(inst: Instance, st: InstanceState): NephosError {
  const name = inst.name;
  const logs = `see \`nephos logs ${name}\``;
  const detail = bootLogTail(inst, st);
  const code = st.exitCode && st.exitCode > 0 ? st.exitCode : EXIT_NEPHOS_FAILURE;
  switch (st.exitReason) {
    case 'exit':
      return new NephosError(`instance "${name}" failed to start: the app exited with code ${st.exitCode} before it was ready`, logs, detail, code);
    case 'panic':
      return new NephosError(`instance "${name}" failed to start: the guest crashed (panic)`, logs, detail, code);
    case 'oom':
      return new NephosError(`instance "${name}" failed to start: it ran out of memory`, 'give it more with -m (e.g. -m 256M)', detail, code);
    case 'qemu-error':
      return new NephosError(`instance "${name}" failed to start: QEMU failed: ${lastQemuMessage(inst) ?? 'no message'}`, 'see NEPHOS_DEBUG=1 for the command line', detail, EXIT_NEPHOS_FAILURE);
    case 'killed':
      return new NephosError(`instance "${name}" was stopped before it was ready`, logs, detail, code);
    default:
      return new NephosError(`instance "${name}" failed to start: QEMU ended without an exit record${lastQemuMessage(inst) ? ` (${lastQemuMessage(inst)})` : ''}`, logs, detail, EXIT_NEPHOS_FAILURE);
  }
}

/**
 * Waits for run `st.run` to report ready; hands the instance over (supervisor cleared) and
 * returns its state. `qemuExit()` gives QEMU's exit status once our child has exited.
 */
async function awaitReady(inst: Instance, st: InstanceState, qemuExit: () => { status: number | null; signal: string | null } | undefined, timeoutMs: number): Promise<InstanceState> {
  const deadline = Date.now() + timeoutMs;
  let pos = st.consoleOffset;
  let text = '';
  for (;;) {
    const up = alive(st.qemu) && !qemuExit();
    const chunk = readFrom(inst.paths.console, pos);
    pos += chunk.length;
    text += chunk.toString('latin1');
    const records = scanConsole(text, !up);
    if (records.ready) {
      const next = await markReady(inst, st.run, true);
      if (next && next.run === st.run && next.status === 'running') return next;
      // Stopped or removed the moment it became ready.
      if (!next) throw new InstanceGoneDuringStart(inst.name);
      if (isFinal(next.status)) return next;
    }
    if (records.exit || !up) {
      // The guest wrote its last words: QEMU exits right after. Its status matters only when it
      // ended without a record (QEMU refused to start, was killed).
      await waitExit(st.qemu, 3000);
      for (let i = 0; i < 100 && !qemuExit() && !records.exit; i++) await sleep(10);
      const rest = readFrom(inst.paths.console, pos).toString('latin1');
      const final = scanConsole(text + rest, true);
      const stopping = stateOrGone(inst)?.stopping;
      const outcome = outcomeOf(final.exit, !!stopping?.powerOff, final.exit ? undefined : qemuExit());
      const done = await finalize(inst, st.run, outcome);
      if (!done) throw new InstanceGoneDuringStart(inst.name);
      // An app that finished its work (exit 0) during its main module did start fine.
      if (final.ready || (done.exitReason === 'exit' && done.exitCode === 0)) return done;
      throw bootFailure(inst, done);
    }
    if (Date.now() >= deadline) {
      await powerOff(inst, st.run);
      const done = await finalize(inst, st.run, outcomeOf(undefined, true));
      throw new NephosError(`instance "${inst.name}" did not report ready within ${Math.round(timeoutMs / 1000)} s and was powered off`,
        'its main module must finish (a top-level await that never settles keeps it from being ready); see `nephos logs ' + inst.name + '`',
        done ? bootLogTail(inst, done) : '', EXIT_NEPHOS_FAILURE);
    }
    await sleep(10);
  }
}

class InstanceGoneDuringStart extends NephosError {
  constructor(name: string) {
    super(`instance "${name}" was removed while it was starting`, 'see `nephos ps -a`');
  }
}

/** Waits for a run that another nephos process is starting; returns once it is ready or over. */
async function awaitOthersStart(inst: Instance, run: number, timeoutMs: number): Promise<InstanceState> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const st = stateOrGone(inst);
    if (!st) throw new InstanceGoneDuringStart(inst.name);
    if (st.run !== run || st.status === 'running') return st;
    if (isFinal(st.status)) {
      if (st.exitReason === 'exit' && st.exitCode === 0) return st;
      throw bootFailure(inst, st);
    }
    if (!alive(st.supervisor) && !alive(st.qemu)) {
      const fresh = await refresh(inst);
      if (fresh && isFinal(fresh.status)) throw bootFailure(inst, fresh);
      return fresh ?? st;
    }
    if (Date.now() >= deadline) return st;
    await sleep(20);
  }
}

/**
 * Starts a detached run of the instance and waits until it is ready (see the file comment).
 * When another nephos process is starting it at this moment, waits for that run instead.
 */
export async function startDetached(spec: Omit<LaunchSpec, 'foreground' | 'tty'>, progress: Progress, timeoutMs = READY_TIMEOUT_MS): Promise<InstanceState> {
  const launched = await beginRun({ ...spec, foreground: false });
  if ('busy' in launched) return awaitOthersStart(spec.inst, launched.busy.run, timeoutMs);
  const { child, state } = launched;
  let exit: { status: number | null; signal: string | null } | undefined;
  child.on('exit', (status, signal) => (exit = { status, signal }));
  child.on('error', () => {});
  return progress.step(`starting ${spec.inst.name}`, () => awaitReady(spec.inst, state, () => exit, timeoutMs));
}
