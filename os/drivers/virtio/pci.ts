// The modern virtio-pci transport (Virtio 1.2, section 4.1; the same in 1.1). A virtio function
// (vendor 0x1AF4, device 0x1040 + type; transitional 0x1000-0x103F name the type in the
// subsystem ID) describes its register blocks with vendor-specific capabilities
// (struct virtio_pci_cap, 4.1.4): COMMON_CFG (features, status, queue setup), NOTIFY_CFG (where to
// write a queue's index to notify it: cap.offset + queue_notify_off * notify_off_multiplier),
// ISR_CFG (interrupt cause, read-to-clear) and DEVICE_CFG (the device-specific configuration),
// each an (offset, length) inside a memory BAR. Legacy I/O-port virtio is not supported: the host
// tool starts devices with disable-legacy=on.
//
// Interrupts are MSI-X (os/drivers/pci/msix.ts): table entry 0 signals configuration changes,
// entry 1 every queue of the device (4.1.5.1.2). The interrupt cause is then known from the vector
// alone, so takeInterrupt() costs no register read (with INTx it would read ISR: one VM exit).
//
// The capabilities are device-controlled data: parseVirtioCaps refuses regions outside their BAR,
// too short for their structure, or a notify offset past the notify region, with VirtioError.
import type { Dma, RegisterWindow } from '../hw';
import { type Bar, type ConfigReader, type PciCapability, type PciFunction, CAP } from '../pci/config';
import { SplitQueue } from './queue';
import { F, featureSet, featureWord, Status, VirtioError, type VirtioTransport } from './transport';

export const VIRTIO_VENDOR = 0x1af4;

/** The virtio device type of a PCI function (4.1.2), or undefined if it is not a virtio device. */
export function virtioDeviceType(f: PciFunction, r: ConfigReader): number | undefined {
  if (f.vendor !== VIRTIO_VENDOR) return undefined;
  if (f.device >= 0x1040 && f.device <= 0x107f) return f.device - 0x1040;
  if (f.device >= 0x1000 && f.device <= 0x103f) return r.read(0x2e, 2) || undefined;
  return undefined;
}

export const CfgType = { COMMON: 1, NOTIFY: 2, ISR: 3, DEVICE: 4, PCI: 5 } as const;

export interface Region {
  bar: number;
  offset: number;
  length: number;
}

export interface VirtioPciLayout {
  common: Region;
  notify: Region & { multiplier: number };
  isr: Region;
  device?: Region;
}

// struct virtio_pci_common_cfg (4.1.4.3)
const C = {
  deviceFeatureSelect: 0x00, deviceFeature: 0x04, driverFeatureSelect: 0x08, driverFeature: 0x0c,
  msixConfig: 0x10, numQueues: 0x12, deviceStatus: 0x14, configGeneration: 0x15, queueSelect: 0x16,
  queueSize: 0x18, queueMsixVector: 0x1a, queueEnable: 0x1c, queueNotifyOff: 0x1e, queueDesc: 0x20,
  queueDriver: 0x28, queueDevice: 0x30,
} as const;
const COMMON_CFG_BYTES = 0x38;
const NO_VECTOR = 0xffff;

/**
 * The register blocks of a virtio-pci function from its capability list. For each type the first
 * usable capability wins (4.1.4: "the driver SHOULD use the first instance it can"); capabilities
 * naming a reserved BAR (above 5) are ignored as the spec requires; the others must fit in their
 * memory BAR (when its size is known).
 */
