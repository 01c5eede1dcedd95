// Finding virtio-mmio devices. Firecracker and QEMU's microvm with acpi=off describe each device
// on the kernel command line as Linux expects: `virtio_mmio.device=<size>@<base>:<gsi>`
// (size with an optional K/M suffix; base in hex or decimal). Without such entries (microvm with
// ACPI on), we probe QEMU's microvm transports: 24 windows of 512 bytes from 0xFEB00000; the
// first 8 use GSI 5+i on the first I/O APIC, the rest GSI 24+i on the second.

export interface MmioDeviceSlot {
  base: number;
  size: number;
  gsi: number;
}

function parseSize(s: string): number | undefined {
  const m = /^(0x[0-9a-f]+|\d+)([KkMmGg]?)$/.exec(s);
  if (!m) return undefined;
  const n = Number(m[1]);
  const mult = { '': 1, k: 1024, m: 1024 * 1024, g: 1024 * 1024 * 1024 }[m[2].toLowerCase() as '' | 'k' | 'm' | 'g'];
  return n * mult;
}

/** Parses every virtio_mmio.device= entry of a kernel command line; malformed entries are skipped. */
export function parseCmdlineDevices(cmdline: string): MmioDeviceSlot[] {
  const out: MmioDeviceSlot[] = [];
  for (const word of cmdline.split(/\s+/)) {
    if (!word.startsWith('virtio_mmio.device=')) continue;
    const m = /^virtio_mmio\.device=([^@]+)@(0x[0-9a-fA-F]+|\d+):(\d+)(?::\d+)?$/.exec(word);
    if (!m) continue;
    const size = parseSize(m[1]);
    const base = Number(m[2]);
    const gsi = Number(m[3]);
    if (size === undefined || !Number.isSafeInteger(base) || gsi > 255) continue;
    out.push({ base, size, gsi });
  }
  return out;
}

export const MICROVM_PROBE = { base: 0xfeb00000, stride: 512, count: 24 };

export function microvmProbeSlots(hasSecondIoApic: boolean): MmioDeviceSlot[] {
  const out: MmioDeviceSlot[] = [];
  for (let i = 0; i < MICROVM_PROBE.count; i++) {
    if (i >= 8 && !hasSecondIoApic) break;
    out.push({ base: MICROVM_PROBE.base + i * MICROVM_PROBE.stride, size: MICROVM_PROBE.stride, gsi: hasSecondIoApic ? 24 + i : 5 + i });
  }
  return out;
}
