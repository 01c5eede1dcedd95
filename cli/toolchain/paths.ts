// Where the host tool finds its own sources and keeps build products.
import { dirname, join } from 'node:path';
import { existsSync } from 'node:fs';

function findRoot(): string {
  // The CLI is bundled into build/cli/; walk up to the package root (the directory with kernel/).
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'kernel')) && existsSync(join(dir, 'package.json'))) return dir;
    dir = dirname(dir);
  }
  if (process.env.NEPHOS_ROOT) return process.env.NEPHOS_ROOT;
  throw new Error('cannot find the nephos package root (set NEPHOS_ROOT)');
}

export const ROOT = findRoot();
/** Build products (engine objects, kernels, bytecode compiler); safe to delete. */
export const BUILD_DIR = process.env.NEPHOS_BUILD_DIR || join(ROOT, 'build');
