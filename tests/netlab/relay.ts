// The impairment relay: a host process on the VM's wire. QEMU's `-netdev dgram` carries each
// Ethernet frame of the VM's NIC as one UDP datagram on 127.0.0.1; the relay receives them on its
// "VM side" socket and forwards them to the "wire side" (a frame pump in front of a TAP device,
// lab.ts), and the other way round. On the way every frame meets a seeded fault injector (this
// host's kernel has no netem: design.md section 5):
//
//   VM (QEMU dgram) <-> [vm side | Impairer toVm / fromVm | wire side] <-> pump (QEMU tap) <-> Linux
//
// Faults, per direction, decided per frame from one PRNG stream per direction (so a seed gives the
// same decisions for the same sequence of frames; arrival times still vary from run to run):
//   loss        the frame is dropped
//   duplicate   the frame is delivered twice
//   corrupt     one bit after the Ethernet header is flipped (checksums must catch it: virtio and
//               QEMU carry no frame check sequence)
//   delayMs     every frame waits this long (one way), plus up to jitterMs
//   reorder     the frame waits reorderDelayMs more, so frames sent after it overtake it
// Delivery order is by due time (FIFO for equal delays), one timer per direction.
//
// The relay can also inject frames towards the VM (unimpaired, paced so that bursts are not lost
// in QEMU's socket buffer) and lets tests sniff both directions.
//
// A typical use:
//   const r = await Relay.open({ seed: 1, toVm: { loss: 0.05, delayMs: 20 }, fromVm: { loss: 0.05, delayMs: 20 } });
//   qemu -netdev dgram,...,local.port=<vm port>,remote.port=<r.vmSidePort>
//   r.connect({ vmPort, wirePort }); ... r.counters.toVm.dropped ...; await r.close();
import { createSocket, type Socket } from 'node:dgram';
import { Prng } from '../../os/net/testing/prng';

export interface Impairment {
  loss?: number;
  duplicate?: number;
  corrupt?: number;
  reorder?: number;
  /** Extra delay of a reordered frame (default 8 ms). */
  reorderDelayMs?: number;
  delayMs?: number;
  jitterMs?: number;
}

export interface DirectionCounters {
  frames: number;
  bytes: number;
  dropped: number;
  duplicated: number;
  corrupted: number;
  reordered: number;
  delivered: number;
  injected: number;
}

const ETHERNET_HEADER = 14;

export function emptyCounters(): DirectionCounters {
  return { frames: 0, bytes: 0, dropped: 0, duplicated: 0, corrupted: 0, reordered: 0, delivered: 0, injected: 0 };
}

/** The fault decisions for one direction (no I/O: unit-tested in relay.test.ts). */
export class Impairer {
  readonly counters = emptyCounters();
  private readonly rng: Prng;

  constructor(public cfg: Impairment, seed: number) {
    this.rng = new Prng(seed);
  }

  /** What becomes of one frame: the copies to deliver and their delays (none: dropped). */
  decide(frame: Buffer): { delayMs: number; frame: Buffer }[] {
    const c = this.cfg;
    this.counters.frames++;
    this.counters.bytes += frame.length;
    // Every decision draws from the stream whether or not it applies, so that changing one rate
    // does not shift the others' decisions.
    const lost = this.rng.chance(c.loss ?? 0);
    const dup = this.rng.chance(c.duplicate ?? 0);
    if (lost) {
      this.counters.dropped++;
      return [];
    }
    if (dup) this.counters.duplicated++;
    const out: { delayMs: number; frame: Buffer }[] = [];
    for (let copy = 0; copy < (dup ? 2 : 1); copy++) {
      let f = frame;
      if (this.rng.chance(c.corrupt ?? 0) && frame.length > ETHERNET_HEADER) {
        f = Buffer.from(frame);
        const at = ETHERNET_HEADER + this.rng.int(frame.length - ETHERNET_HEADER);
        f[at] ^= 1 << this.rng.int(8);
        this.counters.corrupted++;
      }
      let delay = (c.delayMs ?? 0) + (c.jitterMs ? this.rng.next() * c.jitterMs : 0);
      if (this.rng.chance(c.reorder ?? 0)) {
        delay += c.reorderDelayMs ?? 8;
        this.counters.reordered++;
      }
      out.push({ delayMs: delay, frame: f });
    }
    return out;
  }
}

/** Frames waiting for their due time, delivered in due order by one timer. */
export class DelayLine {
  private readonly queue: { due: number; seq: number; frame: Buffer }[] = [];
  private timer: NodeJS.Timeout | undefined;
  private seq = 0;
  private closed = false;

  constructor(private readonly deliver: (frame: Buffer) => void, private readonly now: () => number = () => performance.now()) {}

  get length(): number {
    return this.queue.length;
  }

  push(delayMs: number, frame: Buffer): void {
    if (this.closed) return;
    if (delayMs <= 0 && this.queue.length === 0) {
      this.deliver(frame);
      return;
    }
    const item = { due: this.now() + delayMs, seq: this.seq++, frame };
    // Mostly appended in order; a reordered frame is inserted by binary search.
    let lo = 0;
    let hi = this.queue.length;
    if (hi === 0 || this.queue[hi - 1].due <= item.due) lo = hi;
    else {
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (this.queue[mid].due <= item.due) lo = mid + 1;
        else hi = mid;
      }
    }
    this.queue.splice(lo, 0, item);
    if (lo === 0) this.arm();
  }

  private arm(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.queue.length || this.closed) return;
    const wait = Math.max(0, this.queue[0].due - this.now());
    this.timer = setTimeout(() => this.flush(), wait);
  }

  private flush(): void {
    this.timer = undefined;
    const t = this.now() + 0.5; // timers fire on whole milliseconds: take what is due within half of one
    let n = 0;
    while (n < this.queue.length && this.queue[n].due <= t) n++;
    const due = this.queue.splice(0, n);
    for (const it of due) this.deliver(it.frame);
    this.arm();
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.queue.length = 0;
  }
}

