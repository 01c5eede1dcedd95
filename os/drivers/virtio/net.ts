// virtio-net (Virtio 1.2, section 5.1): one receive and one transmit queue, the MAC address and
// link status from the configuration space, mergeable receive buffers, and checksum offload in
// both directions when the device offers it.
//
// Receive is zero-copy: frames are handed to onReceive as views of the DMA buffers, which are
// re-posted once the batch is processed (the network stack copies what it keeps). Transmit copies
// each frame once into a DMA buffer behind its virtio header; flush() publishes the batch with one
// notification (the event loop flushes once per turn). Transmit completions are reclaimed lazily;
// transmit interrupts are requested only while the queue is full.
//
// A device that reports impossible lengths or buffer ids gets its frames dropped and counted
// (stats.deviceErrors); nothing it writes can make the driver throw.
import { dmaSlices, type DmaRegion } from '../hw';
import type { SplitQueue } from './queue';
import { DeviceId, F, VirtioError, type VirtioTransport } from './transport';

export const NetF = { CSUM: 0, GUEST_CSUM: 1, MTU: 3, MAC: 5, MRG_RXBUF: 15, STATUS: 16 } as const;

const HDR = 12; // struct virtio_net_hdr with num_buffers (VERSION_1 / MRG_RXBUF)
const HDR_F_NEEDS_CSUM = 1;
const HDR_F_DATA_VALID = 2;
const RX_BUF = 2048;
const TX_BUF = 2048;
const MAX_FRAME = 1514;

export interface ChecksumOffload {
  /** Offset in the frame where checksumming starts (the L4 header). */
  start: number;
  /** Offset of the checksum field from `start`. */
  offset: number;
}

export interface NetDeviceStats {
  rxFrames: number;
  rxBytes: number;
  txFrames: number;
  txBytes: number;
  rxDropped: number;
  txDropped: number;
  deviceErrors: number;
  notifies: number;
  interrupts: number;
}

export class VirtioNet {
  readonly mac: Uint8Array;
  readonly mtu: number;
  readonly txChecksum: boolean;
  readonly rxChecksum: boolean;
  linkUp = true;
  onReceive: (frame: Uint8Array, checksumValid: boolean) => void = () => {};
  readonly stats: NetDeviceStats = { rxFrames: 0, rxBytes: 0, txFrames: 0, txBytes: 0, rxDropped: 0, txDropped: 0, deviceErrors: 0, notifies: 0, interrupts: 0 };
  private readonly rx: SplitQueue<DmaRegion>;
  private readonly tx: SplitQueue<DmaRegion>;
  private readonly txFree: DmaRegion[] = [];
  private readonly mergeable: boolean;
  private txStaged = 0;

  constructor(readonly dev: VirtioTransport, rxBuffers = 256, txBuffers = 256) {
    if (dev.deviceId !== DeviceId.NET) throw new VirtioError('not a network device');
    const f = dev.negotiate([NetF.CSUM, NetF.GUEST_CSUM, NetF.MAC, NetF.MRG_RXBUF, NetF.STATUS, NetF.MTU, F.EVENT_IDX]);
    this.mergeable = f.has(NetF.MRG_RXBUF);
    this.txChecksum = f.has(NetF.CSUM);
    this.rxChecksum = f.has(NetF.GUEST_CSUM);
    this.mac = new Uint8Array(6);
    if (f.has(NetF.MAC)) for (let i = 0; i < 6; i++) this.mac[i] = dev.config8(i);
    else {
      // No MAC from the device: a locally administered one (02:...).
      this.mac.set([0x02, 0x6e, 0x65, 0x70, 0x68, 0x01]);
    }
    if (f.has(NetF.STATUS)) this.linkUp = (dev.config16(6) & 1) === 1;
    this.mtu = f.has(NetF.MTU) ? Math.min(dev.config16(10), 1500) : 1500;
    this.rx = dev.setupQueue<DmaRegion>(0, rxBuffers);
    this.tx = dev.setupQueue<DmaRegion>(1, txBuffers);
    this.tx.setInterrupts(false);
    for (const b of dmaSlices(dev.dma, this.rx.size, RX_BUF)) this.rx.add([{ phys: b.phys, len: RX_BUF, writable: true }], b);
    this.txFree.push(...dmaSlices(dev.dma, this.tx.size, TX_BUF));
    this.rx.publish();
    dev.ready();
    this.notify(0);
  }

