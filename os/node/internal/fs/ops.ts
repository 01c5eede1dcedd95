// The operations behind node:fs, each split in two as Node's own functions are: argument
// validation runs when the API function is called (so the callback form throws bad arguments
// synchronously, as Node does) and returns a thunk that does the work. fs.ts runs the thunk at
// once for the *Sync form, later through `defer` for the callback form, and inside a Promise for
// fs.promises. Every thunk is synchronous: the file systems are in memory.
//
// Multi-step operations (readFile, writeFile, truncate, ...) are composed from VFS calls in the
// order Node composes them from system calls, so their errors carry the same syscall ("open",
// "read", "fstat") as on Node. Recursive operations (mkdir -p, rm -r, readdir recursive, realpath,
// cp, mkdtemp) live in tree.ts.

import { Buffer } from 'buffer';
import { codes, systemError } from '../../../core/errors';
import { stringToFlags } from '../../../fs/flags';
import { isFileMode } from '../../../fs/types';
import type { Vfs } from '../../../fs/vfs';
import { Dirent, direntType, makeStats, type BigIntStats, type Stats } from './stats';
import {
  bytesOf, checkAborted, encodeResult, encodeString, getOptions, getValidatedFd, getValidatedPath, getValidMode, isArrayBufferView,
  isFd, kMaxUserId, parseFileMode, toUnixTimestampMs, validateBoolean, validateBuffer, validateEncoding, validateInteger,
  validateObject, validateOffsetLengthRead, validateOffsetLengthWrite, validatePosition, validateStringAfterArrayBufferView,
} from './validators';

export type Thunk<T> = () => T;

/** Largest file readFile hands out (Node's kIoMaxLength). */
export const kIoMaxLength = 2 ** 31 - 1;
const kReadChunk = 64 * 1024;

export interface StatOptions { bigint?: boolean; throwIfNoEntry?: boolean }

export class FsOps {
  readonly vfs: Vfs;

  constructor(vfs: Vfs) {
    this.vfs = vfs;
  }

  access(path: unknown, mode: unknown): Thunk<void> {
    const p = getValidatedPath(path);
    const m = getValidMode(mode, 0);
    return () => this.vfs.access(p, m);
  }

  /** existsSync: invalid paths are simply not there. */
  exists(path: unknown): Thunk<boolean> {
    let p: string;
    try { p = getValidatedPath(path); } catch { return () => false; }
    return () => {
      try { this.vfs.access(p, 0); return true; } catch { return false; }
    };
  }

  open(path: unknown, flags: unknown, mode: unknown): Thunk<number> {
    const p = getValidatedPath(path);
    const f = stringToFlags(flags);
    const m = parseFileMode(mode, 'mode', 0o666);
    return () => this.vfs.open(p, f, m);
  }

  close(fd: unknown): Thunk<void> {
    const d = getValidatedFd(fd);
    return () => this.vfs.close(d);
  }

  /** readSync's checks once the options form has been unpacked (offset/length/position may be undefined). */
  read(fd: unknown, buffer: unknown, offset: unknown, length: unknown, position: unknown): Thunk<number> {
    const d = getValidatedFd(fd);
    validateBuffer(buffer);
    let off = 0;
    if (offset != null) { validateInteger(offset, 'offset', 0); off = offset; }
    const len = (length as number) | 0;
    if (len === 0) return () => 0;
    if (buffer.byteLength === 0) throw new codes.ERR_INVALID_ARG_VALUE('buffer', buffer, 'is empty and cannot be written');
    validateOffsetLengthRead(off, len, buffer.byteLength);
    const pos = validatePosition(position ?? -1, 'position', len);
    const bytes = bytesOf(buffer);
    return () => this.vfs.read(d, bytes, off, len, pos);
  }

  readv(fd: unknown, buffers: unknown, position: unknown): Thunk<number> {
    const d = getValidatedFd(fd);
    const list = validateBufferArray(buffers);
    let pos = typeof position === 'number' ? position : null;
    return () => {
      let total = 0;
      for (const b of list) {
        const n = this.vfs.read(d, b, 0, b.length, pos);
        total += n;
        if (pos !== null) pos += n;
        if (n < b.length) break;
      }
      return total;
    };
  }

