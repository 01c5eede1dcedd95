import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildArchive, parseArchive } from './archive';
import { Imagefs } from './imagefs';
import { Tmpfs } from './tmpfs';
import { Vfs, W_OK, X_OK } from './vfs';
import { O_APPEND, O_CREAT, O_DIRECTORY, O_EXCL, O_NOFOLLOW, O_RDONLY, O_RDWR, O_TRUNC, O_WRONLY } from './flags';
import { S_IFDIR, S_IFMT, S_IFREG } from './types';
import { Devfs, S_IFCHR } from './devfs';

const bytes = (s: string) => new TextEncoder().encode(s);
const text = (b: Uint8Array) => new TextDecoder().decode(b);

function machine(cwd = '/') {
  const archive = buildArchive([
    { path: '/app/index.js', data: bytes('main') },
    { path: '/app/lib/a.js', data: bytes('aaa') },
  ]);
  const vfs = new Vfs({ cwd: () => cwd });
  vfs.mount('/', new Imagefs(parseArchive(archive), { mtimeMs: 1000 }));
  const tmp = new Tmpfs({ now: () => 2000, budget: 1 << 20 });
  vfs.mount('/tmp', tmp);
  return { vfs, tmp };
}

function err(fn: () => unknown): { code: string; syscall: string; path?: string; dest?: string; message: string } | string {
  try { fn(); } catch (e) {
    const x = e as { code: string; syscall: string; path?: string; dest?: string; message: string };
    return { code: x.code, syscall: x.syscall, path: x.path, dest: x.dest, message: x.message };
  }
  return 'no error';
}

function codeOf(fn: () => unknown): string {
  const e = err(fn);
  return typeof e === 'string' ? e : e.code;
}

function writeFile(vfs: Vfs, path: string, s: string) {
  const fd = vfs.open(path, 'w');
  const b = bytes(s);
  vfs.write(fd, b, 0, b.length, null);
  vfs.close(fd);
}

function readFile(vfs: Vfs, path: string): string {
  const fd = vfs.open(path, 'r');
  const out = new Uint8Array(vfs.fstat(fd).size);
  vfs.read(fd, out, 0, out.length, null);
  vfs.close(fd);
  return text(out);
}

test('vfs: mounts appear in readdir and stat; image and tmpfs have their own devices', () => {
  const { vfs } = machine();
  assert.deepEqual(vfs.readdir('/').map((e) => e.name).sort(), ['app', 'tmp']);
  const tmp = vfs.readdir('/').find((e) => e.name === 'tmp')!;
  assert.equal(tmp.type, S_IFDIR);
  const st = vfs.stat('/tmp');
  assert.equal(st.mode & S_IFMT, S_IFDIR);
  assert.equal(st.mode & 0o7777, 0o1777);
  assert.notEqual(st.dev, vfs.stat('/app').dev);
  assert.equal(vfs.stat('/app/lib/a.js').size, 3);
  assert.equal(vfs.stat('/app/lib/a.js').mtimeMs, 1000);
  assert.equal(vfs.realpath('/tmp/../app/./lib/'), '/app/lib');
  assert.equal(vfs.realpath('/../../tmp'), '/tmp');
});

test('vfs: errors carry Node\'s code, syscall, the caller\'s path and message', () => {
  const { vfs } = machine('/app');
  assert.deepEqual(err(() => vfs.open('nope.js', 'r')), {
    code: 'ENOENT', syscall: 'open', path: 'nope.js', dest: undefined,
    message: "ENOENT: no such file or directory, open 'nope.js'",
  });
  assert.deepEqual(err(() => vfs.rename('/tmp/a', '/tmp/b')), {
    code: 'ENOENT', syscall: 'rename', path: '/tmp/a', dest: '/tmp/b',
    message: "ENOENT: no such file or directory, rename '/tmp/a' -> '/tmp/b'",
  });
  assert.deepEqual(err(() => vfs.read(99, new Uint8Array(1), 0, 1, null)), {
    code: 'EBADF', syscall: 'read', path: undefined, dest: undefined, message: 'EBADF: bad file descriptor, read',
  });
  assert.equal(readFile(vfs, 'index.js'), 'main', 'relative paths start at the cwd');
  assert.equal(readFile(vfs, './lib/../lib/a.js'), 'aaa');
});

