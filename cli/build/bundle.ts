// Bundles an app (TypeScript or JavaScript, ESM or CommonJS, with node_modules and JSON) into one
// script the guest's engine can run, with esbuild.
//
// The output is the source of ONE expression:
//
//   (async function (require) {
//   ...esbuild's ESM bundle of `import "<entry>"`...
//   })
//
// The guest evaluates it and calls the function with its runtime `require` (built-in modules and
// the files in the image). The engine has no top-level await in scripts; the async function makes
// an app's top-level await legal. Because the synthetic entry exports nothing, the ESM bundle has
// no import/export statements left, and esbuild's `__require` shim (for requires it cannot bundle:
// built-ins and dynamic `require(x)`) finds our `require` in scope.
//
// Per-file paths: Node gives every CommonJS module its own `__filename`/`__dirname` and every ES
// module its own `import.meta.url`/`.filename`/`.dirname`. esbuild has no per-file define, so a
// plugin passes each source file that mentions one of them through `esbuild.transform` with
// defines holding that file's guest path (app.ts guestPath), then hands the result (and its inline
// source map, which esbuild chains) to the bundler. A local binding of the same name (`const
// __dirname = ...`, common in ESM code) is left alone: defines only replace free identifiers.
//
// The entry's `require.main` is its own `module`, so `if (require.main === module)` works.
//
// Built-ins: `fs`, `node:fs`, `fs/promises`, ... (builtins.ts) resolve to a virtual CommonJS module
// `module.exports = require("node:fs")`, whose own require is left to run time. They win over a
// node_modules package of the same name, as in Node.
//
// Engine settings (docs/architecture.md "Engine", design notes section 6): target es2022 with class
// fields, static blocks, `#x in obj` and the regexp d/v flags lowered or refused. (`\-` in a `/u`
// class, which the engine once rejected, is fixed in the engine itself: patch 0004.)

import * as esbuild from 'esbuild';
import { readFile } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, extname, join, relative, resolve } from 'node:path';
import { posix } from 'node:path';
import { pathToFileURL } from 'node:url';
import { fail } from '../errors';
import { type App, guestPath, relativeForUser } from './app';
import { BUILTIN_FILTER, builtinName } from './builtins';
import { type SourceMapV3, shiftLines } from './sourcemap';

/** The name of the bundle in the guest (its source map is this plus ".map"). */
export const BUNDLE_NAME = '/nephos/app.js';
export const WRAPPER_HEAD = '(async function (require) {\n';
export const WRAPPER_TAIL = '\n})\n';

export interface Bundle {
  /** The wrapped script. */
  code: string;
  /** Its source map (sources are guest paths, e.g. /app/index.ts). */
  map: SourceMapV3;
  /** Absolute host paths of the source files that went into the bundle. */
  inputs: string[];
  /** esbuild's warnings, formatted `file:line:col: message`. */
  warnings: string[];
}

export { ENGINE_UNSUPPORTED } from '../toolchain/engine';
import { ENGINE_UNSUPPORTED } from '../toolchain/engine';

const LOADERS: Record<string, esbuild.Loader> = {
  '.ts': 'ts', '.mts': 'ts', '.cts': 'ts', '.tsx': 'tsx', '.js': 'js', '.mjs': 'js', '.cjs': 'js', '.jsx': 'jsx',
};
const PATH_IDENTIFIERS = /__dirname|__filename|import\.meta|require\.main/;

function builtinsPlugin(): esbuild.Plugin {
  return {
    name: 'nephos-builtins',
    setup(build) {
      build.onResolve({ filter: BUILTIN_FILTER }, (args) => {
        const name = builtinName(args.path);
        if (!name) return undefined;
        // The virtual module's own require goes to the guest's runtime.
        if (args.namespace === 'nephos-builtin') return { path: name, external: true };
        return { path: name, namespace: 'nephos-builtin' };
      });
      build.onLoad({ filter: /.*/, namespace: 'nephos-builtin' }, (args) => ({
        contents: `module.exports = require(${JSON.stringify(args.path)});\n`,
        loader: 'js',
      }));
    },
  };
}

/** The defines that give file `hostPath` its guest path. */
export function pathDefines(app: App, hostPath: string): Record<string, string> {
  const filename = guestPath(app, hostPath);
  const dir = posix.dirname(filename);
  const url = pathToFileURL(filename).href;
  return {
    __filename: JSON.stringify(filename),
    __dirname: JSON.stringify(dir),
    'import.meta.url': JSON.stringify(url),
    'import.meta.filename': JSON.stringify(filename),
    'import.meta.dirname': JSON.stringify(dir),
    'import.meta': JSON.stringify({ url, filename, dirname: dir }),
  };
}

/** The tsconfig.json nearest to `file` (within the app), as text for esbuild.transform. */
function nearestTsconfig(app: App, file: string): string | undefined {
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    const candidate = join(dir, 'tsconfig.json');
    if (existsSync(candidate)) return readFileSync(candidate, 'utf8');
    if (dir === app.root || dir === dirname(dir) || relative(app.root, dir).startsWith('..')) return undefined;
  }
}

