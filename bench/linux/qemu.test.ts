import { test } from 'node:test';
import assert from 'node:assert/strict';
import { linuxCmdline, linuxQemuArgs } from './qemu';

const baseline = { vmlinux: '/b/vmlinux', initrd: '/b/initramfs.cpio.lz4' };
const after = (args: string[], opt: string) => args[args.indexOf(opt) + 1];

test('TCG: microvm with ACPI, -cpu max, user networking forwarding the host port, the TSC rate on the command line', () => {
  const args = linuxQemuArgs({ baseline, memoryMiB: 320, accel: 'tcg', hostPort: 40001, tscKhz: 2445413 });
  assert.equal(after(args, '-M'), 'microvm,acpi=on');
  assert.equal(after(args, '-accel'), 'tcg');
  assert.equal(after(args, '-cpu'), 'max');
  assert.equal(after(args, '-m'), '320M');
  assert.equal(after(args, '-netdev'), 'user,id=net0,hostfwd=tcp:127.0.0.1:40001-:8080');
  assert.equal(after(args, '-device'), 'virtio-net-device,netdev=net0');
  assert.equal(after(args, '-kernel'), '/b/vmlinux');
  assert.equal(after(args, '-initrd'), '/b/initramfs.cpio.lz4');
  assert.equal(after(args, '-append'), 'console=ttyS0 quiet panic=-1 PORT=8080 tsc_early_khz=2445413');
  assert.ok(args.includes('-no-reboot'), 'panic=-1 must end the VM');
});

test('KVM: the CPU model that works under kvm_pvm too, no TSC rate needed', () => {
  const args = linuxQemuArgs({ baseline, memoryMiB: 512, accel: 'kvm', hostPort: 40002, guestPort: 3000, append: ['BASELINE_ADDR=10.0.2.20/24'] });
  assert.equal(after(args, '-cpu'), 'host,-arch-capabilities');
  assert.equal(after(args, '-netdev'), 'user,id=net0,hostfwd=tcp:127.0.0.1:40002-:3000');
  assert.equal(after(args, '-append'), 'console=ttyS0 quiet panic=-1 PORT=3000 BASELINE_ADDR=10.0.2.20/24');
});

test('TCG without the TSC rate is refused (the guest would hang calibrating)', () => {
  assert.throws(() => linuxQemuArgs({ baseline, memoryMiB: 512, accel: 'tcg', hostPort: 1 }), /needs tscKhz/);
  assert.equal(linuxCmdline(8080), 'console=ttyS0 quiet panic=-1 PORT=8080');
});
