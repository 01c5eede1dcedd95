// virtio over PCI: `nephos run --machine q35` boots the same image under SeaBIOS with
// virtio-serial-pci, virtio-net-pci and virtio-rng-pci (modern only, disable-legacy=on). The app's
// output must come through the virtio console (stdout; the serial console's lines go to stderr),
// a published port must reach the app through virtio-net, and `stop` must work over the control
// channel (a virtio-serial port). Entropy from virtio-rng-pci alone is checked on a CPU without
// RDRAND/RDSEED (TCG's qemu64).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bootFiles } from '../cli/image';
import { ACCEL, makeApp, nephos, removeApp, ROOT, TEST_HOME } from './helpers';

const HELLO = join(ROOT, 'examples', 'hello');
const HTTP = join(ROOT, 'examples', 'http');
const name = `pci-${process.pid}`;
const port = 23000 + (process.pid % 1000) * 2;

after(async () => {
  await nephos(['rm', '-f', name]);
});

function get(path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path, agent: false, timeout: 10000 }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode!, body }));
    }).on('error', reject).on('timeout', function (this: { destroy(e: Error): void }) { this.destroy(new Error('timeout')); }).end();
  });
}

test('q35: output through virtio-console over PCI, the exit code propagated', async () => {
  const r = await nephos(['run', '--rm', '--accel', ACCEL, '--machine', 'q35', HELLO, '--', '--name', 'pci', '--exit', '7']);
  assert.equal(r.code, 7, r.stderr);
  assert.match(r.stdout, /^Hello, pci!\n/);
  assert.doesNotMatch(r.stderr, /skipped|failed|SeaBIOS/);
});

test('q35: a published port reaches the app through virtio-net over PCI; run -d and stop (control channel over PCI)', async () => {
  const d = await nephos(['run', '-d', '--accel', ACCEL, '--machine', 'q35', '--name', name, '-p', `${port}:8080`, HTTP]);
  assert.equal(d.code, 0, d.stderr);
  assert.equal(d.stdout.trim(), name);
  const first = await get('/');
  assert.equal(first.status, 200);
  assert.ok(first.body.length > 0);
  // Many requests: the receive ring is re-posted and interrupts keep coming (MSI-X, no polling).
  for (let i = 0; i < 50; i++) assert.equal((await get('/')).status, 200);
  const api = await nephos(['api', name, 'GET', '/os/name']);
  assert.equal(api.code, 0, api.stderr);
  assert.match(api.stdout, /Nephos/);
  const stop = await nephos(['stop', name]);
  assert.equal(stop.code, 0, stop.stderr);
  const ps = await nephos(['ps', '-a']);
  // SIGTERM over the control channel: the app ends with 143, not a power-off.
  assert.match(ps.stdout, new RegExp(`${name}\\s.*exited \\(143\\)`));
  const cfg = await nephos(['inspect', name]);
  assert.match(cfg.stdout, /"machine": "q35"/);
});

test('console output that wraps the transmit ring (two-piece chains: indirect descriptors) arrives byte-exact on both machines', async () => {
  // 12 writes of ~23 KB, 20 ms apart: the 64 KiB ring drains between writes, so a write that
  // starts mid-ring wraps, and its two pieces go as one chain (one indirect descriptor).
  const app = makeApp({
    'index.js': `
const lines = [];
for (let i = 0; i < 1500; i++) lines.push('line ' + i + ' ' + 'y'.repeat(i % 23));
const s = lines.join('\\n') + '\\n';
let k = 0;
const t = setInterval(() => { process.stdout.write(s); if (++k === 12) clearInterval(t); }, 20);
`,
  });
  try {
    const lines: string[] = [];
    for (let i = 0; i < 1500; i++) lines.push('line ' + i + ' ' + 'y'.repeat(i % 23));
    const expected = (lines.join('\n') + '\n').repeat(12);
    for (const machine of ['microvm', 'q35']) {
      const r = await nephos(['run', '--rm', '--accel', ACCEL, '--machine', machine, app]);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout.length, expected.length, machine);
      assert.ok(r.stdout === expected, `${machine}: output differs`);
    }
  } finally {
    removeApp(app);
  }
});

test('q35: BARs firmware put above 4 GiB are moved into the 32-bit hole, and the devices work', async () => {
  // A 1 GiB ivshmem BAR does not fit in the 32-bit hole, so SeaBIOS puts every 64-bit BAR (the
  // virtio register blocks among them) above 4 GiB, where this OS does not map.
  const dir = mkdtempSync(join(tmpdir(), 'nephos-qemu-'));
  const wrapper = join(dir, 'qemu');
  writeFileSync(wrapper, '#!/bin/sh\nexec qemu-system-x86_64 "$@" -object memory-backend-ram,id=shm,size=1G -device ivshmem-plain,memdev=shm\n');
  chmodSync(wrapper, 0o755);
  try {
    const r = await nephos(['run', '--rm', '--accel', ACCEL, '--machine', 'q35', HELLO, '--', '--name', 'moved'], { env: { NEPHOS_QEMU: wrapper } });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Hello, moved!\n/);
    assert.match(r.stderr, /moved BAR4 from 0x[1-9a-f][0-9a-f]{8} to 0xfe[0-9a-f]{6}/);
    assert.doesNotMatch(r.stderr, /skipped/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('q35: virtio-rng over PCI is the only entropy source on a CPU without RDRAND/RDSEED', async () => {
  const app = makeApp({ 'index.js': "console.log('random: ' + require('crypto').randomBytes(8).toString('hex').length);\n" });
  try {
    const img = join(mkdtempSync(join(tmpdir(), 'nephos-img-')), 'rng.img');
    const b = await nephos(['build', app, '-o', img]);
    assert.equal(b.code, 0, b.stderr);
    const files = bootFiles(img, TEST_HOME);
    const r = spawnSync('qemu-system-x86_64', [
      '-M', 'q35,sata=off,smbus=off,vmport=off', '-accel', 'tcg', '-cpu', 'qemu64', '-m', '128M',
      '-nodefaults', '-no-user-config', '-display', 'none', '-no-reboot', '-serial', 'stdio',
      '-device', 'isa-debug-exit,iobase=0xf4,iosize=0x04', '-device', 'virtio-rng-pci,disable-legacy=on',
      '-kernel', files.kernel, '-initrd', files.initrd,
    ], { encoding: 'utf8', timeout: 180_000 });
    assert.match(r.stdout, /random: 16/);
    assert.equal(r.status, 1, r.stdout + r.stderr);
  } finally {
    removeApp(app);
  }
});
