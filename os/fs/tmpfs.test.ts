import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Tmpfs } from './tmpfs';
import { ByteStore, CHUNK } from './bytestore';
import { S_IFDIR, S_IFLNK, S_IFMT, S_IFREG } from './types';

function clock() {
  let t = 1_000_000;
  return { now: () => t, advance: (ms: number) => { t += ms; } };
}

const bytes = (s: string) => new TextEncoder().encode(s);
const text = (b: Uint8Array) => new TextDecoder().decode(b);

function code(fn: () => unknown): string {
  try { fn(); } catch (err) { return (err as { code: string }).code; }
  return 'no error';
}

function readAll(fs: Tmpfs, ino: number): string {
  const out = new Uint8Array(fs.getattr(ino).size);
  fs.read(ino, 0, out);
  return text(out);
}

test('ByteStore: writes across chunks, holes read as zeros, truncate clears the tail', () => {
  const s = new ByteStore();
  const big = new Uint8Array(CHUNK + 100).map((_, i) => (i % 251) + 1);
  s.write(10, big);
  assert.equal(s.size, CHUNK + 110);
  const out = new Uint8Array(CHUNK + 110);
  assert.equal(s.read(0, out), CHUNK + 110);
  assert.deepEqual([...out.subarray(0, 10)], new Array(10).fill(0));
  assert.deepEqual(out.subarray(10), big);
  s.truncate(20);
  s.truncate(CHUNK * 3);
  const again = new Uint8Array(40);
  s.read(0, again);
  assert.deepEqual(again.subarray(10, 20), big.subarray(0, 10));
  assert.deepEqual([...again.subarray(20)], new Array(20).fill(0), 'bytes past a shrink must read as zeros after regrowth');
  const far = new Uint8Array(8);
  assert.equal(s.read(CHUNK * 3 - 4, far), 4);
  assert.equal(s.read(CHUNK * 3, far), 0);
});

test('ByteStore: appending byte by byte stays linear (chunks never exceed CHUNK)', () => {
  const s = new ByteStore();
  const one = new Uint8Array([7]);
  for (let i = 0; i < CHUNK * 2 + 5; i++) s.write(i, one);
  assert.equal(s.size, CHUNK * 2 + 5);
  const out = new Uint8Array(3);
  s.read(CHUNK - 1, out);
  assert.deepEqual([...out], [7, 7, 7]);
});

test('tmpfs: create, write, read, getattr and timestamps from the injected clock', () => {
  const c = clock();
  const fs = new Tmpfs({ now: c.now });
  const ino = fs.create(fs.rootIno, 'a.txt', 0o644);
  c.advance(5);
  fs.write(ino, 0, bytes('hello'));
  const attr = fs.getattr(ino);
  assert.equal(attr.mode, S_IFREG | 0o644);
  assert.equal(attr.size, 5);
  assert.equal(attr.nlink, 1);
  assert.equal(attr.birthtimeMs, 1_000_000);
  assert.equal(attr.mtimeMs, 1_000_005);
  assert.equal(readAll(fs, ino), 'hello');
  assert.equal(fs.lookup(fs.rootIno, 'a.txt'), ino);
  assert.equal(code(() => fs.create(fs.rootIno, 'a.txt', 0o644)), 'EEXIST');
  assert.equal(code(() => fs.lookup(fs.rootIno, 'b')), 'ENOENT');
  assert.equal(code(() => fs.lookup(ino, 'x')), 'ENOTDIR');
});

test('tmpfs: directories count links, rmdir needs an empty directory', () => {
  const fs = new Tmpfs({ now: () => 0 });
  const d = fs.mkdir(fs.rootIno, 'd', 0o755);
  fs.mkdir(d, 'e', 0o755);
  fs.create(d, 'f', 0o644);
  assert.equal(fs.getattr(d).nlink, 3);
  assert.equal(fs.getattr(fs.rootIno).nlink, 3);
  assert.equal(fs.getattr(d).mode & S_IFMT, S_IFDIR);
  assert.deepEqual(fs.readdir(d).map((e) => [e.name, e.type]), [['e', S_IFDIR], ['f', S_IFREG]]);
  assert.equal(code(() => fs.rmdir(fs.rootIno, 'd')), 'ENOTEMPTY');
  assert.equal(code(() => fs.rmdir(d, 'f')), 'ENOTDIR');
  assert.equal(code(() => fs.unlink(d, 'e')), 'EISDIR');
  fs.rmdir(d, 'e');
  fs.unlink(d, 'f');
  fs.rmdir(fs.rootIno, 'd');
  assert.equal(fs.getattr(fs.rootIno).nlink, 2);
  assert.equal(fs.inodeCount, 1);
});

