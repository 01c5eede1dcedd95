// The same image on the other machine model (q35 with SeaBIOS and no devices at all: the serial
// console carries the output; tests/pci.test.ts boots q35 with virtio-pci devices) and on the other accelerator (CI runs the suite on the best one; this
// keeps the other booting), and an idle VM's host CPU use.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bootFiles } from '../cli/image';
import { kvmUsable, makeApp, nephos, removeApp, ROOT, suiteAccel, TEST_HOME, NEPHOS } from './helpers';

const HELLO = join(ROOT, 'examples', 'hello');

async function buildHello(): Promise<string> {
  const img = join(mkdtempSync(join(tmpdir(), 'nephos-img-')), 'hello.img');
  const r = await nephos(['build', HELLO, '-o', img]);
  assert.equal(r.code, 0, r.stderr);
  return img;
}

test('the image boots on -M q35 (SeaBIOS, PVH) with its output on the serial console', async () => {
  const img = await buildHello();
  const files = bootFiles(img, TEST_HOME);
  const accel = suiteAccel();
  const r = spawnSync('qemu-system-x86_64', [
    '-M', 'q35', '-accel', accel, '-cpu', accel === 'kvm' ? 'host,-arch-capabilities' : 'max', '-m', '128M',
    '-nodefaults', '-no-user-config', '-nographic', '-no-reboot', '-serial', 'stdio',
    '-device', 'isa-debug-exit,iobase=0xf4,iosize=0x04', '-kernel', files.kernel, '-initrd', files.initrd,
  ], { encoding: 'utf8', timeout: 120_000 });
  assert.match(r.stdout, /Hello, world!\r?\n/);
  assert.match(r.stdout, /NEPHOS_EXIT exit 0/);
  assert.equal(r.status, 1, r.stderr); // isa-debug-exit: (0 << 1) | 1
});

test('a boot smoke test on the accelerator the suite does not use', async (t) => {
  const other = suiteAccel() === 'kvm' ? 'tcg' : 'kvm';
  if (other === 'kvm' && !kvmUsable()) {
    t.skip('no usable /dev/kvm on this host: only TCG can run here');
    return;
  }
  const r = await nephos(['run', '--accel', other, HELLO, '--', '--name', other]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, new RegExp(`^Hello, ${other}!`));
});

function cpuTicks(pid: number): number {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = f.slice(f.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]); // utime + stime (fields 14, 15)
}

function childPids(pid: number): number[] {
  const out: number[] = [];
  for (const task of readdirSync(`/proc/${pid}/task`)) {
    const c = readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim();
    if (c) out.push(...c.split(/\s+/).map(Number));
  }
  return out;
}

// Issue 2's check that an idle VM halts: with nothing to do it halts its CPU until the next
// interrupt, so its QEMU uses a small fraction of a host CPU (0.6% measured here on either
// accelerator); one that polled would use all of one. The window
// starts once the app has run (under TCG on a loaded 2-core machine the boot alone can take
// seconds, and its CPU time is not idle time).
test('an idle VM (a pending timer) halts: its QEMU uses under 5% of a host CPU', async (t) => {
  const app = makeApp({ 'index.js': "console.log('armed'); setTimeout(() => console.log('done'), 8000);\n" });
  try {
    const child = spawn(process.execPath, [NEPHOS, 'run', '--accel', suiteAccel(), app], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
    for (let i = 0; i < 1200 && !out.includes('armed\n'); i++) await new Promise((r) => setTimeout(r, 50));
    assert.match(out, /^armed\n/, 'the app did not start within 60 s');
    const qemu = childPids(child.pid!).find((p) => readFileSync(`/proc/${p}/comm`, 'utf8').startsWith('qemu'));
    assert.ok(qemu, 'QEMU process found');
    await new Promise((r) => setTimeout(r, 500)); // the console's last writes, the loop going idle
    const hz = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;
    const t0 = cpuTicks(qemu!);
    const w0 = Date.now();
    await new Promise((r) => setTimeout(r, 5000));
    const used = (cpuTicks(qemu!) - t0) / hz;
    const wall = (Date.now() - w0) / 1000;
    const percent = (100 * used) / wall;
    t.diagnostic(`idle VM: ${percent.toFixed(2)}% of a host CPU over ${wall.toFixed(1)} s`);
    assert.ok(percent < 5, `idle VM used ${percent.toFixed(1)}% of a CPU`);
    assert.equal(await closed, 0);
    assert.equal(out, 'armed\ndone\n');
  } finally {
    removeApp(app);
  }
});

test('without any entropy source (no RDRAND/RDSEED, no virtio-rng) randomness fails with a clear error', async () => {
  const app = makeApp({
    'index.js': `
try { require('crypto').randomBytes(8); console.log('randomBytes: no error'); } catch (e) { console.log('randomBytes: ' + e.code); }
try { crypto.randomUUID(); console.log('randomUUID: no error'); } catch (e) { console.log('randomUUID: ' + e.code + ': ' + e.message); }
console.log('Math.random still works: ' + (typeof Math.random() === 'number'));
`,
  });
  try {
    const img = join(mkdtempSync(join(tmpdir(), 'nephos-img-')), 'noentropy.img');
    const b = await nephos(['build', app, '-o', img]);
    assert.equal(b.code, 0, b.stderr);
    const files = bootFiles(img, TEST_HOME);
    // TCG's qemu64 has neither RDRAND nor RDSEED (nested PVM shows the host's CPUID whatever -cpu
    // says, so KVM cannot hide them here); no virtio-rng device; output on the serial console.
    const r = spawnSync('qemu-system-x86_64', [
      '-M', 'microvm,acpi=off', '-accel', 'tcg', '-cpu', 'qemu64', '-m', '128M',
      '-nodefaults', '-no-user-config', '-nographic', '-no-reboot', '-serial', 'stdio',
      '-device', 'isa-debug-exit,iobase=0xf4,iosize=0x04', '-kernel', files.kernel, '-initrd', files.initrd,
    ], { encoding: 'utf8', timeout: 120_000 });
    assert.match(r.stdout, /randomBytes: ERR_CRYPTO_NO_ENTROPY/);
    assert.match(r.stdout, /randomUUID: ERR_CRYPTO_NO_ENTROPY: No entropy source/);
    assert.match(r.stdout, /Math\.random still works: true/);
  } finally {
    removeApp(app);
  }
});
