// Replica groups on disk: `nephos run --replicas N --name web` makes a group "web" whose members
// are ordinary instances web-1 ... web-N (cli/instances/), each publishing the app's ports on
// internal host ports of its own, behind the group's published ports served by the group daemon
// (daemon.ts: the balancer, and the replicas' restart policy).
//
//   $NEPHOS_HOME/groups/<name>/   mode 0700
//     group.json     what the group is: published ports, the members' run configuration, the
//                    restart policy, the desired replica count, the members (name, internal
//                    ports, draining), the daemon's identity, running | stopping | stopped
//     status.json    written by the daemon: listening or not (and why), each member's health and
//                    connection counts; read by ps, scale and stats
//     daemon.log     the daemon's output
//
// Invariants (as for instances, cli/instances/store.ts): the directory appears complete or not at
// all (assembled under a temporary name, renamed into place, which also makes names unique);
// files are replaced whole by rename; read-modify-writes of group.json happen under the group's
// lock (a short one); commands that change the membership (run, scale, stop, rm) also hold the
// group's operation lock for their whole length, so two `scale`s do not interleave.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { PortMapping } from '../args';
import { fail, NephosError } from '../errors';
import { withLock } from '../instances/lock';
import type { ProcessId } from '../instances/proc';
import { type InstanceConfig, NAME_PATTERN, writeJsonAtomic } from '../instances/store';
import type { RestartPolicy } from '../supervisor/policy';

export interface GroupMember {
  name: string;
  /** web-3 has index 3. */
  index: number;
  /** Internal host port -> guest port, one per published port of the group. */
  ports: PortMapping[];
  /** Being removed by `scale`: the balancer sends it no new connection. */
  draining: boolean;
}

/** The members' run configuration: an instance's, without what differs per member. */
export type MemberTemplate = Omit<InstanceConfig, 'name' | 'ports' | 'createdAt' | 'version'>;

export type GroupStatus = 'running' | 'stopping' | 'stopped';

export interface GroupRecord {
  version: 1;
  name: string;
  createdAt: string;
  /** Published on 127.0.0.1 by the balancer: host port -> the members' guest port. */
  ports: PortMapping[];
  template: MemberTemplate;
  restart: RestartPolicy;
  /** The replica count asked for (run --replicas, scale). */
  replicas: number;
  members: GroupMember[];
  daemon: ProcessId | null;
  status: GroupStatus;
  /** While stopping: how long the daemon lets open connections finish (stop's -t). */
  drainMs?: number;
}

export interface BackendStatus {
  member: string;
  healthy: boolean;
  /** Why it is (not) healthy: "ready", "ready (console)", "starting", "exited", "draining", ... */
  reason: string;
  /** Connections open through the balancer now, and since the daemon started. */
  active: number;
  total: number;
  /** Connections that had to be retried elsewhere because this member refused or dropped them. */
  failures: number;
}

export interface GroupDaemonStatus {
  at: string;
  pid: number;
  /** Public ports the balancer listens on. */
  listening: number[];
  /** Set when the daemon could not start serving (a port in use, ...). */
  error: string | null;
  backends: BackendStatus[];
}

export const GROUP_NAME_MAX = 60;
export const MAX_REPLICAS = 64;

/** `--replicas N` (1 or more) or scale's count (0 allowed). */
export function parseReplicas(text: string, flag: string): number {
  const min = flag === '--replicas' ? 1 : 0;
  if (!/^\d{1,3}$/.test(text) || Number(text) > MAX_REPLICAS || Number(text) < min) {
    throw fail(`${flag} ${JSON.stringify(text)} is not a replica count`, `give a whole number from ${min} to ${MAX_REPLICAS}`);
  }
  return Number(text);
}

export function groupsDir(home: string): string {
  return join(home, 'groups');
}

export class Group {
  readonly dir: string;
  constructor(readonly home: string, readonly name: string) {
    this.dir = join(groupsDir(home), name);
  }
  get recordPath(): string {
    return join(this.dir, 'group.json');
  }
  get statusPath(): string {
    return join(this.dir, 'status.json');
  }
  get logPath(): string {
    return join(this.dir, 'daemon.log');
  }