test('vfs: the image is read-only with Linux\'s error order', () => {
  const { vfs } = machine();
  assert.equal(codeOf(() => vfs.open('/app/index.js', 'r+')), 'EROFS');
  assert.equal(codeOf(() => vfs.open('/app/new.js', 'w')), 'EROFS');
  assert.equal(codeOf(() => vfs.open('/app/index.js', 'wx')), 'EEXIST');
  assert.equal(codeOf(() => vfs.mkdir('/app', 0o777)), 'EEXIST');
  assert.equal(codeOf(() => vfs.mkdir('/app/x', 0o777)), 'EROFS');
  assert.equal(codeOf(() => vfs.unlink('/app/index.js')), 'EROFS');
  assert.equal(codeOf(() => vfs.unlink('/app/missing')), 'EROFS');
  assert.equal(codeOf(() => vfs.unlink('/missing/x')), 'ENOENT');
  assert.equal(codeOf(() => vfs.rmdir('/app/lib')), 'EROFS');
  assert.equal(codeOf(() => vfs.rename('/app/index.js', '/app/b.js')), 'EROFS');
  assert.equal(codeOf(() => vfs.chmod('/app/index.js', 0o600)), 'EROFS');
  assert.equal(codeOf(() => vfs.utimes('/app/index.js', 1, 1)), 'EROFS');
  assert.equal(codeOf(() => vfs.symlink('x', '/app/l')), 'EROFS');
  assert.equal(codeOf(() => vfs.access('/app/index.js', W_OK)), 'EROFS');
  assert.equal(codeOf(() => vfs.access('/app/index.js', X_OK)), 'EACCES');
  assert.equal(codeOf(() => vfs.access('/app/index.js', 0)), 'no error');
  const fd = vfs.open('/app/index.js', 'r');
  assert.equal(codeOf(() => vfs.write(fd, bytes('x'), 0, 1, null)), 'EBADF');
  vfs.close(fd);
});

test('vfs: crossing mounts and removing mount points', () => {
  const { vfs } = machine();
  writeFile(vfs, '/tmp/f', 'x');
  assert.equal(codeOf(() => vfs.rename('/tmp/f', '/app/f')), 'EXDEV');
  assert.equal(codeOf(() => vfs.link('/app/index.js', '/tmp/h')), 'EXDEV');
  assert.equal(codeOf(() => vfs.rmdir('/tmp')), 'EROFS', 'the covering image is read-only');
  vfs.mkdir('/tmp/m', 0o777);
  vfs.mount('/tmp/m', new Tmpfs({ now: () => 0 }));
  assert.equal(codeOf(() => vfs.rmdir('/tmp/m')), 'EBUSY');
  assert.equal(codeOf(() => vfs.rename('/tmp/m', '/tmp/n')), 'EBUSY');
  writeFile(vfs, '/tmp/m/inner', 'y');
  assert.equal(codeOf(() => vfs.rename('/tmp/m/inner', '/tmp/inner')), 'EXDEV');
  assert.equal(vfs.realpath('/tmp/m/..'), '/tmp');
});

test('vfs: symlinks resolve physically, ELOOP after 40, trailing slash forces a directory', () => {
  const { vfs } = machine();
  vfs.mkdir('/tmp/d', 0o777);
  vfs.mkdir('/tmp/d/e', 0o777);
  writeFile(vfs, '/tmp/d/e/f', 'deep');
  vfs.symlink('d/e', '/tmp/l');
  vfs.symlink('/tmp/d/e/f', '/tmp/abs');
  assert.equal(readFile(vfs, '/tmp/l/f'), 'deep');
  assert.equal(readFile(vfs, '/tmp/abs'), 'deep');
  assert.equal(vfs.realpath('/tmp/l/..'), '/tmp/d', '".." after a symlink goes to the target\'s parent');
  assert.equal(vfs.readlink('/tmp/l'), 'd/e');
  assert.equal(vfs.lstat('/tmp/l').mode & S_IFMT, 0o120000);
  assert.equal(vfs.lstat('/tmp/l/').mode & S_IFMT, S_IFDIR);
  assert.equal(codeOf(() => vfs.stat('/tmp/abs/')), 'ENOTDIR');
  assert.equal(codeOf(() => vfs.readlink('/tmp/d')), 'EINVAL');
  vfs.symlink('loop2', '/tmp/loop1');
  vfs.symlink('loop1', '/tmp/loop2');
  assert.equal(codeOf(() => vfs.stat('/tmp/loop1')), 'ELOOP');
  assert.equal(vfs.lstat('/tmp/loop1').size, 5);
  // A chain of exactly 40 links resolves; 41 does not.
  writeFile(vfs, '/tmp/c0', 'end');
  for (let i = 1; i <= 41; i++) vfs.symlink(`c${i - 1}`, `/tmp/c${i}`);
  assert.equal(readFile(vfs, '/tmp/c40'), 'end');
  assert.equal(codeOf(() => vfs.stat('/tmp/c41')), 'ELOOP');
  assert.equal(codeOf(() => vfs.open('/tmp/abs', O_RDONLY | O_NOFOLLOW)), 'ELOOP');
  // A dangling symlink opened with O_CREAT creates its target.
  vfs.symlink('made', '/tmp/dangling');
  writeFile(vfs, '/tmp/dangling', 'via link');
  assert.equal(readFile(vfs, '/tmp/made'), 'via link');
  assert.equal(codeOf(() => vfs.open('/tmp/dangling', O_CREAT | O_EXCL | O_WRONLY)), 'EEXIST');
});

