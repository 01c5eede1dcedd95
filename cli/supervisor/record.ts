// An instance's restart record: `restart.json` in its state directory, next to config.json and
// state.json (cli/instances/store.ts). It holds the restart policy (fixed at `run`), the
// supervisor's identity (the process that applies the policy: a `nephos` daemon of its own, or
// the group daemon for a replica), and what the supervisor is doing, for `ps` and `inspect`:
//
//   watching    the run is up (or starting); the supervisor polls it
//   backoff     the run ended; the next boot is due at `nextAt` (`backoffMs` after the end)
//   restarting  booting the next run
//   done        no restart: the policy says no more (`message` says why), or it was stopped
//
// `halted` is set by `nephos stop` (and cleared by `nephos restart`): an instance stopped on
// purpose is not restarted, even when it was waiting in backoff at that moment.
//
// Written whole (complete temporary file, then rename) under the record's own lock; readers need
// no lock. An instance without this file has the policy "no".
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { withLock } from '../instances/lock';
import type { ProcessId } from '../instances/proc';
import { type Instance, writeJsonAtomic } from '../instances/store';
import type { RestartPolicy } from './policy';

export type SupervisorActivity = 'watching' | 'backoff' | 'restarting' | 'done';

export interface RestartEvent {
  /** When the run ended (ISO 8601). */
  at: string;
  run: number;
  status: 'exited' | 'crashed';
  exitCode: number | null;
  exitReason: string | null;
  /** The delay chosen before the next boot; null when there was no restart. */
  delayMs: number | null;
}

export interface RestartRecord {
  version: 1;
  policy: RestartPolicy;
  /** The group this instance is a replica of (its daemon supervises it), if any. */
  group: string | null;
  supervisor: ProcessId | null;
  activity: SupervisorActivity;
  /** Restarts done since the instance was created. */
  restarts: number;
  /** Restarts since the last run that stayed up long enough (policy.ts, RESET_AFTER_MS). */
  streak: number;
  /** The last run whose end the supervisor has dealt with. */
  handledRun: number;
  /** Backoff: when the next boot is due, and the delay chosen. */
  nextAt: string | null;
  backoffMs: number | null;
  halted: boolean;
  message: string | null;
  /** The last few ends, newest last (at most HISTORY). */
  history: RestartEvent[];
}

export const HISTORY = 10;

export function recordPath(inst: Instance): string {
  return join(inst.paths.dir, 'restart.json');
}

export function newRecord(policy: RestartPolicy, group: string | null = null): RestartRecord {
  return {
    version: 1, policy, group, supervisor: null, activity: 'watching', restarts: 0, streak: 0, handledRun: 0,
    nextAt: null, backoffMs: null, halted: false, message: null, history: [],
  };
}

/** The record, or undefined when the instance has none (policy "no") or it is unreadable. */
export function readRecord(inst: Instance): RestartRecord | undefined {
  let text: string;
  try {
    text = readFileSync(recordPath(inst), 'utf8');
  } catch {
    return undefined;
  }
  try {
    const rec = JSON.parse(text) as RestartRecord;
    return rec && rec.version === 1 && rec.policy ? rec : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Read-modify-write under the record's lock. `fn` gets the current record (undefined when there
 * is none) and returns the new one, or undefined to leave the file alone.
 */
export function updateRecord(inst: Instance, fn: (rec: RestartRecord | undefined) => RestartRecord | undefined): Promise<RestartRecord | undefined> {
  const path = recordPath(inst);
  return withLock(path, `the restart record of "${inst.name}"`, () => {
    const cur = readRecord(inst);
    const next = fn(cur);
    if (!next) return cur;
    writeJsonAtomic(path, next);
    return next;
  });
}

export function writeRecord(inst: Instance, rec: RestartRecord): void {
  writeJsonAtomic(recordPath(inst), rec);
}