function pathsPlugin(app: App): esbuild.Plugin {
  return {
    name: 'nephos-paths',
    setup(build) {
      build.onLoad({ filter: /\.(m|c)?(j|t)sx?$/ }, async (args) => {
        if (args.namespace !== 'file') return undefined;
        const loader = LOADERS[extname(args.path)];
        if (!loader) return undefined;
        let text = await readFile(args.path, 'utf8');
        if (!PATH_IDENTIFIERS.test(text)) return { contents: text, loader };
        const define = pathDefines(app, args.path);
        if (args.path === app.entry && text.includes('require.main')) {
          // `require.main === module` must hold in the entry (the idiom "am I the program?"), but
          // esbuild gives each CommonJS file its own `module`, which the runtime cannot know. So in
          // the entry, `require.main` is that `module`, given Node's main-module fields. The prologue
          // goes at the start of the first line (after a hashbang) so that line numbers stay put.
          define['require.main'] = 'module';
          const filename = guestPath(app, args.path);
          const prologue = `typeof module === "object" && (module.id = ".", module.filename = ${JSON.stringify(filename)}, ` +
            `module.path = ${JSON.stringify(posix.dirname(filename))});`;
          if (!text.startsWith('#!')) text = prologue + text;
          else if (text.includes('\n')) text = text.replace('\n', `\n${prologue}`);
          else text += `\n${prologue}`;
        }
        try {
          const tsconfigRaw = loader === 'ts' || loader === 'tsx' ? nearestTsconfig(app, args.path) : undefined;
          const result = await esbuild.transform(text, {
            loader,
            sourcefile: args.path,
            sourcemap: 'inline',
            target: 'esnext',
            define,
            logLevel: 'silent',
            ...(tsconfigRaw ? { tsconfigRaw } : {}),
          });
          return { contents: result.code, loader: 'js', warnings: result.warnings };
        } catch (e) {
          const failure = e as esbuild.TransformFailure;
          if (failure.errors) return { errors: failure.errors };
          throw e;
        }
      });
    },
  };
}

/** `file:line:col: message` for an esbuild message (line and column 1-based). */
export function formatMessage(m: esbuild.Message, cwd: string): string {
  if (!m.location) return m.text;
  const file = relativeForUser(resolve(cwd, m.location.file.replace(/^file:/, '')));
  return `${file}:${m.location.line}:${m.location.column + 1}: ${m.text}`;
}

function hintFor(m: esbuild.Message): string {
  const missing = /^Could not resolve "([^"]+)"/.exec(m.text);
  if (missing) {
    const spec = missing[1];
    if (spec.startsWith('.') || spec.startsWith('/')) return 'fix the path of the import, or create the file';
    const pkg = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
    return `install it in the app (npm install ${pkg}) or fix the import`;
  }
  return 'fix the error in that file';
}

export async function bundleApp(app: App): Promise<Bundle> {
  const outfile = join(app.root, '.nephos-bundle', 'app.js'); // never written: write is false
  let result: esbuild.BuildResult & { metafile: esbuild.Metafile; outputFiles: esbuild.OutputFile[] };
  try {
    result = await esbuild.build({
      stdin: { contents: `import ${JSON.stringify(app.entry)};\n`, resolveDir: app.root, sourcefile: '<nephos-entry>', loader: 'js' },
      absWorkingDir: app.root,
      bundle: true,
      write: false,
      outfile,
      format: 'esm',
      platform: 'node',
      target: 'es2022',
      supported: ENGINE_UNSUPPORTED,
      sourcemap: 'external',
      sourcesContent: false,
      metafile: true,
      logLevel: 'silent',
      legalComments: 'none',
      plugins: [builtinsPlugin(), pathsPlugin(app)],
    });
  } catch (e) {
    const failure = e as esbuild.BuildFailure;
    if (!failure.errors?.length) throw e;
    const first = failure.errors[0];
    const more = failure.errors.length > 1 ? ` (and ${failure.errors.length - 1} more error${failure.errors.length > 2 ? 's' : ''})` : '';
    throw fail(`${formatMessage(first, app.root)}${more}`, hintFor(first));
  }
  const js = result.outputFiles.find((f) => f.path.endsWith('.js'))!;
  const mapFile = result.outputFiles.find((f) => f.path.endsWith('.js.map'))!;
  const body = js.text.replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n');
  const rawMap = JSON.parse(mapFile.text) as SourceMapV3;
  const mapDir = dirname(outfile);
  const map: SourceMapV3 = shiftLines({
    ...rawMap,
    file: BUNDLE_NAME,
    // esbuild writes sources relative to the output; the guest knows them by their guest paths.
    sources: rawMap.sources.map((s) => (s.startsWith('<') ? s : guestPath(app, resolve(mapDir, s)))),
  }, WRAPPER_HEAD.split('\n').length - 1);
  const code = WRAPPER_HEAD + body.replace(/\n$/, '') + WRAPPER_TAIL;
  const inputs = Object.keys(result.metafile.inputs)
    .filter((p) => !p.includes(':') || p.startsWith('file:'))
    .map((p) => resolve(app.root, p.replace(/^file:/, '')))
    .filter((p) => existsSync(p));
  return { code, map, inputs, warnings: result.warnings.map((w) => formatMessage(w, app.root)) };
}
