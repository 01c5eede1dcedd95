// Split virtqueues (Virtio 1.2, section 2.7): the descriptor table, the available ring the driver
// writes and the used ring the device writes, in one DMA block with the legacy layout (used ring
// 4 KiB-aligned) so the same memory serves modern and legacy transports.
//
// Invariants:
//   - a descriptor is either on the free list or part of exactly one chain the device owns;
//   - the driver never reads a used element it has not seen published (usedIdx), and a used
//     element naming a descriptor the device does not own is a device error: counted, the queue
//     marked broken, never an exception (a misbehaving device must not crash the OS);
//   - with VIRTIO_F_EVENT_IDX (2.7.10) notifications and interrupts are suppressed by the event
//     indexes; otherwise by the NO_NOTIFY / NO_INTERRUPT flags;
//   - with VIRTIO_F_INDIRECT_DESC (2.7.5.3) a chain of several buffers takes one ring descriptor
//     pointing at a table of them (a per-head table in DMA memory, allocated on first use and
//     reused), so multi-buffer sends do not exhaust the ring.
// A typical use: q.add([{ phys, len, writable }], token); q.kick(); later, in the interrupt
// handler, `for (let u; (u = q.takeUsed()); ) { ...u.token, u.len }`.
import type { Dma, DmaRegion } from '../hw';

const DESC_F_NEXT = 1;
const DESC_F_WRITE = 2;
const DESC_F_INDIRECT = 4;
/** Buffers one indirect table holds (16 bytes each). */
export const MAX_INDIRECT = 16;
const AVAIL_F_NO_INTERRUPT = 1;
const USED_F_NO_NOTIFY = 1;

export interface Buffer {
  phys: number;
  len: number;
  writable: boolean;
}

export interface Used<T> {
  token: T;
  len: number;
}

function align(n: number, a: number): number {
  return Math.ceil(n / a) * a;
}

/** Bytes a queue of `size` entries needs (legacy layout, also fine for modern devices). */
export function queueBytes(size: number): number {
  return align(16 * size + 6 + 2 * size, 4096) + align(6 + 8 * size, 4096);
}

export class SplitQueue<T> {
  readonly size: number;
  readonly mem: DmaRegion;
  readonly descPhys: number;
  readonly availPhys: number;
  readonly usedPhys: number;
  /** Device errors seen (bad used ids or lengths); the queue stops when > 0. */
  errors = 0;
  private readonly desc32: Uint32Array;
  private readonly desc16: Uint16Array;
  private readonly avail16: Uint16Array;
  private readonly used16: Uint16Array;
  private readonly used32: Uint32Array;
  private readonly usedOffset: number;
  private readonly tokens: (T | undefined)[];
  private readonly chainLength: Uint16Array;
  private freeHead = 0;
  private numFree: number;
  private availIdx = 0;
  private kickedIdx = 0;
  private lastUsed = 0;
  private eventIdx = false;
  private indirect = false;
  /** Indirect tables by head descriptor (allocated on first use, reused). */
  private readonly tables = new Map<number, { region: DmaRegion; d32: Uint32Array; d16: Uint16Array }>();
  /** used_event has been fenced since it last moved (see takeUsed). */
  private eventPublished = true;

  constructor(size: number, private readonly dma: Dma, private readonly fence: () => void) {
    if (size <= 0 || size > 32768 || (size & (size - 1))) throw new RangeError(`virtqueue size ${size} is not a power of two`);
    this.size = size;
    this.mem = dma.alloc(queueBytes(size), 4096);
    const buf = this.mem.bytes.buffer;
    const base = this.mem.bytes.byteOffset;
    this.descPhys = this.mem.phys;
    this.availPhys = this.mem.phys + 16 * size;
    this.usedOffset = align(16 * size + 6 + 2 * size, 4096);
    this.usedPhys = this.mem.phys + this.usedOffset;
    this.desc32 = new Uint32Array(buf, base, 4 * size);
    this.desc16 = new Uint16Array(buf, base, 8 * size);
    this.avail16 = new Uint16Array(buf, base + 16 * size, 3 + size);
    this.used16 = new Uint16Array(buf, base + this.usedOffset, 3 + 4 * size);
    this.used32 = new Uint32Array(buf, base + this.usedOffset + 4, 2 * size);
    this.tokens = new Array(size).fill(undefined);
    this.chainLength = new Uint16Array(size);
    for (let i = 0; i < size; i++) this.desc16[i * 8 + 7] = (i + 1) % size; // next
    this.numFree = size;
  }

  /** Called by the transport once features are negotiated. */
  setEventIdx(on: boolean): void {
    this.eventIdx = on;
  }

  /** Called by the transport once features are negotiated (VIRTIO_F_INDIRECT_DESC). */
  setIndirect(on: boolean): void {
    this.indirect = on;
  }

  get free(): number {
    return this.numFree;
  }

