import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import { BzImageError, compressionAt, extractVmlinux, parseBzHeader, type Compression } from './bzimage';

/** A fake vmlinux: an ELF magic and some varied bytes. */
const VMLINUX = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]), Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 31) & 0xff))]);

function sizeLE(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b;
}

function xz(data: Buffer): Buffer {
  const r = spawnSync('xz', ['-c', '--check=crc32'], { input: data });
  assert.equal(r.status, 0, 'xz must be installed for this test');
  return r.stdout;
}

/**
 * A bzImage as arch/x86/boot/tools/build.c lays it out: setup sectors with the header, then the
 * protected-mode part (decompressor bytes, then the payload, then more code).
 */
function bzImage(payload: Buffer, opts: { setupSects?: number; version?: number; headerFields?: boolean } = {}): Buffer {
  const setupSects = opts.setupSects ?? 3;
  const setup = Buffer.alloc((setupSects + 1) * 512);
  setup[0x1f1] = setupSects;
  setup.writeUInt16LE(0xaa55, 0x1fe);
  setup.write('HdrS', 0x202, 'latin1');
  setup.writeUInt16LE(opts.version ?? 0x20f, 0x206);
  const before = Buffer.alloc(700, 0x90); // "decompressor code"
  if (opts.headerFields !== false) {
    setup.writeUInt32LE(before.length, 0x248);
    setup.writeUInt32LE(payload.length, 0x24c);
  }
  return Buffer.concat([setup, before, payload, Buffer.alloc(300, 0xcc)]);
}

test('gzip payload located by the header fields (gzip carries no appended size)', () => {
  const payload = gzipSync(VMLINUX);
  const img = bzImage(payload);
  const h = parseBzHeader(img);
  assert.equal(h.protectedModeStart, 4 * 512);
  assert.deepEqual(h.payload, { offset: 4 * 512 + 700, length: payload.length });
  const r = extractVmlinux(img);
  assert.equal(r.compression, 'gzip');
  assert.equal(r.foundBy, 'header');
  assert.ok(Buffer.from(r.vmlinux).equals(VMLINUX));
});

test('xz payload with the appended size (Debian 12 and 13 kernels are xz)', () => {
  const r = extractVmlinux(bzImage(Buffer.concat([xz(VMLINUX), sizeLE(VMLINUX.length)])));
  assert.equal(r.compression, 'xz');
  assert.ok(Buffer.from(r.vmlinux).equals(VMLINUX));
});

test('the appended size is checked against what the tool produced', () => {
  const img = bzImage(Buffer.concat([xz(VMLINUX), sizeLE(VMLINUX.length + 1)]));
  assert.throws(() => extractVmlinux(img), /gave 5007 bytes, the image says 5008/);
});

test('each compressor is handed the stream without the 4 size bytes (but gzip whole)', () => {
  const seen: { compression: Compression; length: number }[] = [];
  const fake = (compression: Compression, data: Uint8Array) => {
    seen.push({ compression, length: data.length });
    return VMLINUX;
  };
  const zstdLike = Buffer.concat([Buffer.from([0x28, 0xb5, 0x2f, 0xfd]), Buffer.alloc(96), sizeLE(VMLINUX.length)]);
  extractVmlinux(bzImage(zstdLike), fake);
  const gz = gzipSync(VMLINUX);
  extractVmlinux(bzImage(gz), fake);
  assert.deepEqual(seen, [{ compression: 'zstd', length: 100 }, { compression: 'gzip', length: gz.length }]);
});

test('without payload fields (protocol < 2.08) the payload is found by its magic', () => {
  const img = bzImage(Buffer.concat([xz(VMLINUX), sizeLE(VMLINUX.length)]), { version: 0x207, headerFields: false });
  assert.equal(parseBzHeader(img).payload, undefined);
  const r = extractVmlinux(img);
  assert.equal(r.foundBy, 'scan');
  assert.ok(Buffer.from(r.vmlinux).equals(VMLINUX));
});

test('magics are told apart', () => {
  assert.equal(compressionAt(Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]), 0), 'xz');
  assert.equal(compressionAt(Buffer.from([0x02, 0x21, 0x4c, 0x18]), 0), 'lz4');
  assert.equal(compressionAt(Buffer.from([0x1f, 0x8b, 0x08]), 0), 'gzip');
  assert.equal(compressionAt(Buffer.from([0x1f, 0x8b]), 0), undefined, 'truncated magic');
  assert.equal(compressionAt(Buffer.from([0x28, 0xb5, 0x2f, 0xfd]), 1), undefined);
});

test('not a bzImage, or a payload that is not an ELF: clean errors', () => {
  assert.throws(() => extractVmlinux(Buffer.alloc(100)), BzImageError);
  assert.throws(() => extractVmlinux(Buffer.alloc(4096)), /no 0xAA55 boot flag/);
  const notElf = bzImage(gzipSync(Buffer.from('just text, not a kernel')));
  assert.throws(() => extractVmlinux(notElf), /does not decompress to an ELF/);
  const garbage = bzImage(Buffer.alloc(64, 0xab), { headerFields: true });
  assert.throws(() => extractVmlinux(garbage), /no compressed ELF found/);
});
