// node:fs behaviour that host Node cannot show (the read-only image, the byte budget, the
// scheduler seam, unsupported APIs); the shared behaviour is in fs.differential.test.ts.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as hostFs from 'node:fs';
import { Buffer } from 'node:buffer';
import { buildArchive, parseArchive } from '../fs/archive';
import { Imagefs } from '../fs/imagefs';
import { Tmpfs } from '../fs/tmpfs';
import { Devfs } from '../fs/devfs';
import { Vfs } from '../fs/vfs';
import { createFs } from './fs';
import { fsPromisesOf } from './fs-promises';

function machine(options: { budget?: number; random?: () => number } = {}) {
  const archive = buildArchive([
    { path: '/app/index.js', data: Buffer.from('main()') },
    { path: '/app/data/config.json', data: Buffer.from('{"a":1}') },
  ]);
  const vfs = new Vfs({ cwd: () => '/app' });
  vfs.mount('/', new Imagefs(parseArchive(archive), { mtimeMs: 1_600_000_000_000 }));
  const tmp = new Tmpfs({ now: () => 1_700_000_000_000, budget: options.budget ?? 1 << 20 });
  vfs.mount('/tmp', tmp);
  const queue: (() => void)[] = [];
  const fs = createFs({ vfs, defer: (fn) => queue.push(fn), random: options.random });
  /** Runs deferred work until none is left. */
  const drain = async () => {
    for (let i = 0; i < 1000 && (queue.length || i < 3); i++) {
      while (queue.length) queue.shift()!();
      await new Promise((r) => setImmediate(r));
    }
  };
  return { vfs, tmp, fs: fs as any, drain, queue, archive };
}

function code(fn: () => unknown): string {
  try { fn(); return 'no error'; } catch (e) { return (e as { code: string }).code; }
}

test('the image is read-only through node:fs, with existence errors first', async () => {
  const { fs, drain } = machine();
  assert.equal(fs.readFileSync('/app/index.js', 'utf8'), 'main()');
  assert.equal(fs.readFileSync('data/config.json', 'utf8'), '{"a":1}', 'relative to the cwd');
  assert.equal(code(() => fs.writeFileSync('/app/index.js', 'x')), 'EROFS');
  assert.equal(code(() => fs.writeFileSync('/app/new.js', 'x')), 'EROFS');
  assert.equal(code(() => fs.appendFileSync('/app/index.js', 'x')), 'EROFS');
  assert.equal(code(() => fs.mkdirSync('/app/data')), 'EEXIST');
  assert.equal(code(() => fs.mkdirSync('/app/x/y', { recursive: true })), 'ENOENT', 'as Node on a read-only mount');
  assert.equal(fs.mkdirSync('/app/data', { recursive: true }), undefined);
  assert.equal(code(() => fs.unlinkSync('/app/index.js')), 'EROFS');
  assert.equal(code(() => fs.rmSync('/app/data', { recursive: true })), 'EROFS');
  assert.equal(code(() => fs.rmSync('/app/missing')), 'ENOENT');
  assert.equal(code(() => fs.renameSync('/app/index.js', '/app/main.js')), 'EROFS');
  assert.equal(code(() => fs.renameSync('/app/index.js', '/tmp/main.js')), 'EXDEV');
  assert.equal(code(() => fs.chmodSync('/app/index.js', 0o600)), 'EROFS');
  assert.equal(code(() => fs.utimesSync('/app/index.js', 1, 1)), 'EROFS');
  assert.equal(code(() => fs.truncateSync('/app/index.js', 0)), 'EROFS');
  assert.equal(code(() => fs.symlinkSync('index.js', '/app/l')), 'EROFS');
  assert.equal(code(() => fs.accessSync('/app/index.js', fs.constants.W_OK)), 'EROFS');
  assert.equal(code(() => fs.copyFileSync('/tmp/../app/index.js', '/app/copy.js')), 'EROFS');
  fs.copyFileSync('/app/index.js', '/tmp/copy.js');
  assert.equal(fs.readFileSync('/tmp/copy.js', 'utf8'), 'main()');
  const mkdirErr = assert.rejects(fs.promises.mkdir('/app/newdir'), { code: 'EROFS', syscall: 'mkdir', path: '/app/newdir', message: "EROFS: read-only file system, mkdir '/app/newdir'" });
  await drain();
  await mkdirErr;
  const stat = fs.statSync('/app/index.js');
  assert.equal(stat.mtimeMs, 1_600_000_000_000);
  assert.deepEqual(fs.readdirSync('/').sort(), ['app', 'tmp']);
});

test('readFile of the image hands out a copy: the archive bytes cannot be changed', () => {
  const { fs, archive } = machine();
  const before = Buffer.from(archive);
  const data = fs.readFileSync('/app/index.js');
  data.fill(0x41);
  assert.equal(fs.readFileSync('/app/index.js', 'utf8'), 'main()');
  assert.deepEqual(Buffer.from(archive), before);
});

