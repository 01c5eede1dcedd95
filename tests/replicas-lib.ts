// Shared by the system tests of replica groups, restart policies and stats (tests/replicas*,
// restart*, stats*): an HTTP app that answers with its instance's name, a bounded load generator
// (loopback only, every request on a new connection, as through a balancer by default), ps, and
// the checks that nothing of a suite is left running.
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { readdirSync, readFileSync } from 'node:fs';
import { nephos, type Result } from './helpers';

/** Answers every request with os.hostname() (the instance's name) and a newline. */
export const WHO_APP = `
const http = require('http');
const name = require('os').hostname();
http.createServer((req, res) => {
  res.writeHead(200, { 'Content-Type': 'text/plain' });
  res.end(name + '\\n');
}).listen(Number(process.env.PORT) || 8080, () => console.log('listening as', name));
`;

export interface LoadResult {
  ok: number;
  errors: { at: number; code: string }[];
  /** Answers per instance name. */
  by: Record<string, number>;
  /** Start time (Date.now()) of every request that failed or succeeded, by outcome. */
  startedOk: number[];
  ms: number;
}

/** One GET / on a new connection; resolves with the body or rejects with the error code. */
export function getOnce(port: number, timeoutMs = 10_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/', agent: false, timeout: timeoutMs }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (body += d));
      res.on('end', () => (res.statusCode === 200 ? resolve(body.trim()) : reject(new Error(`HTTP ${res.statusCode}`))));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })));
    req.on('error', reject);
    req.end();
  });
}

/**
 * `count` requests, `concurrency` at a time, each on its own connection. `onProgress(done)` runs
 * after each answer (to act in the middle of the load). Bounded in count and time.
 */
export async function load(port: number, count: number, concurrency: number, onProgress?: (done: number) => void): Promise<LoadResult> {
  const r: LoadResult = { ok: 0, errors: [], by: {}, startedOk: [], ms: 0 };
  const t0 = Date.now();
  let issued = 0;
  let done = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (issued < count) {
      issued++;
      const at = Date.now();
      try {
        const who = await getOnce(port);
        r.ok++;
        r.by[who] = (r.by[who] ?? 0) + 1;
        r.startedOk.push(at);
      } catch (e) {
        r.errors.push({ at, code: (e as NodeJS.ErrnoException).code ?? (e as Error).message });
      }
      onProgress?.(++done);
    }
  }));
  r.ms = Date.now() - t0;
  return r;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export interface Row {
  name: string; status: string; ready: boolean; exitCode: number | null; exitReason: string | null; pid: number | null;
  ports: { host: number; guest: number }[]; group?: string; restartPolicy?: string; restartCount?: number;
  restarting?: boolean; nextRestartAt?: string | null; backoffMs?: number | null; restartMessage?: string | null;
}

export async function ps(all = true): Promise<Row[]> {
  const r = await nephos(['ps', ...(all ? ['-a'] : []), '--json']);
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout);
}

export async function waitFor<T>(what: string, fn: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 30_000, stepMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, stepMs));
  }
}

export function assertOneError(r: Result, pattern: RegExp, code = 125): void {
  assert.equal(r.code, code, `exit status (stderr: ${r.stderr})`);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /^nephos: [^\n]*\n$/, `one line on stderr starting with nephos: (got ${JSON.stringify(r.stderr)})`);
  assert.match(r.stderr, pattern);
}

/** Live processes (QEMU, the nephos daemons) whose command line or environment-free argv mention `needle`. */
export function processesMentioning(needle: string): { pid: number; cmd: string }[] {
  const out: { pid: number; cmd: string }[] = [];
  for (const p of readdirSync('/proc')) {
    if (!/^\d+$/.test(p) || Number(p) === process.pid) continue;
    try {
      const cmd = readFileSync(`/proc/${p}/cmdline`, 'utf8').replace(/\0/g, ' ');
      const state = readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1]?.[0];
      if (cmd.includes(needle) && state !== 'Z') out.push({ pid: Number(p), cmd });
    } catch {
      // exited meanwhile
    }
  }
  return out;
}

/** The nephos daemons (supervisors, group daemons) running with this test's $NEPHOS_HOME. */
export function daemonsOf(home: string): number[] {
  const out: number[] = [];
  for (const p of readdirSync('/proc')) {
    if (!/^\d+$/.test(p)) continue;
    try {
      const cmd = readFileSync(`/proc/${p}/cmdline`, 'utf8');
      if (!cmd.includes('__daemon')) continue;
      const env = readFileSync(`/proc/${p}/environ`, 'utf8');
      if (env.split('\0').includes(`NEPHOS_HOME=${home}`)) out.push(Number(p));
    } catch {
      // exited meanwhile
    }
  }
  return out;
}
