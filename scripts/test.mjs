#!/usr/bin/env node
// Test runner: bundles every *.test.ts (unit tests beside the code in os/ and cli/, system tests in
// tests/) with esbuild into build/test/, then hands them to Node's built-in runner (`node --test`),
// whose summary is what CI reads.
//
//   node scripts/test.mjs             all tests
//   node scripts/test.mjs --unit      only unit tests (os/, cli/)
//   node scripts/test.mjs --system    only system tests (tests/)
//   node scripts/test.mjs PATTERN...  only test files whose path contains one of the patterns
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync, rmSync, mkdirSync } from 'node:fs';
import { join, relative, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const unitOnly = args.includes('--unit');
const systemOnly = args.includes('--system');
const patterns = args.filter((a) => !a.startsWith('--'));

function walk(dir, out) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

const roots = [];
if (!systemOnly) roots.push('os', 'cli', 'bench', 'kernel');
if (!unitOnly) roots.push('tests');
let files = roots.flatMap((r) => { try { return walk(join(root, r), []); } catch { return []; } });
if (patterns.length) files = files.filter((f) => patterns.some((p) => relative(root, f).includes(p)));
if (!files.length) { console.error('test: no test files match'); process.exit(1); }

// One output directory per run, so concurrent runs (parallel work in one checkout) never delete
// each other's bundles.
const outdir = join(root, 'build', `test-${process.pid}`);
rmSync(outdir, { recursive: true, force: true });
mkdirSync(outdir, { recursive: true });
process.on('exit', () => rmSync(outdir, { recursive: true, force: true }));
await build({
  entryPoints: files,
  outdir,
  outbase: root,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'inline',
  packages: 'external',
  outExtension: { '.js': '.mjs' },
  banner: { js: "import { createRequire as __cr } from 'node:module'; import { fileURLToPath as __futp } from 'node:url'; import { dirname as __dn } from 'node:path'; const require = __cr(import.meta.url); const __filename = __futp(import.meta.url); const __dirname = __dn(__filename);" },
  logLevel: 'warning',
});
const outs = files.map((f) => join(outdir, relative(root, f)).replace(/\.ts$/, '.mjs'));
const concurrency = process.env.NEPHOS_TEST_CONCURRENCY || '2';
const r = spawnSync(process.execPath, ['--enable-source-maps', '--test', `--test-concurrency=${concurrency}`, ...outs],
  { stdio: 'inherit', cwd: root, env: { ...process.env, NEPHOS_ROOT: root } });
process.exitCode = r.status ?? 1;
