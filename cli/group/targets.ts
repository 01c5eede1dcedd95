// Names on the command line of stop, restart and rm may name replica groups as well as
// instances: a group is acted on as a whole (its balancer and every member). An instance and a
// group never share a name (run refuses it), so the split is unambiguous.
import { forEach } from '../commands/common';
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
export function forEachGroup(groups: Group[], io: Io, action: (g: Group) => Promise<void>): Promise<number> {
  return forEach(groups, io, action);
}
