// What the results are measured on, named in every output (the issue asks for CPU, accelerator and
// whether the virtualization is nested): the CPU model and count, memory, the host kernel, QEMU's
// version, and what KVM is here:
//   kvm_pvm   /sys/module/kvm_pvm: nested PVM, no VMX/SVM; Linux guests cannot run under it
//             (design.md section 8), so Linux is measured under TCG only
//   vmx|svm   hardware virtualization (kvm_intel/kvm_amd): both systems run under KVM too
//   none      no usable /dev/kvm: TCG only
// "nested" is true when this host is itself a VM (the CPU's hypervisor flag, or kvm_pvm).
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { cpus, release, totalmem } from 'node:os';

export interface HostInfo {
  cpu: string;
  cpus: number;
  memoryMiB: number;
  kernel: string;
  qemu: string;
  kvm: 'kvm_pvm' | 'vmx' | 'svm' | 'kvm' | 'none';
  nested: boolean;
}

export function kvmUsable(): boolean {
  try {
    accessSync('/dev/kvm', constants.R_OK | constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

export function hostInfo(): HostInfo {
  let flags = '';
  try {
    flags = /^flags\s*:(.*)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? '';
  } catch {
    // not Linux: leave the flags empty
  }
  const has = (f: string) => new RegExp(`\\b${f}\\b`).test(flags);
  const pvm = existsSync('/sys/module/kvm_pvm');
  let kvm: HostInfo['kvm'] = 'none';
  if (kvmUsable()) kvm = pvm ? 'kvm_pvm' : existsSync('/sys/module/kvm_intel') || has('vmx') ? 'vmx' : existsSync('/sys/module/kvm_amd') || has('svm') ? 'svm' : 'kvm';
  const qemu = spawnSync(process.env.NEPHOS_QEMU || 'qemu-system-x86_64', ['--version'], { encoding: 'utf8' });
  return {
    cpu: cpus()[0]?.model.trim() ?? 'unknown CPU',
    cpus: cpus().length,
    memoryMiB: Math.round(totalmem() / 2 ** 20),
    kernel: release(),
    qemu: (qemu.stdout ?? '').split('\n')[0].replace(/^QEMU emulator version /, 'QEMU ') || 'QEMU not found',
    kvm,
    nested: pvm || has('hypervisor'),
  };
}

/** One line: "AMD EPYC, 2 CPUs, 23.5 GiB; KVM: nested PVM (kvm_pvm); QEMU 7.2.22 (...)". */
export function describeHost(h: HostInfo): string {
  const kvm = {
    kvm_pvm: 'KVM is nested PVM (kvm_pvm, no VMX/SVM)',
    vmx: `KVM on Intel VMX${h.nested ? ' (nested: this host is a VM)' : ''}`,
    svm: `KVM on AMD SVM${h.nested ? ' (nested: this host is a VM)' : ''}`,
    kvm: `KVM${h.nested ? ' (nested)' : ''}`,
    none: `no usable KVM${h.nested ? ' (this host is a VM)' : ''}`,
  }[h.kvm];
  return `${h.cpu}, ${h.cpus} CPUs, ${(h.memoryMiB / 1024).toFixed(1)} GiB; ${kvm}; ${h.qemu}; Linux ${h.kernel}`;
}

/** MemAvailable from /proc/meminfo, MiB (what the kernel thinks can be given out without swapping). */
export function memAvailableMiB(): number {
  const m = /^MemAvailable:\s+(\d+) kB/m.exec(readFileSync('/proc/meminfo', 'utf8'));
  return m ? Number(m[1]) / 1024 : 0;
}

/** A short form for chart subtitles: "AMD EPYC, 2 CPUs; KVM: nested PVM; QEMU 7.2.22". */
export function shortHost(h: HostInfo): string {
  const kvm = { kvm_pvm: 'KVM: nested PVM', vmx: 'KVM: VMX', svm: 'KVM: SVM', kvm: 'KVM', none: 'no KVM' }[h.kvm];
  return `${h.cpu}, ${h.cpus} CPUs; ${kvm}${h.nested && h.kvm !== 'kvm_pvm' ? ' (nested)' : ''}; ${h.qemu.split(' (')[0]}`;
}
