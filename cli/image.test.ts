import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync, truncateSync, writeFileSync, appendFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { bootFiles, decodeImage, encodeImage, HEADER_SIZE, type ImageMeta, nephosHome, readImage, writeImage } from './image';
import { NephosError } from './errors';
import { removeTree, tempTree } from './build/testing';

const meta: ImageMeta = { app: 'hello', entry: '/app/index.js', nephos: '0.1.0', engine: '2021-03-27' };
const kernel = new Uint8Array(5000).map((_, i) => (i * 7) & 255);
const archive = new Uint8Array(777).map((_, i) => (i * 13 + 1) & 255);

function refused(fn: () => unknown, pattern: RegExp): void {
  assert.throws(fn, (e: unknown) => e instanceof NephosError && pattern.test(e.message));
}

test('round trip: header fields, page-aligned parts, metadata', () => {
  const bytes = encodeImage(meta, kernel, archive);
  assert.equal(Buffer.from(bytes.subarray(0, 8)).toString('latin1'), 'NEPHOSIM');
  assert.equal(bytes.length, 4096 + 8192 + 777); // kernel 5000 bytes padded to 8192
  const img = decodeImage(bytes, 'x.img');
  assert.deepEqual(img.meta, meta);
  assert.deepEqual(img.kernel, kernel);
  assert.deepEqual(img.archive, archive);
  assert.equal(img.payloadSha256.length, 64);
  const dv = new DataView(bytes.buffer);
  assert.equal(dv.getUint32(8, true), 1);
  assert.equal(Number(dv.getBigUint64(16, true)), HEADER_SIZE);
  assert.equal(Number(dv.getBigUint64(32, true)) % 4096, 0);
  // Metadata is JSON with no timestamps.
  const json = Buffer.from(bytes.subarray(124, 124 + dv.getUint32(120, true))).toString();
  assert.equal(json, '{"app":"hello","entry":"/app/index.js","nephos":"0.1.0","engine":"2021-03-27"}');
});

test('deterministic: identical input gives identical bytes; any input change changes them', () => {
  const a = encodeImage(meta, kernel, archive);
  const b = encodeImage({ ...meta }, kernel.slice(), archive.slice());
  assert.deepEqual(a, b);
  assert.notDeepEqual(a, encodeImage({ ...meta, app: 'other' }, kernel, archive));
  const k2 = kernel.slice();
  k2[10] ^= 1;
  assert.notDeepEqual(a, encodeImage(meta, k2, archive));
});

test('corruption anywhere is refused with a message that says to rebuild', () => {
  const good = encodeImage(meta, kernel, archive);
  for (const offset of [HEADER_SIZE + 3, HEADER_SIZE + 6000 /* padding */, good.length - 1]) {
    const bad = good.slice();
    bad[offset] ^= 0x40;
    refused(() => decodeImage(bad, 'hello.img'), /^hello\.img is corrupt \(checksum mismatch\): rebuild it with `nephos build`$/);
  }
  const badMeta = good.slice();
  badMeta[130] ^= 1;
  refused(() => decodeImage(badMeta, 'hello.img'), /is corrupt \(header checksum mismatch\)/);
  const badSize = good.slice();
  new DataView(badSize.buffer).setBigUint64(24, 4999n, true);
  refused(() => decodeImage(badSize, 'hello.img'), /is corrupt \(header checksum mismatch\)/);
});

test('truncation, extra bytes, bad magic and other versions are refused', () => {
  const good = encodeImage(meta, kernel, archive);
  refused(() => decodeImage(good.subarray(0, good.length - 1), 'a.img'), /^a\.img is corrupt \(truncated: \d+ bytes, expected \d+\)/);
  refused(() => decodeImage(good.subarray(0, 100), 'a.img'), /^a\.img is corrupt \(truncated header\)/);
  refused(() => decodeImage(new Uint8Array([...good, 0]), 'a.img'), /1 unexpected bytes at the end/);
  const magic = good.slice();
  magic[0] = 0x58;
  refused(() => decodeImage(magic, 'a.img'), /^a\.img is not a nephos image \(bad magic\): build one with `nephos build <app>`/);
  const v2 = good.slice();
  new DataView(v2.buffer).setUint32(8, 2, true);
  refused(() => decodeImage(v2, 'a.img'), /^a\.img has image format version 2, this nephos reads version 1: rebuild it/);
});

test('files: write, read, refuse a truncated file, missing file; boot files extracted once', () => {
  const dir = tempTree({});
  try {
    const path = join(dir, 'hello.img');
    writeImage(path, meta, kernel, archive);
    assert.deepEqual(readImage(path).meta, meta);
    const boot = bootFiles(path, join(dir, 'home'));
    assert.deepEqual(new Uint8Array(readFileSync(boot.kernel)), kernel);
    assert.deepEqual(new Uint8Array(readFileSync(boot.initrd)), archive);
    assert.ok(boot.kernel.startsWith(join(dir, 'home', 'cache', 'boot')));
    const mtime = statSync(boot.kernel).mtimeMs;
    const again = bootFiles(path, join(dir, 'home'));
    assert.deepEqual(again, boot);
    assert.equal(statSync(again.kernel).mtimeMs, mtime, 'second boot must reuse the extracted files');
    // A damaged cache entry (a partial copy) is replaced, by a rename over it: the whole file
    // beside it (which another nephos may be booting right now) is not touched, and no
    // temporary file is left.
    writeFileSync(boot.initrd, 'partial');
    const kernelIno = statSync(boot.kernel).ino;
    assert.deepEqual(new Uint8Array(readFileSync(bootFiles(path, join(dir, 'home')).initrd)), archive);
    assert.equal(statSync(boot.kernel).ino, kernelIno);
    assert.deepEqual(readdirSync(dirname(boot.kernel)).sort(), ['archive.npar', 'kernel.elf']);

    appendFileSync(path, 'x');
    refused(() => bootFiles(path, join(dir, 'home')), /^hello\.img is corrupt \(1 unexpected bytes at the end\)/);
    truncateSync(path, 5000);
    refused(() => readImage(path), /^hello\.img is corrupt \(truncated/);
    refused(() => readImage(join(dir, 'nope.img')), /nope\.img does not exist: check the path/);
    assert.equal(existsSync(`${path}.tmp-${process.pid}`), false);
  } finally {
    removeTree(dir);
  }
});

test('NEPHOS_HOME', () => {
  assert.equal(nephosHome({ NEPHOS_HOME: '/srv/nephos' }), '/srv/nephos');
  assert.match(nephosHome({}), /\/\.nephos$/);
});