test('tmpfs: rename replaces files, puts a directory over an empty one, refuses the rest', () => {
  const fs = new Tmpfs({ now: () => 0 });
  const root = fs.rootIno;
  const a = fs.create(root, 'a', 0o644);
  fs.write(a, 0, bytes('A'));
  const b = fs.create(root, 'b', 0o644);
  fs.rename(root, 'a', root, 'b');
  assert.equal(fs.lookup(root, 'b'), a);
  assert.equal(code(() => fs.lookup(root, 'a')), 'ENOENT');
  assert.equal(code(() => fs.getattr(b)), 'ENOENT', 'the replaced inode is freed');

  const d1 = fs.mkdir(root, 'd1', 0o755);
  const d2 = fs.mkdir(root, 'd2', 0o755);
  const sub = fs.mkdir(d1, 'sub', 0o755);
  assert.equal(code(() => fs.rename(root, 'd1', d1, 'x')), 'EINVAL');
  assert.equal(code(() => fs.rename(root, 'd1', sub, 'x')), 'EINVAL');
  assert.equal(code(() => fs.rename(root, 'd1', root, 'b')), 'ENOTDIR');
  assert.equal(code(() => fs.rename(root, 'b', root, 'd1')), 'EISDIR');
  fs.create(d2, 'keep', 0o644);
  assert.equal(code(() => fs.rename(root, 'd1', root, 'd2')), 'ENOTEMPTY');
  fs.unlink(d2, 'keep');
  fs.rename(root, 'd1', root, 'd2');
  assert.equal(fs.lookup(root, 'd2'), d1);
  assert.equal(fs.lookup(d1, 'sub'), sub);
  // Moving a directory between parents moves its ".." link.
  const p = fs.mkdir(root, 'p', 0o755);
  fs.rename(d1, 'sub', p, 'sub');
  assert.equal(fs.getattr(p).nlink, 3);
  assert.equal(fs.getattr(d1).nlink, 2);
  fs.rename(p, 'sub', root, 'sub');
  assert.equal(code(() => fs.rename(root, 'sub', root, 'sub')), 'no error');
});

test('tmpfs: hard links share the inode; data lives until the last name and the last open go', () => {
  const fs = new Tmpfs({ now: () => 0 });
  const root = fs.rootIno;
  const f = fs.create(root, 'f', 0o644);
  fs.write(f, 0, bytes('data'));
  fs.link(root, 'g', f);
  assert.equal(fs.getattr(f).nlink, 2);
  fs.unlink(root, 'f');
  assert.equal(fs.getattr(f).nlink, 1);
  fs.retain(f);
  fs.unlink(root, 'g');
  assert.equal(readAll(fs, f), 'data', 'open file readable after its last name is gone');
  assert.equal(fs.used, 4);
  fs.release(f);
  assert.equal(code(() => fs.getattr(f)), 'ENOENT');
  assert.equal(fs.used, 0);
  const d = fs.mkdir(root, 'd', 0o755);
  assert.equal(code(() => fs.link(root, 'dd', d)), 'EPERM');
});

test('tmpfs: symlinks store their target; readlink on a file is EINVAL', () => {
  const fs = new Tmpfs({ now: () => 0 });
  const l = fs.symlink(fs.rootIno, 'l', '../x/y');
  assert.equal(fs.getattr(l).mode, S_IFLNK | 0o777);
  assert.equal(fs.getattr(l).size, 6);
  assert.equal(fs.readlink(l), '../x/y');
  const f = fs.create(fs.rootIno, 'f', 0o644);
  assert.equal(code(() => fs.readlink(f)), 'EINVAL');
});

test('tmpfs: the byte budget gives ENOSPC and changes nothing; freeing returns space', () => {
  const fs = new Tmpfs({ now: () => 0, budget: 10 });
  const f = fs.create(fs.rootIno, 'f', 0o644);
  fs.write(f, 0, bytes('12345678'));
  assert.equal(code(() => fs.write(f, 8, bytes('abc'))), 'ENOSPC');
  assert.equal(fs.getattr(f).size, 8);
  fs.write(f, 0, bytes('abcdefgh')); // overwrite costs nothing
  assert.equal(code(() => fs.truncate(f, 11)), 'ENOSPC');
  fs.truncate(f, 2);
  assert.equal(fs.used, 2);
  fs.write(f, 2, bytes('12345678'));
  assert.equal(readAll(fs, f), 'ab12345678');
  fs.unlink(fs.rootIno, 'f');
  assert.equal(fs.used, 0);
});

test('tmpfs: setattr keeps the type bits and stamps ctime', () => {
  const c = clock();
  const fs = new Tmpfs({ now: c.now });
  const f = fs.create(fs.rootIno, 'f', 0o644);
  c.advance(10);
  fs.setattr(f, { mode: 0o100600 | 0o7000, atimeMs: 5, mtimeMs: 6 });
  const a = fs.getattr(f);
  assert.equal(a.mode, S_IFREG | 0o7600);
  assert.equal(a.atimeMs, 5);
  assert.equal(a.mtimeMs, 6);
  assert.equal(a.ctimeMs, 1_000_010);
  assert.equal(code(() => fs.write(fs.rootIno, 0, bytes('x'))), 'EISDIR');
});
