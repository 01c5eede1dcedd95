// virtio-console with VIRTIO_CONSOLE_F_MULTIPORT (Virtio 1.2, section 5.3): named ports over one
// device. The host tool attaches two ports (cli/run/qemu.ts):
//   org.nephos.stdio    guest -> host, the application's stdout and stderr, framed (below);
//   org.nephos.control  both ways, the host-to-guest control channel (a byte stream).
// Port discovery follows 5.3.6.2: post control receive buffers, send DEVICE_READY, answer each
// DEVICE_ADD with PORT_READY; the device then names each port (PORT_NAME) and says whether the
// host side is open (PORT_OPEN). The answers arrive asynchronously (under KVM, QEMU takes
// notifications through an ioeventfd in its own thread), so boot waits for the names it needs
// (waitForPorts), taking interrupts as they come.
//
// Output is batched: write() copies into a DMA ring and flush() publishes it with one notify
// (the event loop flushes once per turn). Transmit completions are reclaimed lazily; only while
// bytes wait for ring space are transmit interrupts enabled, so a backlog always drains.
//
// Stdio framing: each record is a 4-byte header [stream: u8 (1 stdout, 2 stderr)][length: u24 LE]
// followed by `length` bytes; cli/run/stdio.ts demultiplexes.
import { dmaSlices, type Dma, type DmaRegion } from '../hw';
import { MAX_INDIRECT, type SplitQueue } from './queue';
import { DeviceId, F, VirtioError, type VirtioTransport } from './transport';
import { decodeUtf8 } from '../../core/utf8';

const F_MULTIPORT = 1;
const C = { DEVICE_READY: 0, DEVICE_ADD: 1, DEVICE_REMOVE: 2, PORT_READY: 3, CONSOLE_PORT: 4, RESIZE: 5, PORT_OPEN: 6, PORT_NAME: 7 } as const;

const CONTROL_RX_BUFFERS = 16;
const CONTROL_BUFFER = 256;
const TX_RING = 64 * 1024;
const RX_BUFFERS = 8;
const RX_BUFFER = 4096;

export interface ConsolePortEvents {
  onData?(bytes: Uint8Array): void;
  onHostOpen?(open: boolean): void;
}

/** A byte ring in DMA memory for one port's transmit queue. */
class TxRing {
  private head = 0; // next byte to write
  private inFlight = 0; // bytes owned by the device
  private staged: { off: number; len: number }[] = [];
  private stagedBytes = 0;
  constructor(readonly mem: DmaRegion) {}
  get free(): number {
    return this.mem.bytes.length - this.inFlight - this.stagedBytes;
  }
  /** Copies as much of `data` as fits; returns the number of bytes taken. */
  put(data: Uint8Array): number {
    const n = Math.min(data.length, this.free);
    let done = 0;
    while (done < n) {
      const room = this.mem.bytes.length - this.head;
      const len = Math.min(room, n - done);
      this.mem.bytes.set(data.subarray(done, done + len), this.head);
      const last = this.staged[this.staged.length - 1];
      if (last && last.off + last.len === this.head) last.len += len;
      else this.staged.push({ off: this.head, len });
      this.head = (this.head + len) % this.mem.bytes.length;
      done += len;
    }
    this.stagedBytes += n;
    return n;
  }
  takeStaged(): { off: number; len: number }[] {
    const s = this.staged;
    this.inFlight += this.stagedBytes;
    this.staged = [];
    this.stagedBytes = 0;
    return s;
  }
  completed(len: number): void {
    this.inFlight -= len;
  }
  /** Bytes staged or owned by the device. */
  get busy(): boolean {
    return this.inFlight > 0 || this.stagedBytes > 0;
  }
}

export class ConsolePort {
  name = '';
  hostOpen = false;
  events: ConsolePortEvents = {};
  /** Bytes waiting because the transmit ring was full (sent when the device catches up). */
  private backlog: Uint8Array[] = [];
  constructor(readonly id: number, readonly con: VirtioConsole, readonly rx: SplitQueue<DmaRegion> | undefined,
              readonly tx: SplitQueue<number>, readonly ring: TxRing) {}

  write(data: Uint8Array): void {
    if (this.backlog.length) {
      this.backlog.push(data.slice());
      return;
    }
    const n = this.ring.put(data);
    if (n < data.length) {
      this.backlog.push(data.slice(n));
      this.con.flush();
    }
  }

