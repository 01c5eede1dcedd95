// `nephos build`: app -> image. The steps, each in its own file:
//   app.ts      find the app, its entry and the files to pack
//   bundle.ts   esbuild: one wrapped script + source map
//   compile.ts  jsc: the script to bytecode
//   ../image.ts the image file (header, kernel, archive)
// The archive (os/fs/archive.ts) holds:
//   /nephos/os.qbc      the OS (cli/toolchain/os.ts)
//   /nephos/app.qbc     the app's bytecode; evaluating it gives `async function (require)`
//   /nephos/app.js.map  its source map (sources are guest paths)
//   /nephos/app.json    AppManifest below
//   /app/...            the app directory's files (not .git, not node_modules)
//
// `nephos run <app>` builds through `cachedAppImage`: images live in $NEPHOS_HOME/images named by
// the hash of everything in them, and a stamp per app directory records the inputs' sizes and
// mtimes, so re-running an unchanged app neither bundles nor compiles again.

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildArchive, type ArchiveInput } from '../../os/fs/archive';
import { encodeImage, NEPHOS_VERSION, nephosHome, writeImage, type ImageMeta } from '../image';
import { type App, guestPath, loadApp, packedFiles, relativeForUser, type PackedFile } from './app';
import { type Bundle, bundleApp, BUNDLE_NAME } from './bundle';
import { compileBundle } from './compile';
import { inputsUnchanged, lockfileOf, readStamp, statInputs, writeStamp } from './stamp';

/** The toolchain pieces a build needs; tests substitute a dummy kernel and OS. */
export interface BuildDeps {
  kernelElf: () => Promise<string>;
  osBytecode: () => Promise<Uint8Array>;
  jsc: () => Promise<string>;
  engineVersion: string;
  /** Where notices and warnings go (stderr). */
  log: (line: string) => void;
}

/** /nephos/app.json: what the guest's runtime needs to start the app. */
export interface AppManifest {
  name: string;
  /** The entry's guest path: process.argv[1], require.main.filename. */
  entry: string;
  /** The bytecode; evaluating it yields `async function (require)`. */
  bytecode: string;
  /** The file name recorded in the bytecode (stack traces show it) and its source map. */
  script: string;
  sourceMap: string;
  /** The `nephos` key of the app's package.json, if any. */
  nephos?: unknown;
}

export const ARCHIVE_PATHS = {
  os: '/nephos/os.qbc',
  bytecode: '/nephos/app.qbc',
  sourceMap: `${BUNDLE_NAME}.map`,
  manifest: '/nephos/app.json',
};

export function manifestOf(app: App): AppManifest {
  return {
    name: app.name,
    entry: guestPath(app, app.entry),
    bytecode: ARCHIVE_PATHS.bytecode,
    script: BUNDLE_NAME,
    sourceMap: ARCHIVE_PATHS.sourceMap,
    ...(app.nephosConfig !== undefined ? { nephos: app.nephosConfig } : {}),
  };
}

function imageMeta(app: App, deps: BuildDeps): ImageMeta {
  return { app: app.name, entry: guestPath(app, app.entry), nephos: NEPHOS_VERSION, engine: deps.engineVersion };
}

const encode = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));

function archiveInputs(app: App, files: PackedFile[], bundle: Bundle, appBytecode: Uint8Array, osBytecode: Uint8Array): ArchiveInput[] {
  return [
    { path: ARCHIVE_PATHS.os, data: osBytecode },
    { path: ARCHIVE_PATHS.bytecode, data: appBytecode },
    { path: ARCHIVE_PATHS.sourceMap, data: encode(JSON.stringify(bundle.map)) },
    { path: ARCHIVE_PATHS.manifest, data: encode(`${JSON.stringify(manifestOf(app), null, 2)}\n`) },
    ...files.map((f) => ({ path: f.guest, data: new Uint8Array(readFileSync(f.host)), mode: f.mode })),
  ];
}

function reportWarnings(bundle: Bundle, log: (line: string) => void): void {
  const shown = bundle.warnings.slice(0, 5);
  for (const w of shown) log(`warning: ${w}`);
  if (bundle.warnings.length > shown.length) log(`warning: ... and ${bundle.warnings.length - shown.length} more`);
}

