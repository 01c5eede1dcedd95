// Helpers for the host tool's unit tests (imported only by *.test.ts).
//
// Import this module FIRST in a test that (indirectly) loads cli/toolchain/paths.ts: the test
// runner bundles tests as ES modules, where Node defines no `__dirname`, and paths.ts reads it at
// load time to find the package root. Setting a global one here (the root the runner passes in
// NEPHOS_ROOT) lets paths.ts load unchanged.

import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const g = globalThis as { __dirname?: string };
if (typeof g.__dirname === 'undefined') g.__dirname = process.env.NEPHOS_ROOT ?? process.cwd();

/** Creates a temporary directory holding `files` (relative path -> contents). */
export function tempTree(files: Record<string, string | Uint8Array>, prefix = 'nephos-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  for (const [rel, contents] of Object.entries(files)) {
    const path = join(dir, rel);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, contents);
  }
  return dir;
}

export function removeTree(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/**
 * Runs a wrapped bundle (`(async function (require) {...})`) on the host build of the guest's
 * engine with a fake `require`: `fakeModules` is JavaScript source of an object literal mapping
 * module names to values; any other name is returned as the string "<required NAME>", and every
 * name asked for is printed as "require NAME". Returns the engine's stdout and exit status.
 */
export function runOnEngine(qjs: string, bundleCode: string, fakeModules = '{}'): { stdout: string; stderr: string; status: number | null } {
  const dir = mkdtempSync(join(tmpdir(), 'nephos-qjs-'));
  try {
    const harness = [
      `var __app = ${bundleCode.trimEnd()};`,
      `var __modules = ${fakeModules};`,
      'function __require(name) {',
      '  console.log("require " + name);',
      '  return Object.prototype.hasOwnProperty.call(__modules, name) ? __modules[name] : "<required " + name + ">";',
      '}',
      '__app(__require).then(function () { console.log("done"); }, function (e) { console.log("failed: " + e + "\\n" + e.stack); });',
      '',
    ].join('\n');
    const file = join(dir, 'harness.js');
    writeFileSync(file, harness);
    const r = spawnSync(qjs, [file], { encoding: 'utf8', timeout: 20_000 });
    return { stdout: r.stdout, stderr: r.stderr, status: r.status };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs a plain script file on the host engine; returns stdout+stderr and the status. */
export function runScriptOnEngine(qjs: string, code: string): { output: string; status: number } {
  const dir = mkdtempSync(join(tmpdir(), 'nephos-qjs-'));
  try {
    const file = join(dir, 'script.js');
    writeFileSync(file, code);
    try {
      return { output: execFileSync(qjs, [file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }), status: 0 };
    } catch (e) {
      const err = e as { stdout?: string; stderr?: string; status?: number };
      return { output: `${err.stdout ?? ''}${err.stderr ?? ''}`, status: err.status ?? 1 };
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
