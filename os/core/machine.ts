// The machine binding: the one file that reads the native op table. It takes the table from the
// global object and deletes the global, so application code can never reach the ops; the rest of
// the OS receives what it needs from here as plain capabilities (a loop platform, register
// windows, DMA memory, interrupt routing, clocks).
import type { NativeOps } from './ops';
import type { LoopPlatform } from './loop';
import type { Dma, DmaRegion, PortIo, RegisterWindow } from '../drivers/hw';

const g = globalThis as any;
const table: NativeOps | undefined = g.__nephos_ops;
if (table) delete g.__nephos_ops;

/** True inside a Nephos VM; false under host Node (unit tests). */
export const onMetal = table !== undefined;

/** The native ops. Throws under host Node: tests must pass simulated devices instead. */
export const ops: NativeOps = table ?? new Proxy({} as NativeOps, {
  get(_t, name) {
    throw new Error(`native op ${String(name)} used outside a Nephos VM`);
  },
});

export const EXIT = { exit: 0, panic: 1, oom: 2 } as const;
export const VEC_TIMER = 0x20;
export const VEC_IRQ_BASE = 0x30;

export const platform: LoopPlatform = {
  now: () => ops.op_now() / 1e6,
  irqSeq: () => ops.op_irq_seq(),
  takeInterrupts: () => ops.op_irq_take(),
  idle(seq: number, timeoutMs: number): void {
    if (timeoutMs >= 0) ops.op_timer_arm(Math.max(1000, timeoutMs * 1e6));
    ops.op_idle(seq);
  },
  // The engine's async context slot, carried by promise jobs (AsyncLocalStorage).
  asyncContext: {
    get: () => ops.op_async_context_get(),
    set: (value: unknown) => ops.op_async_context_set(value),
  },
};

export function registers(base: number): RegisterWindow {
  return {
    read32: (off) => ops.op_mmio_read(base + off, 4),
    write32: (off, v) => ops.op_mmio_write(base + off, 4, v),
    read16: (off) => ops.op_mmio_read(base + off, 2),
    read8: (off) => ops.op_mmio_read(base + off, 1),
    write16: (off, v) => ops.op_mmio_write(base + off, 2, v),
    write8: (off, v) => ops.op_mmio_write(base + off, 1, v),
  };
}

export const ports: PortIo = {
  in: (port, width) => ops.op_port_in(port, width),
  out: (port, width, value) => ops.op_port_out(port, width, value),
};

export const dma: Dma = {
  alloc(size: number, align: number): DmaRegion {
    const [buffer, phys] = ops.op_dma_alloc(size, align);
    return { bytes: new Uint8Array(buffer), phys };
  },
  fence: () => ops.op_mem_fence(),
};

/** Routes a GSI to its vector (VEC_IRQ_BASE + gsi); edge-triggered, active high. */
export function routeIrq(gsi: number): number | undefined {
  const vector = VEC_IRQ_BASE + gsi;
  return ops.op_irq_route(gsi, vector, 0) ? vector : undefined;
}
