// The JavaScript engine: QuickJS 2021-03-27, whose C sources ship in the npm package qjsc@0.3.0.
// We fetch that tarball from the npm registry at build time (`npm pack`, which also uses npm's
// cache), check it against the pinned integrity, unpack the engine's directory, and apply our own
// patches from kernel/engine/patches/ (in name order, with `git apply`). Nothing of the engine is
// committed to this repository.
//
// Products (content-addressed under build/):
//   engine-src/<key>/   patched sources
//   host-tools/<key>/   qjs (the upstream shell, for running scripts on the host engine) and
//                       jsc (our bytecode compiler, kernel/tools/jsc.c), both built for the host
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, writeFileSync, mkdirSync, copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { cached, hashOf, hashTree } from './cache';
import { ROOT } from './paths';
import { run, ToolError } from './run';
import { runJobs } from './compile';

export const ENGINE = {
  npmPackage: 'qjsc',
  npmVersion: '0.3.0',
  integrity: 'sha512-a7+cU6/IVcZbIejffdt/wZVMX6LL2MDL3HQ9Zb5Gm23G9DvBMS/z9GHFxz39bAvp2PvMOM+ypSOAyokt2DdZ2w==',
  dirInPackage: 'package/deps/quickjs_2021_03_27',
  version: '2021-03-27',
};

/**
 * esbuild's `supported` overrides for code the engine runs (target es2022): what QuickJS
 * 2021-03-27 lacks or mis-parses. Private fields, methods and accessors are native (lowering them
 * to WeakMaps costs ~20% on the network stack's per-frame path).
 */
export const ENGINE_UNSUPPORTED: Record<string, boolean> = {
  'class-field': false, // a private name in a closure in a field initializer fails to parse
  'class-static-field': false,
  'class-static-blocks': false,
  'class-private-brand-check': false, // `#x in obj`
  'regexp-match-indices': false, // the d flag
  'regexp-set-notation': false, // the v flag
};

/** The engine's C files we compile (the rest of the package is not used). */
export const ENGINE_UNITS = ['quickjs.c', 'libregexp.c', 'libunicode.c', 'cutils.c', 'libbf.c'];
export const ENGINE_DEFINES = ['-D_GNU_SOURCE', `-DCONFIG_VERSION="${ENGINE.version}"`, '-DCONFIG_BIGNUM'];

const PATCH_DIR = join(ROOT, 'kernel', 'engine', 'patches');

function patchesKey(): string {
  return existsSync(PATCH_DIR) ? hashTree(PATCH_DIR, (n) => n.endsWith('.patch')) : 'none';
}

export async function engineSource(): Promise<string> {
  const key = hashOf(ENGINE.integrity, patchesKey(), 'with-tests');
  return cached('engine-src', key, async (dir) => {
    const dl = join(dir, '.download');
    mkdirSync(dl, { recursive: true });
    let tgzName: string;
    try {
      const out = run('npm', ['pack', `${ENGINE.npmPackage}@${ENGINE.npmVersion}`, '--silent', '--pack-destination', dl], { cwd: dl });
      tgzName = out.trim().split('\n').pop()!.trim();
    } catch (e) {
      throw new ToolError(`cannot fetch the engine sources (${ENGINE.npmPackage}@${ENGINE.npmVersion}) from the npm registry`, (e as ToolError).output ?? String(e));
    }
    const tgz = join(dl, tgzName);
    const digest = `sha512-${createHash('sha512').update(readFileSync(tgz)).digest('base64')}`;
    if (digest !== ENGINE.integrity) {
      throw new ToolError(`engine tarball integrity mismatch: expected ${ENGINE.integrity}, got ${digest}`);
    }
    run('tar', ['xzf', tgz, '-C', dl]);
    const src = join(dl, ENGINE.dirInPackage);
    for (const f of readdirSync(src)) {
      if (/\.(c|h)$/.test(f) || f === 'VERSION' || f === 'LICENSE') copyFileSync(join(src, f), join(dir, f));
    }
    // The engine's own test scripts, run against our patched build (kernel/engine/engine.test.ts).
    mkdirSync(join(dir, 'tests'));
    for (const f of readdirSync(join(src, 'tests'))) {
      if (/^test_.*\.js$/.test(f)) copyFileSync(join(src, 'tests', f), join(dir, 'tests', f));
    }
    const version = readFileSync(join(dir, 'VERSION'), 'utf8').trim();
    if (version !== ENGINE.version) throw new ToolError(`engine version ${version}, expected ${ENGINE.version}`);
    if (existsSync(PATCH_DIR)) {
      for (const p of readdirSync(PATCH_DIR).filter((n) => n.endsWith('.patch')).sort()) {
        try {
          run('git', ['apply', '--unsafe-paths', '--directory=.', '-p1', join(PATCH_DIR, p)], { cwd: dir });
        } catch (e) {
          throw new ToolError(`engine patch ${p} does not apply`, (e as ToolError).output);
        }
      }
    }
  });
}

/** Host-built engine tools: `qjs` (upstream shell, REPL stubbed out) and `jsc` (bytecode compiler). */
export async function hostTools(): Promise<{ qjs: string; jsc: string }> {
  const src = await engineSource();
  const jscSource = join(ROOT, 'kernel', 'tools', 'jsc.c');
  const key = hashOf(src, readFileSync(jscSource), run('gcc', ['--version']));
  const dir = await cached('host-tools', key, async (out) => {
    const cflags = ['-O2', '-g', ...ENGINE_DEFINES, '-I', src, '-w'];
    writeFileSync(join(out, 'repl-stub.c'),
      '#include <stdint.h>\nconst uint8_t qjsc_repl[1]; const uint32_t qjsc_repl_size = 0;\n' +
      'const uint8_t qjsc_qjscalc[1]; const uint32_t qjsc_qjscalc_size = 0;\n');
    const units = [...ENGINE_UNITS, 'quickjs-libc.c', 'qjs.c'];
    await runJobs([
      ...units.map((u) => ({ cmd: 'gcc', args: [...cflags, '-c', '-o', join(out, u.replace(/\.c$/, '.o')), join(src, u)] })),
      { cmd: 'gcc', args: [...cflags, '-c', '-o', join(out, 'jsc.o'), jscSource] },
      { cmd: 'gcc', args: [...cflags, '-c', '-o', join(out, 'repl-stub.o'), join(out, 'repl-stub.c')] },
    ]);
    const engineObjs = ENGINE_UNITS.map((u) => join(out, u.replace(/\.c$/, '.o')));
    run('gcc', ['-o', join(out, 'qjs'), ...engineObjs, join(out, 'quickjs-libc.o'), join(out, 'qjs.o'), join(out, 'repl-stub.o'), '-lm', '-ldl', '-lpthread']);
    run('gcc', ['-o', join(out, 'jsc'), ...engineObjs, join(out, 'jsc.o'), '-lm']);
  });
  return { qjs: join(dir, 'qjs'), jsc: join(dir, 'jsc') };
}
