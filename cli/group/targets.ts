// Names on the command line of stop, restart and rm may name replica groups as well as
// instances: a group is acted on as a whole (its balancer and every member). An instance and a
// group never share a name (run refuses it), so the split is unambiguous.
import { describeFailure } from '../errors';
import type { Io } from '../main';
import { findGroup, type Group } from './store';

export function partitionNames(names: string[], home: string): { groups: Group[]; instances: string[] } {
  const groups: Group[] = [];
  const instances: string[] = [];
  for (const n of names) {
    const g = findGroup(home, n);
    if (g) groups.push(g);
    else instances.push(n);
  }
  return { groups, instances };
}

/** As forEachInstance (cli/commands/common.ts), for groups: every one tried, each failure a line. */
export async function forEachGroup(groups: Group[], io: Io, action: (g: Group) => Promise<void>): Promise<number> {
  const results = await Promise.allSettled(groups.map((g) => action(g)));
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
