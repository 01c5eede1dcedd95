// `nephos logs NAME [-f] [--tail N]`: the app's stdout on stdout, its stderr (and kernel
// messages) on stderr, across every run of the instance; -f keeps following until the instance
// stops. NAME may be a replica group: each member's lines, prefixed with its name as docker
// compose does (`web-2 | ...`), member after member, or as they come with -f.
import { type CommandSpec, formatHelp, parseArgs } from '../args';
import { fail } from '../errors';
import type { Command, Io } from '../main';
import { refresh, stateOrGone } from '../instances/lifecycle';
import { LineSplitter, LogFollower, tailLines } from '../instances/logs';
import { alive, sleep } from '../instances/proc';
import { readFrom, scanConsole } from '../instances/records';
import { type Instance, isFinal, openInstance } from '../instances/store';
import { StdioDemux } from '../run/stdio';
import { homeOf, namesOf } from './common';
import { findGroup } from '../group/store';

export const LOGS_SPEC: CommandSpec = {
  name: 'logs',
  usage: 'logs [OPTIONS] NAME',
  summary: 'Prints an instance\'s output.\n' +
    'The app\'s stdout on stdout, its stderr and kernel messages on stderr, from every run of the\n' +
    'instance (restart appends). For a replica group, every member\'s lines prefixed with its name.',
  options: [
    { long: 'follow', short: 'f', help: 'keep printing new output until the instance stops' },
    { long: 'tail', short: 'n', value: 'N', help: 'only the last N lines (default: all)' },
  ],
  examples: ['nephos logs web', 'nephos logs -f --tail 20 web', 'nephos logs web 2>/dev/null | grep GET', 'nephos logs -f shop   # a replica group: shop-1 | ..., shop-2 | ...'],
};

const FOLLOW_POLL_MS = 50;

function parseTail(text: string | undefined): number | undefined {
  if (text === undefined || text === 'all') return undefined;
  if (!/^\d+$/.test(text)) throw fail(`--tail ${JSON.stringify(text)} is not a number of lines`, 'write e.g. --tail 100, or --tail all');
  return Number(text);
}

function write(io: Io, stream: 1 | 2, text: string): void {
  (stream === 1 ? io.out : io.err)(text);
}

/** True when nothing more will be written to the instance's logs for its current run. */
function finished(inst: Instance): boolean {
  const st = stateOrGone(inst);
  if (!st || isFinal(st.status)) return true;
  return !alive(st.qemu) && !alive(st.supervisor);
}

export async function showLogs(inst: Instance, io: Io, opts: { follow: boolean; tail?: number }): Promise<void> {
  // One read of each file: the lines shown and where following starts come from the same bytes.
  const stdio = readFrom(inst.paths.stdio, 0);
  const consoleBytes = readFrom(inst.paths.console, 0);
  const splitter = new LineSplitter();
  new StdioDemux((stream, bytes) => splitter.push(stream, bytes)).push(stdio);
  splitter.end();
  // Without -f, a partial last console line is shown too; with -f it is shown once complete.
  const kernelUpto = opts.follow ? consoleBytes.lastIndexOf(0x0a) + 1 : consoleBytes.length;
  const kernel = scanConsole(consoleBytes.subarray(0, kernelUpto).toString('utf8'), !opts.follow).messages
    .map((text) => ({ stream: 2 as const, text: `${text}\n` }));
  for (const line of tailLines([...splitter.lines, ...kernel], opts.tail)) write(io, line.stream, line.text);
  if (!opts.follow) return;
  const follower = new LogFollower(inst.paths.stdio, inst.paths.console, { stdio: stdio.length, console: kernelUpto },
    (stream, text) => write(io, stream, text));
  for (;;) {
    const done = finished(inst);
    follower.poll(done);
    if (done) break;
    await sleep(FOLLOW_POLL_MS);
  }
  await refresh(inst).catch(() => undefined);
}

export const logs: Command = {
  spec: LOGS_SPEC,
  async run(argv, io) {
    const parsed = parseArgs(LOGS_SPEC, argv);
    if (parsed.help) {
      io.out(formatHelp(LOGS_SPEC));
      return 0;
    }
    const [name] = namesOf(parsed.positionals, parsed.rest, 'logs', true);
    const tail = parseTail(parsed.options.get('tail')?.slice(-1)[0]);
    const follow = parsed.options.has('follow');
    const group = findGroup(homeOf(io), name)?.read();
    if (group) {
      const members = [...group.members].sort((a, b) => a.index - b.index);
      const width = Math.max(...members.map((m) => m.name.length), 0);
      const shows = members.map((m) => {
        const inst = openInstance(m.name, homeOf(io));
        return () => showLogs(inst, prefixed(io, `${m.name.padEnd(width)} | `), { follow, tail });
      });
      if (follow) await Promise.all(shows.map((show) => show()));
      else for (const show of shows) await show();
      return 0;
    }
    const inst = openInstance(name, homeOf(io));
    await showLogs(inst, io, { follow, tail });
    return 0;
  },
};

/** An Io whose out and err put `prefix` before every line (pieces of a line are joined first). */
function prefixed(io: Io, prefix: string): Io {
  const line = (sink: (t: string) => void) => {
    let partial = '';
    return (text: string) => {
      const parts = (partial + text).split('\n');
      partial = parts.pop()!;
      if (parts.length) sink(parts.map((p) => `${prefix}${p}\n`).join(''));
    };
  };
  return { ...io, out: line(io.out), err: line(io.err) };
}
