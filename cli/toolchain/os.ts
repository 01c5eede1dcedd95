// Bundles os/ (entry os/boot.ts) with esbuild and compiles it to the guest engine's bytecode,
// cached by content (the os/ tree, the lockfile that pins the npm packages it bundles, the engine).
// npm packages get their browser builds (no Node built-ins inside) and `process` resolves to the
// runtime's own process object.
import { build, type Plugin } from 'esbuild';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { cached, hashOf, hashTree } from './cache';
import { ENGINE_UNSUPPORTED, hostTools } from './engine';
import { ROOT } from './paths';
import { run, ToolError } from './run';
import { aliasEntries } from '../../os/node/internal/bundle-aliases';

/** esbuild settings for code the guest engine (QuickJS 2021-03-27) runs. */
// The OS's own code keeps class fields native (esbuild lowers `#private` fields to WeakMaps when
// fields are lowered, about 3x slower on this engine); app bundles lower fields because some npm
// packages hit an engine parser bug there (cli/toolchain/engine.ts ENGINE_UNSUPPORTED).
export const ENGINE_TARGET = {
  target: 'es2022',
  supported: { ...ENGINE_UNSUPPORTED, 'class-field': true, 'class-static-field': true },
};

const processShim: Plugin = {
  name: 'nephos-process-shim',
  setup(b) {
    b.onResolve({ filter: /^process\/?$/ }, () => ({ path: join(ROOT, 'os/node/internal/process-shim.ts') }));
    // Packages' polyfills for what the OS provides itself.
    b.onResolve({ filter: /^abort-controller$/ }, () => ({ path: join(ROOT, 'os/node/internal/polyfills/abort.ts') }));
    // npm packages inside the OS (readable-stream: 'buffer', 'events', 'string_decoder/', ...) get
    // the OS's own node:* modules, so there is one Buffer class and one EventEmitter. Exact names
    // only: 'buffer/index.js' (which os/node/buffer.ts augments) still resolves to the package.
    const aliases = aliasEntries(ROOT);
    const names = Object.keys(aliases).map((k) => k.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'));
    b.onResolve({ filter: new RegExp(`^(${names.join('|')})$`) }, (a) => ({ path: aliases[a.path] }));
    // readable-stream (a port of Node 18's streams) names the chunk types of Node's message
    // differently; Node 20 says "... an instance of Buffer, TypedArray, or DataView".
    b.onLoad({ filter: /readable-stream[\\/]lib[\\/]internal[\\/]streams[\\/](readable|writable)\.js$/ }, (a) => ({
      contents: readFileSync(a.path, 'utf8').replace(/\['string', 'Buffer', 'Uint8Array'\]/g, "['string', 'Buffer', 'TypedArray', 'DataView']"),
      loader: 'js',
      resolveDir: dirname(a.path),
    }));
  },
};

/**
 * NEPHOS_OS_PROFILE=1: every module of the OS bundle records when its top level starts
 * (globalThis.__nephos_modmarks, read by os/boot.ts's boot trace), to see what boot time goes to.
 */
const PROFILE = process.env.NEPHOS_OS_PROFILE === '1';
const profilePlugin: Plugin = {
  name: 'nephos-module-profile',
  setup(b) {
    b.onLoad({ filter: /\.(ts|js|cjs|mjs)$/ }, (a) => {
      const rel = a.path.startsWith(ROOT) ? a.path.slice(ROOT.length + 1) : a.path;
      const src = readFileSync(a.path, 'utf8');
      return { contents: `__nephos_modmark(${JSON.stringify(rel)});\n${src}`, loader: /\.ts$/.test(a.path) ? 'ts' : 'js', resolveDir: dirname(a.path) };
    });
  },
};

export async function bundleOs(): Promise<{ code: string; map: string }> {
  const r = await build({
    ...(PROFILE ? { banner: { js: 'globalThis.__nephos_modmarks=[];var __nephos_opnow=globalThis.__nephos_ops.op_now;globalThis.__nephos_modmark=function(n){__nephos_modmarks.push([n,__nephos_opnow()])};' } } : {}),
    entryPoints: [join(ROOT, 'os/boot.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    ...ENGINE_TARGET,
    sourcemap: 'external',
    outfile: 'os.js',
    legalComments: 'none',
    logLevel: 'silent',
    plugins: PROFILE ? [processShim, profilePlugin] : [processShim],
    define: { 'process.env.NODE_ENV': '"production"' },
  }).catch((e) => {
    const first = e.errors?.[0];
    const where = first?.location ? `${first.location.file}:${first.location.line}:${first.location.column}: ` : '';
    throw new ToolError(`cannot bundle the OS: ${where}${first?.text ?? e.message}`);
  });
  let js = r.outputFiles.find((f) => f.path.endsWith('.js'))!.text;
  let map = r.outputFiles.find((f) => f.path.endsWith('.map'))?.text ?? '';
  // Which module each line of the bundle belongs to (esbuild marks each with "// path"), so OS
  // frames in stack traces can name their module: one line prepended, hence the +1 shift.
  const modules: [number, string][] = [];
  js.split('\n').forEach((line, i) => {
    const m = /^\s*\/\/ ((?:os|node_modules)\/\S+)$/.exec(line);
    if (m) modules.push([i + 2, m[1]]);
  });
  js = `globalThis.__nephos_os_modules = ${JSON.stringify(modules)};\n${js}`;
  if (map) {
    const parsed = JSON.parse(map);
    parsed.mappings = `;${parsed.mappings}`;
    map = JSON.stringify(parsed);
  }
  return { code: js, map };
}

function osKey(): string {
  const lock = join(ROOT, 'package-lock.json');
  // This file's own text is part of the key: its plugins shape the bundle too.
  return hashOf(PROFILE ? 'profile' : '', hashTree(join(ROOT, 'os'), (n) => n.endsWith('.ts') && !n.endsWith('.test.ts')),
    existsSync(lock) ? readFileSync(lock) : '', readFileSync(join(ROOT, 'cli', 'toolchain', 'os.ts')));
}

/** The OS bytecode (and its bundle, for debugging), built when os/ changed. */
export async function osBuild(): Promise<{ bytecode: string; js: string }> {
  const tools = await hostTools();
  const key = hashOf(osKey(), tools.jsc);
  const dir = await cached('os', key, async (out) => {
    const { code, map } = await bundleOs();
    writeFileSync(join(out, 'os.js'), code);
    writeFileSync(join(out, 'os.js.map'), map);
    try {
      run(tools.jsc, ['-n', '/nephos/os.js', '-o', join(out, 'os.qbc'), join(out, 'os.js')]);
    } catch (e) {
      throw new ToolError(`the engine cannot parse the OS bundle: ${(e as ToolError).output}`);
    }
  });
  return { bytecode: join(dir, 'os.qbc'), js: join(dir, 'os.js') };
}

export async function osBytecode(): Promise<Uint8Array> {
  return readFileSync((await osBuild()).bytecode);
}
