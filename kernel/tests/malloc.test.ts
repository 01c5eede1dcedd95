// Runs the kernel heap's host test (malloc_test.c) under AddressSanitizer and UBSan.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = process.env.NEPHOS_ROOT ?? process.cwd();
const renames = ['malloc', 'free', 'realloc', 'calloc', 'aligned_alloc', 'memalign', 'posix_memalign', 'malloc_usable_size']
  .map((s) => `-D${s}=k_${s}`);

test('the TLSF heap keeps its invariants through 300,000 random operations and coalesces fully', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nephos-malloc-'));
  try {
    const flags = ['-O1', '-g', '-fsanitize=address,undefined', '-fno-sanitize-recover=all', '-I', join(root, 'kernel/include')];
    let r = spawnSync('gcc', [...flags, ...renames, '-c', '-o', join(dir, 'kmalloc.o'), join(root, 'kernel/mm/malloc.c')], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    r = spawnSync('gcc', [...flags, '-o', join(dir, 'malloc_test'), join(root, 'kernel/tests/malloc_test.c'), join(dir, 'kmalloc.o')], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    r = spawnSync(join(dir, 'malloc_test'), ['300000'], { encoding: 'utf8' });
    assert.equal(r.status, 0, `${r.stdout}${r.stderr}`);
    assert.match(r.stdout, /^ok: 300000 steps/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
