// What drivers get from the machine: narrow capabilities, so a driver runs the same against the
// real hardware (os/core/machine.ts provides these over the native ops) and against simulated
// devices in unit tests (os/drivers/virtio/testing/).

/** A window of device registers (MMIO); offsets are relative to the window's base. */
export interface RegisterWindow {
  read32(offset: number): number;
  write32(offset: number, value: number): void;
  read16(offset: number): number;
  read8(offset: number): number;
  /** 16- and 8-bit stores: virtio-pci's common configuration has registers of those widths. */
  write16(offset: number, value: number): void;
  write8(offset: number, value: number): void;
}

/** x86 port I/O (the PCI configuration mechanism, ports 0xCF8/0xCFC). */
export interface PortIo {
  in(port: number, width: 1 | 2 | 4): number;
  out(port: number, width: 1 | 2 | 4, value: number): void;
}

/** Memory the device can read and write by physical address. */
export interface DmaRegion {
  bytes: Uint8Array;
  phys: number;
}

export interface Dma {
  /** Zeroed, physically contiguous memory. Freed when unreferenced (GC). */
  alloc(size: number, align: number): DmaRegion;
  /** A full memory barrier between descriptor writes and the device's view (mfence). */
  fence(): void;
}

/** An interrupt line routed to this OS: `onInterrupt` runs from the event loop, never nested. */
export interface IrqLine {
  readonly gsi: number;
  listen(handler: () => void): void;
}

/** Splits one DMA allocation into `count` buffers of `size` bytes (one allocation, not `count`). */
export function dmaSlices(dma: Dma, count: number, size: number, align = 16): DmaRegion[] {
  const stride = Math.ceil(size / align) * align;
  const whole = dma.alloc(stride * count, Math.max(align, 16));
  const out: DmaRegion[] = [];
  for (let i = 0; i < count; i++) {
    out.push({ bytes: whole.bytes.subarray(i * stride, i * stride + size), phys: whole.phys + i * stride });
  }
  return out;
}
