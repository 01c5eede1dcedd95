// What `nephos build <app>` is building: the app's root, entry, name, the files packed into the
// image, and where each host file appears in the guest.
//
// An app is either
//   - a directory: its entry is package.json "main" (resolved as Node does: the file, the file with
//     .js/.ts/.mjs/.cjs added, or a directory's index), else index.ts, index.js, index.mjs, index.cjs;
//     every file under it except .git and node_modules (at any depth; node_modules are bundled) is
//     packed under /app with the same relative path; or
//   - a single .ts/.js/.mjs/.cjs file: packed alone as /app/<name>.
// Guest paths: <root>/lib/x.js is /app/lib/x.js. A file outside the root (a sibling imported by a
// single-file app, a symlinked package) maps below the root's position all the same when it is
// under it, else to /app/.outside/<its absolute host path> - never to a path that escapes /app.
//
// Packing is deterministic: files are listed in sorted order with their bytes and an executable
// bit, nothing else (no times, no owners). A nephos image found in the directory (a previous build
// written next to the app) is not packed.

import { closeSync, openSync, readFileSync, readSync, readdirSync, statSync, type Stats } from 'node:fs';
import { basename, dirname, extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { posix } from 'node:path';
import { fail } from '../errors';
import { IMAGE_MAGIC } from '../image';

export const APP_ROOT = '/app';
const SOURCE_EXTENSIONS = ['.ts', '.js', '.mjs', '.cjs'];
const MAIN_SUFFIXES = ['', '.js', '.ts', '.mjs', '.cjs', '/index.js', '/index.ts', '/index.mjs', '/index.cjs'];
const DEFAULT_ENTRIES = ['index.ts', 'index.js', 'index.mjs', 'index.cjs'];
const SKIPPED_NAMES = new Set(['.git', 'node_modules']);

export interface PackedFile {
  /** Absolute host path. */
  host: string;
  /** Absolute guest path under /app. */
  guest: string;
  mode: number;
}

export interface App {
  /** Absolute host directory that becomes /app. */
  root: string;
  /** Absolute host path of the entry file. */
  entry: string;
  /** The app's name: package.json "name" without scope, else the directory's or file's name. */
  name: string;
  /** True for a single-file app. */
  singleFile: boolean;
  /** The `nephos` key of package.json, if any (copied to /nephos/app.json). */
  nephosConfig?: unknown;
}

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

function isFile(path: string): boolean {
  return statOrUndefined(path)?.isFile() ?? false;
}

/** Finds the app at `input` (a directory or a source file) or fails saying what is missing. */
export function loadApp(input: string): App {
  const path = resolve(input);
  const st = statOrUndefined(path);
  if (!st) throw fail(`${input} does not exist`, 'give an app directory or a .ts/.js file');
  if (st.isFile()) {
    if (!SOURCE_EXTENSIONS.includes(extname(path))) {
      throw fail(`${input} is not an app`, 'give a directory or a .ts, .js, .mjs or .cjs file');
    }
    return { root: dirname(path), entry: path, name: safeName(basename(path, extname(path))), singleFile: true };
  }
  if (!st.isDirectory()) throw fail(`${input} is neither a file nor a directory`, 'give an app directory or a .ts/.js file');
  let pkg: Record<string, unknown> | undefined;
  const pkgPath = join(path, 'package.json');
  if (isFile(pkgPath)) {
    try {
      const parsed: unknown = JSON.parse(readFileSync(pkgPath, 'utf8'));
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
      pkg = parsed as Record<string, unknown>;
    } catch (e) {
      throw fail(`${relativeForUser(pkgPath)} is not valid JSON (${(e as Error).message})`, 'fix the file');
    }
  }
  let entry: string | undefined;
  if (pkg && typeof pkg.main === 'string' && pkg.main !== '') {
    const main = resolve(path, pkg.main);
    entry = MAIN_SUFFIXES.map((s) => main + s).find(isFile);
    if (!entry) {
      throw fail(`package.json "main" is ${JSON.stringify(pkg.main)}, which does not exist in ${input}`, 'fix "main" or create the file');
    }
  } else {
    entry = DEFAULT_ENTRIES.map((n) => join(path, n)).find(isFile);
    if (!entry) throw fail(`no entry point in ${input}`, 'add "main" to package.json or create index.ts, index.js or index.mjs');
  }
  const pkgName = pkg && typeof pkg.name === 'string' && pkg.name !== '' ? pkg.name.replace(/^@[^/]*\//, '') : undefined;
  return {
    root: path,
    entry,
    name: safeName(pkgName ?? basename(path)),
    singleFile: false,
    ...(pkg && pkg.nephos !== undefined ? { nephosConfig: pkg.nephos } : {}),
  };
}

/** A name usable as a file name and in the image metadata. */
function safeName(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9_.-]+/g, '-').replace(/^[-.]+/, '');
  return cleaned || 'app';
}

/** The path of host file `hostPath` inside the guest. */
export function guestPath(app: App, hostPath: string): string {
  const rel = relative(app.root, hostPath);
  if (rel === '') return APP_ROOT;
  if (isAbsolute(rel) || rel === '..' || rel.startsWith(`..${sep}`)) {
    return posix.join(APP_ROOT, '.outside', hostPath.split(sep).join('/'));
  }
  return posix.join(APP_ROOT, rel.split(sep).join('/'));
}

/** Files packed under /app, sorted by guest path. */
export function packedFiles(app: App): PackedFile[] {
  if (app.singleFile) return [{ host: app.entry, guest: guestPath(app, app.entry), mode: modeOf(statSync(app.entry)) }];
  const out: PackedFile[] = [];
  const walk = (dir: string) => {
    const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (SKIPPED_NAMES.has(entry.name)) continue;
      const host = join(dir, entry.name);
      // statSync follows symlinks: a link to a file packs the file's bytes; links to directories
      // are skipped (they may loop, and the bundle already follows imports through them).
      const st = statOrUndefined(host);
      if (!st) continue;
      if (st.isDirectory()) {
        if (!entry.isSymbolicLink()) walk(host);
      } else if (st.isFile() && !isImageFile(host)) {
        out.push({ host, guest: guestPath(app, host), mode: modeOf(st) });
      }
    }
  };
  walk(app.root);
  return out.sort((a, b) => (a.guest < b.guest ? -1 : a.guest > b.guest ? 1 : 0));
}

function modeOf(st: Stats): number {
  return st.mode & 0o111 ? 0o755 : 0o644;
}

/** True when the file starts with the image magic (a built image lying in the app directory). */
function isImageFile(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(IMAGE_MAGIC.length);
    return readSync(fd, head, 0, head.length, 0) === head.length && head.toString('latin1') === IMAGE_MAGIC;
  } finally {
    closeSync(fd);
  }
}

/** A host path as the user would like to read it: relative to the current directory when under it. */
export function relativeForUser(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !isAbsolute(rel) && rel !== '..' && !rel.startsWith(`..${sep}`) ? rel : path;
}
