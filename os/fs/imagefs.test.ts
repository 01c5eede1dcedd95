import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildArchive, parseArchive } from './archive';
import { Imagefs } from './imagefs';
import { S_IFDIR, S_IFREG } from './types';

const bytes = (s: string) => new TextEncoder().encode(s);

function image() {
  const archive = buildArchive([
    { path: '/app/index.js', data: bytes('console.log(1)') },
    { path: '/app/lib/util.js', data: bytes('module.exports = 2'), mode: 0o600 },
    { path: '/nephos/os.qbc', data: new Uint8Array([1, 2, 3]) },
  ]);
  return { archive, fs: new Imagefs(parseArchive(archive), { mtimeMs: 1234.5 }) };
}

function code(fn: () => unknown): string {
  try { fn(); } catch (err) { return (err as { code: string }).code; }
  return 'no error';
}

test('imagefs: lookup, getattr and readdir follow the archive', () => {
  const { fs } = image();
  const app = fs.lookup(fs.rootIno, 'app');
  const util = fs.lookup(fs.lookup(app, 'lib'), 'util.js');
  assert.equal(fs.getattr(app).mode, S_IFDIR | 0o755);
  assert.equal(fs.getattr(app).nlink, 3);
  const attr = fs.getattr(util);
  assert.equal(attr.mode, S_IFREG | 0o600);
  assert.equal(attr.size, 18);
  assert.equal(attr.mtimeMs, 1234.5);
  assert.equal(attr.birthtimeMs, 1234.5);
  assert.deepEqual(fs.readdir(fs.rootIno).map((e) => e.name), ['app', 'nephos']);
  assert.deepEqual(fs.readdir(app).map((e) => [e.name, e.type]), [['index.js', S_IFREG], ['lib', S_IFDIR]]);
  assert.equal(code(() => fs.lookup(app, 'nope')), 'ENOENT');
  assert.equal(code(() => fs.lookup(util, 'x')), 'ENOTDIR');
  assert.equal(code(() => fs.readlink(util)), 'EINVAL');
});

test('imagefs: inode numbers are stable across mounts of the same image', () => {
  const a = image();
  const b = new Imagefs(parseArchive(a.archive), { mtimeMs: 0 });
  const path = (fs: Imagefs) => fs.lookup(fs.lookup(fs.lookup(fs.rootIno, 'app'), 'lib'), 'util.js');
  assert.equal(path(a.fs), path(b));
  assert.equal(a.fs.rootIno, 1);
});

test('imagefs: file data is a view into the archive, reads copy into the caller', () => {
  const { archive, fs } = image();
  const os = fs.lookup(fs.lookup(fs.rootIno, 'nephos'), 'os.qbc');
  const view = fs.view(os);
  assert.deepEqual([...view], [1, 2, 3]);
  assert.equal(view.buffer, archive.buffer, 'no copy of the contents');
  const out = new Uint8Array(5);
  assert.equal(fs.read(os, 1, out), 2);
  assert.deepEqual([...out.subarray(0, 2)], [2, 3]);
  assert.equal(fs.read(os, 3, out), 0);
  assert.equal(code(() => fs.read(fs.rootIno, 0, out)), 'EISDIR');
});

test('imagefs: every mutation is EROFS', () => {
  const { fs } = image();
  const r = fs.rootIno;
  const ops: (() => unknown)[] = [
    () => fs.write(), () => fs.truncate(), () => fs.setattr(), () => fs.create(), () => fs.mkdir(),
    () => fs.symlink(), () => fs.link(), () => fs.unlink(), () => fs.rmdir(), () => fs.rename(),
  ];
  for (const op of ops) assert.equal(code(op), 'EROFS');
  assert.equal(fs.readOnly, true);
  assert.equal(fs.lookup(r, 'app') > 1, true);
});