test('callbacks and promises settle through defer, never synchronously', async () => {
  const { fs, queue, drain } = machine();
  const seen: string[] = [];
  fs.writeFile('/tmp/a', 'x', (err: Error | null) => seen.push(`write ${err}`));
  fs.stat('/tmp/none', (err: Error & { code: string }) => seen.push(`stat ${err.code}`));
  fs.exists('/tmp/a', (yes: boolean) => seen.push(`exists ${yes}`));
  const p = fs.promises.readFile('/tmp/a', 'utf8').then((s: string) => seen.push(`promise ${s}`));
  assert.deepEqual(seen, []);
  assert.equal(fs.existsSync('/tmp/a'), false, 'the write has not run yet');
  assert.equal(queue.length, 4);
  await drain();
  await p;
  assert.deepEqual(seen, ['write null', 'stat ENOENT', 'exists true', 'promise x']);
});

test('bad arguments: callback forms throw synchronously, promise forms reject', async () => {
  const { fs, drain } = machine();
  assert.throws(() => fs.readFile({}, () => {}), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => fs.stat(42, () => {}), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => fs.readFile('/tmp/a'), { code: 'ERR_INVALID_ARG_TYPE', message: /"cb" argument must be of type function/ });
  assert.throws(() => fs.open('/tmp/a', 'bogus', () => {}), { code: 'ERR_INVALID_ARG_VALUE' });
  const rejected = fs.promises.readFile(42);
  assert.ok(rejected instanceof Promise);
  const checked = assert.rejects(rejected, { code: 'ERR_INVALID_ARG_TYPE' });
  await drain();
  await checked;
});

test('watch, watchFile, unwatchFile, openAsBlob and promises.watch are not supported', () => {
  const { fs } = machine();
  for (const call of [() => fs.watch('/tmp'), () => fs.watchFile('/tmp', () => {}), () => fs.unwatchFile('/tmp'), () => fs.openAsBlob('/tmp/a'), () => fs.promises.watch('/tmp')]) {
    assert.throws(call, (err: Error & { code: string }) => err.code === 'ERR_NOT_SUPPORTED_ON_NEPHOS' && /not supported on Nephos/.test(err.message));
  }
  assert.equal(fs.lchmod, undefined, 'absent on Linux, as on Node');
});

test('the tmpfs byte budget surfaces as ENOSPC and failed writes change nothing', () => {
  const { fs, tmp } = machine({ budget: 100 });
  fs.writeFileSync('/tmp/a', Buffer.alloc(60));
  assert.throws(() => fs.writeFileSync('/tmp/b', Buffer.alloc(50)), { code: 'ENOSPC', syscall: 'write' });
  assert.equal(fs.statSync('/tmp/b').size, 0, 'the file was created, the write refused');
  assert.throws(() => fs.appendFileSync('/tmp/a', Buffer.alloc(41)), { code: 'ENOSPC' });
  assert.equal(fs.statSync('/tmp/a').size, 60);
  fs.rmSync('/tmp/a');
  assert.equal(tmp.used, 0);
  fs.writeFileSync('/tmp/b', Buffer.alloc(100));
  const sfs = fs.statfsSync('/tmp');
  assert.equal(sfs.bsize, 4096);
  assert.equal(sfs.type, 0x01021994);
});

test('module shape: constants, classes, fs/promises is fs.promises, Stats field order as Node', () => {
  const { fs } = machine();
  assert.deepEqual(fs.constants, hostFs.constants);
  assert.equal(fsPromisesOf(fs), fs.promises);
  for (const key of Object.keys(hostFs)) {
    if (key === 'lchmod' || key === 'lchmodSync' || key === 'default') continue;
    assert.ok(key in fs, `fs.${key} missing`);
  }
  for (const key of Object.keys(hostFs.promises)) assert.ok(key in fs.promises, `fs.promises.${key} missing`);
  fs.writeFileSync('/tmp/a', 'x');
  assert.deepEqual(Object.keys(fs.statSync('/tmp/a')), Object.keys(hostFs.statSync('/')));
  assert.deepEqual(Object.keys(fs.statSync('/tmp/a', { bigint: true })), Object.keys(hostFs.statSync('/', { bigint: true })));
  assert.ok(fs.statSync('/tmp/a') instanceof fs.Stats);
  assert.ok(fs.readdirSync('/tmp', { withFileTypes: true })[0] instanceof fs.Dirent);
  assert.equal(fs.realpath.native.length >= 0 && typeof fs.realpathSync.native, 'function');
});