export interface RelayOptions {
  seed: number;
  toVm?: Impairment;
  fromVm?: Impairment;
}

function bind(): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = createSocket('udp4');
    s.once('error', reject);
    s.bind(0, '127.0.0.1', () => {
      s.off('error', reject);
      // Bursts from a fast peer must not be lost here before the impairment decides (capped by
      // the host's net.core.rmem_max; the default is enough for the rates QEMU produces).
      try {
        s.setRecvBufferSize(4 << 20);
        s.setSendBufferSize(4 << 20);
      } catch {
        // capped
      }
      resolve(s);
    });
  });
}

export class Relay {
  readonly toVm: Impairer;
  readonly fromVm: Impairer;
  /** Sniffers: every frame as it arrives (before impairment). */
  onFromVm?: (frame: Buffer) => void;
  onToVm?: (frame: Buffer) => void;
  private vmPort = 0;
  private wirePort = 0;
  private readonly toVmLine: DelayLine;
  private readonly fromVmLine: DelayLine;
  private closed = false;

  private constructor(private readonly vmSide: Socket, private readonly wireSide: Socket, o: RelayOptions) {
    // Two independent streams: the decisions in one direction do not depend on the traffic in the other.
    this.toVm = new Impairer(o.toVm ?? {}, o.seed);
    this.fromVm = new Impairer(o.fromVm ?? {}, (o.seed ^ 0x9e3779b9) >>> 0);
    this.toVmLine = new DelayLine((f) => this.sendToVm(f));
    this.fromVmLine = new DelayLine((f) => this.sendToWire(f));
    vmSide.on('message', (msg, rinfo) => {
      this.vmPort = rinfo.port; // QEMU's local port (learned, in case it differs from the configured one)
      this.onFromVm?.(msg);
      for (const d of this.fromVm.decide(msg)) this.fromVmLine.push(d.delayMs, d.frame);
    });
    wireSide.on('message', (msg, rinfo) => {
      this.wirePort = rinfo.port;
      this.onToVm?.(msg);
      for (const d of this.toVm.decide(msg)) this.toVmLine.push(d.delayMs, d.frame);
    });
    // A peer that is not listening yet makes sends fail with ECONNREFUSED on the next receive:
    // that is loss on a wire, not an error.
    vmSide.on('error', () => {});
    wireSide.on('error', () => {});
  }

  static async open(o: RelayOptions): Promise<Relay> {
    const [a, b] = await Promise.all([bind(), bind()]);
    return new Relay(a, b, o);
  }

  /** The UDP port the VM's QEMU sends to (its netdev's remote.port). */
  get vmSidePort(): number {
    return this.vmSide.address().port;
  }

  /** The UDP port the wire-side pump sends to. */
  get wireSidePort(): number {
    return this.wireSide.address().port;
  }

  get counters(): { toVm: DirectionCounters; fromVm: DirectionCounters } {
    return { toVm: this.toVm.counters, fromVm: this.fromVm.counters };
  }

  /** Where frames go: the VM's QEMU (its netdev's local.port) and the pump. */
  connect(ports: { vmPort: number; wirePort: number }): void {
    this.vmPort = ports.vmPort;
    this.wirePort = ports.wirePort;
  }

  setImpairment(dir: 'toVm' | 'fromVm', cfg: Impairment): void {
    this[dir].cfg = cfg;
  }

  /** Frames delayed and not yet delivered, both directions. */
  get inFlight(): number {
    return this.toVmLine.length + this.fromVmLine.length;
  }

  private sendToVm(f: Buffer): void {
    if (this.closed || !this.vmPort) return;
    this.toVm.counters.delivered++;
    this.vmSide.send(f, this.vmPort, '127.0.0.1');
  }

  private sendToWire(f: Buffer): void {
    if (this.closed || !this.wirePort) return;
    this.fromVm.counters.delivered++;
    this.wireSide.send(f, this.wirePort, '127.0.0.1');
  }

  /**
   * Sends frames to the VM without impairment, `batch` at a time with a pause of `pauseMs` between
   * batches (QEMU reads its socket only as fast as the guest takes frames; a burst beyond the
   * socket buffer would be lost before the guest sees it).
   */
  async inject(frames: Iterable<Uint8Array>, pace: { batch?: number; pauseMs?: number } = {}): Promise<number> {
    const batch = pace.batch ?? 32;
    const pauseMs = pace.pauseMs ?? 1;
    let n = 0;
    let inBatch = 0;
    for (const f of frames) {
      if (this.closed) break;
      await new Promise<void>((resolve) => this.vmSide.send(f, this.vmPort, '127.0.0.1', () => resolve()));
      this.toVm.counters.injected++;
      n++;
      if (++inBatch >= batch) {
        inBatch = 0;
        await new Promise((r) => setTimeout(r, pauseMs));
      }
    }
    return n;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.toVmLine.close();
    this.fromVmLine.close();
    await Promise.all([new Promise<void>((r) => this.vmSide.close(() => r())), new Promise<void>((r) => this.wireSide.close(() => r()))]);
  }
}
