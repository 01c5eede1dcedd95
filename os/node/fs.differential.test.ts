// Differential test: the same scripted fs sequences run against host Node's real fs (in a fresh
// directory under the host's temp dir) and against Nephos's node:fs over a tmpfs mounted so that
// the same absolute paths exist. Results, error code/syscall/message/path/dest and the final
// directory tree (names, types, sizes, contents, modes, link targets) must be identical.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as hostFs from 'node:fs';
import { tmpdir } from 'node:os';
import { Buffer } from 'node:buffer';
import { execFileSync } from 'node:child_process';
import { Vfs } from '../fs/vfs';
import { Tmpfs } from '../fs/tmpfs';
import { Imagefs } from '../fs/imagefs';
import { buildArchive, parseArchive } from '../fs/archive';
import { createFs } from './fs';

type AnyFs = any;
type Case = [name: string, run: (fs: AnyFs, dir: string) => unknown];

const hostRoot = hostFs.realpathSync(hostFs.mkdtempSync(`${tmpdir()}/nephos-fsdiff-`));

function makeGuest(): AnyFs {
  const vfs = new Vfs({ cwd: () => hostRoot });
  vfs.umask = process.umask();
  vfs.mount('/', new Tmpfs({ now: () => Date.now(), rootMode: 0o755 }));
  const fs = createFs({ vfs, defer: setImmediate });
  fs.mkdirSync(hostRoot, { recursive: true });
  return fs;
}
const guestFs = makeGuest();

/** A comparable picture of a value: errors by their Node fields, Stats by type/size/mode. */
function shape(value: unknown): unknown {
  if (value instanceof Error) {
    const e = value as Error & Record<string, unknown>;
    // System errors must match to the letter; for Node's ERR_* argument errors the code and class
    // are the contract (their message wording is the shared registry's, checked elsewhere).
    const message = typeof e.code === 'string' && e.code.startsWith('ERR_') ? undefined : e.message;
    return { error: e.code, name: e.name, syscall: e.syscall, message, path: e.path, dest: e.dest, errno: e.errno };
  }
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) return { bytes: Buffer.from(value as Uint8Array).toString('hex') };
  if (Array.isArray(value)) return value.map(shape);
  if (value && typeof value === 'object') {
    const v = value as Record<string, any>;
    if (typeof v.isFile === 'function' && 'mode' in v) {
      return { stats: v.constructor.name, file: v.isFile(), dir: v.isDirectory(), link: v.isSymbolicLink(), size: v.isDirectory() ? 'dir' : v.size, mode: v.mode, nlink: v.isDirectory() ? 'dir' : v.nlink, bigint: typeof v.size === 'bigint', mtime: v.mtime instanceof Date };
    }
    if (typeof v.isFile === 'function' && 'name' in v) {
      return { dirent: shape(v.name), parentPath: v.parentPath, file: v.isFile(), dir: v.isDirectory(), link: v.isSymbolicLink() };
    }
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) out[k] = shape(v[k]);
    return out;
  }
  return value;
}

/** Everything under `dir`: names, types, contents, modes, link targets. */
function tree(fs: AnyFs, dir: string): unknown {
  const out: Record<string, unknown> = {};
  const walk = (d: string, rel: string) => {
    for (const name of (fs.readdirSync(d) as string[]).sort()) {
      const full = `${d}/${name}`;
      const st = fs.lstatSync(full);
      const key = rel ? `${rel}/${name}` : name;
      if (st.isSymbolicLink()) out[key] = { link: fs.readlinkSync(full) };
      else if (st.isDirectory()) { out[key] = { dir: st.mode.toString(8) }; walk(full, key); }
      else out[key] = { file: fs.readFileSync(full, 'latin1'), mode: st.mode.toString(8), nlink: st.nlink };
    }
  };
  walk(dir, '');
  return out;
}

async function runOn(fs: AnyFs, dir: string, run: Case[1]): Promise<{ result: unknown; tree: unknown }> {
  fs.mkdirSync(dir);
  let result: unknown;
  try { result = await run(fs, dir); } catch (err) { result = err; }
  return { result: shape(result), tree: tree(fs, dir) };
}

/** Calls a callback-style function and resolves with its arguments (errors included). */
const cb = (fn: (done: (...args: unknown[]) => void) => void) => new Promise<unknown[]>((resolve) => fn((...args) => resolve(args)));
const sorted = (list: unknown[]) => [...list].sort((a, b) => (String((a as any)?.name ?? a) < String((b as any)?.name ?? b) ? -1 : 1));
const errOf = (fn: () => unknown) => { try { fn(); return 'no error'; } catch (e) { return e; } };

