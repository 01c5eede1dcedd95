// Runs node:fs on the guest's engine: bundles internal/fs/engine-check.ts as the OS would
// (esbuild, iife, es2020) and executes it with the host build of QuickJS 2021-03-27
// (scripts/qjs.mjs). Every check must print "ok" and the script must reach "done".

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';

const root = process.env.NEPHOS_ROOT ?? process.cwd();

test('node:fs over imagefs + tmpfs runs on QuickJS 2021-03-27', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'nephos-fs-engine-'));
  try {
    const outfile = join(dir, 'fs-check.js');
    await build({
      entryPoints: [join(root, 'os/node/internal/fs/engine-check.ts')],
      outfile, bundle: true, format: 'iife', target: 'es2020', platform: 'browser', logLevel: 'error',
    });
    const r = spawnSync(process.execPath, [join(root, 'scripts/qjs.mjs'), outfile], { encoding: 'utf8', timeout: 300_000 });
    const lines = r.stdout.trimEnd().split('\n');
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.deepEqual(lines.filter((l) => !l.startsWith('ok ')), ['done'], r.stdout + r.stderr);
    assert.ok(lines.length >= 15, r.stdout);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
