// node:fs for applications: `require('fs')` is the object createFs returns.
//
// A typical use (boot): const fs = createFs({ vfs, defer: (fn) => loop.queueImmediate(fn) });
//
// The module depends on no OS global: the VFS (with its working directory) and the scheduler are
// passed in, so host unit tests run it with `setImmediate` over a tmpfs. Each function exists in
// three forms built from one validated operation (internal/fs/ops.ts, tree.ts):
//   xxxSync(...)      validates, runs, returns or throws;
//   xxx(..., cb)      validates (bad arguments throw synchronously, as on Node), runs later via
//                     `defer`, calls cb(err) / cb(null, result) - never synchronously;
//   promises.xxx(...) returns a Promise settled via `defer` (internal/fs/promises.ts).
// Not supported (ERR_NOT_SUPPORTED_ON_NEPHOS): watch, watchFile, unwatchFile, openAsBlob. lchmod
// is absent, as on Linux. See docs/fs.md for limits.

import { Buffer } from 'buffer';
import { codes } from '../core/errors';
import type { Vfs } from '../fs/vfs';
import { Dir, opendirArgs } from './internal/fs/dir';
import { fsConstants } from './internal/fs/constants';
import { FsOps, type Thunk } from './internal/fs/ops';
import { createPromisesApi } from './internal/fs/promises';
import { BigIntStats, Dirent, Stats } from './internal/fs/stats';
import { createStreamClasses } from './internal/fs/streams';
import { FsTree } from './internal/fs/tree';
import { isArrayBufferView, toUnixTimestampMs, validateFunction, validateObject } from './internal/fs/validators';

export interface FsDeps {
  vfs: Vfs;
  /** Runs `fn` asynchronously, after the current job (the event loop's immediate queue). */
  defer: (fn: () => void) => void;
  /** Uniform [0, 1) source for mkdtemp names. Default Math.random. */
  random?: () => number;
}

type Cb = (err: Error | null, ...results: unknown[]) => void;

