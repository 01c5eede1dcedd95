// Helpers for system tests: run the real `nephos` command (cli/bin/nephos.js) and make throwaway
// apps. Tests boot real VMs; the accelerator is NEPHOS_TEST_ACCEL (default auto: KVM when usable).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync, accessSync, constants } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export const ROOT = process.env.NEPHOS_ROOT ?? process.cwd();
export const NEPHOS = join(ROOT, 'cli', 'bin', 'nephos.js');
export const ACCEL = process.env.NEPHOS_TEST_ACCEL ?? 'auto';

export function kvmUsable(): boolean {
  try {
    accessSync('/dev/kvm', constants.R_OK | constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** The accelerator the suite runs on (what `auto` picks). */
export function suiteAccel(): 'kvm' | 'tcg' {
  if (ACCEL === 'kvm' || ACCEL === 'tcg') return ACCEL;
  return kvmUsable() ? 'kvm' : 'tcg';
}

export interface Result {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunOpts {
  env?: Record<string, string>;
  cwd?: string;
  timeoutMs?: number;
  input?: string;
}

/** Runs `nephos ...args` to completion. */
export function nephos(args: string[], opts: RunOpts = {}): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [NEPHOS, ...args], {
      cwd: opts.cwd ?? ROOT,
      env: { ...process.env, NEPHOS_DEBUG: '', ...opts.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    child.stdin.end(opts.input ?? '');
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`nephos ${args.join(' ')} timed out after ${opts.timeoutMs ?? 120000} ms\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, opts.timeoutMs ?? 120000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** `nephos run --accel <suite accel> [extra] <target> -- ...args`. */
export function run(target: string, appArgs: string[] = [], extra: string[] = [], opts: RunOpts = {}): Promise<Result> {
  return nephos(['run', '--accel', ACCEL, ...extra, target, '--', ...appArgs], opts);
}

/** Writes `files` (path -> content) into a new temporary directory; returns its path. */
export function makeApp(files: Record<string, string | Uint8Array>): string {
  const dir = mkdtempSync(join(tmpdir(), 'nephos-app-'));
  for (const [rel, content] of Object.entries(files)) {
    const p = join(dir, rel);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, content);
  }
  return dir;
}

export function removeApp(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Runs a script with host Node; for differential tests. */
export function hostNode(file: string, args: string[] = []): Result {
  const r = spawnSync(process.execPath, [file, ...args], { encoding: 'utf8' });
  return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

/** A test home per run so instances and image caches of tests do not touch the user's. */
export const TEST_HOME = mkdtempSync(join(tmpdir(), 'nephos-home-'));
process.env.NEPHOS_HOME = TEST_HOME;
