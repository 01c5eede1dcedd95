// The differential harness, host side: every case script under tests/compat/app/cases/ runs once on
// host Node (`node cases/<module>/<name>.js`, alone, cwd = the app directory) and once in Nephos,
// and the two runs' stdout bytes and exit codes must agree.
//
// In Nephos, cases run in batches: one image (tests/compat/app, whose entry is runner.js) boots
// with `-- START END` and runs that range of the sorted case list, each case framed on stdout by
//   \x1e@@begin <name>\n ... \x1e@@end <name>\n
// A VM that ends inside a case (process.exit, an uncaught exception, exit listeners: runner.js
// lets the runtime end those as Node would) gives that case its stdout so far and the VM's exit
// code, and the batch goes on in a new VM from the next case. A case that runs longer than its
// timeout is a failure; its VM is powered off and the batch goes on likewise.
//
// Directives in a case's first comment lines:
//   // @differs: <reason>   a documented difference: the case must still differ (so a fix is
//                           noticed and the mark removed), and the matrix lists the reason;
//   // @alone                 run in a VM of its own (the case leaves state in built-in modules);
//   // @timeout: <ms>         a longer timeout (slow on the interpreted engine).
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface CaseInfo {
  /** Position in the sorted list of every case (what the runner in the VM is given). */
  index: number;
  /** Path under cases/, e.g. "events/once-order.js". */
  name: string;
  /** The module it belongs to: the first path segment ("events"). */
  module: string;
  file: string;
  /** What the case checks: its first comment line. */
  title: string;
  differs?: string;
  alone: boolean;
  timeoutMs?: number;
}

export interface Outcome {
  stdout: string;
  /** Exit code; null when the run was killed (timeout). */
  code: number | null;
  timedOut?: boolean;
  /** Why the case has no real outcome (the image did not build, the VM did not boot). */
  error?: string;
  /** The end of the VM's stderr when it ended inside this case with a non-zero code. */
  stderrTail?: string;
}

export type Status = 'pass' | 'fail' | 'known' | 'fixed';

export interface CaseResult {
  name: string;
  module: string;
  title: string;
  status: Status;
  differs?: string;
  host: Outcome;
  nephos: Outcome;
}

/** The repository (the test runner and the scripts set NEPHOS_ROOT; else the working directory). */
export const ROOT = process.env.NEPHOS_ROOT ?? process.cwd();
export const APP_DIR = join(ROOT, 'tests', 'compat', 'app');
export const CASES_DIR = join(APP_DIR, 'cases');
const BEGIN = '\x1e@@begin ';
const END = '\x1e@@end ';
export const DEFAULT_TIMEOUT_MS = 20_000;

function walk(dir: string, rel: string, out: string[]): string[] {
  // Same order as runner.js: readdir sorted by UTF-16 code units, depth first.
  for (const name of readdirSync(dir).sort()) {
    if (name.startsWith('_') || name.startsWith('.')) continue;
    const full = join(dir, name);
    const r = rel ? `${rel}/${name}` : name;
    if (statSync(full).isDirectory()) walk(full, r, out);
    else if (name.endsWith('.js')) out.push(r);
  }
  return out;
}

/** Parses the directives of a case's leading comment block. */
export function parseDirectives(source: string): { title: string; differs?: string; alone: boolean; timeoutMs?: number } {
  let title = '';
  let differs: string | undefined;
  let alone = false;
  let timeoutMs: number | undefined;
  for (const line of source.split('\n')) {
    const m = /^\s*\/\/\s?(.*)$/.exec(line);
    if (!m) break;
    const text = m[1].trim();
    let d: RegExpExecArray | null;
    if ((d = /^@differs:\s*(.+)$/.exec(text))) differs = d[1].trim();
    else if (text === '@alone') alone = true;
    else if ((d = /^@timeout:\s*(\d+)$/.exec(text))) timeoutMs = Number(d[1]);
    else if (!title && text && !text.startsWith('@')) title = text;
  }
  return { title, differs, alone, timeoutMs };
}

export function listCases(dir = CASES_DIR): CaseInfo[] {
  return walk(dir, '', []).map((name, index) => {
    const file = join(dir, name);
    return { index, name, module: name.split('/')[0], file, ...parseDirectives(readFileSync(file, 'utf8')) };
  });
}

function runProcess(cmd: string, args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs: number }): Promise<Outcome & { stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let stderr = '';
    let timedOut = false;
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, opts.timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ stdout: Buffer.concat(out).toString('utf8'), code: timedOut ? null : code, timedOut: timedOut || undefined, stderr });
    });
  });
}

/** The environment both sides see: nothing from the developer's shell leaks into a case. */
export const CASE_ENV: Record<string, string> = { TZ: 'UTC', LANG: 'C' };

