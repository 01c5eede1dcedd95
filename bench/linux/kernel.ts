// The Linux baseline's kernel: Debian's linux-image package, unpacked into a scratch directory,
// reduced to what the microVM boots with:
//   vmlinux              the uncompressed kernel (bzimage.ts), booted by QEMU through its PVH note
//   modules/<name>.ko    the closure of ROOT_MODULES (modinfo.ts), decompressed if the package
//                        ships .ko.xz/.ko.zst/.ko.gz (Debian 13), so /init can finit_module them
//   modules/load-order   their file names, dependencies first (read by init.c)
//   kernel.json          package, kernel release, payload compression, modules
// The kernel config must have CONFIG_PVH (QEMU boots the ELF directly), CONFIG_ACPI (microvm lists
// its virtio-mmio transports only in the DSDT when its command line cannot: Debian leaves
// CONFIG_VIRTIO_MMIO_CMDLINE_DEVICES unset) and CONFIG_DEVTMPFS; checkConfig says which is missing.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractVmlinux, type Compression } from './bzimage';
import { extractDeb, fetchDeb, type DebPackage } from './debian';
import { loadOrder, moduleName, readModinfo, type ModuleInfo } from './modinfo';

/** What the guest needs as modules: the virtio-mmio transport and the NIC (their deps follow). */
export const ROOT_MODULES = ['virtio_mmio', 'virtio_net'];
export const REQUIRED_CONFIG = ['CONFIG_PVH', 'CONFIG_ACPI', 'CONFIG_DEVTMPFS', 'CONFIG_BLK_DEV_INITRD', 'CONFIG_VIRTIO_MMIO', 'CONFIG_VIRTIO_NET'];

export interface KernelInfo {
  package: { name: string; version: string; sha256: string };
  release: string;
  payloadCompression: Compression;
  vmlinuxBytes: number;
  modules: string[];
}

/** Missing options among REQUIRED_CONFIG (=y or =m both count) in a kernel's config file text. */
export function checkConfig(config: string): string[] {
  return REQUIRED_CONFIG.filter((opt) => !new RegExp(`^${opt}=[ym]$`, 'm').test(config));
}

function readModuleFile(path: string): Uint8Array {
  const data = readFileSync(path);
  const tool = path.endsWith('.xz') ? ['xz', '-dc'] : path.endsWith('.zst') ? ['zstd', '-dcq'] : path.endsWith('.gz') ? ['gzip', '-dc'] : undefined;
  if (!tool) return data;
  const r = spawnSync(tool[0], tool.slice(1), { input: data, maxBuffer: 256 << 20 });
  if (r.status !== 0) throw new Error(`${tool[0]} could not decompress ${path}: ${r.error?.message ?? r.stderr.toString().trim()}`);
  return r.stdout;
}

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

/** The kernel release's directory under lib/modules (usr/lib/modules on merged-/usr packages). */
function modulesRoot(unpacked: string): { release: string; dir: string } {
  for (const base of ['lib/modules', 'usr/lib/modules']) {
    const d = join(unpacked, base);
    if (!existsSync(d)) continue;
    const releases = readdirSync(d).filter((r) => existsSync(join(d, r, 'kernel')));
    if (releases.length === 1) return { release: releases[0], dir: join(d, releases[0]) };
  }
  throw new Error('the kernel package has no single lib/modules/<release>/kernel directory');
}

/** Fills `out` (an empty directory) from `pkg`; the .deb is fetched into (or reused from) `debCache`. */
export function prepareKernel(pkg: DebPackage, debCache: string, out: string, log: (m: string) => void): KernelInfo {
  const deb = fetchDeb(pkg, debCache);
  const scratch = join(out, '.unpacked');
  try {
    log(`unpacking ${pkg.name} ${pkg.version}`);
    extractDeb(deb, scratch);
    const { release, dir } = modulesRoot(scratch);
    const bootDir = join(scratch, 'boot');
    const config = readFileSync(join(bootDir, `config-${release}`), 'utf8');
    const missing = checkConfig(config);
    if (missing.length) throw new Error(`${pkg.name} lacks ${missing.join(', ')}: it cannot be the microVM baseline`);

    log(`extracting vmlinux from vmlinuz-${release}`);
    const { vmlinux, compression } = extractVmlinux(readFileSync(join(bootDir, `vmlinuz-${release}`)));
    writeFileSync(join(out, 'vmlinux'), vmlinux);

    const files = new Map<string, string>();
    for (const f of walk(join(dir, 'kernel'))) if (/\.ko(\.(xz|zst|gz))?$/.test(f)) files.set(moduleName(f.slice(f.lastIndexOf('/') + 1)), f);
    const infos = new Map<string, { info: ModuleInfo; data: Uint8Array }>();
    const lookup = (name: string) => {
      if (!infos.has(name)) {
        const path = files.get(name);
        if (!path) return undefined;
        const data = readModuleFile(path);
        infos.set(name, { info: readModinfo(data, path), data });
      }
      return infos.get(name)!.info;
    };
    const order = loadOrder(ROOT_MODULES, lookup);
    mkdirSync(join(out, 'modules'));
    for (const name of order) writeFileSync(join(out, 'modules', `${name}.ko`), infos.get(name)!.data);
    writeFileSync(join(out, 'modules', 'load-order'), order.map((n) => `${n}.ko\n`).join(''));
    const info: KernelInfo = {
      package: { name: pkg.name, version: pkg.version, sha256: pkg.sha256 },
      release,
      payloadCompression: compression,
      vmlinuxBytes: vmlinux.length,
      modules: order,
    };
    writeFileSync(join(out, 'kernel.json'), JSON.stringify(info, null, 2) + '\n');
    return info;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