export function parseVirtioCaps(r: ConfigReader, caps: PciCapability[], bars: Bar[]): VirtioPciLayout {
  const found: Partial<Record<number, Region & { multiplier?: number }>> = {};
  for (const cap of caps) {
    if (cap.id !== CAP.VENDOR) continue;
    if (cap.offset + 16 > 256) throw new VirtioError(`virtio capability at 0x${cap.offset.toString(16)} runs past the configuration space`);
    // cap_vndr, cap_next, cap_len, cfg_type in one dword; then bar (fewer configuration accesses).
    const head = r.read(cap.offset, 4);
    const capLen = (head >>> 16) & 0xff;
    const type = head >>> 24;
    const barIndex = r.read(cap.offset + 4, 1);
    if (type < CfgType.COMMON || type > CfgType.DEVICE || found[type]) continue;
    if (barIndex > 5) continue;
    const minLen = type === CfgType.NOTIFY ? 20 : 16;
    if (capLen < minLen || cap.offset + capLen > 256) {
      throw new VirtioError(`virtio capability type ${type} at 0x${cap.offset.toString(16)}: length ${capLen}`);
    }
    const offset = r.read(cap.offset + 8, 4) >>> 0;
    const length = r.read(cap.offset + 12, 4) >>> 0;
    const bar = bars.find((b) => b.index === barIndex);
    if (!bar || bar.kind !== 'mem') throw new VirtioError(`virtio capability type ${type} names BAR${barIndex}, not a memory BAR`);
    if (bar.size !== undefined && offset + length > bar.size) {
      throw new VirtioError(`virtio capability type ${type}: 0x${offset.toString(16)}+0x${length.toString(16)} runs past BAR${barIndex} (0x${bar.size.toString(16)} bytes)`);
    }
    const need = type === CfgType.COMMON ? COMMON_CFG_BYTES : type === CfgType.NOTIFY ? 2 : type === CfgType.ISR ? 1 : 0;
    if (length < need) throw new VirtioError(`virtio capability type ${type}: ${length} bytes, at least ${need} needed`);
    const region: Region & { multiplier?: number } = { bar: barIndex, offset, length };
    if (type === CfgType.NOTIFY) {
      const m = r.read(cap.offset + 16, 4) >>> 0;
      // 4.1.4.4: an even power of 2, or 0 (every queue notifies at the same address).
      if (m !== 0 && (m & (m - 1) || m & 1)) throw new VirtioError(`notify_off_multiplier ${m} is not an even power of 2`);
      region.multiplier = m;
    }
    found[type] = region;
  }
  const common = found[CfgType.COMMON];
  const notify = found[CfgType.NOTIFY];
  const isr = found[CfgType.ISR];
  if (!common || !notify || !isr) {
    const missing = [!common && 'COMMON_CFG', !notify && 'NOTIFY_CFG', !isr && 'ISR_CFG'].filter(Boolean).join(', ');
    throw new VirtioError(`not a modern virtio-pci device (missing ${missing})`);
  }
  return { common, notify: { ...notify, multiplier: notify.multiplier ?? 0 }, isr, ...(found[CfgType.DEVICE] ? { device: found[CfgType.DEVICE] } : {}) };
}

/** The register windows of one function, each at its region's start. */
export interface VirtioPciWindows {
  common: RegisterWindow;
  notify: RegisterWindow;
  isr: RegisterWindow;
  device?: RegisterWindow;
}

/** MSI-X table entries for configuration changes and for the queues (absent: INTx and ISR). */
export interface MsixEntries {
  config?: number;
  queues: number;
}

export class VirtioPci implements VirtioTransport {
  private features = 0n;
  private readonly notifyOffsets = new Map<number, number>();
  private configPending = false;

  constructor(readonly deviceId: number, readonly dma: Dma, private readonly w: VirtioPciWindows,
              readonly layout: VirtioPciLayout, private readonly msix?: MsixEntries) {}

  /** Reset, then status ACKNOWLEDGE | DRIVER, features, FEATURES_OK (3.1.1). */
  negotiate(wanted: number[]): Set<number> {
    const c = this.w.common;
    c.write8(C.deviceStatus, 0);
    // 4.1.4.3.2: after writing 0 the driver waits until device_status reads 0 (reset complete).
    let spins = 0;
    while (c.read8(C.deviceStatus) !== 0) {
      if (++spins > 10000) throw new VirtioError('device did not complete its reset');
    }
    c.write8(C.deviceStatus, Status.ACKNOWLEDGE | Status.DRIVER);
    if (this.msix?.config !== undefined) {
      // 4.1.5.1.2.1: write the vector, read it back; NO_VECTOR means the device refused it.
      c.write16(C.msixConfig, this.msix.config);
      if (c.read16(C.msixConfig) !== this.msix.config) throw this.failWith('device refused the MSI-X configuration vector');
    }
    c.write32(C.deviceFeatureSelect, 0);
    const low = c.read32(C.deviceFeature) >>> 0;
    c.write32(C.deviceFeatureSelect, 1);
    const high = c.read32(C.deviceFeature) >>> 0;
    const offered = (BigInt(high) << 32n) | BigInt(low);
    const chosen = offered & (featureWord(wanted) | featureWord([F.VERSION_1]));
    if (!(chosen & featureWord([F.VERSION_1]))) throw this.failWith('device does not offer VIRTIO_F_VERSION_1');
    c.write32(C.driverFeatureSelect, 0);
    c.write32(C.driverFeature, Number(chosen & 0xffffffffn));
    c.write32(C.driverFeatureSelect, 1);
    c.write32(C.driverFeature, Number(chosen >> 32n));
    c.write8(C.deviceStatus, Status.ACKNOWLEDGE | Status.DRIVER | Status.FEATURES_OK);
    if (!(c.read8(C.deviceStatus) & Status.FEATURES_OK)) throw this.failWith('device refused the negotiated features');
    this.features = chosen;
    return featureSet(chosen);
  }

