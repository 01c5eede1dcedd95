// The engine check: the same script (testing/engine-compat-script.ts) run on the host build of the
// guest's engine with our modules and polyfills, and on host Node with Node's own modules; the
// outputs must agree line for line. This is the best evidence before a VM boots that an app sees
// Node's behaviour on QuickJS 2021-03-27.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { build, type Plugin } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pureNodeModules } from './internal/bundle-aliases';

const root = process.env.NEPHOS_ROOT ?? process.cwd();
const testing = join(root, 'os/node/testing');
const outDir = join(root, 'build/engine-compat');

function nodeModulesPlugin(): Plugin {
  const names = Object.keys(pureNodeModules).filter((n) => existsSync(join(root, pureNodeModules[n])));
  const escaped = names.map((n) => n.replace(/[/]/g, '\\/')).join('|');
  return {
    name: 'nephos-node-modules',
    setup(b) {
      b.onResolve({ filter: new RegExp(`^(node:)?(${escaped})\\/?$`) }, (args) => {
        const name = args.path.replace(/^node:/, '').replace(/\/$/, '');
        return { path: join(root, pureNodeModules[name]) };
      });
      b.onResolve({ filter: /^(node:)?process\/?$/ }, () => ({ path: join(testing, 'process-global.ts') }));
    },
  };
}

async function bundle(kind: 'engine' | 'node'): Promise<string> {
  mkdirSync(outDir, { recursive: true });
  const outfile = join(outDir, `${kind}.js`);
  const prelude = kind === 'engine' ? './engine-prelude' : './node-prelude';
  await build({
    stdin: { contents: `import '${prelude}';\nimport './engine-compat-script';\n`, resolveDir: testing, loader: 'ts', sourcefile: 'entry.ts' },
    outfile,
    bundle: true,
    format: kind === 'engine' ? 'iife' : 'cjs',
    target: kind === 'engine' ? 'es2020' : 'node20',
    platform: kind === 'engine' ? 'browser' : 'node',
    plugins: kind === 'engine' ? [nodeModulesPlugin()] : [],
    logLevel: 'error',
  });
  return outfile;
}

function qjsPath(): string | null {
  const r = spawnSync(process.execPath, [join(root, 'scripts/qjs.mjs'), '--path'], { encoding: 'utf8', timeout: 600_000 });
  const p = r.stdout.trim().split('\n').pop();
  return r.status === 0 && p && existsSync(p) ? p : null;
}

test('every module behaves on the engine as on host Node (line-by-line comparison)', { timeout: 900_000 }, async (t) => {
  const qjs = qjsPath();
  if (!qjs) { t.skip('host engine build unavailable'); return; }
  const [engineJs, nodeJs] = await Promise.all([bundle('engine'), bundle('node')]);
  const onEngine = spawnSync(qjs, ['--std', engineJs], { encoding: 'utf8', timeout: 120_000, maxBuffer: 64 << 20 });
  const onNode = spawnSync(process.execPath, [nodeJs], { encoding: 'utf8', timeout: 120_000, maxBuffer: 64 << 20 });
  assert.equal(onNode.status, 0, onNode.stderr);
  const expected = onNode.stdout.split('\n');
  const actual = onEngine.stdout.split('\n');
  assert.equal(expected[expected.length - 2], 'done', 'the Node run finished');
  const diffs: string[] = [];
  const byKey = (lines: string[]) => new Map(lines.map((l) => [l.slice(0, l.indexOf(': ') + 1) || l, l]));
  const mine = byKey(actual);
  for (const line of expected) {
    const key = line.slice(0, line.indexOf(': ') + 1) || line;
    const got = mine.get(key);
    if (got !== line) diffs.push(`- node:   ${line}\n+ engine: ${got ?? '(missing)'}`);
  }
  for (const line of actual) if (line.startsWith('section-failed')) diffs.push(`+ engine: ${line}`);
  if (diffs.length) t.diagnostic(`stderr on the engine:\n${onEngine.stderr.slice(0, 4000)}`);
  assert.equal(diffs.length, 0, `${diffs.length} of ${expected.length} lines differ:\n${diffs.slice(0, 60).join('\n')}`);
  assert.ok(expected.length > 1000, `compared ${expected.length} lines`);
});