  get pending(): boolean {
    return this.backlog.length > 0 || this.ring.busy;
  }

  get backlogged(): boolean {
    return this.backlog.length > 0;
  }

  /**
   * Publishes staged bytes; returns true if the device must be notified. The staged pieces (two
   * when the ring wrapped) go as one chain: with VIRTIO_F_INDIRECT_DESC one ring descriptor.
   */
  publish(): boolean {
    const chunks = this.ring.takeStaged();
    if (chunks.length) {
      const total = chunks.reduce((n, c) => n + c.len, 0);
      const chain = chunks.map((c) => ({ phys: this.ring.mem.phys + c.off, len: c.len, writable: false }));
      if (chunks.length > MAX_INDIRECT || !this.tx.add(chain, total)) {
        const unsent: Uint8Array[] = [];
        for (const chunk of chunks) {
          if (unsent.length || !this.tx.add([{ phys: this.ring.mem.phys + chunk.off, len: chunk.len, writable: false }], chunk.len)) {
            // Descriptors exhausted: cannot happen with ring-sized chunks, but never lose bytes
            // (nor reorder them: what did not go waits, in order, ahead of the backlog).
            this.ring.completed(chunk.len);
            unsent.push(this.ring.mem.bytes.slice(chunk.off, chunk.off + chunk.len));
          }
        }
        this.backlog.unshift(...unsent);
      }
    }
    return this.tx.publish();
  }

  reclaim(): void {
    for (let u; (u = this.tx.takeUsed()); ) this.ring.completed(u.token);
    while (this.backlog.length && this.ring.free > 0) {
      const first = this.backlog[0];
      const n = this.ring.put(first);
      if (n === first.length) this.backlog.shift();
      else {
        this.backlog[0] = first.subarray(n);
        break;
      }
    }
  }

  receive(): void {
    if (!this.rx) return;
    for (let u; (u = this.rx.takeUsed()); ) {
      const region = u.token;
      const len = Math.min(u.len, region.bytes.length);
      if (len) this.events.onData?.(region.bytes.slice(0, len));
      this.rx.add([{ phys: region.phys, len: region.bytes.length, writable: true }], region);
    }
    if (this.rx.publish()) this.con.dev.notify(this.rxIndex);
  }

  get rxIndex(): number {
    return 2 * (this.id + 1);
  }
}

export class VirtioConsole {
  readonly ports = new Map<number, ConsolePort>();
  private readonly controlRx: SplitQueue<DmaRegion>;
  private readonly controlTx: SplitQueue<DmaRegion>;
  private readonly maxPorts: number;
  private readonly dma: Dma;
  stats = { notifies: 0, bytesOut: 0, controlMessages: 0, deviceErrors: 0 };

  constructor(readonly dev: VirtioTransport) {
    if (dev.deviceId !== DeviceId.CONSOLE) throw new VirtioError('not a console device');
    this.dma = dev.dma;
    dev.negotiate([F_MULTIPORT, F.EVENT_IDX, F.INDIRECT_DESC]);
    if (!dev.has(F_MULTIPORT)) throw new VirtioError('virtio-console without MULTIPORT: start QEMU with virtio-serial-device');
    this.maxPorts = dev.config32(4);
    if (this.maxPorts < 2 || this.maxPorts > 32) throw new VirtioError(`virtio-console: ${this.maxPorts} ports`);
    this.controlRx = dev.setupQueue<DmaRegion>(2, 32);
    this.controlTx = dev.setupQueue<DmaRegion>(3, 16);
    this.controlTx.setInterrupts(false);
    // Port 0 is the console port (unused); ports 1.. get a receive and a transmit queue.
    for (let id = 1; id < this.maxPorts; id++) {
      const rx = dev.setupQueue<DmaRegion>(2 * (id + 1), RX_BUFFERS);
      const tx = dev.setupQueue<number>(2 * (id + 1) + 1, 64);
      tx.setInterrupts(false);
      const port = new ConsolePort(id, this, rx, tx, new TxRing(this.dma.alloc(TX_RING, 4096)));
      for (const region of dmaSlices(this.dma, RX_BUFFERS, RX_BUFFER)) rx.add([{ phys: region.phys, len: RX_BUFFER, writable: true }], region);
      rx.publish();
      this.ports.set(id, port);
    }
    for (const region of dmaSlices(this.dma, CONTROL_RX_BUFFERS, CONTROL_BUFFER)) {
      this.controlRx.add([{ phys: region.phys, len: CONTROL_BUFFER, writable: true }], region);
    }
    this.controlRx.publish();
    dev.ready();
    this.sendControl(0xffffffff, C.DEVICE_READY, 1);
    this.flushControl();
    this.processControl();
  }