  /** Queues a chain of buffers (device-readable first, then device-writable). False if full. */
  add(buffers: Buffer[], token: T): boolean {
    const n = buffers.length;
    if (n === 0 || this.errors) return false;
    if (n > 1 && this.indirect && n <= MAX_INDIRECT && this.numFree > 0) return this.addIndirect(buffers, token);
    if (n > this.numFree) return false;
    const head = this.freeHead;
    let i = head;
    let last = head;
    for (let k = 0; k < n; k++) {
      const b = buffers[k];
      const d = i * 4;
      this.desc32[d] = b.phys >>> 0;
      this.desc32[d + 1] = Math.floor(b.phys / 0x100000000);
      this.desc32[d + 2] = b.len >>> 0;
      this.desc16[i * 8 + 6] = (b.writable ? DESC_F_WRITE : 0) | (k < n - 1 ? DESC_F_NEXT : 0);
      last = i;
      i = this.desc16[i * 8 + 7];
    }
    this.freeHead = i;
    this.numFree -= n;
    this.tokens[head] = token;
    this.chainLength[head] = n;
    void last;
    this.avail16[2 + (this.availIdx % this.size)] = head;
    this.availIdx = (this.availIdx + 1) & 0xffff;
    return true;
  }

  /**
   * One ring descriptor with VIRTQ_DESC_F_INDIRECT pointing at a table of `buffers` chained by
   * NEXT within the table (2.7.5.3.1: the ring descriptor has neither NEXT nor WRITE; the table's
   * descriptors never INDIRECT).
   */
  private addIndirect(buffers: Buffer[], token: T): boolean {
    const head = this.freeHead;
    let t = this.tables.get(head);
    if (!t) {
      const region = this.dma.alloc(16 * MAX_INDIRECT, 16);
      const buf = region.bytes.buffer;
      t = { region, d32: new Uint32Array(buf, region.bytes.byteOffset, 4 * MAX_INDIRECT), d16: new Uint16Array(buf, region.bytes.byteOffset, 8 * MAX_INDIRECT) };
      this.tables.set(head, t);
    }
    const n = buffers.length;
    for (let k = 0; k < n; k++) {
      const b = buffers[k];
      t.d32[k * 4] = b.phys >>> 0;
      t.d32[k * 4 + 1] = Math.floor(b.phys / 0x100000000);
      t.d32[k * 4 + 2] = b.len >>> 0;
      t.d16[k * 8 + 6] = (b.writable ? DESC_F_WRITE : 0) | (k < n - 1 ? DESC_F_NEXT : 0);
      t.d16[k * 8 + 7] = k + 1 < n ? k + 1 : 0;
    }
    const d = head * 4;
    this.desc32[d] = t.region.phys >>> 0;
    this.desc32[d + 1] = Math.floor(t.region.phys / 0x100000000);
    this.desc32[d + 2] = 16 * n;
    this.desc16[head * 8 + 6] = DESC_F_INDIRECT;
    this.freeHead = this.desc16[head * 8 + 7];
    this.numFree -= 1;
    this.tokens[head] = token;
    this.chainLength[head] = 1;
    this.avail16[2 + (this.availIdx % this.size)] = head;
    this.availIdx = (this.availIdx + 1) & 0xffff;
    return true;
  }

  /** Publishes added chains; returns true when the device must be notified. */
  publish(): boolean {
    if (this.availIdx === this.kickedIdx) return false;
    this.fence();
    this.avail16[1] = this.availIdx;
    this.fence();
    const old = this.kickedIdx;
    const now = this.availIdx;
    this.kickedIdx = now;
    if (this.eventIdx) {
      const event = this.used16[2 + 4 * this.size];
      return ((now - event - 1) & 0xffff) < ((now - old) & 0xffff);
    }
    return (this.used16[0] & USED_F_NO_NOTIFY) === 0;
  }

  /** Next completed chain, or undefined. Frees its descriptors. */
  takeUsed(): Used<T> | undefined {
    if (this.errors) return undefined;
    let usedIdx = this.used16[1];
    if (usedIdx === this.lastUsed) {
      if (!this.eventIdx || this.eventPublished) return undefined;
      // We just moved used_event (below). The device may have published an entry before our store
      // became visible to it and decided not to interrupt (x86 may reorder a store with a later
      // load): fence, then look once more, as Linux's virtqueue_enable_cb does (Virtio 1.2,
      // 2.7.10). Without this a wake-up can be lost for good.
      this.fence();
      this.eventPublished = true;
      usedIdx = this.used16[1];
      if (usedIdx === this.lastUsed) return undefined;
    }
    this.eventPublished = false;
    const slot = this.lastUsed % this.size;
    const id = this.used32[slot * 2];
    const len = this.used32[slot * 2 + 1];
    this.lastUsed = (this.lastUsed + 1) & 0xffff;
    if (this.eventIdx) this.avail16[2 + this.size] = this.lastUsed;
    const token = id < this.size ? this.tokens[id] : undefined;
    if (token === undefined) {
      this.errors++;
      return undefined;
    }
    this.tokens[id] = undefined;
    const n = this.chainLength[id];
    let tail = id;
    for (let k = 1; k < n; k++) tail = this.desc16[tail * 8 + 7];
    this.desc16[tail * 8 + 7] = this.freeHead;
    this.freeHead = id;
    this.numFree += n;
    return { token, len };
  }

  /** True if the device has published used elements not yet taken. */
  hasUsed(): boolean {
    return this.used16[1] !== this.lastUsed;
  }

  /** Asks the device for interrupts (or not) on completions. */
  setInterrupts(on: boolean): void {
    if (this.eventIdx) {
      // With EVENT_IDX, interrupts are requested by used_event; "off" moves it far away.
      this.avail16[2 + this.size] = on ? this.lastUsed : (this.lastUsed - 1) & 0xffff;
    } else {
      this.avail16[0] = on ? 0 : AVAIL_F_NO_INTERRUPT;
    }
    this.fence();
  }
}
