// The networking modules on the guest's engine: the shared scenarios (internal/net/testing/
// scenarios.ts: net echo with half-close, http server and client, keep-alive, raw and smuggling
// inputs, fetch with redirects and streams, dns without the network, dgram) run on the host build
// of QuickJS 2021-03-27 with our modules over the loopback provider, and on host Node with its own
// modules; the transcripts must agree line for line.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { build, type Plugin } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pureNodeModules } from './internal/bundle-aliases';

const root = process.env.NEPHOS_ROOT ?? process.cwd();
const testingDir = join(root, 'os/node/internal/net/testing');
const outDir = join(root, `build/net-engine-${process.pid}`);

function nodeModulesPlugin(): Plugin {
  const names = Object.keys(pureNodeModules).filter((n) => existsSync(join(root, pureNodeModules[n])));
  const escaped = names.map((n) => n.replace(/[/]/g, '\\/')).join('|');
  return {
    name: 'nephos-node-modules',
    setup(b) {
      b.onResolve({ filter: new RegExp(`^(node:)?(${escaped})\\/?$`) }, (args) => ({ path: join(root, pureNodeModules[args.path.replace(/^node:/, '').replace(/\/$/, '')]) }));
      b.onResolve({ filter: /^(node:)?process\/?$/ }, () => ({ path: join(root, 'os/node/testing/process-global.ts') }));
      b.onResolve({ filter: /^abort-controller$/ }, () => ({ path: join(root, 'os/node/internal/polyfills/abort.ts') }));
    },
  };
}

function qjsPath(): string | null {
  const r = spawnSync(process.execPath, [join(root, 'scripts/qjs.mjs'), '--path'], { encoding: 'utf8', timeout: 600_000 });
  const p = r.stdout.trim().split('\n').pop();
  return r.status === 0 && p && existsSync(p) ? p : null;
}

test('net, http, fetch, dns and dgram behave on the engine as on host Node', { timeout: 900_000 }, async (t) => {
  const qjs = qjsPath();
  if (!qjs) { t.skip('host engine build unavailable'); return; }
  mkdirSync(outDir, { recursive: true });
  const engineJs = join(outDir, 'engine.js');
  const nodeJs = join(outDir, 'node.cjs');
  await build({
    entryPoints: [join(testingDir, 'engine-entry.ts')], outfile: engineJs, bundle: true, format: 'iife', target: 'es2020',
    platform: 'browser', plugins: [nodeModulesPlugin()], logLevel: 'error',
    supported: { 'class-static-blocks': false, 'class-private-brand-check': false, 'regexp-set-notation': false, 'regexp-match-indices': false },
  });
  await build({ entryPoints: [join(testingDir, 'node-entry.ts')], outfile: nodeJs, bundle: true, format: 'cjs', platform: 'node', target: 'node20', logLevel: 'error' });
  const onEngine = spawnSync(qjs, ['--std', engineJs], { encoding: 'utf8', timeout: 300_000 });
  const onNode = spawnSync(process.execPath, [nodeJs], { encoding: 'utf8', timeout: 120_000 });
  rmSync(outDir, { recursive: true, force: true });
  assert.equal(onNode.status, 0, onNode.stdout + onNode.stderr);
  const expected = onNode.stdout.trimEnd().split('\n');
  const actual = onEngine.stdout.trimEnd().split('\n');
  assert.equal(expected[expected.length - 1], 'done');
  assert.deepEqual(actual, expected, onEngine.stderr);
  assert.equal(onEngine.status, 0);
  assert.ok(expected.length >= 20);
});
