// Taking a virtio-pci function into use: size its BARs, parse its capabilities, check that the
// register blocks are where this OS can reach them, enable memory decoding and bus mastering
// (DMA: without it QEMU drops the device's ring accesses), and route its MSI-X vectors.
//
// BAR placement: firmware (SeaBIOS on q35) assigns BARs. The kernel identity-maps the 3-4 GiB
// window uncached and the MMIO ops allow only that window, so a BAR assigned above 4 GiB (SeaBIOS
// does so for 64-bit BARs when the 32-bit hole cannot hold every BAR) is moved into a free range of
// the hole (os/drivers/pci/place.ts) when the machine offers one, else the device is refused.
import type { Dma, RegisterWindow } from '../hw';
import { type Bar, type ConfigAccess, type PciFunction, CAP, CMD, capabilities, functionSpace, parseBars, REG, sizeBars } from '../pci/config';
import { enableMsix, parseMsix } from '../pci/msix';
import { moveBar } from '../pci/place';
import { parseVirtioCaps, type Region, VirtioPci, virtioDeviceType } from './pci';
import { VirtioError } from './transport';

export interface PciMachine {
  registers(base: number): RegisterWindow;
  dma: Dma;
  /** True if MMIO can reach [base, base + length). */
  mmioReachable(base: number, length: number): boolean;
  /** The local APIC MSI messages target. */
  apicId: number;
  /** A free interrupt vector, or undefined when none is left. */
  allocVector(): number | undefined;
  /** A reachable address for a BAR that is not (undefined: none free, or not supported). */
  placeBar?(fn: PciFunction, bar: Bar): number | undefined;
}

export interface OpenedVirtioPci {
  transport: VirtioPci;
  /** CPU vector for queue interrupts. */
  queueVector: number;
  /** CPU vector for configuration changes (call transport.configInterrupt() before the handler). */
  configVector?: number;
}

/** The virtio functions among the enumerated ones, with their device types. */
export function virtioFunctions(access: ConfigAccess, fns: PciFunction[]): { fn: PciFunction; type: number }[] {
  const out: { fn: PciFunction; type: number }[] = [];
  for (const fn of fns) {
    const type = virtioDeviceType(fn, functionSpace(access, fn));
    if (type !== undefined) out.push({ fn, type });
  }
  return out;
}

export function openVirtioPci(access: ConfigAccess, fn: PciFunction, type: number, m: PciMachine): OpenedVirtioPci {
  const cfg = functionSpace(access, fn);
  const bars = parseBars(cfg, fn.headerType);
  sizeBars(cfg, bars);
  const caps = capabilities(cfg);
  const layout = parseVirtioCaps(cfg, caps, bars);
  const msixCap = caps.find((c) => c.id === CAP.MSIX);
  // INTx would need the kernel to mask a level-triggered I/O APIC pin until the driver has read
  // ISR (its interrupt entry EOIs at once, so an asserted line would re-fire forever): MSI-X only.
  if (!msixCap) throw new VirtioError('no MSI-X capability (INTx is not supported)');
  const msix = parseMsix(cfg, msixCap.offset, bars);
  // Every BAR we use must be reachable; firmware may have put 64-bit ones above 4 GiB.
  for (const index of new Set([layout.common.bar, layout.notify.bar, layout.isr.bar, layout.device?.bar ?? layout.common.bar, msix.tableBar])) {
    const bar = bars.find((b) => b.index === index)!;
    if (bar.address && bar.size && m.mmioReachable(bar.address, bar.size)) continue;
    const at = fn.bus === 0 && bar.size ? m.placeBar?.(fn, bar) : undefined;
    if (at === undefined) {
      throw new VirtioError(`BAR${bar.index} at 0x${bar.address.toString(16)} is outside the MMIO window this OS maps (3-4 GiB), and no free range was found to move it to`);
    }
    moveBar(access, fn, bar, at);
  }
  const window = (region: Region): RegisterWindow => {
    const bar = bars.find((b) => b.index === region.bar)!;
    return m.registers(bar.address + region.offset);
  };
  const windows = {
    common: window(layout.common), notify: window(layout.notify), isr: window(layout.isr),
    ...(layout.device ? { device: window(layout.device) } : {}),
  };
  const tableBar = bars.find((b) => b.index === msix.tableBar)!;
  // Entry 0: configuration changes, entry 1: every queue; a one-entry table carries the queues.
  const shared = msix.tableSize < 2;
  const queueVector = m.allocVector();
  const configVector = shared ? undefined : m.allocVector();
  if (queueVector === undefined || (!shared && configVector === undefined)) throw new VirtioError('no interrupt vectors left');
  const command = cfg.read(REG.COMMAND, 2);
  cfg.write(REG.COMMAND, 2, (command | CMD.MEMORY | CMD.BUS_MASTER | CMD.INTX_DISABLE) & ~CMD.IO);
  enableMsix(cfg, msix, m.registers(tableBar.address), m.apicId, shared ? [queueVector] : [configVector!, queueVector]);
  const transport = new VirtioPci(type, m.dma, windows, layout, shared ? { queues: 0 } : { config: 0, queues: 1 });
  return { transport, queueVector, ...(configVector !== undefined ? { configVector } : {}) };
}