  /** writeSync(fd, buffer, offset|options, length, position) and writeSync(fd, string, position, encoding). */
  write(fd: unknown, buffer: unknown, offsetOrOptions: unknown, length: unknown, position: unknown): Thunk<number> {
    const d = getValidatedFd(fd);
    if (isArrayBufferView(buffer)) {
      let offset = offsetOrOptions;
      if (typeof offset === 'object' && offset !== null) {
        const o = offset as { offset?: unknown; length?: unknown; position?: unknown };
        offset = o.offset ?? 0;
        length = o.length ?? buffer.byteLength - (offset as number);
        position = o.position ?? null;
      }
      const off = typeof offset === 'number' ? offset : 0;
      const len = typeof length === 'number' ? length : buffer.byteLength - off;
      const pos = typeof position === 'number' ? position : null;
      validateOffsetLengthWrite(off, len, buffer.byteLength);
      const bytes = bytesOf(buffer);
      return () => this.vfs.write(d, bytes, off, len, pos);
    }
    validateStringAfterArrayBufferView(buffer, 'buffer');
    validateEncoding(buffer, length);
    const data = encodeString(buffer, length);
    const pos = typeof offsetOrOptions === 'number' ? offsetOrOptions : null;
    return () => this.vfs.write(d, data, 0, data.length, pos);
  }

  writev(fd: unknown, buffers: unknown, position: unknown): Thunk<number> {
    const d = getValidatedFd(fd);
    const list = validateBufferArray(buffers);
    let pos = typeof position === 'number' ? position : null;
    return () => {
      let total = 0;
      for (const b of list) {
        const n = this.#writeAll(d, b, pos);
        total += n;
        if (pos !== null) pos += n;
      }
      return total;
    };
  }

  readFile(path: unknown, options: unknown): Thunk<string | Buffer> {
    const opts = getOptions(options, { flag: 'r' });
    const userFd = isFd(path);
    const p = userFd ? '' : getValidatedPath(path);
    const flags = stringToFlags(opts.flag);
    return () => {
      checkAborted(opts.signal);
      const fd = userFd ? (path as number) : this.vfs.open(p, flags, 0o666);
      let buffer: Buffer;
      try {
        buffer = this.#readToEnd(fd);
      } finally {
        if (!userFd) this.vfs.close(fd);
      }
      return opts.encoding ? buffer.toString(opts.encoding as BufferEncoding) : buffer;
    };
  }

  writeFile(path: unknown, data: unknown, options: unknown, defaultFlag = 'w'): Thunk<void> {
    const opts = getOptions(options, { encoding: 'utf8', mode: 0o666, flag: defaultFlag });
    const flush = opts.flush ?? false;
    validateBoolean(flush, 'options.flush');
    let bytes: Uint8Array;
    if (isArrayBufferView(data)) bytes = bytesOf(data);
    else {
      validateStringAfterArrayBufferView(data, 'data');
      bytes = encodeString(data, opts.encoding || 'utf8');
    }
    const userFd = isFd(path);
    // appendFile on a descriptor always appends; writeFile on one writes at its position.
    const flag = userFd && defaultFlag === 'a' ? 'a' : opts.flag || defaultFlag;
    const p = userFd ? '' : getValidatedPath(path);
    const flags = stringToFlags(flag);
    const mode = parseFileMode(opts.mode, 'mode', 0o666);
    return () => {
      checkAborted(opts.signal);
      const fd = userFd ? (path as number) : this.vfs.open(p, flags, mode);
      try {
        this.#writeAll(fd, bytes, null);
      } finally {
        if (!userFd) this.vfs.close(fd);
      }
    };
  }

  stat(path: unknown, options: unknown, follow: boolean): Thunk<Stats | BigIntStats | undefined> {
    const opts = statOptions(options);
    const p = getValidatedPath(path);
    return () => {
      try {
        return makeStats(follow ? this.vfs.stat(p) : this.vfs.lstat(p), opts.bigint);
      } catch (err) {
        if (!opts.throwIfNoEntry && (err as { code?: string }).code === 'ENOENT') return undefined;
        throw err;
      }
    };
  }

  fstat(fd: unknown, options: unknown): Thunk<Stats | BigIntStats> {
    const d = getValidatedFd(fd);
    const opts = statOptions(options);
    return () => makeStats(this.vfs.fstat(d), opts.bigint);
  }

