// Debian packages for the Linux baseline, fetched at build time and never installed: the version
// comes from the host's package index (`apt-cache show`), the .deb from `apt-get download` into a
// cache directory, and the file is accepted only if its sha256 equals the index's SHA256 field
// (the index itself is signed: apt checks InRelease when it updates the lists).
//
// The kernel is whatever `linux-image-amd64` (the metapackage) points at on this host, or the exact
// package given by NEPHOS_LINUX_PACKAGE=name=version. Pinning a version in the repository would
// stop working within weeks: the security archive keeps only its latest build, and Debian 12 and
// 13 hosts carry different kernels. The resolved name, version and sha256 are recorded in the
// baseline's manifest and printed with every benchmark result.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';

export interface DebPackage {
  name: string;
  version: string;
  /** The archive path (pool/...). */
  filename: string;
  sha256: string;
  size: number;
  depends: string;
}

export class DebianError extends Error {}

function run(cmd: string, args: string[], cwd?: string): string {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.error) {
    throw new DebianError((r.error as NodeJS.ErrnoException).code === 'ENOENT' ? `${cmd} is not installed (the Linux baseline needs a Debian host with apt)` : `${cmd}: ${r.error.message}`);
  }
  if (r.status !== 0) throw new DebianError(`${cmd} ${args.join(' ')} failed (exit ${r.status}): ${r.stderr.trim()}`);
  return r.stdout;
}

/** Parses one deb822 record (the first in `text`): `Field: value` lines with continuations. */
export function parseControlRecord(text: string): Map<string, string> {
  const fields = new Map<string, string>();
  let last: string | undefined;
  for (const line of text.split('\n')) {
    if (line.trim() === '') {
      if (fields.size) break;
      continue;
    }
    if (/^\s/.test(line) && last) {
      fields.set(last, `${fields.get(last)}\n${line.trim()}`);
      continue;
    }
    const m = /^([A-Za-z0-9-]+):\s*(.*)$/.exec(line);
    if (m) {
      last = m[1];
      fields.set(last, m[2]);
    }
  }
  return fields;
}

export function packageFromRecord(fields: Map<string, string>, what: string): DebPackage {
  const need = (k: string) => {
    const v = fields.get(k);
    if (!v) throw new DebianError(`the package index has no ${k} for ${what}`);
    return v;
  };
  const sha256 = need('SHA256');
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new DebianError(`the package index gives a malformed SHA256 for ${what}`);
  return { name: need('Package'), version: need('Version'), filename: need('Filename'), sha256, size: Number(need('Size')), depends: fields.get('Depends') ?? '' };
}

/** The index record of `spec` ("name" for the candidate version, or "name=version"). */
export function indexRecord(spec: string): DebPackage {
  return packageFromRecord(parseControlRecord(run('apt-cache', ['show', '--no-all-versions', spec])), spec);
}

/**
 * The versioned kernel image package: NEPHOS_LINUX_PACKAGE if set, otherwise the one the
 * metapackage's candidate depends on ("Depends: linux-image-6.1.0-56-amd64 (= 6.1.192-2)").
 */
export function resolveKernelPackage(metapackage = 'linux-image-amd64'): DebPackage {
  const pinned = process.env.NEPHOS_LINUX_PACKAGE;
  if (pinned) return indexRecord(pinned);
  const meta = indexRecord(metapackage);
  const dep = kernelDependency(meta.depends);
  if (!dep) throw new DebianError(`${metapackage} ${meta.version} does not depend on a versioned linux-image package (Depends: ${meta.depends})`);
  return indexRecord(dep);
}

/** "linux-image-6.1.0-56-amd64=6.1.192-2" from the metapackage's Depends field. */
export function kernelDependency(depends: string): string | undefined {
  const m = /(linux-image-[^\s,(|]+)\s*\(=\s*([^)\s]+)\)/.exec(depends);
  return m ? `${m[1]}=${m[2]}` : undefined;
}

export function sha256File(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** Returns the path of `pkg`'s .deb in `cacheDir`, downloading it if absent; checks its sha256. */
export function fetchDeb(pkg: DebPackage, cacheDir: string): string {
  mkdirSync(cacheDir, { recursive: true });
  const final = join(cacheDir, basename(pkg.filename));
  if (existsSync(final) && sha256File(final) === pkg.sha256) return final;
  const tmp = join(cacheDir, `.download-${process.pid}-${Date.now()}`);
  mkdirSync(tmp);
  try {
    try {
      run('apt-get', ['download', '-q', `${pkg.name}=${pkg.version}`], tmp);
    } catch (e) {
      throw new DebianError(`${(e as Error).message}\n(a stale package index names versions the mirror has dropped: run apt-get update)`);
    }
    const got = readdirSync(tmp).filter((f) => f.endsWith('.deb'));
    if (got.length !== 1) throw new DebianError(`apt-get download ${pkg.name}=${pkg.version} left ${got.length} .deb files`);
    const actual = sha256File(join(tmp, got[0]));
    if (actual !== pkg.sha256) throw new DebianError(`${got[0]}: sha256 ${actual} differs from the package index's ${pkg.sha256}`);
    renameSync(join(tmp, got[0]), final);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return final;
}

/** Unpacks a .deb's files into `dir` (dpkg-deb -x: no maintainer scripts, no root needed). */
export function extractDeb(deb: string, dir: string): void {
  mkdirSync(dir, { recursive: true });
  run('dpkg-deb', ['-x', deb, dir]);
}