export function createFs(deps: FsDeps) {
  const { vfs, defer } = deps;
  const ops = new FsOps(vfs);
  const tree = new FsTree(vfs, deps.random ?? Math.random);
  const notSupported = (name: string) => new codes.ERR_NOT_SUPPORTED_ON_NEPHOS(name);

  const callback = (cb: unknown): Cb => {
    validateFunction(cb, 'cb');
    return cb as Cb;
  };
  /** Runs a void operation later and calls cb(err) or cb(null). */
  const later = (thunk: Thunk<unknown>, cb: Cb): void => {
    defer(() => {
      try { thunk(); } catch (err) { cb(err as Error); return; }
      cb(null);
    });
  };
  /** Runs an operation later and calls cb(err) or cb(null, ...results(value)). */
  const laterWith = <T>(thunk: Thunk<T>, cb: Cb, results: (value: T) => unknown[] = (v) => [v]): void => {
    defer(() => {
      let value: T;
      try { value = thunk(); } catch (err) { cb(err as Error); return; }
      cb(null, ...results(value));
    });
  };
  const readdirRecursive = (b: string, w: boolean, e: unknown) => tree.readdirRecursive(b, w, e);

  // ---- read/write with Node's argument shapes ----

  /** readSync(fd, buffer, offset, length, position) or readSync(fd, buffer, options?). */
  function readSyncArgs(args: unknown[]): Thunk<number> {
    const [fd, buffer, offsetOrOptions] = args;
    let [, , offset, length, position] = args;
    if (args.length <= 3 || typeof offsetOrOptions === 'object') {
      if (offsetOrOptions !== undefined) validateObject(offsetOrOptions, 'options', true);
      const o = (offsetOrOptions ?? {}) as { offset?: unknown; length?: unknown; position?: unknown };
      offset = o.offset ?? 0;
      length = o.length ?? (isArrayBufferView(buffer) ? buffer.byteLength - (offset as number) : 0);
      position = o.position ?? null;
    }
    return ops.read(fd, buffer, offset, length, position);
  }

  function readSync(...args: unknown[]): number {
    return readSyncArgs(args)();
  }

  function read(...args: unknown[]): void {
    const fd = args[0];
    let [, buffer, offset, length, position, cb] = args;
    let params: unknown = null;
    if (args.length <= 4) {
      if (args.length === 4) {
        validateObject(offset, 'options', true);
        cb = length;
        params = offset;
      } else if (args.length === 3) {
        if (!isArrayBufferView(buffer)) {
          params = buffer;
          buffer = (params as { buffer?: unknown } | null)?.buffer ?? Buffer.alloc(16384);
        }
        cb = offset;
      } else {
        cb = buffer;
        buffer = Buffer.alloc(16384);
      }
      if (params !== undefined) validateObject(params, 'options', true);
      const o = (params ?? {}) as { offset?: unknown; length?: unknown; position?: unknown };
      offset = o.offset ?? 0;
      length = o.length ?? (isArrayBufferView(buffer) ? buffer.byteLength - (offset as number) : 0);
      position = o.position ?? null;
    }
    const done = callback(cb);
    const thunk = ops.read(fd, buffer, offset, length, position);
    laterWith(thunk, done, (n) => [n, buffer]);
  }

  function write(fd: unknown, buffer: unknown, offsetOrOptions?: unknown, length?: unknown, position?: unknown, cb?: unknown): void {
    if (isArrayBufferView(buffer)) {
      const done = callback(cb || position || length || offsetOrOptions);
      const fn = (v: unknown) => typeof v === 'function';
      const thunk = ops.write(fd, buffer, fn(offsetOrOptions) ? undefined : offsetOrOptions, fn(length) ? undefined : length, fn(position) ? undefined : position);
      laterWith(thunk, done, (n) => [n, buffer]);
      return;
    }
    // write(fd, string[, position[, encoding]], cb)
    let pos = offsetOrOptions;
    let encoding = length;
    let last = position;
    if (typeof last !== 'function') {
      if (typeof pos === 'function') { last = pos; pos = null; } else { last = encoding; }
      encoding = 'utf8';
    }
    const done = callback(last);
    const thunk = ops.write(fd, buffer, pos, encoding, undefined);
    laterWith(thunk, done, (n) => [n, buffer]);
  }

  const { ReadStream, WriteStream } = createStreamClasses({
    open: (path, flags, mode, cb) => open(path, flags, mode, cb),
    read: (fd, buffer, offset, length, position, cb) => read(fd, buffer, offset, length, position, cb),
    write: (fd, buffer, offset, length, position, cb) => write(fd, buffer, offset, length, position, cb),
    close: (fd, cb) => close(fd, cb),
    fsync: (fd, cb) => fsync(fd, cb),
    defer,
  });

  function open(path: unknown, flags?: unknown, mode?: unknown, cb?: unknown): void {
    if (arguments.length < 3) { cb = flags; flags = 'r'; mode = 0o666; } else if (typeof mode === 'function') { cb = mode; mode = 0o666; }
    const done = callback(cb);
    laterWith(ops.open(path, flags, mode), done);
  }

  function close(fd: unknown, cb?: unknown): void {
    const done = cb === undefined ? (err: Error | null) => { if (err) throw err; } : callback(cb);
    later(ops.close(fd), done);
  }

  function fsync(fd: unknown, cb: unknown): void {
    const done = callback(cb);
    later(ops.fsync(fd, 'fsync'), done);
  }

  const createReadStream = (path: unknown, options?: unknown) => new ReadStream(path, options);
  const createWriteStream = (path: unknown, options?: unknown) => new WriteStream(path, options);
  const { promises } = createPromisesApi({ vfs, ops, tree, defer, constants: fsConstants, createReadStream, createWriteStream, notSupported });

  const optionsOrCb = (options: unknown, cb: unknown): [unknown, Cb] =>
    typeof options === 'function' ? [undefined, callback(options)] : [options, callback(cb)];

  function realpathSync(path: unknown, options?: unknown) { return tree.realpath(path, options)(); }
  realpathSync.native = (path: unknown, options?: unknown) => ops.realpathNative(path, options)();
  function realpath(path: unknown, options?: unknown, cb?: unknown) {
    const [o, done] = optionsOrCb(options, cb);
    laterWith(tree.realpath(path, o), done);
  }
  realpath.native = (path: unknown, options?: unknown, cb?: unknown) => {
    const [o, done] = optionsOrCb(options, cb);
    laterWith(ops.realpathNative(path, o), done);
  };

  function exists(path: unknown, cb: unknown): void {
    validateFunction(cb, 'cb');
    const thunk = ops.exists(path);
    defer(() => (cb as (exists: boolean) => void)(thunk()));
  }

  const fs = {
    access(path: unknown, mode?: unknown, cb?: unknown) {
      if (typeof mode === 'function') { cb = mode; mode = undefined; }
      const done = callback(cb);
      later(ops.access(path, mode), done);
    },
    accessSync: (path: unknown, mode?: unknown) => ops.access(path, mode)(),
    appendFile(path: unknown, data: unknown, options?: unknown, cb?: unknown) {
      const done = callback(cb || options);
      later(ops.writeFile(path, data, typeof options === 'function' ? undefined : options, 'a'), done);
    },
    appendFileSync: (path: unknown, data: unknown, options?: unknown) => ops.writeFile(path, data, options, 'a')(),
    chmod(path: unknown, mode: unknown, cb: unknown) { const done = callback(cb); later(ops.chmod(path, mode), done); },
    chmodSync: (path: unknown, mode: unknown) => ops.chmod(path, mode)(),
    chown(path: unknown, uid: unknown, gid: unknown, cb: unknown) { const done = callback(cb); later(ops.chown(path, uid, gid, true), done); },
    chownSync: (path: unknown, uid: unknown, gid: unknown) => ops.chown(path, uid, gid, true)(),
    close,
    closeSync: (fd: unknown) => ops.close(fd)(),
    copyFile(src: unknown, dest: unknown, mode?: unknown, cb?: unknown) {
      if (typeof mode === 'function') { cb = mode; mode = 0; }
      const done = callback(cb);
      later(ops.copyFile(src, dest, mode), done);
    },
    copyFileSync: (src: unknown, dest: unknown, mode?: unknown) => ops.copyFile(src, dest, mode)(),
    cp(src: unknown, dest: unknown, options?: unknown, cb?: unknown) {
      const [o, done] = optionsOrCb(options, cb);
      later(tree.cp(src, dest, o), done);
    },
    cpSync: (src: unknown, dest: unknown, options?: unknown) => tree.cp(src, dest, options)(),
    createReadStream,
    createWriteStream,
    exists,
    existsSync: (path: unknown) => ops.exists(path)(),
    fchmod(fd: unknown, mode: unknown, cb: unknown) { const done = callback(cb); later(ops.fchmod(fd, mode), done); },
    fchmodSync: (fd: unknown, mode: unknown) => ops.fchmod(fd, mode)(),
    fchown(fd: unknown, uid: unknown, gid: unknown, cb: unknown) { const done = callback(cb); later(ops.fchown(fd, uid, gid), done); },
    fchownSync: (fd: unknown, uid: unknown, gid: unknown) => ops.fchown(fd, uid, gid)(),
    fdatasync(fd: unknown, cb: unknown) { const done = callback(cb); later(ops.fsync(fd, 'fdatasync'), done); },
    fdatasyncSync: (fd: unknown) => ops.fsync(fd, 'fdatasync')(),
    fstat(fd: unknown, options?: unknown, cb?: unknown) {
      const [o, done] = optionsOrCb(options, cb);
      laterWith(ops.fstat(fd, o), done);
    },
    fstatSync: (fd: unknown, options?: unknown) => ops.fstat(fd, options)(),
    fsync,
    fsyncSync: (fd: unknown) => ops.fsync(fd, 'fsync')(),
    ftruncate(fd: unknown, len?: unknown, cb?: unknown) {
      if (typeof len === 'function') { cb = len; len = 0; }
      const done = callback(cb);
      later(ops.ftruncate(fd, len), done);
    },
    ftruncateSync: (fd: unknown, len?: unknown) => ops.ftruncate(fd, len)(),
    futimes(fd: unknown, atime: unknown, mtime: unknown, cb: unknown) { const done = callback(cb); later(ops.futimes(fd, atime, mtime), done); },
    futimesSync: (fd: unknown, atime: unknown, mtime: unknown) => ops.futimes(fd, atime, mtime)(),
    lchown(path: unknown, uid: unknown, gid: unknown, cb: unknown) { const done = callback(cb); later(ops.chown(path, uid, gid, false), done); },
    lchownSync: (path: unknown, uid: unknown, gid: unknown) => ops.chown(path, uid, gid, false)(),
    link(existingPath: unknown, newPath: unknown, cb: unknown) { const done = callback(cb); later(ops.link(existingPath, newPath), done); },
    linkSync: (existingPath: unknown, newPath: unknown) => ops.link(existingPath, newPath)(),
    lstat(path: unknown, options?: unknown, cb?: unknown) {
      const [o, done] = optionsOrCb(options, cb);
      laterWith(ops.stat(path, o, false), done);
    },
    lstatSync: (path: unknown, options?: unknown) => ops.stat(path, options, false)(),
    lutimes(path: unknown, atime: unknown, mtime: unknown, cb: unknown) { const done = callback(cb); later(ops.utimes(path, atime, mtime, false), done); },
    lutimesSync: (path: unknown, atime: unknown, mtime: unknown) => ops.utimes(path, atime, mtime, false)(),
    mkdir(path: unknown, options?: unknown, cb?: unknown) {
      const [o, done] = optionsOrCb(options, cb);
      const recursive = typeof o === 'object' && o !== null && (o as { recursive?: unknown }).recursive === true;
      const thunk = tree.mkdir(path, o);
      if (recursive) laterWith(thunk, done); else later(thunk, done);
    },
    mkdirSync: (path: unknown, options?: unknown) => tree.mkdir(path, options)(),
    mkdtemp(prefix: unknown, options?: unknown, cb?: unknown) {
      const [o, done] = optionsOrCb(options, cb);
      laterWith(tree.mkdtemp(prefix, o), done);
    },
    mkdtempSync: (prefix: unknown, options?: unknown) => tree.mkdtemp(prefix, options)(),
    open,
    openSync: (path: unknown, flags?: unknown, mode?: unknown) => ops.open(path, flags, mode)(),
    openAsBlob: (_path: unknown, _options?: unknown): never => { throw notSupported('fs.openAsBlob()'); },
    opendir(path: unknown, options?: unknown, cb?: unknown) {
      const [o, done] = optionsOrCb(options, cb);
      const args = opendirArgs(path, o);
      laterWith(() => new Dir(vfs, defer, args.path, args.options), done);
    },
    opendirSync(path: unknown, options?: unknown) {
      const args = opendirArgs(path, options);
      return new Dir(vfs, defer, args.path, args.options);
    },
    read,
    readSync,
    readv(fd: unknown, buffers: unknown, position?: unknown, cb?: unknown) {
      if (typeof position === 'function') { cb = position; position = null; }
      const done = callback(cb);
      laterWith(ops.readv(fd, buffers, position), done, (n) => [n, buffers]);
    },
    readvSync: (fd: unknown, buffers: unknown, position?: unknown) => ops.readv(fd, buffers, position)(),
    readdir(path: unknown, options?: unknown, cb?: unknown) {
      const [o, done] = optionsOrCb(options, cb);
      laterWith(ops.readdir(path, o, readdirRecursive), done);
    },
    readdirSync: (path: unknown, options?: unknown) => ops.readdir(path, options, readdirRecursive)(),
    readFile(path: unknown, options?: unknown, cb?: unknown) {
      const done = callback(cb || options);
      laterWith(ops.readFile(path, typeof options === 'function' ? undefined : options), done);
    },
    readFileSync: (path: unknown, options?: unknown) => ops.readFile(path, options)(),
    readlink(path: unknown, options?: unknown, cb?: unknown) {
      const [o, done] = optionsOrCb(options, cb);
      laterWith(ops.readlink(path, o), done);
    },
    readlinkSync: (path: unknown, options?: unknown) => ops.readlink(path, options)(),
    realpath,
    realpathSync,
    rename(oldPath: unknown, newPath: unknown, cb: unknown) { const done = callback(cb); later(ops.rename(oldPath, newPath), done); },
    renameSync: (oldPath: unknown, newPath: unknown) => ops.rename(oldPath, newPath)(),
    rm(path: unknown, options?: unknown, cb?: unknown) {
      const [o, done] = optionsOrCb(options, cb);
      later(tree.rm(path, o), done);
    },
    rmSync: (path: unknown, options?: unknown) => tree.rm(path, options)(),
    rmdir(path: unknown, options?: unknown, cb?: unknown) {
      const [o, done] = optionsOrCb(options, cb);
      later(tree.rmdir(path, o), done);
    },
    rmdirSync: (path: unknown, options?: unknown) => tree.rmdir(path, options)(),
    stat(path: unknown, options?: unknown, cb?: unknown) {
      const [o, done] = optionsOrCb(options, cb);
      laterWith(ops.stat(path, o, true), done);
    },
    statSync: (path: unknown, options?: unknown) => ops.stat(path, options, true)(),
    statfs(path: unknown, options?: unknown, cb?: unknown) {
      const [o, done] = optionsOrCb(options, cb);
      laterWith(ops.statfs(path, o), done);
    },
    statfsSync: (path: unknown, options?: unknown) => ops.statfs(path, options)(),
    symlink(target: unknown, path: unknown, ...rest: unknown[]) {
      const done = callback(rest[rest.length - 1]);
      later(ops.symlink(target, path), done);
    },
    symlinkSync: (target: unknown, path: unknown, _type?: unknown) => ops.symlink(target, path)(),
    truncate(path: unknown, len?: unknown, cb?: unknown) {
      if (typeof len === 'function') { cb = len; len = 0; }
      const done = callback(cb);
      later(ops.truncate(path, len), done);
    },
    truncateSync: (path: unknown, len?: unknown) => ops.truncate(path, len)(),
    unlink(path: unknown, cb: unknown) { const done = callback(cb); later(ops.unlink(path), done); },
    unlinkSync: (path: unknown) => ops.unlink(path)(),
    unwatchFile: (_filename: unknown, _listener?: unknown): never => { throw notSupported('fs.unwatchFile()'); },
    utimes(path: unknown, atime: unknown, mtime: unknown, cb: unknown) { const done = callback(cb); later(ops.utimes(path, atime, mtime, true), done); },
    utimesSync: (path: unknown, atime: unknown, mtime: unknown) => ops.utimes(path, atime, mtime, true)(),
    watch: (_filename: unknown, _options?: unknown, _listener?: unknown): never => { throw notSupported('fs.watch()'); },
    watchFile: (_filename: unknown, _options?: unknown, _listener?: unknown): never => { throw notSupported('fs.watchFile()'); },
    write,
    writeSync: (fd: unknown, buffer: unknown, offsetOrOptions?: unknown, length?: unknown, position?: unknown) =>
      ops.write(fd, buffer, offsetOrOptions, length, position)(),
    writeFile(path: unknown, data: unknown, options?: unknown, cb?: unknown) {
      const done = callback(cb || options);
      later(ops.writeFile(path, data, typeof options === 'function' ? undefined : options, 'w'), done);
    },
    writeFileSync: (path: unknown, data: unknown, options?: unknown) => ops.writeFile(path, data, options, 'w')(),
    writev(fd: unknown, buffers: unknown, position?: unknown, cb?: unknown) {
      if (typeof position === 'function') { cb = position; position = null; }
      const done = callback(cb);
      laterWith(ops.writev(fd, buffers, position), done, (n) => [n, buffers]);
    },
    writevSync: (fd: unknown, buffers: unknown, position?: unknown) => ops.writev(fd, buffers, position)(),
    Dirent,
    Stats,
    BigIntStats,
    Dir,
    ReadStream,
    WriteStream,
    FileReadStream: ReadStream,
    FileWriteStream: WriteStream,
    _toUnixTimestamp: (time: unknown, name?: string) => toUnixTimestampMs(time, name) / 1000,
    F_OK: fsConstants.F_OK,
    R_OK: fsConstants.R_OK,
    W_OK: fsConstants.W_OK,
    X_OK: fsConstants.X_OK,
    constants: fsConstants,
    promises,
  };
  return fs;
}

export type FsModule = ReturnType<typeof createFs>;