const cases: Case[] = [
  // --- readFile / writeFile / appendFile ---
  ['writeFile then readFile utf8', (fs, d) => { fs.writeFileSync(`${d}/a`, 'héllo'); return fs.readFileSync(`${d}/a`, 'utf8'); }],
  ['readFile returns a Buffer without encoding', (fs, d) => { fs.writeFileSync(`${d}/a`, Buffer.from([0, 255, 7])); return fs.readFileSync(`${d}/a`); }],
  ['readFile options object with hex encoding', (fs, d) => { fs.writeFileSync(`${d}/a`, 'hi'); return fs.readFileSync(`${d}/a`, { encoding: 'hex' }); }],
  ['readFile ENOENT', (fs, d) => fs.readFileSync(`${d}/missing`)],
  ['readFile of a directory is EISDIR in read', (fs, d) => fs.readFileSync(d)],
  ['readFile ENOTDIR through a file', (fs, d) => { fs.writeFileSync(`${d}/f`, 'x'); return fs.readFileSync(`${d}/f/g`); }],
  ['readFile bad encoding', (fs, d) => fs.readFileSync(`${d}/a`, 'nope')],
  ['readFile bad options type', (fs, d) => fs.readFileSync(`${d}/a`, 42)],
  ['writeFile base64 and latin1', (fs, d) => { fs.writeFileSync(`${d}/a`, 'aGVsbG8=', 'base64'); fs.writeFileSync(`${d}/b`, 'ÿ', { encoding: 'latin1' }); return [fs.readFileSync(`${d}/a`, 'utf8'), fs.readFileSync(`${d}/b`)]; }],
  ['writeFile with mode', (fs, d) => { fs.writeFileSync(`${d}/a`, 'x', { mode: 0o600 }); return fs.statSync(`${d}/a`).mode; }],
  ['writeFile flag wx on existing', (fs, d) => { fs.writeFileSync(`${d}/a`, 'x'); return fs.writeFileSync(`${d}/a`, 'y', { flag: 'wx' }); }],
  ['writeFile to a directory', (fs, d) => fs.writeFileSync(d, 'x')],
  ['writeFile into a missing directory', (fs, d) => fs.writeFileSync(`${d}/no/file`, 'x')],
  ['writeFile bad data type', (fs, d) => fs.writeFileSync(`${d}/a`, 123)],
  ['writeFile typed array and DataView', (fs, d) => { fs.writeFileSync(`${d}/a`, new Uint16Array([0x4142])); fs.writeFileSync(`${d}/b`, new DataView(new Uint8Array([67, 68]).buffer)); return [fs.readFileSync(`${d}/a`, 'utf8'), fs.readFileSync(`${d}/b`, 'utf8')]; }],
  ['appendFile creates then appends', (fs, d) => { fs.appendFileSync(`${d}/a`, 'one'); fs.appendFileSync(`${d}/a`, Buffer.from('two')); return fs.readFileSync(`${d}/a`, 'utf8'); }],
  ['writeFile and readFile on a descriptor', (fs, d) => {
    const fd = fs.openSync(`${d}/a`, 'w+');
    fs.writeFileSync(fd, 'abc'); fs.writeFileSync(fd, 'def');
    const atEnd = fs.readFileSync(fd, 'utf8');
    fs.closeSync(fd);
    return [atEnd, fs.readFileSync(`${d}/a`, 'utf8')];
  }],
  ['readFile callback form', (fs, d) => { fs.writeFileSync(`${d}/a`, 'cb'); return cb((done) => fs.readFile(`${d}/a`, 'utf8', done)); }],
  ['readFile callback error', (fs, d) => cb((done) => fs.readFile(`${d}/nope`, done))],
  ['writeFile callback then promises.readFile', async (fs, d) => { await cb((done) => fs.writeFile(`${d}/a`, 'p', done)); return fs.promises.readFile(`${d}/a`, 'utf8'); }],
  ['promises.writeFile iterable and appendFile', async (fs, d) => { await fs.promises.writeFile(`${d}/a`, ['a', 'b', Buffer.from('c')]); await fs.promises.appendFile(`${d}/a`, 'd'); return fs.readFileSync(`${d}/a`, 'utf8'); }],
  ['promises.readFile rejects ENOENT', (fs, d) => fs.promises.readFile(`${d}/none`)],
  ['readFile missing callback throws', (fs, d) => fs.readFile(`${d}/a`)],

  // --- open / read / write / close ---
  ['open flags r on missing', (fs, d) => fs.openSync(`${d}/a`, 'r')],
  ['open bad flags', (fs, d) => fs.openSync(`${d}/a`, 'rw')],
  ['open bad mode', (fs, d) => fs.openSync(`${d}/a`, 'w', 'abc')],
  ['open path type error', (fs) => fs.openSync(42)],
  ['open path with a null byte', (fs, d) => fs.openSync(`${d}/a\0b`)],
  ['open wx+ then write/read positions', (fs, d) => {
    const fd = fs.openSync(`${d}/a`, 'wx+');
    const w1 = fs.writeSync(fd, 'hello world');
    const w2 = fs.writeSync(fd, Buffer.from('XY'), 0, 2, 0);
    const buf = Buffer.alloc(20);
    const n = fs.readSync(fd, buf, 0, 20, 0);
    const n2 = fs.readSync(fd, buf, { offset: 0, length: 5, position: 6 });
    fs.closeSync(fd);
    return [w1, w2, n, n2, buf.toString('utf8', 0, 11)];
  }],
  ['read from current position advances', (fs, d) => {
    fs.writeFileSync(`${d}/a`, 'abcdef');
    const fd = fs.openSync(`${d}/a`, 'r');
    const b = Buffer.alloc(2);
    const out = [fs.readSync(fd, b, 0, 2, null), b.toString(), fs.readSync(fd, b, 0, 2, -1), b.toString(), fs.readSync(fd, b), b.toString(), fs.readSync(fd, b, 0, 2, null)];
    fs.closeSync(fd);
    return out;
  }],
  ['append flag writes at the end even with a position', (fs, d) => {
    fs.writeFileSync(`${d}/a`, '123');
    const fd = fs.openSync(`${d}/a`, 'a');
    fs.writeSync(fd, 'X', 0);
    fs.writeSync(fd, Buffer.from('YZ'));
    fs.closeSync(fd);
    return fs.readFileSync(`${d}/a`, 'utf8');
  }],
  ['write hex string', (fs, d) => { const fd = fs.openSync(`${d}/a`, 'w'); const n = fs.writeSync(fd, '414243', null, 'hex'); fs.closeSync(fd); return [n, fs.readFileSync(`${d}/a`, 'utf8')]; }],
  ['write odd hex string', (fs, d) => { const fd = fs.openSync(`${d}/a`, 'w'); try { return fs.writeSync(fd, '414', null, 'hex'); } finally { fs.closeSync(fd); } }],
  ['write to a read-only descriptor is EBADF', (fs, d) => { fs.writeFileSync(`${d}/a`, 'x'); const fd = fs.openSync(`${d}/a`, 'r'); try { return fs.writeSync(fd, 'y'); } finally { fs.closeSync(fd); } }],
  ['read from a write-only descriptor is EBADF', (fs, d) => { const fd = fs.openSync(`${d}/a`, 'w'); try { return fs.readSync(fd, Buffer.alloc(1)); } finally { fs.closeSync(fd); } }],
  ['read a directory descriptor is EISDIR', (fs, d) => { const fd = fs.openSync(d, 'r'); try { return fs.readSync(fd, Buffer.alloc(1)); } finally { fs.closeSync(fd); } }],
  ['open a directory for writing is EISDIR', (fs, d) => fs.openSync(d, 'r+')],
  ['open a file with a trailing slash', (fs, d) => { fs.writeFileSync(`${d}/a`, ''); return [errOf(() => fs.openSync(`${d}/a/`, 'r')), errOf(() => fs.openSync(`${d}/a/`, 'w'))]; }],
  ['close twice is EBADF', (fs, d) => { const fd = fs.openSync(`${d}/a`, 'w'); fs.closeSync(fd); return fs.closeSync(fd); }],
  ['fstat of a closed descriptor', (fs, d) => { const fd = fs.openSync(`${d}/a`, 'w'); fs.closeSync(fd); return fs.fstatSync(fd); }],
  ['fd argument validation', (fs) => [errOf(() => fs.readSync('x', Buffer.alloc(1))), errOf(() => fs.closeSync(1.5)), errOf(() => fs.fstatSync(-1))]],
  ['read argument validation', (fs, d) => {
    fs.writeFileSync(`${d}/a`, 'x');
    const fd = fs.openSync(`${d}/a`, 'r');
    try {
      return [errOf(() => fs.readSync(fd, Buffer.alloc(0), 0, 1, 0)), errOf(() => fs.readSync(fd, Buffer.alloc(4), 2, 4, 0)),
        errOf(() => fs.readSync(fd, Buffer.alloc(4), 0, 1, 'x')), errOf(() => fs.readSync(fd, 'str')), errOf(() => fs.writeSync(fd, Buffer.alloc(4), 5))];
    } finally { fs.closeSync(fd); }
  }],
  ['readv and writev', (fs, d) => {
    const fd = fs.openSync(`${d}/a`, 'w+');
    const w = fs.writevSync(fd, [Buffer.from('ab'), Buffer.from('cde')]);
    const x = Buffer.alloc(3); const y = Buffer.alloc(4);
    const r = fs.readvSync(fd, [x, y], 0);
    fs.closeSync(fd);
    return [w, r, x, y.subarray(0, 2)];
  }],
  ['read and write callback forms', async (fs, d) => {
    const [, fd] = await cb((done) => fs.open(`${d}/a`, 'w+', done)) as [null, number];
    const w = await cb((done) => fs.write(fd, 'hello', done));
    const r = await cb((done) => fs.read(fd, { buffer: Buffer.alloc(5), position: 0 }, done));
    await cb((done) => fs.close(fd, done));
    return [w, r];
  }],
  ['ftruncate and truncate', (fs, d) => {
    fs.writeFileSync(`${d}/a`, 'abcdef');
    const fd = fs.openSync(`${d}/a`, 'r+');
    fs.ftruncateSync(fd, 2);
    fs.closeSync(fd);
    fs.truncateSync(`${d}/a`, 5);
    return fs.readFileSync(`${d}/a`);
  }],
  ['ftruncate on a read-only descriptor is EINVAL', (fs, d) => { fs.writeFileSync(`${d}/a`, 'x'); const fd = fs.openSync(`${d}/a`, 'r'); try { return fs.ftruncateSync(fd, 0); } finally { fs.closeSync(fd); } }],
  ['truncate a directory and a missing file', (fs, d) => [errOf(() => fs.truncateSync(d)), errOf(() => fs.truncateSync(`${d}/nope`))]],
  ['fsync and fdatasync validate the descriptor', (fs, d) => { const fd = fs.openSync(`${d}/a`, 'w'); fs.fsyncSync(fd); fs.fdatasyncSync(fd); fs.closeSync(fd); return [errOf(() => fs.fsyncSync(fd)), errOf(() => fs.fdatasyncSync(fd))]; }],

  // --- stat / lstat / access / exists ---
  ['stat a file and a directory', (fs, d) => { fs.writeFileSync(`${d}/a`, 'abc'); return [fs.statSync(`${d}/a`), fs.statSync(d).isDirectory()]; }],
  ['stat bigint', (fs, d) => { fs.writeFileSync(`${d}/a`, 'abc'); const s = fs.statSync(`${d}/a`, { bigint: true }); return [s, typeof s.mtimeNs, s.mtimeMs === s.mtimeNs / 1000000n]; }],
  ['stat ENOENT and throwIfNoEntry', (fs, d) => [errOf(() => fs.statSync(`${d}/nope`)), fs.statSync(`${d}/nope`, { throwIfNoEntry: false })]],
  ['lstat ENOENT message', (fs, d) => fs.lstatSync(`${d}/x/y`)],
  ['stat callback and promise', async (fs, d) => { fs.writeFileSync(`${d}/a`, 'z'); return [await cb((done) => fs.stat(`${d}/a`, done)), await fs.promises.stat(`${d}/a`), await fs.promises.lstat(`${d}/b`).catch((e: Error) => e)]; }],
  ['fstat', (fs, d) => { fs.writeFileSync(`${d}/a`, 'abcd'); const fd = fs.openSync(`${d}/a`, 'r'); const s = fs.fstatSync(fd); fs.closeSync(fd); return s; }],
  ['access modes', (fs, d) => { fs.writeFileSync(`${d}/a`, ''); fs.chmodSync(`${d}/a`, 0o644); return [fs.accessSync(`${d}/a`), fs.accessSync(`${d}/a`, fs.constants.R_OK | fs.constants.W_OK), errOf(() => fs.accessSync(`${d}/a`, fs.constants.X_OK)), errOf(() => fs.accessSync(`${d}/none`)), errOf(() => fs.accessSync(`${d}/a`, 8))]; }],
  ['exists and existsSync', async (fs, d) => { fs.writeFileSync(`${d}/a`, ''); return [fs.existsSync(`${d}/a`), fs.existsSync(`${d}/b`), fs.existsSync(42), await new Promise((r) => fs.exists(`${d}/a`, r)), await new Promise((r) => fs.exists(`${d}/b`, r))]; }],

  // --- directories ---
  ['mkdir and readdir', (fs, d) => { fs.mkdirSync(`${d}/x`); fs.writeFileSync(`${d}/x/f`, ''); fs.mkdirSync(`${d}/x/g`); return sorted(fs.readdirSync(`${d}/x`)); }],
  ['mkdir EEXIST and ENOENT', (fs, d) => [errOf(() => fs.mkdirSync(d)), errOf(() => fs.mkdirSync(`${d}/a/b`))]],
  ['mkdir recursive returns the first created', (fs, d) => [fs.mkdirSync(`${d}/a/b/c`, { recursive: true }), fs.mkdirSync(`${d}/a/b`, { recursive: true }), fs.mkdirSync(`${d}/a/b/c/d/`, { recursive: true })]],
  ['mkdir recursive over a file', (fs, d) => { fs.writeFileSync(`${d}/f`, ''); return [errOf(() => fs.mkdirSync(`${d}/f`, { recursive: true })), errOf(() => fs.mkdirSync(`${d}/f/a/b`, { recursive: true }))]; }],
  ['mkdir mode and options validation', (fs, d) => { fs.mkdirSync(`${d}/m`, 0o700); fs.mkdirSync(`${d}/n`, { mode: '750' }); return [fs.statSync(`${d}/m`).mode, fs.statSync(`${d}/n`).mode, errOf(() => fs.mkdirSync(`${d}/o`, { recursive: 1 }))]; }],
  ['mkdir callback recursive and promise', async (fs, d) => [await cb((done) => fs.mkdir(`${d}/p/q`, { recursive: true }, done)), await cb((done) => fs.mkdir(`${d}/r`, done)), await fs.promises.mkdir(`${d}/s/t`, { recursive: true })]],
  ['readdir withFileTypes', (fs, d) => { fs.mkdirSync(`${d}/x`); fs.writeFileSync(`${d}/f`, ''); fs.symlinkSync('f', `${d}/l`); return sorted(fs.readdirSync(d, { withFileTypes: true })); }],
  ['readdir recursive', (fs, d) => { fs.mkdirSync(`${d}/a/b`, { recursive: true }); fs.writeFileSync(`${d}/a/b/f`, ''); fs.writeFileSync(`${d}/g`, ''); return [sorted(fs.readdirSync(d, { recursive: true })), sorted(fs.readdirSync(d, { recursive: true, withFileTypes: true }))]; }],
  ['readdir buffer encoding', (fs, d) => { fs.writeFileSync(`${d}/é`, ''); return fs.readdirSync(d, 'buffer'); }],
  ['readdir of a file and a missing path', (fs, d) => { fs.writeFileSync(`${d}/f`, ''); return [errOf(() => fs.readdirSync(`${d}/f`)), errOf(() => fs.readdirSync(`${d}/none`))]; }],
  ['readdir callback and promise', async (fs, d) => { fs.writeFileSync(`${d}/f`, ''); return [await cb((done) => fs.readdir(d, done)), await fs.promises.readdir(d, { withFileTypes: true })]; }],
  ['rmdir non-empty, file, missing', (fs, d) => { fs.mkdirSync(`${d}/x`); fs.writeFileSync(`${d}/x/f`, ''); return [errOf(() => fs.rmdirSync(`${d}/x`)), errOf(() => fs.rmdirSync(`${d}/x/f`)), errOf(() => fs.rmdirSync(`${d}/none`))]; }],
  ['rmdir an empty directory', (fs, d) => { fs.mkdirSync(`${d}/x`); fs.rmdirSync(`${d}/x`); return fs.existsSync(`${d}/x`); }],
  ['opendir reads every entry then null', async (fs, d) => {
    fs.writeFileSync(`${d}/a`, ''); fs.mkdirSync(`${d}/b`);
    const dir = fs.opendirSync(d);
    const names = [];
    for (let e = dir.readSync(); e; e = dir.readSync()) names.push(e.name);
    dir.closeSync();
    const dir2 = await fs.promises.opendir(d);
    const more = [];
    for await (const e of dir2) more.push([e.name, e.isDirectory(), e.parentPath]);
    return [names.sort(), sorted(more.map((m) => m[0])), more.length, errOf(() => dir.readSync())];
  }],
  ['opendir errors', (fs, d) => { fs.writeFileSync(`${d}/f`, ''); return [errOf(() => fs.opendirSync(`${d}/f`)), errOf(() => fs.opendirSync(`${d}/none`))]; }],
  ['mkdtemp', (fs, d) => {
    const t = fs.mkdtempSync(`${d}/tmp-`);
    const shape = [t.length - d.length, /^tmp-[A-Za-z0-9]{6}$/.test(t.slice(d.length + 1)), fs.statSync(t).isDirectory(), fs.statSync(t).mode, errOf(() => fs.mkdtempSync(`${d}/no/tmp-`))];
    fs.renameSync(t, `${d}/made`);
    return shape;
  }],

  // --- unlink / rename / rm ---
  ['unlink a file, a directory, a missing path', (fs, d) => { fs.writeFileSync(`${d}/f`, ''); fs.mkdirSync(`${d}/x`); fs.unlinkSync(`${d}/f`); return [errOf(() => fs.unlinkSync(`${d}/x`)), errOf(() => fs.unlinkSync(`${d}/f`))]; }],
  ['rename replaces a file', (fs, d) => { fs.writeFileSync(`${d}/a`, 'A'); fs.writeFileSync(`${d}/b`, 'B'); fs.renameSync(`${d}/a`, `${d}/b`); return fs.readFileSync(`${d}/b`, 'utf8'); }],
  ['rename a directory over an empty one and a non-empty one', (fs, d) => {
    fs.mkdirSync(`${d}/a`); fs.writeFileSync(`${d}/a/f`, '1'); fs.mkdirSync(`${d}/b`); fs.mkdirSync(`${d}/c`); fs.writeFileSync(`${d}/c/g`, '');
    fs.renameSync(`${d}/a`, `${d}/b`);
    return errOf(() => fs.renameSync(`${d}/b`, `${d}/c`));
  }],
  ['rename type mismatches and into itself', (fs, d) => { fs.mkdirSync(`${d}/a`); fs.writeFileSync(`${d}/f`, ''); return [errOf(() => fs.renameSync(`${d}/a`, `${d}/f`)), errOf(() => fs.renameSync(`${d}/f`, `${d}/a`)), errOf(() => fs.renameSync(`${d}/a`, `${d}/a/sub`)), errOf(() => fs.renameSync(`${d}/none`, `${d}/x`))]; }],
  ['rename callback and promise', async (fs, d) => { fs.writeFileSync(`${d}/a`, ''); await cb((done) => fs.rename(`${d}/a`, `${d}/b`, done)); await fs.promises.rename(`${d}/b`, `${d}/c`); return fs.readdirSync(d); }],
  ['rm a file and a missing path', (fs, d) => { fs.writeFileSync(`${d}/f`, ''); fs.rmSync(`${d}/f`); return [errOf(() => fs.rmSync(`${d}/f`)), fs.rmSync(`${d}/f`, { force: true })]; }],
  ['rm a directory needs recursive', (fs, d) => { fs.mkdirSync(`${d}/x`); return fs.rmSync(`${d}/x`); }],
  ['rm recursive removes a tree with links', (fs, d) => {
    fs.mkdirSync(`${d}/x/y/z`, { recursive: true }); fs.writeFileSync(`${d}/x/y/f`, ''); fs.writeFileSync(`${d}/keep`, 'k'); fs.symlinkSync(`${d}/keep`, `${d}/x/link`);
    fs.rmSync(`${d}/x`, { recursive: true });
    return fs.readdirSync(d);
  }],
  ['rm option validation', (fs, d) => [errOf(() => fs.rmSync(d, { force: 1 })), errOf(() => fs.rmSync(d, { maxRetries: -1 }))]],
  ['rm callback and promise', async (fs, d) => { fs.mkdirSync(`${d}/x/y`, { recursive: true }); fs.mkdirSync(`${d}/z`); return [await cb((done) => fs.rm(`${d}/x`, { recursive: true }, done)), await fs.promises.rm(`${d}/z`).catch((e: Error) => e), await fs.promises.rm(`${d}/none`).catch((e: Error) => e)]; }],

  // --- links ---
  ['symlink, readlink, lstat, stat through it', (fs, d) => { fs.writeFileSync(`${d}/t`, 'T'); fs.symlinkSync('t', `${d}/l`); return [fs.readlinkSync(`${d}/l`), fs.lstatSync(`${d}/l`).isSymbolicLink(), fs.statSync(`${d}/l`).isFile(), fs.readFileSync(`${d}/l`, 'utf8'), fs.lstatSync(`${d}/l`).size]; }],
  ['symlink errors', (fs, d) => { fs.writeFileSync(`${d}/t`, ''); return [errOf(() => fs.symlinkSync('t', `${d}/t`)), errOf(() => fs.readlinkSync(`${d}/t`)), errOf(() => fs.readlinkSync(`${d}/none`))]; }],
  ['dangling symlink and a loop', (fs, d) => { fs.symlinkSync('nowhere', `${d}/dang`); fs.symlinkSync('l2', `${d}/l1`); fs.symlinkSync('l1', `${d}/l2`); return [errOf(() => fs.statSync(`${d}/dang`)), errOf(() => fs.statSync(`${d}/l1`)), fs.existsSync(`${d}/dang`)]; }],
  ['writeFile through a dangling symlink creates the target', (fs, d) => { fs.symlinkSync('made', `${d}/l`); fs.writeFileSync(`${d}/l`, 'via'); return fs.readFileSync(`${d}/made`, 'utf8'); }],
  ['symlinked directory and ..', (fs, d) => { fs.mkdirSync(`${d}/a/b`, { recursive: true }); fs.writeFileSync(`${d}/a/f`, 'F'); fs.symlinkSync('a/b', `${d}/l`); return [fs.readFileSync(`${d}/l/../f`, 'utf8'), fs.realpathSync(`${d}/l`), fs.realpathSync.native(`${d}/l/..`)]; }],
  ['realpath errors (JS and native)', (fs, d) => { fs.writeFileSync(`${d}/f`, ''); return [errOf(() => fs.realpathSync(`${d}/none/x`)), errOf(() => fs.realpathSync.native(`${d}/none/x`)), errOf(() => fs.realpathSync(`${d}/f/x`))]; }],
  ['realpath callback and promise', async (fs, d) => { fs.symlinkSync('.', `${d}/self`); return [await cb((done) => fs.realpath(`${d}/self/self`, done)), await fs.promises.realpath(`${d}/self`)]; }],
  ['hard link', (fs, d) => { fs.writeFileSync(`${d}/a`, 'A'); fs.linkSync(`${d}/a`, `${d}/b`); fs.appendFileSync(`${d}/b`, 'B'); return [fs.readFileSync(`${d}/a`, 'utf8'), fs.statSync(`${d}/a`).nlink, errOf(() => fs.linkSync(`${d}/a`, `${d}/b`)), errOf(() => fs.linkSync(`${d}/none`, `${d}/c`))]; }],
  ['link to a directory is EPERM', (fs, d) => { fs.mkdirSync(`${d}/x`); return fs.linkSync(`${d}/x`, `${d}/y`); }],

  // --- copy ---
  ['copyFile and COPYFILE_EXCL', (fs, d) => { fs.writeFileSync(`${d}/a`, 'A', { mode: 0o640 }); fs.copyFileSync(`${d}/a`, `${d}/b`); return [fs.readFileSync(`${d}/b`, 'utf8'), fs.statSync(`${d}/b`).mode, errOf(() => fs.copyFileSync(`${d}/a`, `${d}/b`, fs.constants.COPYFILE_EXCL))]; }],
  ['copyFile errors', (fs, d) => { fs.writeFileSync(`${d}/a`, ''); return [errOf(() => fs.copyFileSync(`${d}/none`, `${d}/b`)), errOf(() => fs.copyFileSync(d, `${d}/c`)), errOf(() => fs.copyFileSync(`${d}/a`, d)), errOf(() => fs.copyFileSync(`${d}/a`, `${d}/b`, 8))]; }],
  ['cp a tree recursively', (fs, d) => { fs.mkdirSync(`${d}/s/sub`, { recursive: true }); fs.writeFileSync(`${d}/s/sub/f`, 'f'); fs.symlinkSync('sub/f', `${d}/s/l`); fs.cpSync(`${d}/s`, `${d}/t`, { recursive: true }); return sorted(fs.readdirSync(`${d}/t`, { recursive: true })); }],
  ['cp errors', (fs, d) => { fs.mkdirSync(`${d}/s`); fs.writeFileSync(`${d}/f`, ''); fs.writeFileSync(`${d}/g`, ''); return [errOf(() => fs.cpSync(`${d}/s`, `${d}/t`)), errOf(() => fs.cpSync(`${d}/s`, `${d}/s/in`, { recursive: true })), errOf(() => fs.cpSync(`${d}/f`, `${d}/s`)), errOf(() => fs.cpSync(`${d}/f`, `${d}/g`, { force: false, errorOnExist: true })), errOf(() => fs.cpSync(`${d}/s`, `${d}/f`, { recursive: true }))]; }],

  // --- metadata ---
  ['chmod and fchmod', (fs, d) => { fs.writeFileSync(`${d}/a`, ''); fs.chmodSync(`${d}/a`, 0o600); const m1 = fs.statSync(`${d}/a`).mode; const fd = fs.openSync(`${d}/a`, 'r'); fs.fchmodSync(fd, '755'); fs.closeSync(fd); return [m1, fs.statSync(`${d}/a`).mode, errOf(() => fs.chmodSync(`${d}/none`, 0o600)), errOf(() => fs.chmodSync(`${d}/a`, 'xyz'))]; }],
  ['utimes sets times in seconds and Dates', (fs, d) => { fs.writeFileSync(`${d}/a`, ''); fs.utimesSync(`${d}/a`, 1000, new Date(2_000_000)); const s = fs.statSync(`${d}/a`); return [s.atimeMs, s.mtimeMs, errOf(() => fs.utimesSync(`${d}/a`, 'x', 1)), errOf(() => fs.utimesSync(`${d}/none`, 1, 1))]; }],
  ['futimes and lutimes', (fs, d) => { fs.writeFileSync(`${d}/a`, ''); fs.symlinkSync('a', `${d}/l`); const fd = fs.openSync(`${d}/a`, 'r'); fs.futimesSync(fd, 5, 6); fs.closeSync(fd); fs.lutimesSync(`${d}/l`, 7, 8); return [fs.statSync(`${d}/a`).mtimeMs, fs.lstatSync(`${d}/l`).mtimeMs, errOf(() => fs.futimesSync(fd, 1, 1))]; }],
  ['chown to root succeeds', (fs, d) => { fs.writeFileSync(`${d}/a`, ''); return [fs.chownSync(`${d}/a`, 0, 0), errOf(() => fs.chownSync(`${d}/none`, 0, 0)), errOf(() => fs.chownSync(`${d}/a`, -2, 0))]; }],

  // --- FileHandle ---
  ['FileHandle read/write/stat/truncate/close', async (fs, d) => {
    const h = await fs.promises.open(`${d}/a`, 'w+');
    const w = await h.write('hello world');
    const w2 = await h.write(Buffer.from('J'), 0, 1, 0);
    const r = await h.read(Buffer.alloc(5), 0, 5, 0);
    const r2 = await h.read({ buffer: Buffer.alloc(3), position: 6 });
    await h.truncate(8);
    const st = await h.stat();
    await h.writeFile('xyz');
    const whole = await h.readFile('utf8');
    await h.close();
    await h.close();
    const closed = await h.read(Buffer.alloc(1), 0, 1, 0).catch((e: Error) => e);
    return [w, w2, r, r2, st, whole, closed, fs.readFileSync(`${d}/a`, 'utf8')];
  }],
  ['promises.open missing file', (fs, d) => fs.promises.open(`${d}/none`, 'r')],
  ['promises.access, copyFile, symlink, readlink, unlink, mkdtemp', async (fs, d) => {
    await fs.promises.writeFile(`${d}/a`, 'a');
    await fs.promises.copyFile(`${d}/a`, `${d}/b`);
    await fs.promises.symlink('b', `${d}/l`);
    const target = await fs.promises.readlink(`${d}/l`);
    await fs.promises.unlink(`${d}/a`);
    const t = await fs.promises.mkdtemp(`${d}/t-`);
    await fs.promises.rmdir(t);
    return [await fs.promises.access(`${d}/b`), await fs.promises.access(`${d}/a`).catch((e: Error) => e), target];
  }],

  // --- streams ---
  ['createReadStream with start, end and encoding', (fs, d) => {
    fs.writeFileSync(`${d}/a`, '0123456789');
    return new Promise((resolve) => {
      const events: unknown[] = [];
      const s = fs.createReadStream(`${d}/a`, { start: 2, end: 7, encoding: 'utf8', highWaterMark: 4 });
      s.on('open', () => events.push('open'));
      s.on('ready', () => events.push('ready'));
      s.on('data', (c: string) => events.push(c));
      s.on('end', () => events.push('end'));
      s.on('close', () => resolve([events, s.bytesRead]));
    });
  }],
  ['createReadStream of a missing file errors', (fs, d) => new Promise((resolve) => {
    const s = fs.createReadStream(`${d}/none`);
    s.on('error', (e: Error) => resolve(e));
  })],
  ['createWriteStream writes, then finish and close', (fs, d) => new Promise((resolve) => {
    const events: unknown[] = [];
    const w = fs.createWriteStream(`${d}/a`);
    w.on('open', () => events.push('open'));
    w.on('finish', () => events.push('finish'));
    w.on('close', () => resolve([events, w.bytesWritten, fs.readFileSync(`${d}/a`, 'utf8')]));
    w.write('abc');
    w.write(Buffer.from('def'));
    w.end('!');
  })],
  ['createWriteStream with flags a and start', async (fs, d) => {
    fs.writeFileSync(`${d}/a`, '12345');
    await new Promise((r) => fs.createWriteStream(`${d}/a`, { flags: 'r+', start: 1 }).end('XY', r));
    await new Promise((r) => fs.createWriteStream(`${d}/a`, { flags: 'a' }).on('close', r).end('Z'));
    return fs.readFileSync(`${d}/a`, 'utf8');
  }],
  ['stream option validation', (fs, d) => [errOf(() => fs.createReadStream(`${d}/a`, { start: 5, end: 2 })), errOf(() => fs.createReadStream(`${d}/a`, { start: -1 }))]],

  // --- paths ---
  ['Buffer and file: URL paths', (fs, d) => { fs.writeFileSync(Buffer.from(`${d}/a`), 'buf'); return [fs.readFileSync(new URL(`file://${d}/a`), 'utf8'), errOf(() => fs.readFileSync(new URL('http://x/y'))), errOf(() => fs.readFileSync(new URL('file://host/x'))), errOf(() => fs.readFileSync(new URL(`file://${d}/a%2fb`)))]; }],
  ['relative paths resolve from the cwd', (fs, d) => { const rel = d.slice(hostRoot.length + 1); fs.writeFileSync(`${rel}/r`, 'rel'); return [fs.readFileSync(`./${rel}/r`, 'utf8'), errOf(() => fs.readFileSync(`${rel}/none`)), fs.realpathSync(rel) === d]; }],
  ['name too long', (fs, d) => [errOf(() => fs.writeFileSync(`${d}/${'n'.repeat(256)}`, '')), errOf(() => fs.statSync(`${d}/${'n'.repeat(256)}`))]],
  // --- more edge cases ---
  ['a+ reads from the start and appends', (fs, d) => { fs.writeFileSync(`${d}/a`, 'abc'); const fd = fs.openSync(`${d}/a`, 'a+'); const b = Buffer.alloc(3); const n = fs.readSync(fd, b, 0, 3, null); fs.writeSync(fd, 'Z'); fs.closeSync(fd); return [n, b, fs.readFileSync(`${d}/a`, 'utf8')]; }],
  ['numeric O_ flags', (fs, d) => { const c = fs.constants; const fd = fs.openSync(`${d}/a`, c.O_CREAT | c.O_EXCL | c.O_RDWR, 0o640); fs.closeSync(fd); return [fs.statSync(`${d}/a`).mode, errOf(() => fs.openSync(`${d}/a`, c.O_CREAT | c.O_EXCL | c.O_WRONLY)), errOf(() => fs.openSync(`${d}/a`, c.O_RDONLY | c.O_DIRECTORY))]; }],
  ['readFile flag r+ on missing, a+ creates', (fs, d) => [errOf(() => fs.writeFileSync(`${d}/a`, 'x', { flag: 'r+' })), fs.readFileSync(`${d}/b`, { flag: 'a+', encoding: 'utf8' }), fs.existsSync(`${d}/b`)]],
  ['truncate extends with zeros, ftruncate negative is 0, writes past the end leave a hole', (fs, d) => {
    fs.writeFileSync(`${d}/a`, 'ab'); fs.truncateSync(`${d}/a`, 4);
    const fd = fs.openSync(`${d}/b`, 'w+'); fs.writeSync(fd, 'X', 3); fs.ftruncateSync(fd, -5); const size = fs.fstatSync(fd).size; fs.writeSync(fd, 'Y', 2); fs.closeSync(fd);
    return [fs.readFileSync(`${d}/a`), size, fs.readFileSync(`${d}/b`)];
  }],
  ['read with a bigint position', (fs, d) => { fs.writeFileSync(`${d}/a`, 'abcdef'); const fd = fs.openSync(`${d}/a`, 'r'); const b = Buffer.alloc(2); const n = fs.readSync(fd, b, 0, 2, 3n); fs.closeSync(fd); return [n, b]; }],
  ['writev with a position and appendFile on a descriptor', (fs, d) => { fs.writeFileSync(`${d}/a`, '------'); const fd = fs.openSync(`${d}/a`, 'r+'); fs.writevSync(fd, [Buffer.from('x'), Buffer.from('y')], 2); fs.appendFileSync(fd, 'Z'); fs.closeSync(fd); return fs.readFileSync(`${d}/a`, 'utf8'); }],
  ['rename onto itself, via a hard link, and with trailing slashes', (fs, d) => {
    fs.writeFileSync(`${d}/a`, 'A'); fs.mkdirSync(`${d}/x`); fs.linkSync(`${d}/a`, `${d}/h`);
    fs.renameSync(`${d}/a`, `${d}/a`); fs.renameSync(`${d}/a`, `${d}/h`); fs.renameSync(`${d}/x/`, `${d}/y/`);
    return [fs.readdirSync(d).sort(), errOf(() => fs.renameSync(`${d}/h/`, `${d}/z`))];
  }],
  ['unlink a symlink to a directory, rmdir through it', (fs, d) => { fs.mkdirSync(`${d}/x`); fs.symlinkSync('x', `${d}/l`); return [errOf(() => fs.rmdirSync(`${d}/l`)), errOf(() => fs.unlinkSync(`${d}/l/`)), fs.unlinkSync(`${d}/l`), fs.readdirSync(d)]; }],
  ['stat with a trailing slash', (fs, d) => { fs.writeFileSync(`${d}/f`, ''); fs.mkdirSync(`${d}/x/`); return [errOf(() => fs.statSync(`${d}/f/`)), fs.statSync(`${d}/x/`).isDirectory(), fs.existsSync(`${d}/f/x`)]; }],
  ['readdir through a symlinked directory, realpath of a chain', (fs, d) => { fs.mkdirSync(`${d}/x`); fs.writeFileSync(`${d}/x/f`, ''); fs.symlinkSync('x', `${d}/l1`); fs.symlinkSync('l1', `${d}/l2`); return [fs.readdirSync(`${d}/l2`), fs.realpathSync(`${d}/l2/f`), fs.realpathSync.native(`${d}/l2/f`)]; }],
  ['copyFile onto itself and onto a hard link', (fs, d) => { fs.writeFileSync(`${d}/a`, 'same'); fs.linkSync(`${d}/a`, `${d}/b`); fs.copyFileSync(`${d}/a`, `${d}/a`); fs.copyFileSync(`${d}/a`, `${d}/b`); return fs.readFileSync(`${d}/b`, 'utf8'); }],
  ['readlink with buffer encoding, absolute targets', (fs, d) => { fs.symlinkSync(`${d}/t`, `${d}/l`); return [fs.readlinkSync(`${d}/l`, 'buffer'), fs.readlinkSync(`${d}/l`, { encoding: 'utf8' }), errOf(() => fs.readFileSync(`${d}/l`))]; }],
  ['rm: force on a missing tree, a symlink to a directory removes only the link', (fs, d) => { fs.mkdirSync(`${d}/x`); fs.writeFileSync(`${d}/x/f`, ''); fs.symlinkSync('x', `${d}/l`); fs.rmSync(`${d}/none`, { recursive: true, force: true }); fs.rmSync(`${d}/l`, { recursive: true }); return fs.readdirSync(d, { recursive: true }).sort(); }],
  ['rmdir recursive (deprecated) and on a file', (fs, d) => { fs.mkdirSync(`${d}/x/y`, { recursive: true }); fs.writeFileSync(`${d}/f`, ''); fs.rmdirSync(`${d}/x`, { recursive: true }); return [fs.existsSync(`${d}/x`), errOf(() => fs.rmdirSync(`${d}/f`, { recursive: true })), errOf(() => fs.rmdirSync(`${d}/none`, { recursive: true }))]; }],
  ['promises: truncate, utimes, chmod, lutimes, link, cp, statfs shape', async (fs, d) => {
    await fs.promises.writeFile(`${d}/a`, 'abcdef');
    await fs.promises.truncate(`${d}/a`, 3);
    await fs.promises.utimes(`${d}/a`, 10, 20);
    await fs.promises.chmod(`${d}/a`, 0o600);
    await fs.promises.link(`${d}/a`, `${d}/b`);
    await fs.promises.cp(`${d}/a`, `${d}/sub/c`);
    const s = await fs.promises.stat(`${d}/a`);
    return [fs.readFileSync(`${d}/a`, 'utf8'), s.mtimeMs, s.mode, s.nlink, Object.keys(await fs.promises.statfs(d)).sort()];
  }],
  ['Dir callback read and recursive opendir', async (fs, d) => {
    fs.mkdirSync(`${d}/x/y`, { recursive: true }); fs.writeFileSync(`${d}/x/y/f`, '');
    const dir = fs.opendirSync(d, { recursive: true });
    const seen = [];
    for (;;) { const [err, e] = await cb((done) => dir.read(done)) as [Error | null, any]; if (err || !e) break; seen.push(`${e.parentPath}/${e.name}`); }
    const closed = await cb((done) => dir.close(done));
    return [seen.sort(), closed, await dir.close().catch((e: Error) => e)];
  }],
  ['cp with a filter and into a missing parent', (fs, d) => { fs.mkdirSync(`${d}/s`); fs.writeFileSync(`${d}/s/keep`, 'k'); fs.writeFileSync(`${d}/s/skip`, 's'); fs.cpSync(`${d}/s`, `${d}/deep/t`, { recursive: true, filter: (src: string) => !src.endsWith('skip') }); return fs.readdirSync(`${d}/deep/t`); }],
  ['access on directories with X_OK, existsSync through a file', (fs, d) => { fs.writeFileSync(`${d}/f`, ''); return [fs.accessSync(d, fs.constants.X_OK), fs.existsSync(`${d}/f/g`), fs.existsSync(''), errOf(() => fs.accessSync(''))]; }],
  ['open with O_APPEND and positioned reads keep the append offset', (fs, d) => { fs.writeFileSync(`${d}/a`, '12'); const fd = fs.openSync(`${d}/a`, 'a+'); fs.writeSync(fd, '3'); const b = Buffer.alloc(1); fs.readSync(fd, b, 0, 1, 0); fs.writeSync(fd, '4'); fs.closeSync(fd); return [b, fs.readFileSync(`${d}/a`, 'utf8')]; }],
  ['mkdir "." and "..", rmdir "."', (fs, d) => [errOf(() => fs.mkdirSync(`${d}/.`)), errOf(() => fs.mkdirSync(`${d}/..`)), errOf(() => fs.rmdirSync(`${d}/.`)), errOf(() => fs.unlinkSync(`${d}/..`))]],
  ['writeFile with utf16le and a Uint8Array, readFile ucs2', (fs, d) => { fs.writeFileSync(`${d}/a`, 'hé', 'utf16le'); fs.writeFileSync(`${d}/b`, new Uint8Array([104, 105])); return [fs.readFileSync(`${d}/a`), fs.readFileSync(`${d}/a`, 'ucs2'), fs.readFileSync(`${d}/b`, 'ascii')]; }],
  ['dot and dot-dot components', (fs, d) => { fs.mkdirSync(`${d}/a`); fs.writeFileSync(`${d}/a/./../f`, 'x'); return [fs.readdirSync(d).sort(), fs.readFileSync(`${d}/a/../a/../f`, 'utf8'), errOf(() => fs.mkdirSync(`${d}/a/.`))]; }],
];

