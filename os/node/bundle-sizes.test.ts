// Each pure node:* module bundled alone (esbuild, iife, es2020, minified, with the polyfills'
// size measured separately): it must build, load on the host build of the guest engine after the
// polyfills, and expose its default export. The minified sizes are printed as diagnostics, to keep
// an eye on what each module costs in the image.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pureNodeModules } from './internal/bundle-aliases';

const root = process.env.NEPHOS_ROOT ?? process.cwd();

test('every module bundles alone and loads on the engine; minified sizes', { timeout: 900_000 }, async (t) => {
  const r = spawnSync(process.execPath, [join(root, 'scripts/qjs.mjs'), '--path'], { encoding: 'utf8', timeout: 600_000 });
  const qjs = r.stdout.trim().split('\n').pop();
  const dir = join(root, 'build/bundle-sizes');
  mkdirSync(dir, { recursive: true });
  const sizes: string[] = [];
  const polyfills = join(root, 'os/node/internal/polyfills/index.ts');
  const entries: [string, string][] = [['(polyfills)', ''], ...Object.entries(pureNodeModules).filter(([, f]) => existsSync(join(root, f)))];
  for (const [name, file] of entries) {
    const safe = name.replace(/[^a-z0-9]/gi, '_');
    const entry = join(dir, `${safe}.ts`);
    writeFileSync(entry, file === ''
      ? `import { installPolyfills } from '${polyfills}';\ninstallPolyfills(globalThis);\nprint('loaded ' + typeof structuredClone);\n`
      : `import m from '${join(root, file)}';\ndeclare const print: (s: string) => void;\nprint('loaded ' + typeof m);\n`);
    const outfile = join(dir, `${safe}.js`);
    await build({ entryPoints: [entry], outfile, bundle: true, format: 'iife', target: 'es2020', platform: 'browser', minify: true, logLevel: 'error' });
    sizes.push(`${name.padEnd(16)} ${(statSync(outfile).size / 1024).toFixed(1).padStart(7)} KiB`);
    if (qjs && existsSync(qjs) && file !== '') {
      // Modules run after the polyfills, as in the VM.
      const withPolyfills = join(dir, `${safe}.run.ts`);
      writeFileSync(withPolyfills, `import { installPolyfills } from '${polyfills}';\ninstallPolyfills(globalThis);\nimport('${join(root, file)}').then((m) => (globalThis as any).print('loaded ' + typeof m.default));\n`);
      const runFile = join(dir, `${safe}.run.js`);
      await build({ entryPoints: [withPolyfills], outfile: runFile, bundle: true, format: 'iife', target: 'es2020', platform: 'browser', logLevel: 'error' });
      const run = spawnSync(qjs, ['--std', runFile], { encoding: 'utf8', timeout: 60_000 });
      assert.match(run.stdout, /^loaded (object|function)/, `${name}: ${run.stderr}`);
    }
  }
  // Everything together, as the OS bundle carries it (shared code counted once).
  const all = join(dir, 'all.ts');
  writeFileSync(all, `import { installPolyfills } from '${polyfills}';\n${entries.filter(([, f]) => f).map(([, f], i) => `import * as m${i} from '${join(root, f)}';`).join('\n')}\ninstallPolyfills(globalThis);\n(globalThis as any).__all = [${entries.filter(([, f]) => f).map((_, i) => `m${i}`).join(', ')}];\n`);
  await build({ entryPoints: [all], outfile: join(dir, 'all.js'), bundle: true, format: 'iife', target: 'es2020', platform: 'browser', minify: true, logLevel: 'error' });
  sizes.push(`${'(all together)'.padEnd(16)} ${(statSync(join(dir, 'all.js')).size / 1024).toFixed(1).padStart(7)} KiB`);
  t.diagnostic(`minified bundle sizes (each includes its dependencies):\n${sizes.join('\n')}`);
  assert.equal(sizes.length, entries.length + 1);
});
