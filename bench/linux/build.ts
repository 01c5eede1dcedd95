// Builds the Linux microVM baseline for the benchmarks: Debian's kernel (uncompressed vmlinux and
// the virtio modules, kernel.ts) and an initramfs with /init, the host's Node and the app
// (initramfs.ts). Nothing is installed and nothing is committed; products are cached under
// build/linux-baseline/:
//   debs/<file>.deb           apt-get download, checked by the index's sha256 (debian.ts)
//   kernel-<key>/             vmlinux, modules/, kernel.json           key: the .deb's sha256
//   tools-<key>/              init (init.c, for the guest), tsc-khz (tsc-khz.c, for the host)
//                                                                      key: their sources
//   <key>/                    vmlinux (hard link), initramfs.cpio[.lz4], manifest.json
//                             key: kernel, init, node and libraries, app files, compression
// A cached product is complete (cli/toolchain/cache.ts builds in a temporary directory and
// renames). The first build downloads about 70 MB and unpacks 400 MB for a few seconds.
//
// A typical use (bench/linux/systems.ts does this):
//   const b = await buildLinuxBaseline({ appDir: 'examples/http' });
//   spawn('qemu-system-x86_64', linuxQemuArgs({ baseline: b, memoryMiB: 384, accel: 'tcg', hostPort }))
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { linkSync, copyFileSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { cached, hashOf, hashTree } from '../../cli/toolchain/cache';
import { BUILD_DIR, ROOT } from '../../cli/toolchain/paths';
import { resolveKernelPackage, type DebPackage } from './debian';
import { compileStatic, initramfsEntries, sharedLibraries, stripCopy, writeInitramfs, type InitramfsCompression } from './initramfs';
import { prepareKernel, ROOT_MODULES, type KernelInfo } from './kernel';

/** Bump when the layout or contents of a product change without its inputs changing. */
const FORMAT = 'linux-baseline-1';

export interface LinuxBaselineOptions {
  /** The app directory (its index.js runs as `node /app/index.js`). */
  appDir: string;
  /** Default lz4 (design.md: as fast as uncompressed, and the guest needs less memory). */
  compression?: InitramfsCompression;
  /** The Node binary to put in the guest; default: the one running this. */
  node?: string;
  log?: (message: string) => void;
}

/** build/linux-baseline/<key>/manifest.json: what went into the baseline. */
interface Manifest {
  format: string;
  app: string;
  compression: InitramfsCompression;
  kernel: KernelInfo;
  /** bytes: the stripped binary in the guest. */
  node: { path: string; version: string; bytes: number; libraries: string[] };
  init: { libc: string; bytes: number };
  /** vmlinux + initramfs as stored (what QEMU loads). */
  imageBytes: number;
}

export interface LinuxBaseline extends Manifest {
  dir: string;
  vmlinux: string;
  initrd: string;
  /** The host tool that prints the TSC rate (kHz) the guest is told under TCG (tsc-khz.c). */
  tscKhzTool: string;
}

const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

export async function buildLinuxBaseline(opts: LinuxBaselineOptions): Promise<LinuxBaseline> {
  const log = opts.log ?? (() => {});
  const compression = opts.compression ?? 'lz4';
  const appDir = resolve(opts.appDir);
  const node = opts.node ?? process.execPath;
  const base = join(BUILD_DIR, 'linux-baseline');

  const pkg: DebPackage = resolveKernelPackage();
  const kernelKey = `kernel-${hashOf(FORMAT, pkg.sha256, ROOT_MODULES.join(','))}`;
  const kernelDir = await cached('linux-baseline', kernelKey, (dir) => {
    log(`kernel: ${pkg.name} ${pkg.version} (sha256 ${pkg.sha256.slice(0, 16)}...)`);
    prepareKernel(pkg, join(base, 'debs'), dir, log);
  });
  const kernel = JSON.parse(readFileSync(join(kernelDir, 'kernel.json'), 'utf8')) as KernelInfo;

  const source = (name: string) => join(ROOT, 'bench', 'linux', name);
  const initKey = `tools-${hashOf(FORMAT, readFileSync(source('init.c')), readFileSync(source('tsc-khz.c')))}`;
  const initDir = await cached('linux-baseline', initKey, (dir) => {
    log('compiling init.c and tsc-khz.c');
    writeFileSync(join(dir, 'libc'), compileStatic(source('init.c'), join(dir, 'init')));
    compileStatic(source('tsc-khz.c'), join(dir, 'tsc-khz'));
  });
  const libc = readFileSync(join(initDir, 'libc'), 'utf8');

  const libraries = sharedLibraries(node);
  const nodeHash = sha256(readFileSync(node));
  const key = hashOf(FORMAT, kernelKey, initKey, nodeHash, ...libraries.map((l) => `${l}:${sha256(readFileSync(l))}`), hashTree(appDir, (n) => !n.startsWith('.')), compression);
  const initrdName = compression === 'lz4' ? 'initramfs.cpio.lz4' : 'initramfs.cpio';
  const nodeVersion = node === process.execPath ? process.version : spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim();
  const dir = await cached('linux-baseline', key, (dir) => {
    log(`initramfs (${compression}): init, node ${nodeVersion} and ${libraries.length} libraries, ${kernel.modules.length} modules, ${appDir}`);
    const strippedNode = join(dir, 'node.stripped');
    stripCopy(node, strippedNode);
    const entries = initramfsEntries({ init: join(initDir, 'init'), node: strippedNode, libraries, modulesDir: join(kernelDir, 'modules'), modules: kernel.modules, appDir });
    writeInitramfs(entries, join(dir, initrdName), compression);
    try {
      linkSync(join(kernelDir, 'vmlinux'), join(dir, 'vmlinux'));
    } catch {
      copyFileSync(join(kernelDir, 'vmlinux'), join(dir, 'vmlinux'));
    }
    const manifest: Manifest = {
      format: FORMAT,
      app: appDir,
      compression,
      kernel,
      node: { path: node, version: nodeVersion, bytes: statSync(strippedNode).size, libraries },
      init: { libc, bytes: statSync(join(initDir, 'init')).size },
      imageBytes: statSync(join(dir, 'vmlinux')).size + statSync(join(dir, initrdName)).size,
    };
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
    rmSync(strippedNode);
  });
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
  return { ...manifest, dir, vmlinux: join(dir, 'vmlinux'), initrd: join(dir, initrdName), tscKhzTool: join(initDir, 'tsc-khz') };
}

let tscKhz: number | undefined;

/** The host's TSC rate in kHz, measured once per process (about 250 ms). */
export function hostTscKhz(baseline: Pick<LinuxBaseline, 'tscKhzTool'>): number {
  if (tscKhz === undefined) {
    const r = spawnSync(baseline.tscKhzTool, [], { encoding: 'utf8' });
    const khz = Number(r.stdout.trim());
    if (r.status !== 0 || !Number.isFinite(khz) || khz < 100_000) throw new Error(`${baseline.tscKhzTool} failed: ${r.error?.message ?? (r.stderr || r.stdout).trim()}`);
    tscKhz = Math.round(khz);
  }
  return tscKhz;
}
