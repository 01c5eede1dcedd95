// `nephos dashboard [--port N]`: serves the live dashboard (cli/dashboard/) on 127.0.0.1 until
// interrupted; prints its URL on stdout.
import { type CommandSpec, formatHelp, parseArgs, parsePort } from '../args';
import { fail } from '../errors';
import type { Command } from '../main';
import { createDashboard } from '../dashboard/server';
import { homeOf } from './common';

export const DASHBOARD_SPEC: CommandSpec = {
  name: 'dashboard',
  usage: 'dashboard [--port N]',
  summary: 'Serves a local web page with every instance, live: memory, event-loop lag, requests/s and\n' +
    'network charts, log tail, environment and files, restart and stop buttons (127.0.0.1 only).',
  options: [{ long: 'port', short: 'p', value: 'N', help: 'port on 127.0.0.1 (default 7878; 0 picks a free one)' }],
  examples: ['nephos dashboard', 'nephos dashboard --port 9000'],
};

export const dashboard: Command = {
  spec: DASHBOARD_SPEC,
  async run(argv, io) {
    const parsed = parseArgs(DASHBOARD_SPEC, argv);
    if (parsed.help) {
      io.out(formatHelp(DASHBOARD_SPEC));
      return 0;
    }
    const portText = parsed.options.get('port')?.[0];
    const port = portText === undefined ? 7878 : portText === '0' ? 0 : parsePort(portText, '--port');
    const server = createDashboard({ home: homeOf(io), port });
    await new Promise<void>((resolve, reject) => {
      server.once('error', (e: NodeJS.ErrnoException) => reject(fail(`cannot listen on 127.0.0.1:${port} (${e.code ?? e.message})`, 'choose another --port')));
      server.listen(port, '127.0.0.1', () => resolve());
    });
    const addr = server.address();
    io.out(`http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : port}/\n`);
    await new Promise<void>((resolve) => {
      const stop = () => server.close(() => resolve());
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    return 0;
  },
};