  readdir(path: unknown, options: unknown, recursiveImpl: (base: string, withFileTypes: boolean, encoding: unknown) => unknown[]): Thunk<unknown[]> {
    const opts = getOptions(options);
    const p = getValidatedPath(path);
    if (opts.recursive != null) validateBoolean(opts.recursive, 'options.recursive');
    const withFileTypes = Boolean(opts.withFileTypes);
    return () => {
      if (opts.recursive) return recursiveImpl(p, withFileTypes, opts.encoding);
      const entries = this.vfs.readdir(p);
      if (withFileTypes) return entries.map((e) => new Dirent(encodeResult(e.name, opts.encoding), direntType(e.type), p));
      return entries.map((e) => encodeResult(e.name, opts.encoding));
    };
  }

  rename(oldPath: unknown, newPath: unknown): Thunk<void> {
    const from = getValidatedPath(oldPath, 'oldPath');
    const to = getValidatedPath(newPath, 'newPath');
    return () => this.vfs.rename(from, to);
  }

  copyFile(src: unknown, dest: unknown, mode: unknown): Thunk<void> {
    const s = getValidatedPath(src, 'src');
    const d = getValidatedPath(dest, 'dest');
    const m = getValidMode(mode, 0);
    return () => {
      // COPYFILE_FICLONE_FORCE demands a reflink, which in-memory file systems cannot make.
      if (m & 4) throw systemError('ENOSYS', { syscall: 'copyfile', path: s, dest: d });
      this.vfs.copyFile(s, d, (m & 1) !== 0);
    };
  }

  unlink(path: unknown): Thunk<void> {
    const p = getValidatedPath(path);
    return () => this.vfs.unlink(p);
  }

  /** truncate(path, len): open 'r+', ftruncate, close (so errors name "open" as on Node). */
  truncate(path: unknown, len: unknown): Thunk<void> {
    if (isFd(path)) return this.ftruncate(path, len);
    const p = getValidatedPath(path);
    const length = len === undefined ? 0 : len;
    validateInteger(length, 'len');
    const size = Math.max(0, length);
    return () => {
      const fd = this.vfs.open(p, 'r+');
      try { this.vfs.ftruncate(fd, size); } finally { this.vfs.close(fd); }
    };
  }

  ftruncate(fd: unknown, len: unknown): Thunk<void> {
    const d = getValidatedFd(fd);
    const length = len === undefined ? 0 : len;
    validateInteger(length, 'len');
    const size = Math.max(0, length);
    return () => this.vfs.ftruncate(d, size);
  }

  utimes(path: unknown, atime: unknown, mtime: unknown, follow: boolean): Thunk<void> {
    const p = getValidatedPath(path);
    const a = toUnixTimestampMs(atime);
    const m = toUnixTimestampMs(mtime);
    return () => this.vfs.utimes(p, a, m, follow);
  }

  futimes(fd: unknown, atime: unknown, mtime: unknown): Thunk<void> {
    const d = getValidatedFd(fd);
    const a = toUnixTimestampMs(atime);
    const m = toUnixTimestampMs(mtime);
    return () => this.vfs.futimes(d, a, m);
  }

  chmod(path: unknown, mode: unknown): Thunk<void> {
    const p = getValidatedPath(path);
    const m = parseFileMode(mode, 'mode');
    return () => this.vfs.chmod(p, m);
  }

  fchmod(fd: unknown, mode: unknown): Thunk<void> {
    const d = getValidatedFd(fd);
    const m = parseFileMode(mode, 'mode');
    return () => this.vfs.fchmod(d, m);
  }

  chown(path: unknown, uid: unknown, gid: unknown, follow: boolean): Thunk<void> {
    const p = getValidatedPath(path);
    validateInteger(uid, 'uid', -1, kMaxUserId);
    validateInteger(gid, 'gid', -1, kMaxUserId);
    return () => this.vfs.chown(p, follow);
  }

  fchown(fd: unknown, uid: unknown, gid: unknown): Thunk<void> {
    const d = getValidatedFd(fd);
    validateInteger(uid, 'uid', -1, kMaxUserId);
    validateInteger(gid, 'gid', -1, kMaxUserId);
    return () => this.vfs.fchown(d);
  }

  fsync(fd: unknown, syscall: string): Thunk<void> {
    const d = getValidatedFd(fd);
    return () => this.vfs.fsync(d, syscall);
  }

