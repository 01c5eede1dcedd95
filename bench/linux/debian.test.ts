import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kernelDependency, packageFromRecord, parseControlRecord } from './debian';

const RECORD = `Package: linux-image-6.1.0-56-amd64
Source: linux-signed-amd64 (6.1.192+2)
Version: 6.1.192-2
Depends: kmod, linux-base (>= 4.3~), initramfs-tools (>= 0.120+deb8u2) | linux-initramfs-tool
Description: Linux 6.1 for 64-bit PCs (signed)
 The Linux kernel 6.1 and modules for use on PCs with AMD64, Intel 64 or
 VIA Nano processors.
Filename: pool/updates/main/l/linux-signed-amd64/linux-image-6.1.0-56-amd64_6.1.192-2_amd64.deb
Size: 70550672
SHA256: a86e2049672f52354c4536a089203b6c82639420424d31c91cf31a181fd4d8f1

Package: linux-image-6.1.0-56-amd64
Version: 6.1.176-1
`;

test('an apt-cache record: the first record only, continuation lines joined', () => {
  const f = parseControlRecord(RECORD);
  assert.equal(f.get('Version'), '6.1.192-2');
  assert.match(f.get('Description')!, /^Linux 6\.1 for 64-bit PCs \(signed\)\nThe Linux kernel 6\.1/);
  const p = packageFromRecord(f, 'x');
  assert.deepEqual({ ...p, depends: undefined }, {
    name: 'linux-image-6.1.0-56-amd64',
    version: '6.1.192-2',
    filename: 'pool/updates/main/l/linux-signed-amd64/linux-image-6.1.0-56-amd64_6.1.192-2_amd64.deb',
    sha256: 'a86e2049672f52354c4536a089203b6c82639420424d31c91cf31a181fd4d8f1',
    size: 70550672,
    depends: undefined,
  });
});

test('a record without a well-formed SHA256 is refused (nothing unchecked is downloaded)', () => {
  assert.throws(() => packageFromRecord(parseControlRecord(RECORD.replace(/^SHA256: .*$/m, '')), 'k'), /has no SHA256 for k/);
  assert.throws(() => packageFromRecord(parseControlRecord(RECORD.replace(/^SHA256: a8/m, 'SHA256: zz')), 'k'), /malformed SHA256/);
});

test('the metapackage names the versioned kernel package', () => {
  assert.equal(kernelDependency('linux-image-6.1.0-56-amd64 (= 6.1.192-2)'), 'linux-image-6.1.0-56-amd64=6.1.192-2');
  assert.equal(kernelDependency('linux-image-6.12.57+deb13-amd64 (= 6.12.57-1), foo'), 'linux-image-6.12.57+deb13-amd64=6.12.57-1');
  assert.equal(kernelDependency('kmod, linux-base'), undefined);
});
