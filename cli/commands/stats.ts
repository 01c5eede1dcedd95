// `nephos stats [--no-stream] [--json] [NAME...]`: live figures per running instance, as docker
// stats shows them: CPU % of QEMU's process, memory (the guest's allocator in use, of the VM's
// memory; QEMU's resident set), network I/O of the guest's interfaces, and requests per second
// (stats-sample.ts says where each figure comes from). A group's name stands for its members.
//
// Streaming (the default) prints a new table every interval (on a terminal, in place); --json
// prints one JSON array per interval, one line each. --no-stream prints one table (or array)
// from two samples INTERVAL_MS apart, then exits.
import { type CommandSpec, formatHelp, parseArgs } from '../args';
import { fail } from '../errors';
import type { Command, Io } from '../main';
import { Group, listGroupNames } from '../group/store';
import { refresh } from '../instances/lifecycle';
import { sleep } from '../instances/proc';
import { Instance, listInstanceNames, openInstance } from '../instances/store';
import { formatMemory } from '../instances/view';
import { homeOf } from './common';
import { guestSample, procSample, rates, type Sample } from './stats-sample';

export const INTERVAL_MS = 1000;

export const STATS_SPEC: CommandSpec = {
  name: 'stats',
  usage: 'stats [OPTIONS] [NAME...]',
  summary: 'Shows live figures of running instances: CPU %, memory, network I/O, requests/s.\n' +
    'Every running instance, or the ones named (a replica group\'s name stands for its members);\n' +
    'a new sample every second until interrupted, or one with --no-stream.',
  options: [
    { long: 'no-stream', help: 'print one sample and exit' },
    { long: 'json', help: 'print a JSON array per sample (one line each)' },
  ],
  notes: [
    'CPU % is QEMU\'s process (100% = one host CPU). MEM USAGE is what the guest\'s allocator has in\n' +
    'use, of the VM\'s memory; HOST RSS is QEMU\'s resident memory. NET I/O is bytes received and sent\n' +
    'by the guest. REQ/S is HTTP requests per second when the guest counts them, else TCP connections\n' +
    'accepted per second. A figure the guest did not report in time is shown as "--" (null in JSON).',
  ],
  examples: ['nephos stats', 'nephos stats --no-stream web', 'nephos stats --no-stream --json | jq \'.[] | {name, cpuPercent}\''],
};

export interface StatsRow {
  name: string;
  group: string | null;
  pid: number;
  cpuPercent: number | null;
  memory: { used: number | null; limit: number; hostRss: number | null };
  net: { rxBytes: number | null; txBytes: number | null };
  requests: { total: number | null; perSecond: number | null; source: string | null };
}

interface Target {
  inst: Instance;
  group: string | null;
}

/** The running instances asked for (all when `names` is empty), with their group. */
async function targets(home: string, names: string[]): Promise<Target[]> {
  const groupOf = new Map<string, string>();
  const groups = new Map<string, string[]>();
  for (const g of listGroupNames(home)) {
    const rec = new Group(home, g).read();
    if (!rec) continue;
    groups.set(g, rec.members.map((m) => m.name));
    for (const m of rec.members) groupOf.set(m.name, g);
  }
  let wanted: string[];
  if (names.length) {
    wanted = [];
    for (const n of names) {
      if (groups.has(n)) wanted.push(...groups.get(n)!);
      else wanted.push(openInstance(n, home).name); // "no instance named": a clean error
    }
  } else {
    wanted = listInstanceNames(home);
  }
  const out: Target[] = [];
  for (const name of [...new Set(wanted)]) {
    const inst = new Instance(home, name);
    try {
      const st = await refresh(inst);
      if (st && (st.status === 'running' || st.status === 'starting') && st.qemu) out.push({ inst, group: groupOf.get(name) ?? null });
    } catch {
      // Removed meanwhile.
    }
  }
  return out;
}

