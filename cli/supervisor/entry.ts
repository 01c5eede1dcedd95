// `nephos __daemon <kind> <name>`: the entry of the detached daemons (daemon.ts). Not a user
// command (not in COMMANDS, so not in help or completion); cli/main.ts hands the word over.
// The log lines get a timestamp; the exit status is the daemon's.
import { nephosHome } from '../image';
import { groupDaemonMain } from '../group/daemon';
import { Instance } from '../instances/store';
import { superviseMain } from './daemon';

export const DAEMON_WORD = '__daemon';

export async function daemonMain(argv: string[], env: Record<string, string | undefined>): Promise<number> {
  const [kind, name] = argv;
  const home = nephosHome(env);
  const log = (line: string) => process.stdout.write(`${new Date().toISOString()} ${line}\n`);
  // A daemon outlives its terminal: a hang-up is no reason to stop.
  process.on('SIGHUP', () => {});
  process.on('uncaughtException', (e) => {
    log(`internal error: ${e.stack ?? e.message}`);
    process.exit(70);
  });
  if (kind === 'supervise' && name) return superviseMain(new Instance(home, name), log);
  if (kind === 'group' && name) return groupDaemonMain(home, name, log);
  log(`unknown daemon ${JSON.stringify(argv)}`);
  return 2;
}
