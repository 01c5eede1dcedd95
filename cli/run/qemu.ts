// The QEMU command line for a Nephos VM. One machine model everywhere: microvm with ACPI off (the
// kernel command line then lists the virtio-mmio devices, as Firecracker does), modern virtio,
// the kernel as a PVH ELF, the image archive as the initrd. Devices:
//   isa-debug-exit  the guest's exit status (kernel/include/nephos/exit.h)
//   serial          kernel messages, panics and the exit record (on QEMU's stdout)
//   virtio-serial   port 1 org.nephos.stdio (framed stdout/stderr), port 2 org.nephos.control
//   virtio-rng      entropy
// and, for instances, QMP on a Unix socket (power-off). Log files are opened in append mode, so a
// restarted instance's logs continue where the last run's ended.
import { accessSync, constants, existsSync } from 'node:fs';
import { fail } from '../errors';

export type ResolvedAccel = 'kvm' | 'tcg';

export interface QemuConfig {
  kernel: string;
  initrd: string;
  memoryBytes: number;
  accel: ResolvedAccel;
  /** The kernel command line (the guest's run configuration). */
  append: string;
  /** How the stdio port reaches the host: an inherited socket fd, or a file (detached runs). */
  stdio: { fd: number } | { file: string };
  /** Unix socket path QEMU listens on for the control port. */
  controlSocket: string;
  /** The serial console: QEMU's stdout, or a file. */
  serialFile?: string;
  /** Unix socket path QEMU listens on for QMP. */
  qmpSocket?: string;
  extra?: string[];
}

export function kvmUsable(): boolean {
  try {
    accessSync('/dev/kvm', constants.R_OK | constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** True on hosts whose KVM is nested PVM (design.md: no VMX/SVM; `-cpu host` needs care). */
export function nestedPvm(): boolean {
  return existsSync('/sys/module/kvm_pvm');
}

export function resolveAccel(wanted: 'auto' | 'kvm' | 'tcg', notice: (msg: string) => void): ResolvedAccel {
  if (wanted === 'tcg') return 'tcg';
  if (kvmUsable()) return 'kvm';
  if (wanted === 'kvm') {
    throw fail(existsSync('/dev/kvm') ? 'no permission to use /dev/kvm' : '/dev/kvm does not exist',
      existsSync('/dev/kvm') ? 'add yourself to the kvm group, or run with --accel tcg' : 'enable KVM on this host, or run with --accel tcg');
  }
  notice('no usable /dev/kvm, using TCG (slower)');
  return 'tcg';
}

export function qemuArgs(c: QemuConfig): string[] {
  const mib = Math.ceil(c.memoryBytes / (1024 * 1024));
  const args = [
    '-M', 'microvm,acpi=off',
    '-accel', c.accel,
    // kvm_pvm hosts abort on `-cpu host` (MSR 0x10a); hiding arch-capabilities is harmless elsewhere.
    '-cpu', c.accel === 'kvm' ? 'host,-arch-capabilities' : 'max',
    '-m', `${mib}M`,
    '-nodefaults', '-no-user-config', '-nographic', '-no-reboot',
    '-chardev', c.serialFile ? `file,id=serial,path=${chardevPath(c.serialFile)},append=on` : 'stdio,id=serial,signal=off',
    '-serial', 'chardev:serial',
    '-device', 'isa-debug-exit,iobase=0xf4,iosize=0x04',
    '-global', 'virtio-mmio.force-legacy=false',
    '-device', 'virtio-serial-device,max_ports=3',
    '-chardev', 'fd' in c.stdio ? `socket,id=stdio,fd=${c.stdio.fd}` : `file,id=stdio,path=${chardevPath(c.stdio.file)},append=on`,
    '-device', 'virtserialport,chardev=stdio,name=org.nephos.stdio,nr=1',
    '-chardev', `socket,id=control,path=${chardevPath(c.controlSocket)},server=on,wait=off`,
    '-device', 'virtserialport,chardev=control,name=org.nephos.control,nr=2',
    '-device', 'virtio-rng-device',
    ...(c.qmpSocket ? ['-qmp', `unix:${chardevPath(c.qmpSocket)},server=on,wait=off`] : []),
    '-kernel', c.kernel,
    '-initrd', c.initrd,
    '-append', c.append,
    ...(c.extra ?? []),
  ];
  return args;
}

/** A path inside a QEMU option string: a comma there is written twice (QEMU's escaping). */
function chardevPath(path: string): string {
  return path.replace(/,/g, ',,');
}

export interface GuestConfig {
  argv: string[];
  env: Record<string, string>;
  tty: { stdout: boolean; stderr: boolean; columns?: number; rows?: number };
  name?: string;
}

/** The guest's run configuration on the kernel command line (base64url JSON: any bytes survive). */
export function encodeGuestConfig(cfg: GuestConfig): string {
  return `nephos.config=${Buffer.from(JSON.stringify(cfg), 'utf8').toString('base64url')}`;
}
