// The QEMU command line for a Nephos VM. Two machine models: microvm with ACPI off (the default:
// the kernel command line then lists the virtio-mmio devices, as Firecracker does), or q35 with
// SeaBIOS and the same devices as modern-only virtio-pci functions (disable-legacy=on; the guest
// enumerates PCI, os/drivers/pci/). The kernel boots as a PVH ELF on both, the image archive is the
// initrd. Devices:
//   isa-debug-exit  the guest's exit status (kernel/include/nephos/exit.h)
//   serial          kernel messages, panics and the exit record (on QEMU's stdout)
//   virtio-serial   port 1 org.nephos.stdio (framed stdout/stderr), port 2 org.nephos.control
//   virtio-rng      entropy
// and, for instances, QMP on a Unix socket (power-off). Log files are opened in append mode, so a
// restarted instance's logs continue where the last run's ended.
import { accessSync, constants, existsSync } from 'node:fs';
import { fail } from '../errors';

export type ResolvedAccel = 'kvm' | 'tcg';
export type MachineModel = 'microvm' | 'q35';

export interface QemuConfig {
  kernel: string;
  initrd: string;
  memoryBytes: number;
  accel: ResolvedAccel;
  /** Absent: microvm. */
  machine?: MachineModel;
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
  /**
   * The NIC: user-mode networking with published ports, a TAP device, or (tests only, through
   * NEPHOS_QEMU_NETDEV) any QEMU netdev backend given as its option string. Absent: no NIC.
   */
  net?: { mode: 'user'; ports: { host: number; guest: number }[] } | { mode: 'tap'; ifname: string } | { mode: 'netdev'; backend: string };
  /** The NIC's MAC address (aa:bb:cc:dd:ee:ff). */
  mac?: string;
  extra?: string[];
}

/** QEMU arguments for the NIC (virtio-net on virtio-mmio, or on PCI for q35). */
export function netArgs(net: NonNullable<QemuConfig['net']>, mac?: string, machine: MachineModel = 'microvm'): string[] {
  let netdev: string;
  if (net.mode === 'user') {
    // Published ports listen on the host's loopback only (docker's -p 127.0.0.1:...).
    netdev = ['user,id=net0', ...net.ports.map((p) => `hostfwd=tcp:127.0.0.1:${p.host}-:${p.guest}`)].join(',');
  } else if (net.mode === 'tap') {
    netdev = `tap,id=net0,ifname=${net.ifname},script=no,downscript=no`;
  } else {
    // "dgram,local.type=inet,..." -> "dgram,id=net0,local.type=inet,...": the backend's type
    // comes first in QEMU's syntax, the id is ours.
    const [type, ...rest] = net.backend.split(',');
    netdev = [type, 'id=net0', ...rest.filter((o) => !o.startsWith('id='))].join(',');
  }
  // On PCI: no option ROM (SeaBIOS would run iPXE's initialisation for nothing: the kernel is
  // loaded by -kernel).
  const device = machine === 'q35' ? `virtio-net-pci,${PCI_MODERN},romfile=` : 'virtio-net-device';
  return ['-netdev', netdev, '-device', `${device},netdev=net0${mac ? `,mac=${mac}` : ''}`];
}

/** A stable, locally administered MAC for an instance name (QEMU's 52:54:00 prefix). */
export function macFor(name: string): string {
  let h = 2166136261;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 16777619) >>> 0;
  const b = [0x52, 0x54, 0x00, (h >>> 16) & 0xff, (h >>> 8) & 0xff, h & 0xff];
  return b.map((x) => x.toString(16).padStart(2, '0')).join(':');
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

/** Modern-only virtio-pci (Virtio 1.2, 4.1.2): no legacy I/O BAR, the device ID is 0x1040 + type. */
const PCI_MODERN = 'disable-legacy=on';

export function qemuArgs(c: QemuConfig): string[] {
  const mib = Math.ceil(c.memoryBytes / (1024 * 1024));
  const q35 = c.machine === 'q35';
  const args = [
    // q35 without the SATA and SMBus functions the guest would only enumerate and skip.
    '-M', q35 ? 'q35,sata=off,smbus=off,vmport=off' : 'microvm,acpi=off',
    '-accel', c.accel,
    // kvm_pvm hosts abort on `-cpu host` (MSR 0x10a); hiding arch-capabilities is harmless elsewhere.
    '-cpu', c.accel === 'kvm' ? 'host,-arch-capabilities' : 'max',
    '-m', `${mib}M`,
    // -nographic on q35 would also make SeaBIOS print its banner on the serial console (QEMU gives
    // it etc/sercon-port when there is no display); -display none keeps the console the guest's.
    '-nodefaults', '-no-user-config', q35 ? '-display' : '-nographic', ...(q35 ? ['none'] : []), '-no-reboot',
    '-chardev', c.serialFile ? `file,id=serial,path=${chardevPath(c.serialFile)},append=on` : 'stdio,id=serial,signal=off',
    '-serial', 'chardev:serial',
    '-device', 'isa-debug-exit,iobase=0xf4,iosize=0x04',
    ...(q35 ? [] : ['-global', 'virtio-mmio.force-legacy=false']),
    '-device', q35 ? `virtio-serial-pci,${PCI_MODERN},max_ports=3` : 'virtio-serial-device,max_ports=3',
    '-chardev', 'fd' in c.stdio ? `socket,id=stdio,fd=${c.stdio.fd}` : `file,id=stdio,path=${chardevPath(c.stdio.file)},append=on`,
    '-device', 'virtserialport,chardev=stdio,name=org.nephos.stdio,nr=1',
    '-chardev', `socket,id=control,path=${chardevPath(c.controlSocket)},server=on,wait=off`,
    '-device', 'virtserialport,chardev=control,name=org.nephos.control,nr=2',
    '-device', q35 ? `virtio-rng-pci,${PCI_MODERN}` : 'virtio-rng-device',
    ...(c.net ? netArgs(c.net, c.mac, c.machine) : []),
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
  /** IPv4: DHCP (default) or static; addresses as dotted strings. */
  net?: { kind: 'dhcp' } | { kind: 'static'; address: string; prefix: number; gateway?: string; dns?: string };
  /** The management API's guest TCP port (--api-port). */
  apiPort?: number;
  /** SHA-256 digests (hex) of the API's read-write and read-only tokens (cli/commands/api-tokens.ts). */
  apiTokens?: { rw: string; ro: string };
}

/** The guest's run configuration on the kernel command line (base64url JSON: any bytes survive). */
export function encodeGuestConfig(cfg: GuestConfig): string {
  return `nephos.config=${Buffer.from(JSON.stringify(cfg), 'utf8').toString('base64url')}`;
}
