// Moving a BAR into the 32-bit MMIO hole. The kernel maps only 3-4 GiB for devices (uncached) and
// the MMIO ops allow only that window, but SeaBIOS puts every 64-bit BAR above 4 GiB when the
// 32-bit hole cannot hold all BARs (a large ivshmem region, many devices). Rather than mapping more
// memory, such a BAR is reprogrammed into a free, naturally aligned range of the hole below the
// I/O APIC (PCI 3.0, 6.2.5.1: a memory BAR decodes any aligned address software writes; a 64-bit
// one may be given an address below 4 GiB).
//
// What is taken: every other function's BARs (sized), expansion ROMs and bridge windows, and every
// range of the firmware's memory map. Only bus 0 devices are moved: a device behind a bridge decodes
// only inside the bridge's window, which this code does not reprogram.
import { type Bar, type ConfigAccess, type ConfigReader, functionSpace, parseBars, type PciFunction, REG, sizeBars } from './config';

export interface Range {
  start: number;
  /** Exclusive. */
  end: number;
}

/** Where BARs may be placed: from 3 GiB (q35's MMCONFIG ends there) up to the I/O APIC. */
export const HOLE: Range = { start: 0xc0000000, end: 0xfec00000 };

/** The highest `size`-aligned range of `size` bytes inside `hole` that overlaps nothing in `used`. */
export function placeBar(size: number, used: Range[], hole: Range = HOLE): number | undefined {
  if (!(size > 0) || size & (size - 1) || size > hole.end - hole.start) return undefined;
  const alignDown = (x: number) => Math.floor(x / size) * size;
  let at = alignDown(hole.end - size);
  while (at >= hole.start) {
    let lowest: number | undefined;
    for (const r of used) if (r.start < at + size && at < r.end && (lowest === undefined || r.start < lowest)) lowest = r.start;
    if (lowest === undefined) return at;
    at = alignDown(lowest - size);
  }
  return undefined;
}

/** A bridge's memory and prefetchable windows (PCI-to-PCI Bridge 1.2, 3.2.5.8-9), when open. */
export function bridgeWindows(r: ConfigReader): Range[] {
  const out: Range[] = [];
  const base = r.read(0x20, 2) & 0xfff0;
  const limit = r.read(0x22, 2) & 0xfff0;
  if (base <= limit) out.push({ start: base * 0x10000, end: limit * 0x10000 + 0x100000 });
  const pbase = r.read(0x24, 2);
  const plimit = r.read(0x26, 2);
  const wide = (pbase & 0xf) === 1;
  const pstart = (pbase & 0xfff0) * 0x10000 + (wide ? r.read(0x28, 4) * 0x100000000 : 0);
  const pend = (plimit & 0xfff0) * 0x10000 + 0x100000 + (wide ? r.read(0x2c, 4) * 0x100000000 : 0);
  if (pstart < pend && (pbase & 0xfff0) <= (plimit & 0xfff0)) out.push({ start: pstart, end: pend });
  return out;
}

/** Address ranges the functions decode (BARs sized on the way), to place a moved BAR around. */
export function occupiedRanges(access: ConfigAccess, fns: PciFunction[]): Range[] {
  const out: Range[] = [];
  for (const fn of fns) {
    const cfg = functionSpace(access, fn);
    let bars: Bar[];
    try {
      bars = parseBars(cfg, fn.headerType);
      sizeBars(cfg, bars);
    } catch {
      continue; // a malformed function: its BARs cannot be trusted, nor moved around
    }
    for (const b of bars) if (b.kind === 'mem' && b.address && b.size) out.push({ start: b.address, end: b.address + b.size });
    // The expansion ROM BAR (0x30; 0x38 in bridges): its address is reserved even while disabled.
    const romReg = fn.headerType === 0 ? 0x30 : fn.headerType === 1 ? 0x38 : -1;
    if (romReg > 0) {
      const rom = cfg.read(romReg, 4) >>> 0;
      if (rom & 0xfffff800) {
        cfg.write(romReg, 4, 0xfffff800);
        const mask = cfg.read(romReg, 4) & 0xfffff800;
        cfg.write(romReg, 4, rom);
        const size = mask ? ((~mask >>> 0) + 1) >>> 0 : 0x800;
        out.push({ start: (rom & 0xfffff800) >>> 0, end: ((rom & 0xfffff800) >>> 0) + size });
      }
    }
    if (fn.headerType === 1) out.push(...bridgeWindows(cfg));
  }
  return out;
}

/** Reprograms a memory BAR to `address` with decoding off meanwhile; updates `bar`. */
export function moveBar(access: ConfigAccess, fn: PciFunction, bar: Bar, address: number): void {
  const cfg = functionSpace(access, fn);
  const command = cfg.read(REG.COMMAND, 2);
  cfg.write(REG.COMMAND, 2, command & ~3);
  const reg = REG.BAR0 + 4 * bar.index;
  const flags = cfg.read(reg, 4) & 0xf;
  cfg.write(reg, 4, (address | flags) >>> 0);
  if (bar.is64) cfg.write(reg + 4, 4, Math.floor(address / 0x100000000));
  cfg.write(REG.COMMAND, 2, command);
  bar.address = address;
}