  has(bit: number): boolean {
    return (this.features & (1n << BigInt(bit))) !== 0n;
  }

  /** 4.1.5.1.3: select, size, vector, addresses, then queue_enable. */
  setupQueue<T>(index: number, wanted: number): SplitQueue<T> {
    const c = this.w.common;
    if (index >= c.read16(C.numQueues)) throw new VirtioError(`queue ${index} does not exist`);
    c.write16(C.queueSelect, index);
    const max = c.read16(C.queueSize);
    if (max === 0) throw new VirtioError(`queue ${index} does not exist`);
    let size = 1;
    while (size * 2 <= Math.min(max, wanted)) size *= 2;
    const notifyOff = c.read16(C.queueNotifyOff);
    const at = notifyOff * this.layout.notify.multiplier;
    if (at + 2 > this.layout.notify.length) throw new VirtioError(`queue ${index}: notify offset 0x${at.toString(16)} outside the notify region`);
    const q = new SplitQueue<T>(size, this.dma, () => this.dma.fence());
    q.setEventIdx(this.has(F.EVENT_IDX));
    q.setIndirect(this.has(F.INDIRECT_DESC));
    c.write16(C.queueSize, size);
    if (this.msix) {
      c.write16(C.queueMsixVector, this.msix.queues);
      if (c.read16(C.queueMsixVector) === NO_VECTOR) throw new VirtioError(`queue ${index}: device refused MSI-X vector ${this.msix.queues}`);
    }
    write64(c, C.queueDesc, q.descPhys);
    write64(c, C.queueDriver, q.availPhys);
    write64(c, C.queueDevice, q.usedPhys);
    c.write16(C.queueEnable, 1);
    this.notifyOffsets.set(index, at);
    return q;
  }

  ready(): void {
    this.w.common.write8(C.deviceStatus, Status.ACKNOWLEDGE | Status.DRIVER | Status.FEATURES_OK | Status.DRIVER_OK);
  }

  fail(): void {
    this.w.common.write8(C.deviceStatus, Status.FAILED);
  }

  private failWith(message: string): VirtioError {
    this.fail();
    return new VirtioError(message);
  }

  notify(queueIndex: number): void {
    const at = this.notifyOffsets.get(queueIndex);
    if (at !== undefined) this.w.notify.write16(at, queueIndex);
  }

  /** The configuration-change vector fired (MSI-X): reported by the next takeInterrupt(). */
  configInterrupt(): void {
    this.configPending = true;
  }

  /**
   * Bit 0: used buffers, bit 1: configuration change. With MSI-X the vector says which (ISR is not
   * used, 4.1.4.5); otherwise reading ISR returns the cause and deasserts the line.
   */
  takeInterrupt(): number {
    if (!this.msix) return this.w.isr.read8(0);
    const cause = 1 | (this.configPending ? 2 : 0);
    this.configPending = false;
    return cause;
  }

  private deviceWindow(offset: number, width: number): RegisterWindow {
    const d = this.layout.device;
    if (!this.w.device || !d || offset < 0 || offset + width > d.length) {
      throw new VirtioError(`device configuration access at ${offset} outside the region`);
    }
    return this.w.device;
  }

  config32(offset: number): number {
    return this.deviceWindow(offset, 4).read32(offset);
  }

  config16(offset: number): number {
    return this.deviceWindow(offset, 2).read16(offset);
  }

  config8(offset: number): number {
    return this.deviceWindow(offset, 1).read8(offset);
  }
}

/** 64-bit fields of the common configuration, written as two 32-bit halves (4.1.3.1). */
function write64(r: RegisterWindow, offset: number, value: number): void {
  r.write32(offset, value >>> 0);
  r.write32(offset + 4, Math.floor(value / 0x100000000));
}
