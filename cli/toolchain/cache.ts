// Content-addressed build cache. A product is built into a temporary directory and renamed into
// place, so concurrent `nephos` processes (parallel tests) never see a half-built product, and a
// product that exists is complete.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync, readFileSync, statSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { BUILD_DIR } from './paths';

export function hashOf(...parts: (string | Buffer)[]): string {
  const h = createHash('sha256');
  for (const p of parts) {
    h.update(typeof p === 'string' ? p : p);
    h.update('\0');
  }
  return h.digest('hex').slice(0, 20);
}

/** Hash of every file under `dir` whose name passes `filter` (path and contents). */
export function hashTree(dir: string, filter: (name: string) => boolean = () => true): string {
  const h = createHash('sha256');
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (filter(name)) {
        h.update(p.slice(dir.length));
        h.update(readFileSync(p));
      }
    }
  };
  walk(dir);
  return h.digest('hex').slice(0, 20);
}

/**
 * Returns `BUILD_DIR/<kind>/<key>`, building it with `make(tmpDir)` when absent.
 */
export async function cached(kind: string, key: string, make: (dir: string) => Promise<void> | void): Promise<string> {
  const final = join(BUILD_DIR, kind, key);
  if (existsSync(final)) return final;
  const tmp = `${final}.tmp-${process.pid}-${Date.now()}`;
  mkdirSync(tmp, { recursive: true });
  try {
    await make(tmp);
    try {
      renameSync(tmp, final);
    } catch (e) {
      // Another process finished first: use theirs.
      if (!existsSync(final)) throw e;
      rmSync(tmp, { recursive: true, force: true });
    }
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
  return final;
}
