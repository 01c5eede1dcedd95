import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initramfsEntries, parseLdd } from './initramfs';
import { checkConfig } from './kernel';

test('ldd output: every absolute library path once, the interpreter included, the vDSO not', () => {
  const out = `\tlinux-vdso.so.1 (0x00007ffc2d5f1000)
\tlibdl.so.2 => /lib/x86_64-linux-gnu/libdl.so.2 (0x00007fe911bb2000)
\tlibstdc++.so.6 => /lib/x86_64-linux-gnu/libstdc++.so.6 (0x00007fe911800000)
\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007fe91161e000)
\t/lib64/ld-linux-x86-64.so.2 (0x00007fe911bcd000)
`;
  assert.deepEqual(parseLdd(out), ['/lib/x86_64-linux-gnu/libdl.so.2', '/lib/x86_64-linux-gnu/libstdc++.so.6', '/lib/x86_64-linux-gnu/libc.so.6', '/lib64/ld-linux-x86-64.so.2']);
  assert.throws(() => parseLdd('\tlibfoo.so.1 => not found\n'), /libfoo\.so\.1 => not found/);
});

test('the initramfs holds init, node, libraries, modules with their load order, and the app', () => {
  const d = mkdtempSync(join(tmpdir(), 'initramfs-test-'));
  try {
    for (const f of ['init', 'node', 'libc.so.6']) writeFileSync(join(d, f), f);
    mkdirSync(join(d, 'mods'));
    writeFileSync(join(d, 'mods', 'virtio.ko'), 'ko');
    writeFileSync(join(d, 'mods', 'load-order'), 'virtio.ko\n');
    mkdirSync(join(d, 'app', 'lib'), { recursive: true });
    writeFileSync(join(d, 'app', 'index.js'), 'require("./lib/x")');
    writeFileSync(join(d, 'app', 'lib', 'x.js'), '');
    writeFileSync(join(d, 'app', '.hidden'), '');
    const entries = initramfsEntries({ init: join(d, 'init'), node: join(d, 'node'), libraries: [join(d, 'libc.so.6')], modulesDir: join(d, 'mods'), modules: ['virtio'], appDir: join(d, 'app') });
    const paths = entries.map((e) => e.path);
    for (const p of ['dev/console', 'proc', 'sys', 'tmp', 'init', 'usr/bin/node', join(d, 'libc.so.6'), 'lib/modules/virtio.ko', 'lib/modules/load-order', 'app/index.js', 'app/lib/x.js']) {
      assert.ok(paths.includes(p), `${p} in ${paths.join(' ')}`);
    }
    assert.ok(!paths.includes('app/.hidden'));
    const init = entries.find((e) => e.path === 'init');
    assert.equal(init?.type === 'file' && init.mode, 0o755);
    assert.throws(() => initramfsEntries({ init: join(d, 'init'), node: join(d, 'node'), libraries: [], modulesDir: join(d, 'mods'), modules: [], appDir: join(d, 'mods') }), /has no index\.js/);
  } finally {
    rmSync(d, { recursive: true, force: true });
  }
});

test('kernel config check names what the microVM cannot do without', () => {
  const ok = 'CONFIG_PVH=y\nCONFIG_ACPI=y\nCONFIG_DEVTMPFS=y\nCONFIG_BLK_DEV_INITRD=y\nCONFIG_VIRTIO_MMIO=m\nCONFIG_VIRTIO_NET=m\n';
  assert.deepEqual(checkConfig(ok), []);
  assert.deepEqual(checkConfig(ok.replace('CONFIG_PVH=y', '# CONFIG_PVH is not set')), ['CONFIG_PVH']);
});