export async function runOnHost(c: CaseInfo): Promise<Outcome> {
  const r = await runProcess(process.execPath, [c.file], {
    cwd: APP_DIR,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...CASE_ENV },
    timeoutMs: c.timeoutMs ?? DEFAULT_TIMEOUT_MS,
  });
  return { stdout: r.stdout, code: r.code, timedOut: r.timedOut };
}

/** Runs `fn` over `items` with at most `limit` at a time. */
export async function pool<T, R>(items: T[], limit: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let nextIndex = 0;
  const worker = async () => {
    while (nextIndex < items.length) {
      const i = nextIndex++;
      results[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

export interface NephosOptions {
  /** cli/bin/nephos.js */
  cli: string;
  accel: string;
  /** Concurrent VMs. */
  concurrency: number;
  /** Cases per batch (one VM boot runs at most this many). */
  batchSize: number;
  env?: NodeJS.ProcessEnv;
  log?: (line: string) => void;
}

/** `nephos build tests/compat/app -o image`; throws with nephos's own words on failure. */
export async function buildImage(cli: string, image: string, env?: NodeJS.ProcessEnv): Promise<void> {
  mkdirSync(dirname(image), { recursive: true });
  const r = await runProcess(process.execPath, [cli, 'build', APP_DIR, '-o', image], { env, timeoutMs: 300_000 });
  if (r.code !== 0) throw new Error(`nephos build of the compat app failed (exit ${r.code}): ${r.stderr.trim()}`);
}

interface VmRun {
  /** Outcomes of the cases that began, by position in the batch. */
  outcomes: Map<number, Outcome>;
  /** How many cases of the batch began (the next VM starts after them). */
  began: number;
  /** Set when the VM ended before any case began. */
  bootError?: string;
}

/** The runner's arguments for a list of full-list indices: ranges "A-B", B exclusive. */
export function rangeArgs(indices: number[]): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < indices.length) {
    let j = i;
    while (j + 1 < indices.length && indices[j + 1] === indices[j] + 1) j++;
    out.push(`${indices[i]}-${indices[j] + 1}`);
    i = j + 1;
  }
  return out;
}

/**
 * One VM over `batch` (in order): parses the framed stdout as it arrives, powers the VM off when a
 * case overruns its timeout.
 */
function runVm(image: string, batch: CaseInfo[], o: NephosOptions): Promise<VmRun> {
  return new Promise((resolve) => {
    const args = rangeArgs(batch.map((c) => c.index));
    const envArgs = Object.entries(CASE_ENV).flatMap(([k, v]) => ['-e', `${k}=${v}`]);
    const child = spawn(process.execPath, [o.cli, 'run', '--rm', '--accel', o.accel, ...envArgs, image, '--', ...args], {
      env: { ...(o.env ?? process.env), NEPHOS_DEBUG: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const outcomes = new Map<number, Outcome>();
    let buf: Buffer = Buffer.alloc(0);
    let current = -1;
    let currentOut: Buffer[] = [];
    let stderr = '';
    let caseTimer: NodeJS.Timeout | undefined;
    let timedOut = false;
    const stopVm = () => {
      // nephos forwards the first SIGTERM to the app; the second powers the VM off.
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGTERM'), 300).unref();
      setTimeout(() => child.kill('SIGKILL'), 15_000).unref();
    };
    const begin = (name: string) => {
      const i = current + 1;
      if (batch[i]?.name !== name) {
        stderr += `\nharness: expected case ${batch[i]?.name} to begin, the VM began ${name}`;
        stopVm();
        return;
      }
      current = i;
      currentOut = [];
      clearTimeout(caseTimer);
      caseTimer = setTimeout(() => {
        timedOut = true;
        stopVm();
      }, batch[i].timeoutMs ?? DEFAULT_TIMEOUT_MS);
    };
    const finish = (code: number | null) => {
      clearTimeout(caseTimer);
      if (current >= 0 && !outcomes.has(current)) {
        outcomes.set(current, { stdout: Buffer.concat(currentOut).toString('utf8'), code, timedOut: timedOut || undefined });
      }
    };
    const consume = () => {
      for (;;) {
        const at = buf.indexOf(0x1e);
        if (at < 0) {
          currentOut.push(buf);
          buf = Buffer.alloc(0);
          return;
        }
        if (at > 0) currentOut.push(buf.subarray(0, at));
        const nl = buf.indexOf(0x0a, at);
        if (nl < 0) {
          buf = buf.subarray(at);
          return;
        }
        const line = buf.subarray(at, nl).toString('utf8');
        buf = buf.subarray(nl + 1);
        if (line.startsWith(BEGIN)) begin(line.slice(BEGIN.length));
        else if (line.startsWith(END)) finish(0);
        else currentOut.push(Buffer.from(line + '\n'));
      }
    };
    child.stdout.on('data', (d: Buffer) => {
      buf = buf.length ? Buffer.concat([buf, d]) : d;
      consume();
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('close', (code) => {
      if (buf.length) currentOut.push(buf);
      finish(timedOut ? null : code);
      const tail = stderr.trim().split('\n').slice(-20).join('\n');
      if (current < 0) {
        resolve({ outcomes, began: 0, bootError: `nephos run exited ${code} before the first case: ${tail}` });
        return;
      }
      const last = outcomes.get(current)!;
      if (last.code !== 0) last.stderrTail = tail;
      resolve({ outcomes, began: current + 1 });
    });
  });
}

/** Runs every case in Nephos, in batches of at most `batchSize` cases per VM. */
export async function runOnNephos(image: string, cases: CaseInfo[], o: NephosOptions): Promise<Outcome[]> {
  const batches: number[][] = [];
  let batch: number[] = [];
  const cut = () => {
    if (batch.length) batches.push(batch);
    batch = [];
  };
  cases.forEach((c, i) => {
    if (c.alone) {
      cut();
      batch.push(i);
      cut();
    } else {
      if (batch.length >= o.batchSize) cut();
      batch.push(i);
    }
  });
  cut();
  const results = new Array<Outcome>(cases.length);
  await pool(batches, o.concurrency, async (positions) => {
    let rest = positions;
    let bootFailures = 0;
    while (rest.length) {
      const vm = await runVm(image, rest.map((p) => cases[p]), o);
      for (const [i, out] of vm.outcomes) results[rest[i]] = out;
      if (vm.bootError) {
        // One retry (a busy host), then every remaining case of the batch carries the reason.
        if (++bootFailures < 2) continue;
        for (const p of rest) results[p] = { stdout: '', code: null, error: vm.bootError };
        break;
      }
      bootFailures = 0;
      rest = rest.slice(vm.began);
    }
  });
  return results;
}

/** Compares the two outcomes of a case. */
export function classify(c: CaseInfo, host: Outcome, nephos: Outcome): Status {
  const same = !nephos.error && !host.timedOut && !nephos.timedOut && host.code === nephos.code && host.stdout === nephos.stdout;
  if (c.differs) return same ? 'fixed' : 'known';
  return same ? 'pass' : 'fail';
}

export interface HarnessOptions extends NephosOptions {
  image: string;
  /** Only cases whose name contains one of these. */
  filter?: string[];
}

export async function runHarness(o: HarnessOptions): Promise<CaseResult[]> {
  let cases = listCases();
  if (o.filter?.length) cases = cases.filter((c) => o.filter!.some((f) => c.name.includes(f)));
  await buildImage(o.cli, o.image, o.env);
  const [host, guest] = await Promise.all([
    pool(cases, 2, (c) => runOnHost(c)),
    runOnNephos(o.image, cases, o),
  ]);
  return cases.map((c, i) => ({
    name: c.name, module: c.module, title: c.title, differs: c.differs,
    status: classify(c, host[i], guest[i]), host: host[i], nephos: guest[i],
  }));
}

/** A readable account of one case that did not go as expected. */
export function describeMismatch(r: CaseResult): string {
  const lines = [`${r.name} (${r.status}): ${r.title}`];
  if (r.status === 'fixed') {
    lines.push(`  marked "@differs: ${r.differs}" but Nephos now matches host Node: remove the mark`);
    return lines.join('\n');
  }
  if (r.nephos.error) lines.push(`  nephos: ${r.nephos.error}`);
  if (r.nephos.timedOut) lines.push('  nephos: timed out');
  if (r.nephos.stderrTail && r.nephos.code !== r.host.code) lines.push(`  nephos stderr: ${r.nephos.stderrTail.split('\n').slice(-6).join('\n    ')}`);
  if (r.host.timedOut) lines.push('  host: timed out');
  if (r.host.code !== r.nephos.code) lines.push(`  exit code: host ${r.host.code}, nephos ${r.nephos.code}`);
  if (r.host.stdout !== r.nephos.stdout) {
    const h = r.host.stdout.split('\n');
    const n = r.nephos.stdout.split('\n');
    let i = 0;
    while (i < h.length && i < n.length && h[i] === n[i]) i++;
    lines.push(`  stdout differs at line ${i + 1}:`);
    lines.push(`    host:   ${JSON.stringify(h.slice(i, i + 3).join('\n'))}`);
    lines.push(`    nephos: ${JSON.stringify(n.slice(i, i + 3).join('\n'))}`);
  }
  return lines.join('\n');
}
