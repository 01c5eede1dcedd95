// The engine check for the modules that need the runtime (crypto, zlib, async_hooks) and the
// other additions (diagnostics_channel, readline, v8): testing/extra-modules-script.ts bundled
// twice, run on the host build of the guest's engine (QuickJS 2021-03-27 with our patches, so
// AsyncLocalStorage follows await there too) with our modules, and on host Node with its own;
// the outputs must agree line for line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { build, type Plugin } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pureNodeModules } from './internal/bundle-aliases';

const root = process.env.NEPHOS_ROOT ?? process.cwd();
const testing = join(root, 'os/node/testing');

function ourModules(): Plugin {
  const files: Record<string, string> = { ...pureNodeModules };
  const names = Object.keys(files).filter((n) => existsSync(join(root, files[n])));
  const escaped = names.map((n) => n.replace(/[/]/g, '\\/')).join('|');
  const bound: Record<string, string> = { crypto: 'crypto', zlib: 'zlib', async_hooks: 'asyncHooks', v8: 'v8' };
  const own: Record<string, string> = { diagnostics_channel: 'os/node/diagnostics_channel.ts', readline: 'os/node/readline.ts' };
  return {
    name: 'nephos-extra-modules',
    setup(b) {
      b.onResolve({ filter: /^node:(crypto|zlib|async_hooks|v8)$/ }, (a) => ({ path: a.path.slice(5), namespace: 'bound' }));
      b.onLoad({ filter: /.*/, namespace: 'bound' }, (a) => ({
        contents: `import { ${bound[a.path]} as m } from ${JSON.stringify(join(testing, 'extra-modules-engine.ts'))};\nexport default m;\nexport const { ${a.path === 'async_hooks' ? 'AsyncLocalStorage, AsyncResource' : 'constants'} } = m as any;\n`,
        loader: 'ts',
        resolveDir: testing,
      }));
      b.onResolve({ filter: /^node:(diagnostics_channel|readline)$/ }, (a) => ({ path: join(root, own[a.path.slice(5)]) }));
      b.onResolve({ filter: new RegExp(`^(node:)?(${escaped})\\/?$`) }, (a) => ({ path: join(root, files[a.path.replace(/^node:/, '').replace(/\/$/, '')]) }));
      b.onResolve({ filter: /^(node:)?process\/?$/ }, () => ({ path: join(testing, 'process-global.ts') }));
    },
  };
}

async function bundle(kind: 'engine' | 'node', dir: string): Promise<string> {
  const outfile = join(dir, `${kind}.js`);
  const prelude = kind === 'engine' ? './engine-prelude' : './node-prelude';
  await build({
    stdin: { contents: `import '${prelude}';\nimport './extra-modules-script';\n`, resolveDir: testing, loader: 'ts', sourcefile: 'entry.ts' },
    outfile,
    bundle: true,
    format: kind === 'engine' ? 'iife' : 'cjs',
    target: kind === 'engine' ? 'es2020' : 'node20',
    platform: kind === 'engine' ? 'browser' : 'node',
    plugins: kind === 'engine' ? [ourModules()] : [],
    logLevel: 'error',
  });
  return outfile;
}

test('crypto, zlib, async_hooks, diagnostics_channel, readline and v8 on the engine print what host Node prints', { timeout: 900_000 }, async (t) => {
  const r = spawnSync(process.execPath, [join(root, 'scripts/qjs.mjs'), '--path'], { encoding: 'utf8', timeout: 600_000 });
  const qjs = r.stdout.trim().split('\n').pop();
  if (r.status !== 0 || !qjs || !existsSync(qjs)) { t.skip('host engine build unavailable'); return; }
  mkdirSync(join(root, 'build'), { recursive: true });
  const dir = mkdtempSync(join(tmpdir(), 'nephos-extra-engine-'));
  try {
    const [engineJs, nodeJs] = await Promise.all([bundle('engine', dir), bundle('node', dir)]);
    const onEngine = spawnSync(qjs, ['--std', engineJs], { encoding: 'utf8', timeout: 300_000, maxBuffer: 64 << 20 });
    const onNode = spawnSync(process.execPath, [nodeJs], { encoding: 'utf8', timeout: 120_000, maxBuffer: 64 << 20 });
    assert.equal(onNode.status, 0, onNode.stderr);
    const expected = onNode.stdout.split('\n');
    const actual = onEngine.stdout.split('\n');
    assert.equal(expected[expected.length - 2], 'done', 'the Node run finished');
    const diffs: string[] = [];
    for (let i = 0; i < Math.max(expected.length, actual.length); i++) {
      if (expected[i] !== actual[i]) diffs.push(`- node:   ${expected[i]}\n+ engine: ${actual[i]}`);
    }
    if (diffs.length) t.diagnostic(`stderr on the engine:\n${onEngine.stderr.slice(0, 4000)}`);
    assert.equal(diffs.length, 0, `${diffs.length} of ${expected.length} lines differ:\n${diffs.slice(0, 40).join('\n')}`);
    assert.ok(expected.length > 200, `compared ${expected.length} lines`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