test(`differential: ${cases.length} fs sequences agree with host Node`, async (t) => {
  assert.ok(cases.length >= 60);
  const cwd = process.cwd();
  process.chdir(hostRoot); // the guest's cwd is hostRoot too, for the relative-path case
  try {
    let i = 0;
    for (const [name, run] of cases) {
      const dir = `${hostRoot}/case${i++}`;
      await t.test(name, async () => {
        const host = await runOn(hostFs, dir, run);
        const guest = await runOn(guestFs, dir, run);
        assert.deepEqual(guest, host);
      });
    }
  } finally {
    process.chdir(cwd);
    hostFs.rmSync(hostRoot, { recursive: true, force: true });
  }
});

// ---- the read-only image against a read-only Linux mount ----
// The host side needs root to mount a tmpfs and remount it read-only; without that the test is
// skipped (the same EROFS rules are asserted without a host in fs.test.ts and vfs.test.ts).

const roCases: Case[] = [
  ['reads work', (fs, r) => [fs.readFileSync(`${r}/f`, 'utf8'), fs.readdirSync(r).sort(), fs.statSync(`${r}/f`), fs.statSync(`${r}/d`).mode, fs.readFileSync(`${r}/d/g`)]],
  ['writeFile, appendFile, open for writing', (fs, r) => [errOf(() => fs.writeFileSync(`${r}/f`, 'y')), errOf(() => fs.writeFileSync(`${r}/new`, 'y')), errOf(() => fs.appendFileSync(`${r}/f`, 'y')), errOf(() => fs.openSync(`${r}/f`, 'r+')), errOf(() => fs.openSync(`${r}/f`, fs.constants.O_RDONLY | fs.constants.O_TRUNC)), errOf(() => fs.openSync(`${r}/none`, 'r'))]],
  ['mkdir: EEXIST before EROFS, mkdir -p reports ENOENT', (fs, r) => [errOf(() => fs.mkdirSync(`${r}/d`)), errOf(() => fs.mkdirSync(`${r}/x`)), errOf(() => fs.mkdirSync(`${r}/x/y`, { recursive: true })), fs.mkdirSync(`${r}/d`, { recursive: true }), errOf(() => fs.mkdtempSync(`${r}/t-`))]],
  ['unlink, rmdir, rm: EROFS before the lookup', (fs, r) => [errOf(() => fs.unlinkSync(`${r}/f`)), errOf(() => fs.unlinkSync(`${r}/none`)), errOf(() => fs.rmdirSync(`${r}/d`)), errOf(() => fs.rmdirSync(`${r}/none`)), errOf(() => fs.rmSync(`${r}/d`, { recursive: true })), errOf(() => fs.rmSync(`${r}/none`))]],
  ['rename and link: EXDEV across mounts, EEXIST before EROFS', (fs, r) => [errOf(() => fs.renameSync(`${r}/f`, `${r}/h`)), errOf(() => fs.renameSync(`${r}/none`, `${r}/h`)), errOf(() => fs.renameSync(`${r}/f`, `${hostRoot}/h`)), errOf(() => fs.linkSync(`${r}/f`, `${r}/d`)), errOf(() => fs.linkSync(`${r}/f`, `${r}/h`)), errOf(() => fs.linkSync(`${r}/f`, `${hostRoot}/h`)), errOf(() => fs.symlinkSync('f', `${r}/f`)), errOf(() => fs.symlinkSync('f', `${r}/s`))]],
  ['metadata changes', (fs, r) => [errOf(() => fs.chmodSync(`${r}/f`, 0o600)), errOf(() => fs.chmodSync(`${r}/none`, 0o600)), errOf(() => fs.utimesSync(`${r}/f`, 1, 1)), errOf(() => fs.utimesSync(`${r}/none`, 1, 1)), errOf(() => fs.truncateSync(`${r}/f`)), errOf(() => fs.accessSync(`${r}/f`, fs.constants.W_OK)), fs.accessSync(`${r}/f`, fs.constants.R_OK)]],
  ['copies into and out of the read-only mount', (fs, r) => { fs.copyFileSync(`${r}/f`, `${hostRoot}/copied`); const out = fs.readFileSync(`${hostRoot}/copied`, 'utf8'); fs.unlinkSync(`${hostRoot}/copied`); return [out, errOf(() => fs.copyFileSync(`${r}/f`, `${r}/c`)), errOf(() => fs.copyFileSync(`${r}/f`, `${r}/f`)), errOf(() => fs.cpSync(`${r}/d`, `${r}/e`, { recursive: true }))]; }],
  ['promise and stream forms', async (fs, r) => [await fs.promises.writeFile(`${r}/f`, 'z').catch((e: Error) => e), await fs.promises.mkdir(`${r}/m`).catch((e: Error) => e), await new Promise((resolve) => fs.createWriteStream(`${r}/w`).on('error', resolve))]],
];

