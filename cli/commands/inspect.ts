// `nephos inspect NAME`: everything nephos knows about an instance, as one JSON object, with the
// guest's own status (GET /v1/status on the control channel) when it is running. For a replica
// group: the group's record, its balancer's last status, and each member's object.
import { type CommandSpec, formatHelp, parseArgs } from '../args';
import type { Command } from '../main';
import { controlRequest } from '../instances/control';
import { refresh } from '../instances/lifecycle';
import { InstanceGone, isFinal, openInstance } from '../instances/store';
import { inspectView } from '../instances/view';
import { homeOf, namesOf } from './common';
import { readApiTokens } from './api-tokens';
import { findGroup } from '../group/store';
import type { Io } from '../main';

export const INSPECT_SPEC: CommandSpec = {
  name: 'inspect',
  usage: 'inspect NAME',
  summary: 'Prints an instance as JSON.\n' +
    'Status, exit code and reason, times, QEMU\'s pid, configuration (image, memory, env, args, ports,\n' +
    'accel), the paths of its logs and sockets, and the guest\'s own status ("guest", from its control\n' +
    'channel; null when it is not running).',
  options: [],
  examples: ['nephos inspect web', 'nephos inspect web | jq .exitCode', 'tail -f "$(nephos inspect web | jq -r .paths.consoleLog)"',
    'nephos inspect shop | jq \'.members[].status\'   # a replica group'],
};

export const inspect: Command = {
  spec: INSPECT_SPEC,
  async run(argv, io) {
    const parsed = parseArgs(INSPECT_SPEC, argv);
    if (parsed.help) {
      io.out(formatHelp(INSPECT_SPEC));
      return 0;
    }
    const [name] = namesOf(parsed.positionals, parsed.rest, 'inspect', true);
    const g = findGroup(homeOf(io), name);
    const record = g?.read();
    if (g && record) {
      const members = await Promise.all([...record.members].sort((a, b) => a.index - b.index).map((m) => instanceView(m.name, io).catch(() => ({ name: m.name, status: 'removed' }))));
      const view = { group: record.name, ...record, balancer: g.status() ?? null, members };
      io.out(`${JSON.stringify(view, null, 2)}\n`);
      return 0;
    }
    io.out(`${JSON.stringify(await instanceView(name, io), null, 2)}\n`);
    return 0;
  },
};

async function instanceView(name: string, io: Io): Promise<Record<string, unknown>> {
  const inst = openInstance(name, homeOf(io));
  const st = await refresh(inst);
  if (!st) throw new InstanceGone(name);
  let guest: unknown = null;
  if (!isFinal(st.status)) {
    guest = await controlRequest(inst.paths.control, 'GET', '/v1/status', 1000).then((r) => r.body, () => null);
  }
  const view = inspectView(inst, inst.config(), st, guest) as unknown as Record<string, unknown>;
  // The management API's tokens (--api-port): shown to the owner, who can read them anyway.
  const tokens = readApiTokens(inst.paths.dir);
  if (tokens) view.apiTokens = tokens;
  return view;
}