async function sampleOf(inst: Instance): Promise<{ sample: Sample; pid: number; limit: number } | undefined> {
  try {
    const st = inst.state();
    if (!st.qemu) return undefined;
    const guest = await guestSample(inst.paths.control);
    return { sample: { at: Date.now(), proc: procSample(st.qemu.pid), guest }, pid: st.qemu.pid, limit: inst.config().memory };
  } catch {
    return undefined;
  }
}

function bytes(n: number | null): string {
  if (n === null) return '--';
  if (n < 1000) return `${n}B`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let v = n;
  let i = -1;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return `${v < 10 ? v.toFixed(2) : v < 100 ? v.toFixed(1) : v.toFixed(0)}${units[i]}`;
}

function mib(n: number | null): string {
  return n === null ? '--' : `${(n / (1024 * 1024)).toFixed(1)}MiB`;
}

export function formatStats(rows: StatsRow[]): string {
  const header = ['NAME', 'CPU %', 'MEM USAGE / LIMIT', 'HOST RSS', 'NET I/O', 'REQ/S', 'PID'];
  const cells = rows.map((r) => [
    r.name,
    r.cpuPercent === null ? '--' : `${r.cpuPercent.toFixed(2)}%`,
    `${mib(r.memory.used)} / ${formatMemory(r.memory.limit)}`,
    mib(r.memory.hostRss),
    `${bytes(r.net.rxBytes)} / ${bytes(r.net.txBytes)}`,
    r.requests.perSecond === null ? '--' : r.requests.perSecond.toFixed(1),
    String(r.pid),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]) => c.map((v, i) => (i === c.length - 1 ? v : v.padEnd(widths[i]))).join('   ').trimEnd();
  return [line(header), ...cells.map(line)].join('\n') + '\n';
}

/** Samples every target, waits, samples again: yields the rows each interval. */
async function* stream(home: string, names: string[], intervalMs: number): AsyncGenerator<StatsRow[]> {
  let previous = new Map<string, Sample>();
  let first = true;
  for (;;) {
    const list = await targets(home, names);
    const taken = await Promise.all(list.map(async (t) => ({ t, s: await sampleOf(t.inst) })));
    const rows: StatsRow[] = [];
    const next = new Map<string, Sample>();
    for (const { t, s } of taken) {
      if (!s) continue;
      next.set(t.inst.name, s.sample);
      const r = rates(previous.get(t.inst.name), s.sample);
      rows.push({
        name: t.inst.name,
        group: t.group,
        pid: s.pid,
        cpuPercent: r.cpuPercent === null ? null : Math.round(r.cpuPercent * 100) / 100,
        memory: { used: s.sample.guest.memoryUsed, limit: s.limit, hostRss: s.sample.proc?.rssBytes ?? null },
        net: { rxBytes: s.sample.guest.rxBytes, txBytes: s.sample.guest.txBytes },
        requests: { total: s.sample.guest.requests, perSecond: r.requestsPerSecond === null ? null : Math.round(r.requestsPerSecond * 10) / 10, source: s.sample.guest.requestsSource },
      });
    }
    previous = next;
    // The first round has no rates yet: it is only the baseline.
    if (!first) yield rows.sort((a, b) => a.name.localeCompare(b.name));
    first = false;
    await sleep(intervalMs);
  }
}

export const stats: Command = {
  spec: STATS_SPEC,
  async run(argv: string[], io: Io) {
    const parsed = parseArgs(STATS_SPEC, argv);
    if (parsed.help) {
      io.out(formatHelp(STATS_SPEC));
      return 0;
    }
    const names = [...parsed.positionals, ...parsed.rest];
    const json = parsed.options.has('json');
    const once = parsed.options.has('no-stream');
    const home = homeOf(io);
    if (names.length) await targets(home, names); // unknown names fail before any waiting
    for await (const rows of stream(home, names, INTERVAL_MS)) {
      if (json) io.out(`${JSON.stringify(rows)}\n`);
      else if (once || !io.stderrIsTTY || !process.stdout.isTTY) io.out(formatStats(rows) + (once ? '' : '\n'));
      else io.out(`\x1b[2J\x1b[H${formatStats(rows)}`);
      if (once) return 0;
    }
    throw fail('stats ended unexpectedly', 'run it again');
  },
};