  private notify(q: number): void {
    this.stats.notifies++;
    this.dev.notify(q);
  }

  /**
   * Queues a frame for transmission (copied); with `csum` the device fills in the L4 checksum
   * (only when txChecksum). Returns false when the transmit queue is full (the frame is dropped and
   * counted; TCP retransmits).
   */
  transmit(frame: Uint8Array, csum?: ChecksumOffload): boolean {
    if (frame.length > MAX_FRAME || frame.length < 14) {
      this.stats.txDropped++;
      return false;
    }
    let buf = this.txFree.pop();
    if (!buf) {
      this.reclaim();
      buf = this.txFree.pop();
      if (!buf) {
        this.stats.txDropped++;
        this.tx.setInterrupts(true);
        return false;
      }
    }
    const b = buf.bytes;
    b.fill(0, 0, HDR);
    if (csum && this.txChecksum) {
      b[0] = HDR_F_NEEDS_CSUM;
      b[6] = csum.start & 0xff;
      b[7] = csum.start >> 8;
      b[8] = csum.offset & 0xff;
      b[9] = csum.offset >> 8;
    }
    b.set(frame, HDR);
    if (!this.tx.add([{ phys: buf.phys, len: HDR + frame.length, writable: false }], buf)) {
      this.txFree.push(buf);
      this.stats.txDropped++;
      return false;
    }
    this.txStaged++;
    this.stats.txFrames++;
    this.stats.txBytes += frame.length;
    return true;
  }

  /** Publishes staged frames (one notification if the device wants one). */
  flush(): void {
    if (this.txStaged === 0) return;
    this.txStaged = 0;
    if (this.tx.publish()) this.notify(1);
  }

  private reclaim(): void {
    for (let u; (u = this.tx.takeUsed()); ) this.txFree.push(u.token);
    if (this.tx.errors) this.stats.deviceErrors = this.tx.errors + this.rx.errors;
  }

  /** Takes received frames and delivers them; re-posts the buffers. */
  receive(): number {
    let n = 0;
    const repost: DmaRegion[] = [];
    for (let u; (u = this.rx.takeUsed()); ) {
      const b = u.token;
      repost.push(b);
      let len = u.len;
      if (len < HDR || len > b.bytes.length) {
        this.stats.rxDropped++;
        continue;
      }
      const flags = b.bytes[0];
      const numBuffers = this.mergeable ? b.bytes[10] | (b.bytes[11] << 8) : 1;
      let frame: Uint8Array;
      if (numBuffers <= 1) {
        frame = b.bytes.subarray(HDR, len);
      } else {
        // A frame spread over several buffers (MRG_RXBUF): gather into one copy.
        const parts = [b.bytes.subarray(HDR, len)];
        let total = len - HDR;
        let bad = false;
        for (let k = 1; k < numBuffers; k++) {
          const v = this.rx.takeUsed();
          if (!v) {
            bad = true;
            break;
          }
          repost.push(v.token);
          if (v.len > v.token.bytes.length) {
            bad = true;
            continue;
          }
          parts.push(v.token.bytes.subarray(0, v.len));
          total += v.len;
        }
        if (bad || total > 65535) {
          this.stats.rxDropped++;
          continue;
        }
        frame = new Uint8Array(total);
        let off = 0;
        for (const p of parts) {
          frame.set(p, off);
          off += p.length;
        }
        len = total + HDR;
      }
      if (frame.length < 14) {
        this.stats.rxDropped++;
        continue;
      }
      this.stats.rxFrames++;
      this.stats.rxBytes += frame.length;
      n++;
      try {
        this.onReceive(frame, this.rxChecksum && (flags & HDR_F_DATA_VALID) !== 0);
      } catch {
        // The stack must never throw on input; if it does, drop the frame, not the driver.
        this.stats.rxDropped++;
      }
    }
    for (const b of repost) this.rx.add([{ phys: b.phys, len: RX_BUF, writable: true }], b);
    if (repost.length && this.rx.publish()) this.notify(0);
    this.stats.deviceErrors = this.tx.errors + this.rx.errors;
    return n;
  }

  /** Interrupt: acknowledge, take received frames, reclaim transmit buffers, config changes. */
  interrupt(): void {
    this.stats.interrupts++;
    const isr = this.dev.takeInterrupt();
    if (isr & 2) this.linkUp = (this.dev.config16(6) & 1) === 1;
    this.receive();
    this.reclaim();
    if (this.txFree.length) this.tx.setInterrupts(false);
  }
}