async function compileApp(app: App, bundle: Bundle, deps: BuildDeps): Promise<Uint8Array> {
  // Errors name the host file, as the user knows it.
  const byGuest = new Map(bundle.inputs.map((p) => [guestPath(app, p), relativeForUser(p)]));
  return compileBundle(bundle, await deps.jsc(), (s) => byGuest.get(s) ?? s);
}

interface Assembled { meta: ImageMeta; kernel: Uint8Array; archive: Uint8Array }

async function assemble(app: App, bundle: Bundle, files: PackedFile[], deps: BuildDeps): Promise<Assembled> {
  const appBytecode = await compileApp(app, bundle, deps);
  const kernel = readFileSync(await deps.kernelElf());
  const os = await deps.osBytecode();
  return { meta: imageMeta(app, deps), kernel, archive: buildArchive(archiveInputs(app, files, bundle, appBytecode, os)) };
}

async function bundleWithWarnings(app: App, deps: BuildDeps): Promise<Bundle> {
  const bundle = await bundleApp(app);
  reportWarnings(bundle, deps.log);
  return bundle;
}

/** The image of the app at `appPath`, as bytes (deterministic: same input, same bytes). */
export async function buildImageBytes(appPath: string, deps: BuildDeps): Promise<Uint8Array> {
  const app = loadApp(appPath);
  const { meta, kernel, archive } = await assemble(app, await bundleWithWarnings(app, deps), packedFiles(app), deps);
  return encodeImage(meta, kernel, archive);
}

/** `nephos build <app> [-o FILE]`: writes the image (default ./<app name>.img); returns its path. */
export async function buildImage(appPath: string, output: string | undefined, deps: BuildDeps): Promise<string> {
  const app = loadApp(appPath);
  const { meta, kernel, archive } = await assemble(app, await bundleWithWarnings(app, deps), packedFiles(app), deps);
  const path = resolve(output ?? `${app.name}.img`);
  writeImage(path, meta, kernel, archive);
  return path;
}

function sha256(...parts: (string | Uint8Array)[]): string {
  const h = createHash('sha256');
  for (const p of parts) {
    h.update(typeof p === 'string' ? Buffer.from(p) : p);
    h.update('\0');
  }
  return h.digest('hex');
}

/**
 * The image of the app at `appPath` in $NEPHOS_HOME/images, built only when something it depends
 * on changed (see stamp.ts for what is compared).
 */
export async function cachedAppImage(appPath: string, deps: BuildDeps, home = nephosHome()): Promise<string> {
  const app = loadApp(appPath);
  const imagesDir = join(home, 'images');
  const kernel = readFileSync(await deps.kernelElf());
  const os = await deps.osBytecode();
  const toolchain = sha256(NEPHOS_VERSION, deps.engineVersion, kernel, os);
  const files = packedFiles(app);
  const stamp = readStamp(imagesDir, app);
  if (stamp && stamp.toolchain === toolchain && inputsUnchanged(stamp, files, app)) return stamp.image;

  const bundle = await bundleWithWarnings(app, deps);
  // The image's name is the hash of everything that goes into it, so an identical app built from
  // another directory (or after a touch) reuses the image without compiling.
  const contentKey = sha256(toolchain, JSON.stringify(imageMeta(app, deps)), bundle.code, JSON.stringify(bundle.map),
    JSON.stringify(manifestOf(app)), ...files.flatMap((f) => [f.guest, String(f.mode), readFileSync(f.host)]));
  const image = join(imagesDir, `${app.name}-${contentKey.slice(0, 24)}.img`);
  // Images are written under a temporary name and renamed: one that exists is complete.
  if (!existsSync(image)) {
    mkdirSync(imagesDir, { recursive: true });
    const parts = await assemble(app, bundle, files, deps);
    writeImage(image, parts.meta, parts.kernel, parts.archive);
  }
  writeStamp(imagesDir, app, { toolchain, image, inputs: statInputs([...bundle.inputs, ...files.map((f) => f.host), ...[lockfileOf(app)].filter((p): p is string => !!p)]), packed: files.map((f) => f.guest) });
  return image;
}