test('vfs: ENAMETOOLONG for long names and paths, ENOENT for the empty path', () => {
  const { vfs } = machine();
  assert.equal(codeOf(() => vfs.open(`/tmp/${'a'.repeat(256)}`, 'w')), 'ENAMETOOLONG');
  assert.equal(codeOf(() => vfs.stat(`/tmp/${'a'.repeat(256)}/x`)), 'ENAMETOOLONG');
  writeFile(vfs, `/tmp/${'a'.repeat(255)}`, '');
  assert.equal(codeOf(() => vfs.stat(`/tmp/${'b/'.repeat(2048)}`)), 'ENAMETOOLONG');
  assert.equal(codeOf(() => vfs.stat('')), 'ENOENT');
});

test('vfs: descriptors are the lowest free numbers from 3 and keep unlinked files alive', () => {
  const { vfs, tmp } = machine();
  writeFile(vfs, '/tmp/f', 'hello');
  const a = vfs.open('/tmp/f', 'r');
  const b = vfs.open('/tmp/f', 'r');
  assert.deepEqual([a, b], [3, 4]);
  vfs.close(a);
  assert.equal(vfs.open('/tmp/f', 'r'), 3);
  vfs.unlink('/tmp/f');
  const out = new Uint8Array(5);
  assert.equal(vfs.read(b, out, 0, 5, null), 5);
  assert.equal(text(out), 'hello');
  vfs.close(b);
  vfs.close(3);
  assert.equal(tmp.used, 0);
  assert.equal(codeOf(() => vfs.close(3)), 'EBADF');
  assert.deepEqual(vfs.fds.list(), []);
});

test('vfs: positions, pread/pwrite, O_APPEND, O_TRUNC, O_EXCL, O_DIRECTORY', () => {
  const { vfs } = machine();
  const fd = vfs.open('/tmp/f', O_RDWR | O_CREAT, 0o666);
  vfs.write(fd, bytes('abcdef'), 0, 6, null);
  vfs.write(fd, bytes('XY'), 0, 2, 1); // pwrite does not move the position
  vfs.write(fd, bytes('gh'), 0, 2, null);
  const out = new Uint8Array(8);
  assert.equal(vfs.read(fd, out, 0, 8, 0), 8);
  assert.equal(text(out), 'aXYdefgh');
  assert.equal(vfs.read(fd, out, 0, 8, null), 0, 'at end of file');
  vfs.close(fd);
  assert.equal(vfs.stat('/tmp/f').mode & 0o777, 0o644, 'umask 022 applied');

  const ap = vfs.open('/tmp/f', O_WRONLY | O_APPEND);
  vfs.write(ap, bytes('1'), 0, 1, 0);
  vfs.write(ap, bytes('2'), 0, 1, null);
  vfs.close(ap);
  assert.equal(readFile(vfs, '/tmp/f'), 'aXYdefgh12');

  vfs.close(vfs.open('/tmp/f', O_WRONLY | O_TRUNC));
  assert.equal(vfs.stat('/tmp/f').size, 0);
  assert.equal(codeOf(() => vfs.open('/tmp/f', 'wx')), 'EEXIST');
  assert.equal(codeOf(() => vfs.open('/tmp/f', O_RDONLY | O_DIRECTORY)), 'ENOTDIR');
  assert.equal(codeOf(() => vfs.open('/tmp', 'w')), 'EISDIR');
  assert.equal(codeOf(() => vfs.open('/tmp/f/', 'r')), 'ENOTDIR');
  assert.equal(codeOf(() => vfs.open('/tmp/new/', 'w')), 'EISDIR');
  const dir = vfs.open('/tmp', 'r');
  assert.equal(codeOf(() => vfs.read(dir, out, 0, 1, null)), 'EISDIR');
  assert.equal(vfs.fstat(dir).mode & S_IFMT, S_IFDIR);
  vfs.close(dir);
  const ro = vfs.open('/tmp/f', 'r');
  assert.equal(codeOf(() => vfs.ftruncate(ro, 0)), 'EINVAL');
  assert.equal(codeOf(() => vfs.write(ro, out, 0, 1, null)), 'EBADF');
  vfs.close(ro);
  assert.equal(codeOf(() => vfs.open('/tmp/f', 3)), 'EINVAL');
});

