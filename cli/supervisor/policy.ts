// Restart policies (`nephos run --restart no|on-failure[:N]|always`), docker's semantics:
//
//   no             never restart (the default)
//   on-failure[:N] restart when the run failed: a non-zero exit code, a crash (panic, QEMU killed
//                  from outside, QEMU lost), a boot failure; at most N restarts in a row when N
//                  is given
//   always         restart whatever the outcome, exit 0 included
//
// Under every policy a run that someone ended on purpose (`nephos stop`, `rm -f`, `restart`,
// which record `stopping` in the instance's state) is not restarted, nor an instance whose
// restarts were halted by `nephos stop` while it waited for one.
//
// Backoff (docker's restart manager): the delay before restart k (k = 1, 2, ...) is
// 100 ms * 2^(k-1), at most MAX_BACKOFF_MS; a run that stayed up for RESET_AFTER_MS or longer
// counts as a success, so the next failure starts again at 100 ms (and the on-failure count
// starts again from zero). Pure functions: no clock, no I/O.
import { fail } from '../errors';

export type RestartPolicy =
  | { kind: 'no' }
  | { kind: 'on-failure'; maxRetries?: number }
  | { kind: 'always' };

export const FIRST_BACKOFF_MS = 100;
export const MAX_BACKOFF_MS = 60_000;
export const RESET_AFTER_MS = 10_000;

/** `--restart` as written: `no`, `always`, `on-failure`, `on-failure:N` (N >= 1). */
export function parseRestartPolicy(text: string): RestartPolicy {
  if (text === 'no') return { kind: 'no' };
  if (text === 'always') return { kind: 'always' };
  if (text === 'on-failure') return { kind: 'on-failure' };
  const m = /^on-failure:(\d{1,9})$/.exec(text);
  if (m && Number(m[1]) >= 1) return { kind: 'on-failure', maxRetries: Number(m[1]) };
  if (m || text.startsWith('on-failure:')) {
    throw fail(`--restart ${text}: the retry count must be a whole number of at least 1`, 'write e.g. --restart on-failure:5');
  }
  throw fail(`--restart ${JSON.stringify(text)} is not a restart policy`, 'use --restart no, on-failure[:N] or always');
}

export function formatRestartPolicy(p: RestartPolicy): string {
  return p.kind === 'on-failure' && p.maxRetries !== undefined ? `on-failure:${p.maxRetries}` : p.kind;
}

/** How a run ended, as the policy needs to see it. */
export interface RunEnd {
  status: 'exited' | 'crashed';
  exitCode: number | null;
  /** Someone ended the run on purpose (the state's `stopping` was set). */
  stoppedByUser: boolean;
  /** How long the run was up (start to end), ms; null when unknown. */
  upMs: number | null;
}

/** A failed run: a crash, or an exit with a non-zero code. */
export function failed(end: RunEnd): boolean {
  return end.status === 'crashed' || end.exitCode !== 0;
}

export type Decision =
  | { restart: false; why: string }
  | { restart: true; delayMs: number; attempt: number };

/**
 * What to do after a run ended. `restartsSoFar` counts the restarts since the last run that
 * stayed up RESET_AFTER_MS (or since the instance was created).
 */
export function decide(policy: RestartPolicy, end: RunEnd, restartsSoFar: number): Decision {
  if (policy.kind === 'no') return { restart: false, why: 'restart policy "no"' };
  if (end.stoppedByUser) return { restart: false, why: 'stopped on purpose' };
  const streak = end.upMs !== null && end.upMs >= RESET_AFTER_MS ? 0 : restartsSoFar;
  if (policy.kind === 'on-failure') {
    if (!failed(end)) return { restart: false, why: 'exited with code 0 (on-failure)' };
    if (policy.maxRetries !== undefined && streak >= policy.maxRetries) {
      return { restart: false, why: `gave up after ${streak} restart${streak === 1 ? '' : 's'} (on-failure:${policy.maxRetries})` };
    }
  }
  return { restart: true, delayMs: backoffMs(streak + 1), attempt: streak + 1 };
}

/** The delay before restart `attempt` (1-based). */
export function backoffMs(attempt: number): number {
  if (attempt <= 1) return FIRST_BACKOFF_MS;
  // 2^(attempt-1) overflows nothing before the cap is reached (2^10 * 100 > 60 000).
  return Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** Math.min(attempt - 1, 20));
}
