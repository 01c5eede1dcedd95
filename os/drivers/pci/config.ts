// PCI configuration space (PCI Local Bus 3.0, chapter 6; PCI Express Base, 7.5): access through
// configuration mechanism #1 (ports 0xCF8 address / 0xCFC data), enumeration of bus 0 and the
// buses behind PCI-to-PCI bridges, and a parsed view of each function: IDs, class, BARs (sized on
// request) and the capability list.
//
// Everything here reads the configuration space through ConfigReader, so the parsing runs against
// byte fixtures in unit tests (config.test.ts). Each configuration access is two port accesses,
// i.e. two VM exits (~30 us each under nested PVM): enumeration reads only the header words it
// needs, and BARs are sized only for the devices a driver takes.
//
// A function's configuration space is device-controlled data: a capability list that loops or
// points outside the header, or a 64-bit BAR in the last slot, is refused with PciError (the
// caller skips that function), never followed.
import type { PortIo } from '../hw';

export class PciError extends Error {}

export interface PciAddress {
  bus: number;
  dev: number;
  fn: number;
}

export type Width = 1 | 2 | 4;

/** One function's configuration space (offsets 0-255). */
export interface ConfigReader {
  read(offset: number, width: Width): number;
}

export interface ConfigSpace extends ConfigReader {
  write(offset: number, width: Width, value: number): void;
}

/** Configuration access for any function. */
export interface ConfigAccess {
  read(a: PciAddress, offset: number, width: Width): number;
  write(a: PciAddress, offset: number, width: Width, value: number): void;
}

export const CONFIG_ADDRESS = 0xcf8;
export const CONFIG_DATA = 0xcfc;

function addressWord(a: PciAddress, offset: number): number {
  // Bit 31 enables the cycle; the register number is dword-aligned (PCI 3.0, 3.2.2.3.2).
  return (0x80000000 | (a.bus << 16) | (a.dev << 11) | (a.fn << 8) | (offset & 0xfc)) >>> 0;
}

function checkOffset(offset: number, width: Width): void {
  if (!Number.isInteger(offset) || offset < 0 || offset + width > 256 || offset % width) {
    throw new PciError(`configuration access at 0x${offset.toString(16)} (width ${width}) outside the header or misaligned`);
  }
}

/** Mechanism #1: write the address to 0xCF8, then access 0xCFC + (offset & 3) with the width. */
export function portConfigAccess(io: PortIo): ConfigAccess {
  return {
    read(a, offset, width) {
      checkOffset(offset, width);
      io.out(CONFIG_ADDRESS, 4, addressWord(a, offset));
      return io.in(CONFIG_DATA + (offset & 3), width) >>> 0;
    },
    write(a, offset, width, value) {
      checkOffset(offset, width);
      io.out(CONFIG_ADDRESS, 4, addressWord(a, offset));
      io.out(CONFIG_DATA + (offset & 3), width, value);
    },
  };
}

/**
 * True if configuration mechanism #1 is there: the address register keeps what is written to it
 * (on machines without PCI, microvm, the port reads as all ones). Restores the old value.
 */
export function hasConfigMechanism(io: PortIo): boolean {
  const old = io.in(CONFIG_ADDRESS, 4) >>> 0;
  io.out(CONFIG_ADDRESS, 4, 0x80000000);
  const seen = io.in(CONFIG_ADDRESS, 4) >>> 0;
  io.out(CONFIG_ADDRESS, 4, old);
  return seen === 0x80000000;
}

export function functionSpace(access: ConfigAccess, a: PciAddress): ConfigSpace {
  return { read: (o, w) => access.read(a, o, w), write: (o, w, v) => access.write(a, o, w, v) };
}

// Header registers (PCI 3.0, 6.1).
export const REG = {
  VENDOR: 0x00, DEVICE: 0x02, COMMAND: 0x04, STATUS: 0x06, REVISION: 0x08, PROG_IF: 0x09,
  SUBCLASS: 0x0a, CLASS: 0x0b, HEADER_TYPE: 0x0e, BAR0: 0x10, SECONDARY_BUS: 0x19,
  SUBSYSTEM_VENDOR: 0x2c, SUBSYSTEM: 0x2e, CAP_PTR: 0x34, INTERRUPT_LINE: 0x3c, INTERRUPT_PIN: 0x3d,
} as const;

