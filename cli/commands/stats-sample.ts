// The figures of `nephos stats`, per running instance, from two sources:
//   - QEMU's process (/proc/<pid>/stat: utime + stime, fields 14 and 15, in clock ticks of
//     USER_HZ = 100; /proc/<pid>/status: VmRSS) — the whole VM's cost on the host, vCPU threads
//     included (a process's stat counts all its threads: proc(5));
//   - the guest's management API, GET /metrics on the control channel (Prometheus text format
//     0.0.4, os/mgmt/routes/observe.ts): memory used under the guest's allocator, bytes received
//     and sent by its interfaces, and requests: `nephos_http_requests_total` when the guest
//     exports it, else TCP connections accepted (`nephos_tcp_opens_total{side="passive"}`; with
//     one request per connection, as through the balancer by default, the same count).
// Rates (CPU %, requests/s) come from two samples; `rates` computes them. Missing figures (the
// control channel did not answer in time) are null, never invented.
import { readFileSync } from 'node:fs';
import { controlRequest } from '../instances/control';

export const USER_HZ = 100;

export interface ProcSample {
  /** utime + stime, clock ticks. */
  cpuTicks: number;
  rssBytes: number;
}

/** QEMU's CPU time and resident memory; undefined when the process is gone. */
export function procSample(pid: number): ProcSample | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (in parentheses, may contain anything): from the last ')'.
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // f[0] is field 3, so utime (14) is f[11] and stime (15) f[12].
    const cpuTicks = Number(f[11]) + Number(f[12]);
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const rss = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
    if (!Number.isFinite(cpuTicks)) return undefined;
    return { cpuTicks, rssBytes: rss ? Number(rss[1]) * 1024 : 0 };
  } catch {
    return undefined;
  }
}

export interface MetricSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const SAMPLE_LINE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+-?\d+)?$/;
const LABEL = /\s*([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"\s*(?:,|$)/y;

/**
 * Parses Prometheus text exposition (format 0.0.4). Lines that do not parse are skipped (counted
 * in `skipped`), never thrown on: the text comes from the guest.
 */
export function parseMetrics(text: string): { samples: MetricSample[]; skipped: number } {
  const samples: MetricSample[] = [];
  let skipped = 0;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const m = SAMPLE_LINE.exec(line);
    const value = m ? parseValue(m[3]) : NaN;
    if (!m || Number.isNaN(value)) {
      skipped++;
      continue;
    }
    const labels: Record<string, string> = Object.create(null);
    let ok = true;
    if (m[2] !== undefined && m[2].trim() !== '') {
      LABEL.lastIndex = 0;
      let pos = 0;
      while (pos < m[2].length) {
        LABEL.lastIndex = pos;
        const l = LABEL.exec(m[2]);
        if (!l) {
          ok = false;
          break;
        }
        labels[l[1]] = l[2].replace(/\\(["\\n])/g, (_, c: string) => (c === 'n' ? '\n' : c));
        pos = LABEL.lastIndex;
      }
    }
    if (!ok) {
      skipped++;
      continue;
    }
    samples.push({ name: m[1], labels, value });
  }
  return { samples, skipped };
}

function parseValue(text: string): number {
  if (text === '+Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  if (text === 'NaN') return NaN;
  return /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text) ? Number(text) : NaN;
}

/** The sum of a metric's samples whose labels include `match`; undefined when there is none. */
export function metricSum(samples: MetricSample[], name: string, match: Record<string, string> = {}): number | undefined {
  let found = false;
  let sum = 0;
  for (const s of samples) {
    if (s.name !== name || !Object.keys(match).every((k) => s.labels[k] === match[k])) continue;
    found = true;
    sum += s.value;
  }
  return found ? sum : undefined;
}

export interface GuestSample {
  memoryUsed: number | null;
  rxBytes: number | null;
  txBytes: number | null;
  requests: number | null;
  requestsSource: 'http' | 'tcp-connections' | null;
}

export function guestFigures(samples: MetricSample[]): GuestSample {
  const http = metricSum(samples, 'nephos_http_requests_total');
  const conns = metricSum(samples, 'nephos_tcp_opens_total', { side: 'passive' });
  return {
    memoryUsed: metricSum(samples, 'nephos_memory_bytes', { kind: 'used' }) ?? null,
    rxBytes: metricSum(samples, 'nephos_network_receive_bytes_total') ?? null,
    txBytes: metricSum(samples, 'nephos_network_transmit_bytes_total') ?? null,
    requests: http ?? conns ?? null,
    requestsSource: http !== undefined ? 'http' : conns !== undefined ? 'tcp-connections' : null,
  };
}

export const NO_GUEST: GuestSample = { memoryUsed: null, rxBytes: null, txBytes: null, requests: null, requestsSource: null };

/** GET /metrics on the instance's control channel; NO_GUEST when it does not answer in time. */
export async function guestSample(controlSocket: string, timeoutMs = 1000): Promise<GuestSample> {
  try {
    const reply = await controlRequest(controlSocket, 'GET', '/metrics', timeoutMs);
    if (reply.status !== 200 || typeof reply.body !== 'string') return NO_GUEST;
    return guestFigures(parseMetrics(reply.body).samples);
  } catch {
    return NO_GUEST;
  }
}

export interface Sample {
  at: number;
  proc: ProcSample | undefined;
  guest: GuestSample;
}

export interface Rates {
  cpuPercent: number | null;
  requestsPerSecond: number | null;
}

/** CPU % (100 = one host CPU busy) and requests/s between two samples of one instance. */
export function rates(before: Sample | undefined, after: Sample): Rates {
  const dt = before ? (after.at - before.at) / 1000 : 0;
  if (!before || dt <= 0) return { cpuPercent: null, requestsPerSecond: null };
  const cpu = before.proc && after.proc ? ((after.proc.cpuTicks - before.proc.cpuTicks) / USER_HZ / dt) * 100 : null;
  const rb = before.guest.requests;
  const ra = after.guest.requests;
  const rps = rb !== null && ra !== null && ra >= rb ? (ra - rb) / dt : null;
  return { cpuPercent: cpu === null ? null : Math.max(0, cpu), requestsPerSecond: rps };
}
