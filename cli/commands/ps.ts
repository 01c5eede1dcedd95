// `nephos ps [-a] [--json] [-q]`: the instances, brought up to date first (a QEMU that died is
// shown as crashed, with its state recorded).
import { type CommandSpec, formatHelp, parseArgs } from '../args';
import { fail } from '../errors';
import type { Command } from '../main';
import { refresh } from '../instances/lifecycle';
import { Instance, listInstanceNames } from '../instances/store';
import { formatTable, type InstanceSummary, summarize } from '../instances/view';
import { homeOf } from './common';
import { formatGroups, groupSummaries, memberGroups, restartFields } from '../group/view';

export const PS_SPEC: CommandSpec = {
  name: 'ps',
  usage: 'ps [OPTIONS]',
  summary: 'Lists instances.\n' +
    'The running ones, or all with -a (exited and crashed ones are kept until `nephos rm`), newest first.',
  options: [
    { long: 'all', short: 'a', help: 'show every instance, not only running ones' },
    { long: 'json', help: 'print a JSON array (name, app, image, status, ready, exitCode, startedAt, ports, memory, ...)' },
    { long: 'quiet', short: 'q', help: 'print only the names' },
  ],
  notes: [
    'STATUS is running (starting until the app is ready), exited (with its code) or crashed (the\n' +
    'guest panicked, or its QEMU died without the guest saying why).',
  ],
  examples: ['nephos ps', 'nephos ps -a', 'nephos ps -a --json | jq -r \'.[] | select(.status == "crashed") | .name\'', 'nephos rm $(nephos ps -aq)'],
};

/** Every instance's summary, refreshed, newest first. */
export async function listSummaries(home: string): Promise<InstanceSummary[]> {
  const rows: InstanceSummary[] = [];
  const groups = memberGroups(home);
  await Promise.all(listInstanceNames(home).map(async (name) => {
    const inst = new Instance(home, name);
    try {
      const st = await refresh(inst);
      // Replica group and restart policy (cli/group/, cli/supervisor/), when they apply.
      if (st) rows.push({ ...summarize(inst.config(), st), ...restartFields(inst, groups.get(name)) });
    } catch {
      // Removed or being created this very moment, or damaged: `inspect` tells which.
    }
  }));
  return rows.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || a.name.localeCompare(b.name));
}

export const ps: Command = {
  spec: PS_SPEC,
  async run(argv, io) {
    const parsed = parseArgs(PS_SPEC, argv);
    if (parsed.help) {
      io.out(formatHelp(PS_SPEC));
      return 0;
    }
    const extra = [...parsed.positionals, ...parsed.rest];
    if (extra.length) throw fail(`nephos ps takes no arguments (got ${JSON.stringify(extra[0])})`, 'see `nephos ps --help`');
    const all = parsed.options.has('all');
    // An instance waiting to be restarted (its policy's backoff) counts as running, as in docker.
    const rows = (await listSummaries(homeOf(io))).filter((s) => all || s.status === 'running' || s.restarting);
    if (parsed.options.has('json')) io.out(`${JSON.stringify(rows, null, 2)}\n`);
    else if (parsed.options.has('quiet')) io.out(rows.map((r) => `${r.name}\n`).join(''));
    else {
      io.out(formatTable(rows, Date.now()));
      const groups = groupSummaries(homeOf(io)).filter((g) => all || g.status !== 'stopped');
      if (groups.length) io.out(`\n${formatGroups(groups)}`);
    }
    return 0;
  },
};