test('mkdtemp names come from the injected random source and retry on collision', () => {
  let n = 0;
  const { fs } = machine({ random: () => [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5][n++ % 18] });
  assert.equal(fs.mkdtempSync('/tmp/t-'), '/tmp/t-AAAAAA');
  assert.equal(fs.mkdtempSync('/tmp/t-'), '/tmp/t-ffffff', 'the second AAAAAA collides, the next name is used');
  assert.equal(fs.statSync('/tmp/t-AAAAAA').mode & 0o777, 0o700);
});

test('FileHandle emits close once; operations after close reject with EBADF', async () => {
  const { fs, drain } = machine();
  const opening = fs.promises.open('/tmp/h', 'w+');
  await drain();
  const handle = await opening;
  let closes = 0;
  handle.on('close', () => closes++);
  const c1 = handle.close();
  const c2 = handle.close();
  await drain();
  await c1;
  await c2;
  assert.equal(closes, 1);
  await assert.rejects(handle.stat(), { code: 'EBADF', syscall: 'fstat', message: 'file closed' });
  assert.equal(handle.fd, -1);
});

test('a stream on a FileHandle closes the handle, and unlinked open files stay readable', async () => {
  const { fs, vfs, tmp, drain } = machine();
  fs.writeFileSync('/tmp/f', 'contents');
  const fd = fs.openSync('/tmp/f', 'r');
  fs.unlinkSync('/tmp/f');
  assert.equal(fs.readFileSync(fd, 'utf8'), 'contents');
  fs.closeSync(fd);
  assert.equal(tmp.used, 0);
  fs.writeFileSync('/tmp/g', 'abc');
  const opening = fs.promises.open('/tmp/g', 'r');
  await drain();
  const handle = await opening;
  const chunks: Buffer[] = [];
  const done = new Promise((resolve) => handle.createReadStream().on('data', (c: Buffer) => chunks.push(c)).on('close', resolve));
  for (let i = 0; i < 20; i++) await drain();
  await done;
  assert.equal(Buffer.concat(chunks).toString(), 'abc');
  assert.equal(handle.fd, -1);
  assert.deepEqual(vfs.fds.list(), []);
});

test('fs.writeSync(1, ...) reaches the console device installed as standard output', async () => {
  const { fs, vfs, drain } = machine();
  const dev = new Devfs({ now: () => 0 });
  const out: string[] = [];
  dev.register('stdout', { write: (b) => { out.push(Buffer.from(b).toString()); return b.length; } });
  vfs.mount('/dev', dev);
  vfs.openStdio(1, '/dev/stdout', 'w');
  fs.writeSync(1, 'sync line\n');
  const pending = new Promise((resolve) => fs.write(1, Buffer.from('async line\n'), resolve));
  await drain();
  await pending;
  assert.deepEqual(out, ['sync line\n', 'async line\n']);
  assert.equal(fs.fstatSync(1).isCharacterDevice(), true);
  assert.equal(fs.readFileSync('/dev/null', 'utf8'), '');
  fs.writeFileSync('/dev/null', 'discarded');
});

test('streams: autoClose false keeps the descriptor; destroy closes it; pending until open', async () => {
  const { fs, vfs } = machine();
  const real = createFs({ vfs, defer: setImmediate }) as any;
  real.writeFileSync('/tmp/s', 'abcdef');
  const r = real.createReadStream('/tmp/s', { autoClose: false });
  assert.equal(r.pending, true);
  const data: Buffer[] = [];
  await new Promise((resolve) => r.on('data', (c: Buffer) => data.push(c)).on('end', resolve));
  assert.equal(Buffer.concat(data).toString(), 'abcdef');
  assert.equal(typeof r.fd, 'number');
  assert.deepEqual(vfs.fds.list(), [r.fd], 'still open after end');
  await new Promise((resolve) => r.close(resolve));
  assert.deepEqual(vfs.fds.list(), []);

  const w = real.createWriteStream('/tmp/w', { autoClose: false });
  await new Promise((resolve) => w.on('finish', resolve).end('x'));
  assert.deepEqual(vfs.fds.list(), [w.fd], 'still open after finish');
  await new Promise((resolve) => w.on('close', resolve).destroy());
  assert.deepEqual(vfs.fds.list(), []);
  // close() before the end: ends, then (autoClose false) destroys on 'finish', as Node.
  const w2 = real.createWriteStream('/tmp/w2', { autoClose: false });
  w2.write('y');
  await new Promise((resolve) => w2.close(resolve));
  assert.deepEqual(vfs.fds.list(), []);

  const d = real.createReadStream('/tmp/s', { highWaterMark: 1 });
  await new Promise((resolve) => d.once('open', resolve));
  d.destroy();
  await new Promise((resolve) => d.on('close', resolve));
  assert.deepEqual(vfs.fds.list(), []);
  assert.equal(fs.readFileSync('/tmp/w', 'utf8'), 'x');
});
