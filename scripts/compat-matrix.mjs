#!/usr/bin/env node
// Writes docs/compat-matrix.md from the differential harness's results (tests/compat/).
//
//   node scripts/compat-matrix.mjs          render from build/compat/results.json (written by the
//                                           harness test: node scripts/test.mjs tests/compat/compat)
//   node scripts/compat-matrix.mjs --run    run the harness first (the test), then render
//
// The page is a pure function of the results (tests/compat/matrix.ts), and the harness test
// fails when the checked-in page differs from what its results render to.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const results = join(root, 'build', 'compat', 'results.json');

if (process.argv.includes('--run')) {
  // The test writes results.json even when it fails (the matrix check is one of its assertions).
  spawnSync(process.execPath, [join(root, 'scripts', 'test.mjs'), 'tests/compat/compat'], { stdio: 'inherit', cwd: root });
}
if (!existsSync(results)) {
  console.error(`compat-matrix: no ${results}: run the harness first (node scripts/compat-matrix.mjs --run)`);
  process.exit(1);
}

const out = join(root, 'build', `compat-matrix-${process.pid}.mjs`);
mkdirSync(dirname(out), { recursive: true });
await build({ entryPoints: [join(root, 'tests', 'compat', 'matrix.ts')], outfile: out, bundle: true, platform: 'node', format: 'esm', logLevel: 'warning' });
try {
  const { renderMatrix, MATRIX_PATH } = await import(pathToFileURL(out).href);
  const data = JSON.parse(readFileSync(results, 'utf8'));
  const page = renderMatrix(data.results, { hostVersion: data.hostVersion });
  writeFileSync(join(root, MATRIX_PATH), page);
  const fails = data.results.filter((r) => r.status === 'fail' || r.status === 'fixed').length;
  console.log(`compat-matrix: wrote ${MATRIX_PATH} (${data.results.length} cases${fails ? `, ${fails} unexpected` : ''})`);
} finally {
  rmSync(out, { force: true });
}
