// How replica groups and restart policies show in `ps`: extra fields on each instance's summary
// (its group, its restart policy and count, whether a restart is pending and when), and a table
// of the groups under the instances' (GROUP, STATUS, REPLICAS, HEALTHY, PORTS, BALANCER pid).
import { alive } from '../instances/proc';
import type { Instance } from '../instances/store';
import { formatRestartPolicy } from '../supervisor/policy';
import { readRecord } from '../supervisor/record';
import { Group, listGroupNames } from './store';

/** The fields `ps --json` adds to an instance (absent when they do not apply). */
export interface RestartFields {
  group?: string;
  restartPolicy?: string;
  /** Restarts done by the supervisor since the instance was created. */
  restartCount?: number;
  /** A restart is pending (backoff) or under way. */
  restarting?: boolean;
  nextRestartAt?: string | null;
  backoffMs?: number | null;
  /** Why the supervisor stopped restarting, when it did. */
  restartMessage?: string | null;
}

/** Member name -> group name, for every group. */
export function memberGroups(home: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const name of listGroupNames(home)) {
    try {
      for (const m of new Group(home, name).read()?.members ?? []) out.set(m.name, name);
    } catch {
      // A damaged group record: its members show without their group.
    }
  }
  return out;
}

export function restartFields(inst: Instance, group: string | undefined): RestartFields {
  const rec = readRecord(inst);
  const out: RestartFields = group ? { group } : {};
  if (!rec || rec.policy.kind === 'no') return out;
  return {
    ...out,
    restartPolicy: formatRestartPolicy(rec.policy),
    restartCount: rec.restarts,
    restarting: !rec.halted && (rec.activity === 'backoff' || rec.activity === 'restarting'),
    nextRestartAt: rec.activity === 'backoff' ? rec.nextAt : null,
    backoffMs: rec.backoffMs,
    restartMessage: rec.message,
  };
}

/** The STATUS cell of an instance with a pending restart, e.g. "restarting in 0.8s (crashed)". */
export function restartingText(f: RestartFields, base: string, now: number): string | undefined {
  if (!f.restarting) return f.restartCount ? `${base} (restarts: ${f.restartCount})` : undefined;
  if (!f.nextRestartAt) return `restarting (restart ${f.restartCount})`;
  const s = Math.max(0, (Date.parse(f.nextRestartAt) - now) / 1000);
  return `restarting in ${s.toFixed(1)}s (backoff ${((f.backoffMs ?? 0) / 1000).toFixed(1)}s, ${base})`;
}

export interface GroupSummary {
  name: string;
  status: string;
  replicas: number;
  members: string[];
  healthy: number;
  ports: { host: number; guest: number; protocol: 'tcp' }[];
  balancerPid: number | null;
  restartPolicy: string;
}

export function groupSummaries(home: string): GroupSummary[] {
  const out: GroupSummary[] = [];
  for (const name of listGroupNames(home)) {
    const g = new Group(home, name);
    let rec;
    try {
      rec = g.read();
    } catch {
      continue;
    }
    if (!rec) continue;
    const daemonUp = alive(rec.daemon);
    const st = daemonUp ? g.status() : undefined;
    out.push({
      name,
      status: rec.status === 'running' && !daemonUp ? 'running (balancer down)' : rec.status,
      replicas: rec.replicas,
      members: rec.members.map((m) => m.name),
      healthy: st ? st.backends.filter((b) => b.healthy).length : 0,
      ports: rec.ports.map((p) => ({ host: p.host, guest: p.guest, protocol: 'tcp' as const })),
      balancerPid: daemonUp ? rec.daemon!.pid : null,
      restartPolicy: formatRestartPolicy(rec.restart),
    });
  }
  return out;
}

export function formatGroups(rows: GroupSummary[]): string {
  const header = ['GROUP', 'STATUS', 'REPLICAS', 'HEALTHY', 'PORTS', 'RESTART', 'BALANCER'];
  const cells = rows.map((g) => [
    g.name,
    g.status,
    `${g.members.length}/${g.replicas}`,
    String(g.healthy),
    g.ports.map((p) => `127.0.0.1:${p.host}->${p.guest}/tcp`).join(', '),
    g.restartPolicy,
    g.balancerPid === null ? '' : String(g.balancerPid),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]) => c.map((v, i) => (i === c.length - 1 ? v : v.padEnd(widths[i]))).join('   ').trimEnd();
  return [line(header), ...cells.map(line)].join('\n') + '\n';
}
