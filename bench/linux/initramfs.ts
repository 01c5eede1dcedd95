// The Linux baseline's initramfs: everything the guest runs, in one newc archive (cpio.ts) that the
// kernel unpacks into rootfs. Contents:
//   init                          bench/linux/init.c, compiled static (musl, or glibc's libc.a)
//   dev/console                   char 5:1, so PID 1 starts with stdin/stdout/stderr
//   proc/ sys/ tmp/               mount points (tmp 1777)
//   lib/modules/*.ko, load-order  from kernel.ts
//   usr/bin/node                  the host's node binary, stripped
//   <each library ldd lists>      at the path ldd gives (lib64/ld-linux-x86-64.so.2, lib/x86_64-...)
//   app/...                       the application's files
// Node is the host's own binary rather than Debian's nodejs package: it is the same Node (version
// and build) as the "host Node" reference column and the Node 20 that Nephos's runtime follows, and
// it needs only libc, libm, libstdc++ and libgcc_s (Debian 12's nodejs is Node 18, split across
// libnode, libuv, ICU, OpenSSL, c-ares, nghttp2 and brotli).
// Compression: none, or lz4's legacy frame (`lz4 -l`, the only lz4 framing the kernel's unpacker
// reads: lib/decompress_unlz4.c), design.md's fastest two.
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { join, relative } from 'node:path';
import { writeNewc, type CpioEntry } from './cpio';

export type InitramfsCompression = 'none' | 'lz4';

function tool(cmd: string, args: string[], what: string): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.error) throw new Error((r.error as NodeJS.ErrnoException).code === 'ENOENT' ? `${cmd} is not installed (needed to ${what}; run scripts/setup.sh)` : `${cmd}: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`${cmd} failed to ${what} (exit ${r.status}): ${(r.stderr || r.stdout).trim()}`);
  return r.stdout;
}

/** The absolute library paths in `ldd` output (the interpreter included, the vDSO not). */
export function parseLdd(output: string): string[] {
  const paths: string[] = [];
  for (const line of output.split('\n')) {
    const m = /=>\s*(\/\S+)\s+\(0x/.exec(line) ?? /^\s*(\/\S+)\s+\(0x/.exec(line);
    if (m && !paths.includes(m[1])) paths.push(m[1]);
    else if (/=>\s*not found/.test(line)) throw new Error(`ldd: ${line.trim()}`);
  }
  return paths;
}

export function sharedLibraries(binary: string): string[] {
  const out = tool('ldd', [binary], `list ${binary}'s libraries`);
  if (/not a dynamic executable/.test(out)) return [];
  return parseLdd(out);
}

/** Compiles a C program into `out`, static: musl's libc when present (init: 50 KiB), else glibc's. */
export function compileStatic(source: string, out: string): string {
  const muslSpecs = '/usr/lib/x86_64-linux-musl/musl-gcc.specs';
  const common = ['-static', '-Os', '-s', '-Wall', '-Wextra', '-Werror', '-o', out, source];
  if (existsSync(muslSpecs)) {
    tool('gcc', ['-specs', muslSpecs, ...common], `compile ${source} against musl`);
    return 'musl';
  }
  tool('gcc', common, `compile ${source} (static glibc)`);
  return 'glibc';
}

/** Strips a copy of `binary` into `out` (symbols and debug info only; behaviour is unchanged). */
export function stripCopy(binary: string, out: string): void {
  tool('strip', ['--strip-all', '-o', out, binary], `strip ${binary}`);
}

function appFiles(appDir: string): CpioEntry[] {
  const entries: CpioEntry[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      if (name.startsWith('.')) continue;
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else entries.push({ path: `app/${relative(appDir, p)}`, type: 'file', mode: statSync(p).mode & 0o777, data: readFileSync(p) });
    }
  };
  walk(appDir);
  if (!entries.some((e) => e.path === 'app/index.js')) throw new Error(`${appDir} has no index.js (the guest runs node /app/index.js)`);
  return entries;
}

export interface InitramfsParts {
  init: string;
  node: string;
  libraries: string[];
  modulesDir: string;
  modules: string[];
  appDir: string;
}

export function initramfsEntries(p: InitramfsParts): CpioEntry[] {
  return [
    { path: 'dev', type: 'dir' },
    { path: 'dev/console', type: 'char', mode: 0o600, major: 5, minor: 1 },
    { path: 'proc', type: 'dir', mode: 0o555 },
    { path: 'sys', type: 'dir', mode: 0o555 },
    { path: 'tmp', type: 'dir', mode: 0o1777 },
    { path: 'init', type: 'file', mode: 0o755, data: readFileSync(p.init) },
    { path: 'usr/bin/node', type: 'file', mode: 0o755, data: readFileSync(p.node) },
    ...p.libraries.map((l): CpioEntry => ({ path: l, type: 'file', mode: 0o755, data: readFileSync(l) })),
    ...p.modules.map((m): CpioEntry => ({ path: `lib/modules/${m}.ko`, type: 'file', data: readFileSync(join(p.modulesDir, `${m}.ko`)) })),
    { path: 'lib/modules/load-order', type: 'file', data: readFileSync(join(p.modulesDir, 'load-order')) },
    ...appFiles(p.appDir),
  ];
}

/** Writes the archive to `out` (compressed per `compression`); returns its size in bytes. */
export function writeInitramfs(entries: CpioEntry[], out: string, compression: InitramfsCompression): number {
  const cpio = compression === 'none' ? out : `${out}.cpio-tmp`;
  const fd = openSync(cpio, 'w');
  try {
    writeNewc(entries, (chunk) => {
      writeSync(fd, chunk);
    });
  } finally {
    closeSync(fd);
  }
  if (compression === 'lz4') {
    try {
      tool('lz4', ['-l', '-9', '-f', '-q', cpio, out], 'compress the initramfs');
    } finally {
      rmSync(cpio, { force: true });
    }
  }
  return statSync(out).size;
}