  /** group.json; undefined when the group does not exist (or is being removed). */
  read(): GroupRecord | undefined {
    let text: string;
    try {
      text = readFileSync(this.recordPath, 'utf8');
    } catch {
      return undefined;
    }
    try {
      return JSON.parse(text) as GroupRecord;
    } catch {
      throw fail(`the record of group "${this.name}" is damaged (${this.recordPath})`, `remove it with \`nephos rm -f ${this.name}\``);
    }
  }

  /** The daemon's last status; undefined when it has written none. */
  status(): GroupDaemonStatus | undefined {
    try {
      return JSON.parse(readFileSync(this.statusPath, 'utf8')) as GroupDaemonStatus;
    } catch {
      return undefined;
    }
  }

  writeStatus(status: GroupDaemonStatus): void {
    writeJsonAtomic(this.statusPath, status);
  }

  /** Read-modify-write of group.json under the group's lock; `fn` returns undefined to keep it. */
  update(fn: (g: GroupRecord) => GroupRecord | undefined): Promise<GroupRecord | undefined> {
    return withLock(this.recordPath, `group "${this.name}"`, () => {
      const cur = this.read();
      if (!cur) return undefined;
      const next = fn(cur);
      if (!next) return cur;
      writeJsonAtomic(this.recordPath, next);
      return next;
    });
  }

  /** Runs `fn` holding the group's operation lock (membership changes; see the file comment). */
  operation<T>(fn: () => Promise<T>): Promise<T> {
    return withLock(`${this.dir}#operation`, `group "${this.name}"`, fn, 180_000);
  }
}

export function memberName(group: string, index: number): string {
  return `${group}-${index}`;
}

/** A group name: an instance name short enough to leave room for "-<index>". */
export function checkGroupName(name: string): string {
  if (!NAME_PATTERN.test(name) || name.length > GROUP_NAME_MAX) {
    throw fail(`--name ${JSON.stringify(name)} is not a valid group name`, `use up to ${GROUP_NAME_MAX} letters, digits, "_", "." or "-", starting with a letter or digit`);
  }
  return name;
}

/** The group called `name`, or undefined. */
export function findGroup(home: string, name: string): Group | undefined {
  if (!NAME_PATTERN.test(name)) return undefined;
  const g = new Group(home, name);
  return g.read() ? g : undefined;
}

export function listGroupNames(home: string): string[] {
  try {
    return readdirSync(groupsDir(home)).filter((n) => NAME_PATTERN.test(n)).sort();
  } catch {
    return [];
  }
}

/** Creates the group's directory with its record, atomically; "name in use" when it exists. */
export function createGroup(home: string, record: GroupRecord): Group {
  const root = groupsDir(home);
  mkdirSync(root, { recursive: true, mode: 0o700 });
  const tmp = mkdtempSync(join(root, '.new-'));
  try {
    writeJsonAtomic(join(tmp, 'group.json'), record);
    try {
      renameSync(tmp, join(root, record.name));
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw e;
      throw groupNameInUse(record.name);
    }
    return new Group(home, record.name);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

export function groupNameInUse(name: string): NephosError {
  return fail(`the name "${name}" is in use by a replica group`, `choose another --name, or remove the group with \`nephos rm -f ${name}\``);
}

/** Removes the group's directory (not its members). */
export function removeGroupDir(g: Group): void {
  const trash = join(groupsDir(g.home), `.removed-${g.name}-${process.pid}-${Date.now()}`);
  try {
    renameSync(g.dir, trash);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw e;
  }
  rmSync(trash, { recursive: true, force: true });
}

/** The lowest indexes (from 1) not used by `members`, `count` of them. */
export function freeIndexes(members: GroupMember[], count: number): number[] {
  const used = new Set(members.map((m) => m.index));
  const out: number[] = [];
  for (let i = 1; out.length < count; i++) if (!used.has(i)) out.push(i);
  return out;
}

/**
 * The members to remove when shrinking to `target`: those not up first (exited, crashed: they
 * serve nothing), then the highest indexes.
 */
export function membersToRemove(members: GroupMember[], target: number, isUp: (m: GroupMember) => boolean = () => true): GroupMember[] {
  const up = new Map(members.map((m) => [m.name, isUp(m)]));
  const sorted = [...members].sort((a, b) => Number(up.get(a.name)) - Number(up.get(b.name)) || b.index - a.index);
  return sorted.slice(0, Math.max(0, members.length - target));
}
