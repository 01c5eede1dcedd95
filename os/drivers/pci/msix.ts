// MSI-X (PCI 3.0, 6.8.2): a table of message address/data pairs in a memory BAR; the device
// signals vector i by writing entry i's data to entry i's address, which on x86 targets a local
// APIC directly (Intel SDM vol. 3, 11.11: address 0xFEE00000 | destination << 12, data = vector,
// fixed delivery, edge). No I/O APIC is involved, so there is no level-triggered line to mask and
// re-arm: the kernel's interrupt entry (set the pending bit, EOI, return) suits it as is, under
// KVM and TCG alike. That is why virtio-pci uses MSI-X rather than INTx here.
import type { RegisterWindow } from '../hw';
import { type Bar, type ConfigReader, type ConfigSpace, PciError } from './config';

const CTRL_ENABLE = 0x8000;
const CTRL_FUNCTION_MASK = 0x4000;
const ENTRY_BYTES = 16;

export interface MsixInfo {
  /** Offset of the capability in configuration space. */
  cap: number;
  tableSize: number;
  tableBar: number;
  tableOffset: number;
}

/** Parses an MSI-X capability; refuses a table that is not inside a memory BAR. */
export function parseMsix(r: ConfigReader, cap: number, bars: Bar[]): MsixInfo {
  if (cap + 12 > 256) throw new PciError(`MSI-X capability at 0x${cap.toString(16)} runs past the header`);
  const ctrl = r.read(cap + 2, 2);
  const table = r.read(cap + 4, 4) >>> 0;
  const info: MsixInfo = { cap, tableSize: (ctrl & 0x7ff) + 1, tableBar: table & 7, tableOffset: (table & ~7) >>> 0 };
  const bar = bars.find((b) => b.index === info.tableBar);
  if (!bar || bar.kind !== 'mem') throw new PciError(`MSI-X table in BAR${info.tableBar}, which is not a memory BAR`);
  if (bar.size !== undefined && info.tableOffset + info.tableSize * ENTRY_BYTES > bar.size) {
    throw new PciError(`MSI-X table (${info.tableSize} entries at 0x${info.tableOffset.toString(16)}) runs past BAR${info.tableBar}`);
  }
  return info;
}

/** The message for `vector` on the local APIC `apicId` (physical destination mode). */
export function msiMessage(apicId: number, vector: number): { addressLow: number; addressHigh: number; data: number } {
  return { addressLow: (0xfee00000 | ((apicId & 0xff) << 12)) >>> 0, addressHigh: 0, data: vector & 0xff };
}

/**
 * Enables MSI-X with `vectors[i]` in table entry i: the function is masked while the table is
 * written (6.8.2.3), entries beyond the list stay masked, then the function mask is lifted.
 */
export function enableMsix(cfg: ConfigSpace, info: MsixInfo, table: RegisterWindow, apicId: number, vectors: number[]): void {
  if (vectors.length > info.tableSize) throw new PciError(`MSI-X: ${vectors.length} vectors but ${info.tableSize} table entries`);
  const ctrl = cfg.read(info.cap + 2, 2);
  cfg.write(info.cap + 2, 2, ctrl | CTRL_ENABLE | CTRL_FUNCTION_MASK);
  for (let i = 0; i < vectors.length; i++) {
    const m = msiMessage(apicId, vectors[i]);
    const e = info.tableOffset + i * ENTRY_BYTES;
    table.write32(e, m.addressLow);
    table.write32(e + 4, m.addressHigh);
    table.write32(e + 8, m.data);
    table.write32(e + 12, 0); // vector control: unmasked
  }
  cfg.write(info.cap + 2, 2, (ctrl | CTRL_ENABLE) & ~CTRL_FUNCTION_MASK);
}
