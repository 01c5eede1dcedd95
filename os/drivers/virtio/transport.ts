// What a virtio device driver needs from its transport (Virtio 1.2, section 4): feature
// negotiation, queue setup, notification, interrupt acknowledgement and the device-specific
// configuration space. virtio-mmio (mmio.ts) and virtio-pci (pci.ts) implement it, so the device
// drivers (net.ts, console.ts, rng.ts) run unchanged on either.
import type { Dma } from '../hw';
import type { SplitQueue } from './queue';

export const Status = { ACKNOWLEDGE: 1, DRIVER: 2, DRIVER_OK: 4, FEATURES_OK: 8, NEEDS_RESET: 64, FAILED: 128 } as const;

/** Feature bits common to all devices (6.), as bit numbers. */
export const F = { INDIRECT_DESC: 28, EVENT_IDX: 29, VERSION_1: 32, ACCESS_PLATFORM: 33 } as const;

/** Device types (5.): the same numbers on every transport. */
export const DeviceId = { NET: 1, BLOCK: 2, CONSOLE: 3, RNG: 4 } as const;

export class VirtioError extends Error {}

export interface VirtioTransport {
  readonly deviceId: number;
  readonly dma: Dma;
  /**
   * Resets the device and negotiates features: `wanted` (bit numbers) intersected with what the
   * device offers (VERSION_1 is always asked for on modern transports). Returns the negotiated set.
   */
  negotiate(wanted: number[]): Set<number>;
  has(bit: number): boolean;
  /** Sets up queue `index` with at most `wanted` entries (rounded down to a power of two). */
  setupQueue<T>(index: number, wanted: number): SplitQueue<T>;
  /** DRIVER_OK: queues are set up. */
  ready(): void;
  fail(): void;
  notify(queueIndex: number): void;
  /** Reads and acknowledges the interrupt cause (bit 0: used buffers, bit 1: config change). */
  takeInterrupt(): number;
  config32(offset: number): number;
  config16(offset: number): number;
  config8(offset: number): number;
}

/** The set of bit numbers in a 64-bit feature word. */
export function featureSet(bits: bigint): Set<number> {
  const out = new Set<number>();
  for (let b = 0; b < 64; b++) if (bits & (1n << BigInt(b))) out.add(b);
  return out;
}

/** The feature word for a list of bit numbers. */
export function featureWord(bits: number[]): bigint {
  let w = 0n;
  for (const b of bits) w |= 1n << BigInt(b);
  return w;
}
