// virtio-rng (Virtio 1.2, section 5.4): one queue of device-writable buffers the device fills with
// entropy. We request 64 bytes at boot (and on demand) and hand them to the kernel's pool.
import type { DmaRegion } from '../hw';
import type { SplitQueue } from './queue';
import { DeviceId, F, VirtioError, type VirtioTransport } from './transport';

export class VirtioRng {
  private readonly q: SplitQueue<DmaRegion>;
  private outstanding = 0;
  bytesReceived = 0;

  constructor(readonly dev: VirtioTransport, private readonly sink: (bytes: Uint8Array) => void) {
    if (dev.deviceId !== DeviceId.RNG) throw new VirtioError('not an rng device');
    dev.negotiate([F.EVENT_IDX]);
    this.q = dev.setupQueue<DmaRegion>(0, 4);
    dev.ready();
  }

  /** Asks the device for `n` bytes (delivered to the sink from interrupt()). */
  request(n = 64): void {
    const region = this.dev.dma.alloc(n, 16);
    if (this.q.add([{ phys: region.phys, len: n, writable: true }], region)) {
      this.outstanding++;
      if (this.q.publish()) this.dev.notify(0);
    }
  }

  get waiting(): boolean {
    return this.outstanding > 0;
  }

  /** Takes completed buffers (call from the interrupt handler, or to poll). */
  collect(): void {
    for (let u; (u = this.q.takeUsed()); ) {
      this.outstanding--;
      const n = Math.min(u.len, u.token.bytes.length);
      if (n > 0) {
        this.bytesReceived += n;
        this.sink(u.token.bytes.subarray(0, n));
      }
      u.token.bytes.fill(0);
    }
  }

  interrupt(): void {
    if (this.dev.takeInterrupt()) this.collect();
  }
}