  port(name: string): ConsolePort | undefined {
    for (const p of this.ports.values()) if (p.name === name) return p;
    return undefined;
  }

  private sendControl(id: number, event: number, value: number): void {
    const region = this.dma.alloc(8, 8);
    const dv = new DataView(region.bytes.buffer, region.bytes.byteOffset, 8);
    dv.setUint32(0, id, true);
    dv.setUint16(4, event, true);
    dv.setUint16(6, value, true);
    this.controlTx.add([{ phys: region.phys, len: 8, writable: false }], region);
  }

  private flushControl(): void {
    if (this.controlTx.publish()) this.notify(3);
    for (; this.controlTx.takeUsed(); ) { /* buffers are garbage once used */ }
  }

  private notify(queue: number): void {
    this.stats.notifies++;
    this.dev.notify(queue);
  }

  /** Handles control messages from the device until none are left. */
  processControl(): void {
    let replies = false;
    for (let round = 0; round < 8; round++) {
      let any = false;
      for (let u; (u = this.controlRx.takeUsed()); ) {
        any = true;
        this.stats.controlMessages++;
        const region = u.token;
        if (u.len >= 8) replies = this.handleControl(region.bytes.subarray(0, Math.min(u.len, region.bytes.length))) || replies;
        this.controlRx.add([{ phys: region.phys, len: CONTROL_BUFFER, writable: true }], region);
      }
      if (this.controlRx.publish()) this.notify(2);
      if (replies) {
        replies = false;
        this.flushControl();
        continue;
      }
      if (!any) break;
    }
    this.stats.deviceErrors = this.controlRx.errors + this.controlTx.errors;
  }

  private handleControl(msg: Uint8Array): boolean {
    const dv = new DataView(msg.buffer, msg.byteOffset, msg.byteLength);
    const id = dv.getUint32(0, true);
    const event = dv.getUint16(4, true);
    const value = dv.getUint16(6, true);
    const port = this.ports.get(id);
    switch (event) {
      case C.DEVICE_ADD:
        this.sendControl(id, C.PORT_READY, port ? 1 : 0);
        return true;
      case C.PORT_NAME:
        if (port) port.name = decodeUtf8(msg.subarray(8)).replace(/\0+$/, '');
        return false;
      case C.PORT_OPEN:
        if (port) {
          const open = value === 1;
          if (open !== port.hostOpen) {
            port.hostOpen = open;
            port.events.onHostOpen?.(open);
          }
          if (open) {
            this.sendControl(id, C.PORT_OPEN, 1);
            return true;
          }
        }
        return false;
      default:
        return false;
    }
  }

  /** Publishes every port's staged output with one notify per port that needs it. */
  flush(): void {
    for (const p of this.ports.values()) {
      p.reclaim();
      if (p.publish()) this.notify(2 * (p.id + 1) + 1);
      p.reclaim();
      // Ask for a completion interrupt only while bytes wait for ring space.
      p.tx.setInterrupts(p.backlogged);
    }
  }

  /** True once the device has named at least one port (PORT_NAME seen). */
  hasNames(): boolean {
    for (const p of this.ports.values()) if (p.name) return true;
    return false;
  }

  /** True once every named port has been announced by the device. */
  hasPorts(names: string[]): boolean {
    return names.every((n) => this.port(n) !== undefined);
  }

  /** True while output is staged, in flight or backlogged. */
  get pending(): boolean {
    for (const p of this.ports.values()) if (p.pending) return true;
    return false;
  }

  /** Interrupt: control messages, received data, completed transmissions. */
  interrupt(): void {
    this.dev.takeInterrupt();
    // Process the queues even when the status read 0: an acknowledged-but-unprocessed completion
    // from before must not wait for the next interrupt.
    this.processControl();
    for (const p of this.ports.values()) p.receive();
    this.flush();
  }
}
