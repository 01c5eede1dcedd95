// Smoke test of the Linux microVM baseline (bench/linux/), so it does not rot: build it from
// Debian's kernel package (the first time: a 70 MB download and about 20 s of work; cached after)
// and boot it once under TCG, answering GET / and a 404. One boot takes several seconds under TCG;
// the deadline is generous because the host is shared.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { freePort, httpGet, nowMs, waitReady } from '../bench/linux/measure';
import { linuxMicroVm } from '../bench/linux/systems';

const debian = existsSync('/usr/bin/apt-get') && existsSync('/usr/bin/dpkg-deb');

test('the Linux microVM baseline builds and serves examples/http under TCG', { skip: !debian && 'not a Debian host (no apt-get/dpkg-deb)', timeout: 600_000 }, async () => {
  const linux = linuxMicroVm({ log: () => {} });
  assert.equal(await linux.prepare('tcg'), undefined);
  const b = linux.baseline();
  // What the build promises: an uncompressed ELF kernel, an lz4 legacy-frame initramfs, the modules
  // virtio_net needs, dependencies first.
  assert.deepEqual([...readFileSync(b.vmlinux).subarray(0, 4)], [0x7f, 0x45, 0x4c, 0x46]);
  assert.deepEqual([...readFileSync(b.initrd).subarray(0, 4)], [0x02, 0x21, 0x4c, 0x18]);
  assert.ok(b.kernel.modules.indexOf('virtio') < b.kernel.modules.indexOf('virtio_mmio'));
  assert.ok(b.kernel.modules.indexOf('net_failover') < b.kernel.modules.indexOf('virtio_net'));

  const port = await freePort();
  const inst = linux.start({ accel: 'tcg', hostPort: port });
  try {
    await waitReady(port, nowMs() + 300_000, inst.gone).catch((e) => {
      throw new Error(`${e.message}\nconsole:\n${inst.output()}`);
    });
    // Generous: under TCG the guest is still busy right after its first answer, and the readiness
    // poller's abandoned connections queue before this one behind QEMU's listen backlog of 1.
    const hello = await httpGet(port, '/', 30_000);
    assert.equal(hello.status, 200);
    assert.equal(hello.contentType, 'text/plain');
    assert.equal(hello.body, 'hello\n');
    const missing = await httpGet(port, '/nope', 30_000);
    assert.equal(missing.status, 404);
    assert.match(inst.output(), /listening on port 8080/);
  } finally {
    await inst.stop();
  }
});