export const CMD = { IO: 1, MEMORY: 2, BUS_MASTER: 4, INTX_DISABLE: 0x400 } as const;
const STATUS_CAP_LIST = 0x10;

export interface PciFunction extends PciAddress {
  vendor: number;
  device: number;
  classCode: number;
  subclass: number;
  progIf: number;
  /** Header layout: 0 device, 1 PCI-to-PCI bridge, 2 CardBus bridge. */
  headerType: number;
}

/** Reads the identity of one function; undefined when nothing answers (vendor 0xFFFF). */
export function readFunction(r: ConfigReader, a: PciAddress): PciFunction | undefined {
  const ids = r.read(REG.VENDOR, 4);
  const vendor = ids & 0xffff;
  if (vendor === 0xffff || vendor === 0) return undefined;
  const cls = r.read(REG.REVISION, 4);
  return {
    ...a, vendor, device: ids >>> 16,
    classCode: cls >>> 24, subclass: (cls >>> 16) & 0xff, progIf: (cls >>> 8) & 0xff,
    headerType: r.read(REG.HEADER_TYPE, 1) & 0x7f,
  };
}

/**
 * Every function on bus 0 and on the buses behind PCI-to-PCI bridges (as firmware numbered them:
 * SeaBIOS assigns secondary bus numbers). Each bus is scanned once, whatever the bridges claim.
 */
export function enumerate(access: ConfigAccess): PciFunction[] {
  const out: PciFunction[] = [];
  const scanned = new Set<number>();
  const buses = [0];
  while (buses.length) {
    const bus = buses.shift()!;
    if (scanned.has(bus)) continue;
    scanned.add(bus);
    for (let dev = 0; dev < 32; dev++) {
      const f0 = readFunction(functionSpace(access, { bus, dev, fn: 0 }), { bus, dev, fn: 0 });
      if (!f0) continue;
      // Bit 7 of the header type: a multi-function device (PCI 3.0, 6.2.1).
      const multi = (access.read({ bus, dev, fn: 0 }, REG.HEADER_TYPE, 1) & 0x80) !== 0;
      for (let fn = 0; fn < (multi ? 8 : 1); fn++) {
        const f = fn === 0 ? f0 : readFunction(functionSpace(access, { bus, dev, fn }), { bus, dev, fn });
        if (!f) continue;
        out.push(f);
        if (f.headerType === 1) {
          const secondary = access.read(f, REG.SECONDARY_BUS, 1);
          if (secondary > bus && secondary < 256 && !scanned.has(secondary)) buses.push(secondary);
        }
      }
    }
  }
  return out;
}

export interface PciCapability {
  id: number;
  /** Offset of the capability in the configuration space. */
  offset: number;
}

export const CAP = { MSI: 0x05, VENDOR: 0x09, PCIE: 0x10, MSIX: 0x11 } as const;

/**
 * The capability list (PCI 3.0, 6.7): refuses (PciError) pointers into the predefined header
 * (below 0x40), loops and lists too long to be real; the low two bits of each pointer are
 * reserved and masked.
 */
export function capabilities(r: ConfigReader): PciCapability[] {
  if (!(r.read(REG.STATUS, 2) & STATUS_CAP_LIST)) return [];
  const out: PciCapability[] = [];
  const seen = new Set<number>();
  let ptr = r.read(REG.CAP_PTR, 1) & 0xfc;
  while (ptr !== 0) {
    if (ptr < 0x40) throw new PciError(`capability pointer 0x${ptr.toString(16)} points into the header`);
    if (seen.has(ptr)) throw new PciError(`capability list loops at 0x${ptr.toString(16)}`);
    // 48 dword-aligned slots fit in 0x40-0xFF: a longer list must repeat one (caught above).
    seen.add(ptr);
    // ID and next pointer in one access (each access is two port I/Os, i.e. two VM exits).
    const head = r.read(ptr, 2);
    out.push({ id: head & 0xff, offset: ptr });
    ptr = (head >> 8) & 0xfc;
  }
  return out;
}