test(`differential: ${roCases.length} read-only sequences agree with a read-only Linux mount`, async (t) => {
  const roDir = `${hostRoot}-ro`;
  hostFs.mkdirSync(roDir);
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'mode=755', 'none', roDir], { stdio: 'ignore' });
  } catch {
    hostFs.rmdirSync(roDir);
    t.skip('mounting a tmpfs needs root');
    return;
  }
  try {
    hostFs.mkdirSync(`${roDir}/d`, { mode: 0o755 });
    hostFs.writeFileSync(`${roDir}/f`, 'file\n', { mode: 0o644 });
    hostFs.writeFileSync(`${roDir}/d/g`, Buffer.from([1, 2, 3]), { mode: 0o644 });
    execFileSync('mount', ['-o', 'remount,ro', roDir], { stdio: 'ignore' });
    hostFs.mkdirSync(hostRoot, { recursive: true });

    const vfs = new Vfs({ cwd: () => '/' });
    vfs.umask = process.umask();
    vfs.mount('/', new Tmpfs({ now: () => Date.now(), rootMode: 0o755 }));
    const guest = createFs({ vfs, defer: setImmediate }) as AnyFs;
    guest.mkdirSync(roDir, { recursive: true });
    guest.mkdirSync(hostRoot, { recursive: true });
    const archive = buildArchive([
      { path: '/d/g', data: new Uint8Array([1, 2, 3]), mode: 0o644 },
      { path: '/f', data: new TextEncoder().encode('file\n'), mode: 0o644 },
    ]);
    vfs.mount(roDir, new Imagefs(parseArchive(archive), { mtimeMs: Date.now() }));

    for (const [name, run] of roCases) {
      await t.test(name, async () => {
        let host: unknown; let mine: unknown;
        try { host = await run(hostFs, roDir); } catch (e) { host = e; }
        try { mine = await run(guest, roDir); } catch (e) { mine = e; }
        assert.deepEqual(shape(mine), shape(host));
      });
    }
  } finally {
    try { execFileSync('umount', [roDir], { stdio: 'ignore' }); } catch { /* already gone */ }
    hostFs.rmSync(roDir, { recursive: true, force: true });
    hostFs.rmSync(hostRoot, { recursive: true, force: true });
  }
});
