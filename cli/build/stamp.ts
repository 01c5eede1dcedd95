// The "is the cached image of this app still current?" record for `nephos run <app>`.
//
// One JSON file per app location ($NEPHOS_HOME/images/stamps/<sha256 of the app's absolute entry
// path>.json) records: a hash of the toolchain (nephos version, engine, kernel bytes, OS bytecode),
// the image built, the guest paths packed, and size + mtime of every input (each bundled source
// file, every packed file, and node_modules/.package-lock.json, which npm rewrites on every
// install). The image is current when the toolchain hash is equal, the app directory packs the same
// paths, and no input changed size or mtime. A change the stamp cannot see (a new file that changes
// how an unchanged import resolves without any install) is caught by `nephos build`, which always
// bundles.

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { App, PackedFile } from './app';

export interface Stamp {
  toolchain: string;
  image: string;
  packed: string[];
  /** [absolute path, size, mtimeMs] */
  inputs: [string, number, number][];
}

function stampPath(imagesDir: string, app: App): string {
  return join(imagesDir, 'stamps', `${createHash('sha256').update(app.entry).digest('hex').slice(0, 32)}.json`);
}

export function statInputs(paths: string[]): [string, number, number][] {
  const seen = new Set<string>();
  const out: [string, number, number][] = [];
  for (const p of paths) {
    if (seen.has(p)) continue;
    seen.add(p);
    try {
      const st = statSync(p);
      out.push([p, st.size, st.mtimeMs]);
    } catch {
      // Vanished since the bundle read it: leave it out; the next run sees a difference.
    }
  }
  return out;
}

export function readStamp(imagesDir: string, app: App): Stamp | undefined {
  try {
    const stamp = JSON.parse(readFileSync(stampPath(imagesDir, app), 'utf8')) as Stamp;
    return existsSync(stamp.image) ? stamp : undefined;
  } catch {
    return undefined;
  }
}

/** True when the app packs the same files and no recorded input changed. */
export function inputsUnchanged(stamp: Stamp, files: PackedFile[], app: App): boolean {
  if (stamp.packed.length !== files.length || stamp.packed.some((g, i) => g !== files[i].guest)) return false;
  const lock = lockfileOf(app);
  const lockNow = lock ? statInputs([lock]) : [];
  const lockThen = stamp.inputs.filter(([p]) => p === lock);
  if (JSON.stringify(lockNow) !== JSON.stringify(lockThen)) return false;
  for (const [path, size, mtime] of stamp.inputs) {
    try {
      const st = statSync(path);
      if (st.size !== size || st.mtimeMs !== mtime) return false;
    } catch {
      return false;
    }
  }
  return true;
}

/** npm's record of node_modules, rewritten by every install in the app. */
export function lockfileOf(app: App): string | undefined {
  return app.singleFile ? undefined : join(app.root, 'node_modules', '.package-lock.json');
}

export function writeStamp(imagesDir: string, app: App, stamp: Stamp): void {
  const path = stampPath(imagesDir, app);
  mkdirSync(join(imagesDir, 'stamps'), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, JSON.stringify(stamp));
  renameSync(tmp, path);
}
