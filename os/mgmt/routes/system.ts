// OSv's `fs` and `hardware` groups, and our `engine` group (QuickJS heap and garbage collection).
//
// fs/df: one DFStat per mount. Block counts are in `blocksize` units: tmpfs reports its budget (a
// share of RAM) and what its files use; the image file system its files' total, with nothing free
// (it is read-only); devfs is empty. Inode figures: files in use, and for tmpfs an estimate of how
// many more fit (one per block).
// hardware: from the kernel's boot facts (CPUID, the PVH memory map, the hypervisor leaf).
import type { MgmtHost } from '../host';
import { error, ok, type RouteSpec } from '../router';
import { arr, bool, int, map, num, obj, str } from '../schema';
import { isDirMode } from '../../fs/types';
import type { FileSystem } from '../../fs/types';
import type { LagMonitor } from '../lag';

const BLOCK = 4096;

const DF = obj({ filesystem: str(), mount: str(), btotal: int(), bfree: int(), ftotal: int(), ffree: int(), blocksize: int() });

/** Bytes and inodes a file system holds, by walking it (small trees: the image, tmpfs). */
function usage(fs: FileSystem): { bytes: number; inodes: number } {
  let bytes = 0;
  let inodes = 0;
  const seen = new Set<number>();
  const walk = (ino: number, depth: number) => {
    if (seen.has(ino) || depth > 64) return;
    seen.add(ino);
    inodes++;
    const a = fs.getattr(ino);
    if (isDirMode(a.mode)) {
      for (const e of fs.readdir(ino)) walk(e.ino, depth + 1);
    } else {
      bytes += a.size;
    }
  };
  walk(fs.rootIno, 0);
  return { bytes, inodes };
}

export function dfStats(host: MgmtHost): Record<string, unknown>[] {
  return host.vfs.mounts.list().map((m) => {
    const fs = m.fs as FileSystem & { budget?: number; used?: number };
    const u = usage(fs);
    const blocks = (n: number) => Math.ceil(n / BLOCK);
    if (typeof fs.budget === 'number') {
      const used = typeof fs.used === 'number' ? fs.used : u.bytes;
      const total = blocks(fs.budget);
      const free = Math.max(0, total - blocks(used));
      return { filesystem: fs.type, mount: m.path, btotal: total, bfree: free, ftotal: u.inodes + free, ffree: free, blocksize: BLOCK };
    }
    return { filesystem: fs.type, mount: m.path, btotal: blocks(u.bytes), bfree: 0, ftotal: u.inodes, ffree: 0, blocksize: BLOCK };
  });
}

export function systemRoutes(host: MgmtHost, lag: LagMonitor): RouteSpec[] {
  return [
    {
      method: 'GET', path: '/fs/df/', group: 'fs', summary: 'Usage of every mounted file system',
      response: { schema: arr(DF) }, handler: () => ok(dfStats(host)),
    },
    {
      method: 'GET', path: '/fs/df/{mount}', group: 'fs', summary: 'Usage of one mount (its path, e.g. %2Ftmp or tmp)',
      params: [{ name: 'mount', in: 'path', required: true, description: 'mount point', schema: str() }],
      response: { schema: arr(DF) },
      handler: (req) => {
        const want = req.params.mount.startsWith('/') ? req.params.mount : `/${req.params.mount}`;
        const found = dfStats(host).filter((d) => d.mount === want);
        return found.length ? ok(found) : error(404, `nothing is mounted at ${want}`);
      },
    },
    {
      method: 'GET', path: '/hardware/processor/flags', group: 'hardware', summary: 'CPU feature flags (CPUID), space-separated',
      response: { schema: str() }, handler: () => ok(host.boot.cpu.flags.join(' ')),
    },
    {
      method: 'GET', path: '/hardware/processor/count', group: 'hardware', summary: 'Number of vCPUs',
      response: { schema: int() }, handler: () => ok(host.boot.cpu.count),
    },
    {
      method: 'GET', path: '/hardware/firmware/vendor', group: 'hardware', summary: 'Firmware that loaded the kernel',
      response: { schema: str() }, handler: () => ok(host.boot.firmware),
    },
    {
      method: 'GET', path: '/hardware/hypervisor', group: 'hardware', summary: 'Hypervisor ("kvm", "tcg", "xen" or "Unknown")',
      response: { schema: str() }, handler: () => ok(host.boot.hypervisor || 'Unknown'),
    },
    {
      method: 'GET', path: '/hardware/processor', group: 'hardware', summary: 'The CPU: vendor, brand, family/model/stepping, count, flags (ours)',
      response: { schema: obj({ vendor: str(), brand: str(), family: int(), model: int(), stepping: int(), count: int(), flags: arr(str()) }) },
      handler: () => ok({ ...host.boot.cpu }),
    },
    {
      method: 'GET', path: '/hardware/memory', group: 'hardware', summary: 'RAM and the firmware\'s memory map (ours)',
      response: { schema: obj({ ramBytes: int(), heapBytes: int(), map: arr(obj({ addr: int(), size: int(), type: int() })) }) },
      handler: () => ok({ ramBytes: host.boot.ramBytes, heapBytes: host.boot.heapBytes, map: host.boot.memoryMap.map((r) => ({ ...r })) }),
    },
    {
      method: 'GET', path: '/engine/heap', group: 'engine', summary: 'The JavaScript engine\'s heap statistics (QuickJS JSMemoryUsage) and the allocator\'s figures',
      response: { schema: obj({ engine: map(num()), allocator: map(num()) }) },
      handler: () => ok({ engine: host.heapStats(), allocator: { ...host.memory() } }),
    },
    {
      method: 'POST', path: '/engine/gc', group: 'engine', summary: 'Runs a full garbage collection; answers the heap before and after',
      response: { schema: obj({ before: int(), after: int(), freed: int(), ms: num() }) },
      handler: () => {
        const before = host.memory().used;
        const t0 = host.now();
        host.gc();
        const ms = host.now() - t0;
        const after = host.memory().used;
        return ok({ before, after, freed: before - after, ms });
      },
    },
    {
      method: 'GET', path: '/engine/loop', group: 'engine', summary: 'Event-loop figures: iterations, active references, worst and recent timer lag',
      response: { schema: obj({ iterations: int(), refs: int(), lagMs: num(), recentLagMs: num(), ready: bool() }) },
      handler: () => ok({ ...host.loopStats(), recentLagMs: lag.recentMs(), ready: host.ready() }),
    },
  ];
}
