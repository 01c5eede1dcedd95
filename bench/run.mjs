#!/usr/bin/env node
// Runs benchmarks: bundles bench/<name>.bench.ts with esbuild and runs it with Node; flags go to
// the benchmark.
//   npm run bench [-- --quick]    = node bench/run.mjs compare: Nephos vs a Linux microVM (issue 7)
//   node bench/run.mjs            every benchmark
//   node bench/run.mjs boot       one (boot: boot time, image size, memory)
//   node bench/run.mjs boot --quick
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { readdirSync, mkdirSync, rmSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const names = args.filter((a) => !a.startsWith('--'));
const flags = args.filter((a) => a.startsWith('--'));
const all = readdirSync(join(root, 'bench')).filter((f) => f.endsWith('.bench.ts')).map((f) => f.replace(/\.bench\.ts$/, ''));
const chosen = names.length ? names : all;
let status = 0;
for (const name of chosen) {
  if (!all.includes(name)) {
    console.error(`bench: no benchmark "${name}" (have: ${all.join(', ')})`);
    process.exit(2);
  }
  // One bundle per run: a benchmark started while another runs (the test suite's smoke run
  // beside `npm run bench`) must not rewrite the file the other is loading.
  const out = join(root, 'build', 'bench', `${name}.${process.pid}.cjs`);
  mkdirSync(dirname(out), { recursive: true });
  await build({ entryPoints: [join(root, 'bench', `${name}.bench.ts`)], outfile: out, bundle: true, platform: 'node', format: 'cjs', target: 'node20', packages: 'external', logLevel: 'warning' });
  const r = spawnSync(process.execPath, [out, ...flags], { stdio: 'inherit', cwd: root, env: { ...process.env, NEPHOS_ROOT: root } });
  rmSync(out, { force: true });
  if (r.status !== 0) status = r.status ?? 1;
}
process.exit(status);
