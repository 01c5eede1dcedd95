// `nephos scale [-t SECONDS] NAME N`: grows or shrinks a replica group (cli/group/ops.ts) while
// it serves. New members are booted and join the balancer once healthy; removed ones (the
// highest numbers) first stop receiving connections, then are stopped (gracefully, within -t) and
// removed once the connections they had are done. Prints the names added or removed.
import { type CommandSpec, formatHelp, parseArgs } from '../args';
import { fail } from '../errors';
import type { Command } from '../main';
import { scaleGroup } from '../group/ops';
import { findGroup, parseReplicas } from '../group/store';
import { DEFAULT_STOP_TIMEOUT_S } from '../instances/stop';
import { openInstance } from '../instances/store';
import { homeOf, parseSeconds, progressOf } from './common';

export const SCALE_SPEC: CommandSpec = {
  name: 'scale',
  usage: 'scale [OPTIONS] NAME N',
  summary: 'Sets the number of replicas of a group started with `nephos run --replicas`.\n' +
    'New replicas join the balancer once ready; removed ones (the highest numbers) first take no new\n' +
    'connection, then stop once theirs are done (at most -t seconds). Prints the names added or removed.',
  options: [
    { long: 'time', short: 't', value: 'SECONDS', help: `seconds a removed replica may take to finish its connections and stop (default ${DEFAULT_STOP_TIMEOUT_S})` },
  ],
  examples: ['nephos scale web 5', 'nephos scale -t 30 web 2'],
};

export const scale: Command = {
  spec: SCALE_SPEC,
  async run(argv, io) {
    const parsed = parseArgs(SCALE_SPEC, argv);
    if (parsed.help) {
      io.out(formatHelp(SCALE_SPEC));
      return 0;
    }
    const words = [...parsed.positionals, ...parsed.rest];
    if (words.length !== 2) throw fail(`nephos scale takes a group name and a count, got ${words.length} argument${words.length === 1 ? '' : 's'}`, 'e.g. nephos scale web 5');
    const [name, countText] = words;
    const seconds = parseSeconds(parsed.options.get('time')?.slice(-1)[0], DEFAULT_STOP_TIMEOUT_S);
    const target = parseReplicas(countText, 'count');
    const home = homeOf(io);
    const group = findGroup(home, name);
    if (!group) {
      openInstance(name, home); // "no instance named ..." when there is nothing by that name
      throw fail(`"${name}" is an instance, not a replica group`, `start a group with \`nephos run --replicas N --name GROUP ...\``);
    }
    const progress = progressOf(io);
    const { added, removed } = await progress.step(`scaling ${name} to ${target}`, () => scaleGroup(group, target, seconds * 1000, (msg) => io.err(`nephos: ${msg}\n`)));
    io.out([...added, ...removed].map((n) => `${n}\n`).join(''));
    return 0;
  },
};
