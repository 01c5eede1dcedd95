// The virtio-mmio transport (Virtio 1.2, section 4.2): device discovery by magic value, status and
// feature negotiation, queue setup, notification and interrupt acknowledgement. Modern (version 2)
// is the primary path; legacy (version 1, QEMU's default without force-legacy=false) costs a few
// lines and is supported too.
//
// Every register access is a VM exit (~30 us under nested PVM), so the init sequence is minimal and
// hot paths touch only QueueNotify (batched, suppressed with EVENT_IDX), InterruptStatus and
// InterruptACK.
import type { Dma, RegisterWindow } from '../hw';
import { SplitQueue } from './queue';
import { F, featureSet, Status, VirtioError, type VirtioTransport } from './transport';

export { DeviceId, F, Status, VirtioError } from './transport';

export const VIRTIO_MAGIC = 0x74726976; // "virt"

const R = {
  magic: 0x000, version: 0x004, deviceId: 0x008, vendorId: 0x00c,
  deviceFeatures: 0x010, deviceFeaturesSel: 0x014, driverFeatures: 0x020, driverFeaturesSel: 0x024,
  guestPageSize: 0x028, queueSel: 0x030, queueNumMax: 0x034, queueNum: 0x038, queueAlign: 0x03c,
  queuePfn: 0x040, queueReady: 0x044, queueNotify: 0x050, interruptStatus: 0x060, interruptAck: 0x064,
  status: 0x070, queueDescLow: 0x080, queueDescHigh: 0x084, queueDriverLow: 0x090,
  queueDriverHigh: 0x094, queueDeviceLow: 0x0a0, queueDeviceHigh: 0x0a4, configGeneration: 0x0fc,
  config: 0x100,
} as const;

export class VirtioMmio implements VirtioTransport {
  readonly version: number;
  readonly deviceId: number;
  private features = 0n;

  constructor(readonly regs: RegisterWindow, readonly dma: Dma, readonly base = 0, readonly gsi = -1) {
    if (regs.read32(R.magic) !== VIRTIO_MAGIC) throw new VirtioError('no virtio-mmio device (bad magic)');
    this.version = regs.read32(R.version);
    if (this.version !== 1 && this.version !== 2) throw new VirtioError(`unsupported virtio-mmio version ${this.version}`);
    this.deviceId = regs.read32(R.deviceId);
  }

  get legacy(): boolean {
    return this.version === 1;
  }

  /**
   * Resets the device and negotiates features: `wanted` (bit numbers) intersected with what the
   * device offers. Returns the negotiated set. Modern devices must accept VERSION_1.
   */
  negotiate(wanted: number[]): Set<number> {
    const r = this.regs;
    r.write32(R.status, 0);
    r.write32(R.status, Status.ACKNOWLEDGE | Status.DRIVER);
    r.write32(R.deviceFeaturesSel, 0);
    let offered = BigInt(r.read32(R.deviceFeatures) >>> 0);
    if (!this.legacy) {
      r.write32(R.deviceFeaturesSel, 1);
      offered |= BigInt(r.read32(R.deviceFeatures) >>> 0) << 32n;
    }
    let want = 0n;
    for (const bit of wanted) want |= 1n << BigInt(bit);
    if (!this.legacy) want |= 1n << BigInt(F.VERSION_1);
    const chosen = offered & want;
    if (!this.legacy && !(chosen & (1n << BigInt(F.VERSION_1)))) {
      this.fail();
      throw new VirtioError('device does not offer VIRTIO_F_VERSION_1');
    }
    // Selector 0 is the reset value of DriverFeaturesSel: write the low word without selecting.
    r.write32(R.driverFeatures, Number(chosen & 0xffffffffn));
    if (!this.legacy) {
      r.write32(R.driverFeaturesSel, 1);
      r.write32(R.driverFeatures, Number(chosen >> 32n));
      r.write32(R.status, Status.ACKNOWLEDGE | Status.DRIVER | Status.FEATURES_OK);
      if (!(r.read32(R.status) & Status.FEATURES_OK)) {
        this.fail();
        throw new VirtioError('device refused the negotiated features');
      }
    } else {
      r.write32(R.guestPageSize, 4096);
    }
    this.features = chosen;
    return featureSet(chosen);
  }

  has(bit: number): boolean {
    return (this.features & (1n << BigInt(bit))) !== 0n;
  }

  /** Sets up queue `index` with at most `wanted` entries (rounded down to a power of two). */
  setupQueue<T>(index: number, wanted: number): SplitQueue<T> {
    const r = this.regs;
    r.write32(R.queueSel, index);
    const max = r.read32(R.queueNumMax);
    if (max === 0) throw new VirtioError(`queue ${index} does not exist`);
    let size = 1;
    while (size * 2 <= Math.min(max, wanted)) size *= 2;
    const q = new SplitQueue<T>(size, this.dma, () => this.dma.fence());
    q.setEventIdx(this.has(F.EVENT_IDX));
    q.setIndirect(this.has(F.INDIRECT_DESC));
    r.write32(R.queueNum, size);
    if (this.legacy) {
      r.write32(R.queueAlign, 4096);
      r.write32(R.queuePfn, q.descPhys / 4096);
    } else {
      writeAddress(r, R.queueDescLow, q.descPhys);
      writeAddress(r, R.queueDriverLow, q.availPhys);
      writeAddress(r, R.queueDeviceLow, q.usedPhys);
      r.write32(R.queueReady, 1);
    }
    return q;
  }

  /** Tells the device the driver is ready (after queues are set up). */
  ready(): void {
    const s = Status.ACKNOWLEDGE | Status.DRIVER | Status.DRIVER_OK | (this.legacy ? 0 : Status.FEATURES_OK);
    this.regs.write32(R.status, s);
  }

  fail(): void {
    this.regs.write32(R.status, Status.FAILED);
  }

  notify(queueIndex: number): void {
    this.regs.write32(R.queueNotify, queueIndex);
  }

  /** Reads and acknowledges the interrupt cause (bit 0: used buffers, bit 1: config change). */
  takeInterrupt(): number {
    const isr = this.regs.read32(R.interruptStatus);
    if (isr) this.regs.write32(R.interruptAck, isr);
    return isr;
  }

  config32(offset: number): number {
    return this.regs.read32(R.config + offset);
  }

  config16(offset: number): number {
    return this.regs.read16(R.config + offset);
  }

  config8(offset: number): number {
    return this.regs.read8(R.config + offset);
  }
}

function writeAddress(r: RegisterWindow, lowReg: number, phys: number): void {
  r.write32(lowReg, phys >>> 0);
  const high = Math.floor(phys / 0x100000000);
  // High halves are 0 after reset: skip the exit when there is nothing to write.
  if (high) r.write32(lowReg + 4, high);
}