export interface Bar {
  index: number;
  kind: 'mem' | 'io';
  is64: boolean;
  prefetchable: boolean;
  /** Bus address as programmed (firmware-assigned); 0 = not assigned. */
  address: number;
  /** Bytes decoded (after sizeBars); undefined until sized. */
  size?: number;
}

/** BAR registers of a header type: 6 for devices, 2 for PCI-to-PCI bridges, none otherwise. */
export function barCount(headerType: number): number {
  return headerType === 0 ? 6 : headerType === 1 ? 2 : 0;
}

/**
 * The BARs as programmed (PCI 3.0, 6.2.5.1). A register reading 0 is left out: unimplemented, or a
 * 32-bit memory BAR firmware left unassigned, unusable either way.
 */
export function parseBars(r: ConfigReader, headerType: number): Bar[] {
  const n = barCount(headerType);
  const out: Bar[] = [];
  for (let i = 0; i < n; i++) {
    const low = r.read(REG.BAR0 + 4 * i, 4) >>> 0;
    if (low === 0) continue;
    if (low & 1) {
      if (low >>> 2) out.push({ index: i, kind: 'io', is64: false, prefetchable: false, address: (low & 0xfffffffc) >>> 0 });
      continue;
    }
    const type = (low >>> 1) & 3;
    const prefetchable = (low & 8) !== 0;
    if (type === 2) {
      if (i + 1 >= n) throw new PciError(`BAR${i} is 64-bit but is the last BAR`);
      const high = r.read(REG.BAR0 + 4 * (i + 1), 4) >>> 0;
      out.push({ index: i, kind: 'mem', is64: true, prefetchable, address: high * 0x100000000 + ((low & 0xfffffff0) >>> 0) });
      i++;
      continue;
    }
    out.push({ index: i, kind: 'mem', is64: false, prefetchable, address: (low & 0xfffffff0) >>> 0 });
  }
  return out;
}

/**
 * The size a BAR decodes, from what it reads after all ones were written (the size mask): the
 * lowest writable address bit. `highMask` is the upper half's mask for 64-bit BARs. 0 = none.
 */
export function barSizeFromMask(lowMask: number, highMask: number | undefined, io: boolean): number {
  if (io) {
    const m = (lowMask & 0xfffffffc) >>> 0;
    // I/O BARs implement at most 16 address bits on x86; the upper bits may read back as 0.
    const m16 = (m | 0xffff0000) >>> 0;
    return m === 0 ? 0 : (~m16 + 1) & 0xffff || 0x10000;
  }
  const low = BigInt((lowMask & 0xfffffff0) >>> 0);
  if (low === 0n && !highMask) return 0; // nothing writable: the BAR is not implemented
  const mask = highMask === undefined ? low | 0xffffffff00000000n : (BigInt(highMask >>> 0) << 32n) | low;
  const size = ((~mask) & 0xffffffffffffffffn) + 1n;
  return Number(size);
}

/**
 * Sizes the BARs by writing all ones and reading back (PCI 3.0, 6.2.5.1), with memory and I/O
 * decoding off meanwhile so the all-ones address never decodes, then restores everything.
 */
export function sizeBars(cfg: ConfigSpace, bars: Bar[]): void {
  const command = cfg.read(REG.COMMAND, 2);
  cfg.write(REG.COMMAND, 2, command & ~(CMD.IO | CMD.MEMORY));
  try {
    for (const bar of bars) {
      const reg = REG.BAR0 + 4 * bar.index;
      const low = cfg.read(reg, 4);
      cfg.write(reg, 4, 0xffffffff);
      const lowMask = cfg.read(reg, 4);
      cfg.write(reg, 4, low);
      let highMask: number | undefined;
      if (bar.is64) {
        const high = cfg.read(reg + 4, 4);
        cfg.write(reg + 4, 4, 0xffffffff);
        highMask = cfg.read(reg + 4, 4);
        cfg.write(reg + 4, 4, high);
      }
      bar.size = barSizeFromMask(lowMask, highMask, bar.kind === 'io');
    }
  } finally {
    cfg.write(REG.COMMAND, 2, command);
  }
}
