// How instances are shown: the JSON objects of `ps --json` and `inspect` (the contract: at least
// name, image, status running|exited|crashed, exitCode, startedAt, ports, memory), and the table
// of `ps`. A run that has not reported ready yet has status "running" and ready false.
import { MIB } from '../args';
import type { Instance, InstanceConfig, InstanceState } from './store';
import { type RestartFields, restartingText } from '../group/view';

/** `group` and the restart policy's fields (cli/group/view.ts) are added by `ps` when they apply. */
export interface InstanceSummary extends RestartFields {
  name: string;
  app: string;
  image: string;
  status: 'running' | 'exited' | 'crashed';
  ready: boolean;
  exitCode: number | null;
  exitReason: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  ports: { host: number; guest: number; protocol: 'tcp' }[];
  memory: number;
  accel: string | null;
  pid: number | null;
}

export function summarize(config: InstanceConfig, st: InstanceState): InstanceSummary {
  const running = st.status === 'starting' || st.status === 'running';
  return {
    name: config.name,
    app: config.app,
    image: config.image,
    status: running ? 'running' : st.status === 'crashed' ? 'crashed' : 'exited',
    ready: st.status === 'running',
    exitCode: running ? null : st.exitCode,
    exitReason: running ? null : st.exitReason,
    createdAt: config.createdAt,
    startedAt: st.startedAt,
    finishedAt: running ? null : st.finishedAt,
    ports: config.ports.map((p) => ({ host: p.host, guest: p.guest, protocol: 'tcp' as const })),
    memory: config.memory,
    accel: st.accel,
    pid: running && st.qemu ? st.qemu.pid : null,
  };
}

/** `inspect`: the summary, the whole configuration, the run's bookkeeping and the file paths. */
export function inspectView(inst: Instance, config: InstanceConfig, st: InstanceState, guest: unknown): Record<string, unknown> {
  return {
    ...summarize(config, st),
    run: st.run,
    detached: st.detached,
    readyAt: st.readyAt,
    stopping: st.stopping ? { at: st.stopping.at, by: st.stopping.by.pid, powerOff: st.stopping.powerOff } : null,
    supervisor: st.supervisor?.pid ?? null,
    config: {
      image: config.image,
      memory: config.memory,
      env: config.env,
      args: config.args,
      ports: config.ports,
      net: config.net,
      ...(config.ipv4 ? { ipv4: config.ipv4 } : {}),
      accel: config.accel,
      machine: config.machine ?? 'microvm',
      ...(config.apiPort !== undefined ? { apiPort: config.apiPort } : {}),
      autoRemove: config.autoRemove,
    },
    paths: {
      dir: inst.paths.dir,
      consoleLog: inst.paths.console,
      stdioLog: inst.paths.stdio,
      qemuLog: inst.paths.qemuLog,
      controlSocket: inst.paths.control,
      qmpSocket: inst.paths.qmp,
    },
    guest,
  };
}

/** "3s", "5m", "2h", "4d". */
export function ago(fromIso: string | null, now: number): string {
  if (!fromIso) return '?';
  const s = Math.max(0, Math.round((now - Date.parse(fromIso)) / 1000));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m`;
  if (s < 86400) return `${Math.floor(s / 3600)}h`;
  return `${Math.floor(s / 86400)}d`;
}

export function formatMemory(bytes: number): string {
  const mib = bytes / MIB;
  return mib >= 1024 && mib % 1024 === 0 ? `${mib / 1024}G` : `${mib}M`;
}

export function statusText(s: InstanceSummary, now: number): string {
  const base = baseStatusText(s, now);
  return restartingText(s, base, now) ?? base;
}

function baseStatusText(s: InstanceSummary, now: number): string {
  if (s.status === 'running') return s.ready ? `running ${ago(s.startedAt, now)}` : `starting ${ago(s.startedAt, now)}`;
  const code = s.exitCode === null ? '' : ` (${s.exitCode})`;
  return `${s.status}${code} ${ago(s.finishedAt, now)} ago`;
}

/** The `ps` table: one row per instance, columns padded. */
export function formatTable(rows: InstanceSummary[], now: number): string {
  const header = ['NAME', 'APP', 'STATUS', 'PORTS', 'MEMORY', 'PID'];
  const cells = rows.map((s) => [
    s.name,
    s.app,
    statusText(s, now),
    s.ports.map((p) => `127.0.0.1:${p.host}->${p.guest}/tcp`).join(', '),
    formatMemory(s.memory),
    s.pid === null ? '' : String(s.pid),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]) => c.map((v, i) => (i === c.length - 1 ? v : v.padEnd(widths[i]))).join('   ').trimEnd();
  return [line(header), ...cells.map(line)].join('\n') + '\n';
}
