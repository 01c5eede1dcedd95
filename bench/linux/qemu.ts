// The QEMU command line of the Linux microVM baseline, kept beside Nephos's (cli/run/qemu.ts) so the
// two differ only where Linux needs it:
//   same      qemu-system-x86_64, -M microvm, -accel, -cpu (max under TCG; host,-arch-capabilities
//             under KVM), TCG's default translation-cache size, -nodefaults -no-user-config
//             -nographic -no-reboot, modern virtio-mmio, user networking with hostfwd to the guest's
//             port and virtio-net-device
//   differs   ACPI stays on: Debian's kernel finds virtio-mmio transports only through the DSDT
//             (CONFIG_VIRTIO_MMIO_CMDLINE_DEVICES is off); the kernel is the uncompressed vmlinux
//             booted through its PVH note, the initramfs holds node; no virtio-serial/rng (the
//             app's output goes to the serial console, entropy comes from RDRAND and jitter)
// Kernel command line: console on the serial port, `quiet` (every console byte is a port write,
// slow under TCG), panic=-1 so a dead /init ends the VM (with -no-reboot), the app's PORT (passed
// to init and node as environment: unknown key=value words become init's environment), and under
// TCG tsc_early_khz= with the host's TSC rate: the guest's TSC is the host's there, and Linux's own
// calibration against the PIT fails on a loaded host and then hangs the boot (tsc-khz.c).
import type { LinuxBaseline } from './build';

export interface LinuxQemuConfig {
  baseline: Pick<LinuxBaseline, 'vmlinux' | 'initrd'>;
  memoryMiB: number;
  accel: 'kvm' | 'tcg';
  /** 127.0.0.1:hostPort on the host forwards to the guest's guestPort. */
  hostPort: number;
  guestPort?: number;
  /** The host's TSC rate (build.ts hostTscKhz); needed under TCG. */
  tscKhz?: number;
  /** Extra kernel command line words. */
  append?: string[];
  extra?: string[];
}

export function linuxCmdline(guestPort: number, append: string[] = []): string {
  return ['console=ttyS0', 'quiet', 'panic=-1', `PORT=${guestPort}`, ...append].join(' ');
}

export function linuxQemuArgs(c: LinuxQemuConfig): string[] {
  const guestPort = c.guestPort ?? 8080;
  if (c.accel === 'tcg' && !c.tscKhz) throw new Error('linuxQemuArgs: under TCG the guest needs tscKhz (see tsc-khz.c)');
  return [
    '-M', 'microvm,acpi=on',
    '-accel', c.accel,
    '-cpu', c.accel === 'kvm' ? 'host,-arch-capabilities' : 'max',
    '-m', `${c.memoryMiB}M`,
    '-nodefaults', '-no-user-config', '-nographic', '-no-reboot',
    '-chardev', 'stdio,id=serial,signal=off',
    '-serial', 'chardev:serial',
    '-global', 'virtio-mmio.force-legacy=false',
    '-netdev', `user,id=net0,hostfwd=tcp:127.0.0.1:${c.hostPort}-:${guestPort}`,
    '-device', 'virtio-net-device,netdev=net0',
    '-kernel', c.baseline.vmlinux,
    '-initrd', c.baseline.initrd,
    '-append', linuxCmdline(guestPort, [...(c.accel === 'tcg' && c.tscKhz ? [`tsc_early_khz=${c.tscKhz}`] : []), ...(c.append ?? [])]),
    ...(c.extra ?? []),
  ];
}