  symlink(target: unknown, path: unknown): Thunk<void> {
    const t = getValidatedPath(target, 'target');
    const p = getValidatedPath(path);
    return () => this.vfs.symlink(t, p);
  }

  readlink(path: unknown, options: unknown): Thunk<string | Buffer> {
    const opts = getOptions(options);
    const p = getValidatedPath(path, 'oldPath');
    return () => encodeResult(this.vfs.readlink(p), opts.encoding);
  }

  link(existingPath: unknown, newPath: unknown): Thunk<void> {
    const from = getValidatedPath(existingPath, 'existingPath');
    const to = getValidatedPath(newPath, 'newPath');
    return () => this.vfs.link(from, to);
  }

  /** realpath.native: the kernel's answer (one walk, errors name "realpath"). */
  realpathNative(path: unknown, options: unknown): Thunk<string | Buffer> {
    const opts = getOptions(options);
    const p = getValidatedPath(path);
    return () => encodeResult(this.vfs.realpath(p), opts.encoding);
  }

  /** statfs(2): sizes in 4 KiB blocks; in-memory file systems report their budget. */
  statfs(path: unknown, options: unknown): Thunk<Record<string, number | bigint>> {
    const opts = statOptions(options);
    const p = getValidatedPath(path);
    return () => {
      this.vfs.stat(p);
      const fs = this.vfs.mounts.resolve(p, this.vfs.cwd(), true).node.mount.fs as { budget?: number; used?: number; type: string };
      const bsize = 4096;
      const blocks = Math.ceil((fs.budget ?? 0) / bsize);
      const free = Math.max(0, blocks - Math.ceil((fs.used ?? 0) / bsize));
      const values = { type: fs.type === 'tmpfs' ? 0x01021994 : 0x73717368, bsize, blocks, bfree: free, bavail: free, files: 0, ffree: 0 };
      if (!opts.bigint) return values;
      const out: Record<string, bigint> = {};
      for (const [k, v] of Object.entries(values)) out[k] = BigInt(v);
      return out;
    };
  }

  /** Reads from the descriptor's position to the end (readFile's loop), checking the size limit. */
  #readToEnd(fd: number): Buffer {
    const st = this.vfs.fstat(fd);
    const size = isFileMode(st.mode) ? st.size : 0;
    if (size > kIoMaxLength) throw new codes.ERR_FS_FILE_TOO_LARGE(size);
    if (size > 0) {
      const buffer = Buffer.allocUnsafe(size);
      let pos = 0;
      while (pos < size) {
        const n = this.vfs.read(fd, buffer, pos, size - pos, null);
        if (n === 0) break;
        pos += n;
      }
      return pos < size ? buffer.subarray(0, pos) as Buffer : buffer;
    }
    // Unknown size (a directory fails here with EISDIR "read", as on Node).
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(kReadChunk);
      const n = this.vfs.read(fd, chunk, 0, kReadChunk, null);
      if (n === 0) break;
      chunks.push(chunk.subarray(0, n) as Buffer);
      total += n;
      if (total > kIoMaxLength) throw new codes.ERR_FS_FILE_TOO_LARGE(total);
    }
    return Buffer.concat(chunks, total);
  }

  #writeAll(fd: number, bytes: Uint8Array, position: number | null): number {
    let done = 0;
    while (done < bytes.length) {
      const n = this.vfs.write(fd, bytes, done, bytes.length - done, position === null ? null : position + done);
      done += n;
    }
    return done;
  }
}

function statOptions(options: unknown): { bigint: boolean; throwIfNoEntry: boolean } {
  if (options == null || typeof options === 'function') return { bigint: false, throwIfNoEntry: true };
  validateObject(options, 'options');
  const o = options as StatOptions;
  return { bigint: Boolean(o.bigint), throwIfNoEntry: o.throwIfNoEntry !== false };
}

function validateBufferArray(buffers: unknown): Uint8Array[] {
  if (!Array.isArray(buffers)) throw new codes.ERR_INVALID_ARG_TYPE('buffers', 'ArrayBufferView[]', buffers);
  for (const b of buffers) if (!isArrayBufferView(b)) throw new codes.ERR_INVALID_ARG_TYPE('buffers', 'ArrayBufferView[]', buffers);
  return buffers.map((b) => bytesOf(b));
}
