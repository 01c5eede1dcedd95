// `nephos inspect NAME`: everything nephos knows about an instance, as one JSON object, with the
// guest's own status (GET /v1/status on the control channel) when it is running.
import { type CommandSpec, formatHelp, parseArgs } from '../args';
import type { Command } from '../main';
import { controlRequest } from '../instances/control';
import { refresh } from '../instances/lifecycle';
import { InstanceGone, isFinal, openInstance } from '../instances/store';
import { inspectView } from '../instances/view';
import { homeOf, namesOf } from './common';
import { readApiTokens } from './api-tokens';

export const INSPECT_SPEC: CommandSpec = {
  name: 'inspect',
  usage: 'inspect NAME',
  summary: 'Prints an instance as JSON.\n' +
    'Status, exit code and reason, times, QEMU\'s pid, configuration (image, memory, env, args, ports,\n' +
    'accel), the paths of its logs and sockets, and the guest\'s own status ("guest", from its control\n' +
    'channel; null when it is not running).',
  options: [],
  examples: ['nephos inspect web', 'nephos inspect web | jq .exitCode', 'tail -f "$(nephos inspect web | jq -r .paths.consoleLog)"'],
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
    const inst = openInstance(name, homeOf(io));
    const st = await refresh(inst);
    if (!st) throw new InstanceGone(name);
    let guest: unknown = null;
    if (!isFinal(st.status)) {
      guest = await controlRequest(inst.paths.control, 'GET', '/v1/status', 1000).then((r) => r.body, () => null);
    }
    const view = inspectView(inst, inst.config(), st, guest);
    // The management API's tokens (--api-port): shown to the owner, who can read them anyway.
    const tokens = readApiTokens(inst.paths.dir);
    if (tokens) view.apiTokens = tokens;
    io.out(`${JSON.stringify(view, null, 2)}\n`);
    return 0;
  },
};