test('vfs: unlink, rmdir and rename edge cases', () => {
  const { vfs } = machine();
  vfs.mkdir('/tmp/d', 0o777);
  writeFile(vfs, '/tmp/d/f', 'x');
  assert.equal(codeOf(() => vfs.unlink('/tmp/d')), 'EISDIR');
  assert.equal(codeOf(() => vfs.unlink('/tmp/d/f/')), 'ENOTDIR');
  assert.equal(codeOf(() => vfs.rmdir('/tmp/d')), 'ENOTEMPTY');
  assert.equal(codeOf(() => vfs.rmdir('/tmp/d/f')), 'ENOTDIR');
  assert.equal(codeOf(() => vfs.rmdir('/tmp/d/.')), 'EINVAL');
  assert.equal(codeOf(() => vfs.mkdir('/tmp/d/', 0o777)), 'EEXIST');
  assert.equal(codeOf(() => vfs.rename('/tmp/d', '/tmp/d/sub')), 'EINVAL');
  assert.equal(codeOf(() => vfs.rename('/tmp/d/f', '/tmp/g/')), 'ENOTDIR');
  vfs.mkdir('/tmp/e/', 0o777);
  vfs.rename('/tmp/d', '/tmp/e');
  assert.equal(readFile(vfs, '/tmp/e/f'), 'x');
  assert.equal(codeOf(() => vfs.stat('/tmp/d')), 'ENOENT');
  vfs.link('/tmp/e/f', '/tmp/hard');
  assert.equal(vfs.stat('/tmp/hard').nlink, 2);
  assert.equal(vfs.stat('/tmp/hard').ino, vfs.stat('/tmp/e/f').ino);
  vfs.copyFile('/tmp/e/f', '/tmp/copy', false);
  assert.equal(readFile(vfs, '/tmp/copy'), 'x');
  assert.equal(codeOf(() => vfs.copyFile('/tmp/e/f', '/tmp/copy', true)), 'EEXIST');
  vfs.copyFile('/app/index.js', '/tmp/copy', false);
  assert.equal(readFile(vfs, '/tmp/copy'), 'main');
  assert.equal(vfs.stat('/tmp/copy').mode & 0o777, 0o644);
  assert.equal(vfs.view('/app/index.js') && text(vfs.view('/app/index.js')!), 'main');
  assert.equal(vfs.view('/tmp/copy'), null);
  assert.equal(vfs.stat('/tmp/copy').mode & S_IFMT, S_IFREG);
});

test('devfs: standard descriptors on character devices, /dev/null and /dev/zero', () => {
  const { vfs } = machine();
  const dev = new Devfs({ now: () => 5 });
  const written: string[] = [];
  dev.register('stdout', { write: (b) => { written.push(text(b)); return b.length; } });
  vfs.mount('/dev', dev);
  vfs.openStdio(1, '/dev/stdout', O_WRONLY);
  assert.equal(vfs.write(1, bytes('hello'), 0, 5, null), 5);
  assert.equal(vfs.write(1, bytes('!'), 0, 1, 100), 1, 'devices ignore positions');
  assert.deepEqual(written, ['hello', '!']);
  assert.equal(vfs.fstat(1).mode & S_IFMT, S_IFCHR);
  assert.equal(codeOf(() => vfs.read(1, new Uint8Array(1), 0, 1, null)), 'EBADF');
  assert.equal(codeOf(() => vfs.read(0, new Uint8Array(1), 0, 1, null)), 'EBADF', 'stdin not installed');
  assert.equal(vfs.open('/tmp/x', 'w'), 3, 'open still starts at 3');
  vfs.close(3);
  assert.deepEqual(vfs.readdir('/dev').map((e) => e.name).sort(), ['null', 'stdout', 'zero']);
  const nul = vfs.open('/dev/null', 'w+');
  assert.equal(vfs.write(nul, bytes('gone'), 0, 4, null), 4);
  assert.equal(vfs.read(nul, new Uint8Array(4), 0, 4, null), 0);
  vfs.close(nul);
  const zero = vfs.open('/dev/zero', 'r');
  const out = new Uint8Array([1, 2, 3]);
  assert.equal(vfs.read(zero, out, 0, 3, null), 3);
  assert.deepEqual([...out], [0, 0, 0]);
  vfs.close(zero);
  assert.equal(codeOf(() => vfs.open('/dev/new', 'w')), 'EPERM');
  assert.equal(codeOf(() => vfs.unlink('/dev/null')), 'EPERM');
  assert.equal(codeOf(() => vfs.openStdio(3, '/dev/null', 'r')), 'EBADF');
  vfs.openStdio(1, '/dev/null', 'w');
  assert.equal(vfs.write(1, bytes('x'), 0, 1, null), 1);
  assert.deepEqual(written, ['hello', '!'], 'replaced by /dev/null');
});
