// Simulated PCI configuration spaces for unit tests: byte fixtures behind ConfigSpace, with BARs
// that answer the sizing protocol (all ones written, the size mask read back) as hardware does.
import type { ConfigAccess, ConfigSpace, PciAddress, Width } from './config';

export class FakeFunction implements ConfigSpace {
  readonly bytes = new Uint8Array(256);
  private readonly dv = new DataView(this.bytes.buffer);
  /** BAR index -> decoded size (power of two); a 64-bit BAR's upper register answers too. */
  readonly barSizes = new Map<number, number>();
  readonly writes: [number, Width, number][] = [];

  constructor(vendor = 0x1af4, device = 0x1041) {
    this.set16(0x00, vendor);
    this.set16(0x02, device);
  }

  set8(o: number, v: number): this { this.bytes[o] = v; return this; }
  set16(o: number, v: number): this { this.dv.setUint16(o, v, true); return this; }
  set32(o: number, v: number): this { this.dv.setUint32(o, v >>> 0, true); return this; }

  /** Links capabilities: [offset, id, extra bytes after the 2-byte header]... in list order. */
  caps(list: [number, number, number[]?][]): this {
    this.set16(0x06, this.dv.getUint16(0x06, true) | 0x10);
    this.set8(0x34, list.length ? list[0][0] : 0);
    list.forEach(([off, id, body], i) => {
      this.set8(off, id);
      this.set8(off + 1, i + 1 < list.length ? list[i + 1][0] : 0);
      (body ?? []).forEach((b, k) => this.set8(off + 2 + k, b));
    });
    return this;
  }

  read(offset: number, width: Width): number {
    if (width === 1) return this.dv.getUint8(offset);
    if (width === 2) return this.dv.getUint16(offset, true);
    return this.dv.getUint32(offset, true);
  }

  write(offset: number, width: Width, value: number): void {
    this.writes.push([offset, width, value]);
    const bar = (offset - 0x10) >> 2;
    if (width === 4 && offset >= 0x10 && offset < 0x28 && (value >>> 0) === 0xffffffff) {
      this.dv.setUint32(offset, this.sizeMask(bar), true);
      return;
    }
    if (width === 1) this.dv.setUint8(offset, value);
    else if (width === 2) this.dv.setUint16(offset, value, true);
    else this.dv.setUint32(offset, value >>> 0, true);
  }

  private sizeMask(bar: number): number {
    const flags = this.dv.getUint32(0x10 + 4 * bar, true);
    const size = this.barSizes.get(bar);
    if (size !== undefined) {
      if (flags & 1) return ((~(size - 1) & 0xfffffffc) | 1) >>> 0;
      return ((Math.max(0, 0x100000000 - size) & 0xfffffff0) | (flags & 0xf)) >>> 0;
    }
    // The upper half of a 64-bit BAR: all ones below 4 GiB sizes.
    const below = this.barSizes.get(bar - 1);
    if (below !== undefined) return below > 0x100000000 ? (0x100000000 - below / 0x100000000) >>> 0 : 0xffffffff;
    return 0;
  }
}

/** A ConfigAccess over fake functions keyed "bus:dev.fn". */
export function fakeBus(fns: Record<string, FakeFunction>): ConfigAccess {
  const key = (a: PciAddress) => `${a.bus}:${a.dev}.${a.fn}`;
  return {
    read(a, offset, width) {
      const f = fns[key(a)];
      if (!f) return width === 1 ? 0xff : width === 2 ? 0xffff : 0xffffffff;
      return f.read(offset, width);
    },
    write(a, offset, width, value) {
      fns[key(a)]?.write(offset, width, value);
    },
  };
}
