// `nephos run --replicas N` and `--restart`: the checks of the flags, and the replica group's
// start (cli/commands/run.ts calls in here once it has the image and the configuration).
import type { PortMapping, RunArgs } from '../args';
import { fail } from '../errors';
import type { Io } from '../main';
import { openInstance, type InstanceConfig, InstanceGone } from '../instances/store';
import type { Progress } from '../run/progress';
import { generateName } from '../instances/names';
import { portTaken } from './members';
import { startGroup } from './ops';
import { checkGroupName, createGroup, findGroup, groupNameInUse, type GroupRecord, type MemberTemplate, removeGroupDir } from './store';

/** Flags that do not go together; checked before anything is built or booted. */
export function checkRunFlags(args: RunArgs): void {
  const restart = args.restart && args.restart.kind !== 'no';
  if (restart && args.rm) throw fail('--restart and --rm do not go together', 'an instance that is removed when it exits cannot be restarted: drop one of them');
  if (restart && !args.detach && args.replicas === undefined) throw fail('--restart needs -d', 'run the instance detached (nephos run -d --restart ...)');
  if (args.replicas === undefined) return;
  if (args.rm) throw fail('--replicas and --rm do not go together', 'remove the group with `nephos rm -f NAME` when done');
  if (args.net.kind === 'tap') throw fail('--replicas works with --net user only', 'the balancer reaches the replicas through their published ports');
  if (args.ipv4) throw fail('--replicas and --ip do not go together', 'the replicas would share one address: drop --ip (user networking gives each its own)');
  if (args.name !== undefined) checkGroupName(args.name);
}

/** A name for a new group: the one asked for, else a generated one that nothing uses. */
function groupName(home: string, asked: string | undefined): string {
  const taken = (n: string) => {
    if (findGroup(home, n)) return true;
    try {
      openInstance(n, home);
      return true;
    } catch (e) {
      if (e instanceof InstanceGone) return false;
      throw e;
    }
  };
  if (asked !== undefined) {
    if (findGroup(home, asked)) throw groupNameInUse(asked);
    if (taken(asked)) throw fail(`the name "${asked}" is in use by an instance`, 'choose another --name');
    return asked;
  }
  for (let attempt = 0; ; attempt++) {
    const n = generateName(attempt);
    if (!taken(n)) return n;
  }
}

export interface ReplicaRun {
  home: string;
  ports: PortMapping[];
  /** The instance configuration every member gets (ports and name aside). */
  config: Omit<InstanceConfig, 'name' | 'version' | 'ports' | 'createdAt'>;
}

/** Creates the group, boots its members, starts its balancer; prints the group's name. */
export async function runReplicas(args: RunArgs, run: ReplicaRun, io: Io, progress: Progress): Promise<number> {
  const name = groupName(run.home, args.name);
  for (const p of run.ports) {
    if (await portTaken(p.host)) throw fail(`127.0.0.1:${p.host} is already in use`, `choose another host port with -p, or stop what listens on it`);
  }
  const template: MemberTemplate = { ...run.config, autoRemove: false };
  const record: GroupRecord = {
    version: 1,
    name,
    createdAt: new Date().toISOString(),
    ports: run.ports,
    template,
    restart: args.restart ?? { kind: 'no' },
    replicas: args.replicas!,
    members: [],
    daemon: null,
    status: 'running',
  };
  const group = createGroup(run.home, record);
  try {
    await progress.step(`starting ${args.replicas} replicas of ${name}`, () => startGroup(group, (msg) => io.err(`nephos: ${msg}\n`)));
  } catch (e) {
    removeGroupDir(group);
    throw e;
  }
  io.out(`${name}\n`);
  return 0;
}
