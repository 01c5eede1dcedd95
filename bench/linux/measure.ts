// Measuring instruments shared by the system benchmarks (bench/linux.bench.ts and the networking and
// density benchmarks that import bench/linux/systems.ts): free ports, readiness by HTTP, a process's
// resident memory and CPU time from /proc, and wrk runs with their output parsed.
// Nothing here asserts on timing; callers print what they measured.
import { spawn } from 'node:child_process';
import { setMaxListeners } from 'node:events';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { readdirSync, readFileSync } from 'node:fs';

/** A TCP port on 127.0.0.1 that was free a moment ago (the kernel's pick). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export interface HttpReply {
  status: number;
  contentType: string | undefined;
  body: string;
}

/** One GET on a fresh connection; rejects on any socket error, after `timeoutMs`, or when `signal` aborts. */
export function httpGet(port: number, path = '/', timeoutMs = 2000, signal?: AbortSignal): Promise<HttpReply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, agent: false, timeout: timeoutMs, signal }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, contentType: res.headers['content-type'], body }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`GET ${path}: no answer in ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end();
  });
}

export const READY_BODY = 'hello\n';

/**
 * Polls GET / until it answers 200 with examples/http's body; resolves with the time it did
 * (nowMs). A new attempt starts every `intervalMs` whether or not earlier ones have finished (at
 * most 64 in flight): before a guest's NIC is up, QEMU's user networking accepts the host-side
 * connection and its SYN to the guest goes unanswered until slirp retransmits, so waiting for each
 * attempt in turn would report readiness up to seconds late. A connection accepted and then dropped
 * is not readiness either: only a full answer counts. Rejects at `deadlineMs` (same clock), or as
 * soon as `gone()` says the process died.
 */
export function waitReady(port: number, deadlineMs: number, gone: () => string | undefined, intervalMs = 20): Promise<number> {
  return new Promise((resolve, reject) => {
    const abort = new AbortController();
    setMaxListeners(0, abort.signal); // one listener per attempt in flight (up to 64)
    let last = 'no attempt';
    let inFlight = 0;
    let done = false;
    const finish = (f: () => void) => {
      if (done) return;
      done = true;
      abort.abort();
      f();
    };
    const attempt = () => {
      inFlight++;
      httpGet(port, '/', 3000, abort.signal).then(
        (r) => {
          inFlight--;
          if (r.status === 200 && r.body === READY_BODY) finish(() => resolve(nowMs()));
          else last = `status ${r.status}, body ${JSON.stringify(r.body.slice(0, 40))}`;
        },
        (e: Error) => {
          inFlight--;
          if (!done) last = e.message;
        },
      );
    };
    const tick = () => {
      if (done) return;
      const why = gone();
      if (why) return finish(() => reject(new Error(`exited before answering (${why}); last attempt: ${last}`)));
      if (nowMs() > deadlineMs) return finish(() => reject(new Error(`no answer from 127.0.0.1:${port} in time; last attempt: ${last}`)));
      if (inFlight < 64) attempt();
      setTimeout(tick, intervalMs);
    };
    tick();
  });
}

export const nowMs = () => Number(process.hrtime.bigint()) / 1e6;

/** VmRSS of a process in KiB (0 if it is gone). */
export function rssKiB(pid: number): number {
  try {
    const m = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

const CLK_TCK = 100; // USER_HZ: fixed at 100 on x86 Linux (what /proc/<pid>/stat counts in).

/** User + system CPU seconds a process (all its threads) has used. */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces and parentheses): state is field 3.
  const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(rest[11]) + Number(rest[12])) / CLK_TCK; // utime (14), stime (15)
}

/** Host CPU% a process uses over `seconds` (100 = one host CPU). */
export async function cpuPercent(pid: number, seconds: number): Promise<number> {
  const c0 = cpuSeconds(pid);
  const t0 = nowMs();
  await new Promise((r) => setTimeout(r, seconds * 1000));
  return ((cpuSeconds(pid) - c0) / ((nowMs() - t0) / 1000)) * 100;
}

/** The processes whose parent is `pid` (from /proc/<pid>/task/<tid>/children). */
export function childPids(pid: number): number[] {
  const out: number[] = [];
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      const text = readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').trim();
      for (const p of text.split(/\s+/).filter(Boolean)) out.push(Number(p));
    }
  } catch {
    // gone
  }
  return out;
}

/** The process's command name (comm), or undefined when it is gone. */
export function commOf(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return undefined;
  }
}

export interface WrkResult {
  requestsPerSec: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  requests: number;
  /** Socket errors (connect, read, write, timeout) plus non-2xx/3xx responses. */
  errors: number;
}

/** "1.23ms", "456.00us", "1.02s", "2.00m" in milliseconds. */
export function wrkDuration(text: string): number {
  const m = /^([\d.]+)(us|ms|s|m|h)$/.exec(text.trim());
  if (!m) throw new Error(`wrk: cannot read duration ${JSON.stringify(text)}`);
  const scale = { us: 1e-3, ms: 1, s: 1e3, m: 60e3, h: 3600e3 }[m[2] as 'us' | 'ms' | 's' | 'm' | 'h'];
  return Number(m[1]) * scale;
}

/** Parses `wrk --latency` output. */
export function parseWrk(output: string): WrkResult {
  const pct = (p: string) => {
    const m = new RegExp(`^\\s+${p}%\\s+(\\S+)`, 'm').exec(output);
    if (!m) throw new Error(`wrk: no ${p}% latency in output:\n${output}`);
    return wrkDuration(m[1]);
  };
  const rps = /^Requests\/sec:\s+([\d.]+)/m.exec(output);
  const total = /^\s+(\d+) requests in/m.exec(output);
  if (!rps || !total) throw new Error(`wrk: no Requests/sec in output:\n${output}`);
  const sock = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(output);
  const non2xx = /Non-2xx or 3xx responses: (\d+)/.exec(output);
  const errors = (sock ? sock.slice(1).reduce((a, b) => a + Number(b), 0) : 0) + (non2xx ? Number(non2xx[1]) : 0);
  return { requestsPerSec: Number(rps[1]), p50Ms: pct('50'), p90Ms: pct('90'), p99Ms: pct('99'), requests: Number(total[1]), errors };
}

export interface WrkOptions {
  port: number;
  seconds: number;
  connections?: number;
  threads?: number;
  /** Command prefix, e.g. ['nice', '-n', '10']. */
  prefix?: string[];
}

export function wrkArgs(o: WrkOptions): string[] {
  return [`-t${o.threads ?? 2}`, `-c${o.connections ?? 50}`, `-d${o.seconds}s`, '--latency', `http://127.0.0.1:${o.port}/`];
}

/** Runs wrk against 127.0.0.1:port/ and parses its report. */
export function runWrk(o: WrkOptions): Promise<WrkResult & { command: string }> {
  const prefix = o.prefix ?? [];
  const argv = [...prefix, 'wrk', ...wrkArgs(o)];
  return new Promise((resolve, reject) => {
    const c = spawn(argv[0], argv.slice(1), { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    c.stdout.on('data', (d) => (out += d));
    c.stderr.on('data', (d) => (out += d));
    c.on('error', (e: NodeJS.ErrnoException) => reject(e.code === 'ENOENT' ? new Error('wrk is not installed (run scripts/setup.sh)') : e));
    c.on('close', (code) => {
      if (code !== 0) return reject(new Error(`wrk exited ${code}:\n${out}`));
      try {
        resolve({ ...parseWrk(out), command: argv.slice(prefix.length).join(' ') });
      } catch (e) {
        reject(e);
      }
    });
  });
}
