// What the instance commands (ps, logs, stop, rm, restart, inspect) share: where the instances
// are, and running an action over several names (docker's habit: every name is tried; each
// failure is its own `nephos:` line; the status is 125 when any failed).
import { describeFailure, fail } from '../errors';
import { nephosHome } from '../image';
import type { Io } from '../main';
import { createProgress, type Progress } from '../run/progress';
import { openInstance, type Instance } from '../instances/store';

export function homeOf(io: Io): string {
  return nephosHome(io.env);
}

export function progressOf(io: Io): Progress {
  return createProgress({ isTTY: !!io.stderrIsTTY, write: io.err });
}

/** The positional arguments (and anything after `--`), which must be instance names. */
export function namesOf(positionals: string[], rest: string[], command: string, one = false): string[] {
  const names = [...positionals, ...rest];
  if (!names.length) throw fail(`nephos ${command} needs an instance name`, `see \`nephos ps -a\` for the names, or \`nephos ${command} --help\``);
  if (one && names.length > 1) throw fail(`nephos ${command} takes one instance name, got ${names.length}`, `run it once per instance`);
  return [...new Set(names)];
}

/** Runs `action` for every item in parallel; prints each failure; 0 when all succeeded, else its code. */
export async function forEach<T>(items: T[], io: Io, action: (item: T) => Promise<void>): Promise<number> {
  const results = await Promise.allSettled(items.map(async (item) => action(item)));
  let status = 0;
  for (const r of results) {
    if (r.status === 'rejected') {
      const { text, exitCode } = describeFailure(r.reason, io.env.NEPHOS_DEBUG === '1');
      io.err(text);
      status = status || exitCode;
    }
  }
  return status;
}

/** forEach over instances named on the command line. */
export function forEachInstance(names: string[], io: Io, action: (inst: Instance) => Promise<void>): Promise<number> {
  return forEach(names, io, (name) => action(openInstance(name, homeOf(io))));
}

/** `-t SECONDS`: a non-negative number. */
export function parseSeconds(text: string | undefined, fallback: number, flag = '-t'): number {
  if (text === undefined) return fallback;
  if (!/^\d+(\.\d+)?$/.test(text)) throw fail(`${flag} ${JSON.stringify(text)} is not a number of seconds`, `write e.g. ${flag} 10 (0 powers off at once)`);
  return Number(text);
}
