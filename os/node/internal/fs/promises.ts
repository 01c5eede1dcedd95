// fs.promises and its FileHandle (Node's lib/internal/fs/promises.js).
//
// Every function returns a Promise that settles through `defer`, never synchronously; argument
// errors reject (the functions are async on Node too). A FileHandle owns one descriptor: after
// close() (which resolves, also a second time) every method rejects with EBADF "file closed", as
// Node's fsCall does; 'close' is emitted once.

import { Buffer } from 'buffer';
import { EventEmitter } from 'events';
import { codes } from '../../../core/errors';
import type { Vfs } from '../../../fs/vfs';
import { Dir, opendirArgs } from './dir';
import type { FsOps, Thunk } from './ops';
import type { FsTree } from './tree';
import {
  encodeString, getOptions, getValidatedPath, isArrayBufferView, validateBuffer, validateEncoding, validateInteger,
  validateObject, validateOffsetLengthRead, validateOffsetLengthWrite, validatePosition, validateStringAfterArrayBufferView,
} from './validators';

type Defer = (fn: () => void) => void;

export interface PromisesContext {
  vfs: Vfs;
  ops: FsOps;
  tree: FsTree;
  defer: Defer;
  constants: Record<string, number>;
  createReadStream: (path: unknown, options: unknown) => unknown;
  createWriteStream: (path: unknown, options: unknown) => unknown;
  notSupported: (name: string) => Error;
}

/** Validates now (rejecting on bad arguments), runs the thunk later through `defer`. */
export function settle<T>(defer: Defer, prepare: () => Thunk<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let thunk: Thunk<T>;
    try { thunk = prepare(); } catch (err) { reject(err); return; }
    defer(() => {
      let value: T;
      try { value = thunk(); } catch (err) { reject(err); return; }
      resolve(value);
    });
  });
}

function fileClosed(syscall: string): Error {
  const err = new Error('file closed') as Error & { code: string; syscall: string };
  err.code = 'EBADF';
  err.syscall = syscall;
  return err;
}

/** Bytes of writeFile's data: strings, views, and (sync or async) iterables of them. */
async function collectData(data: unknown, encoding: unknown): Promise<Uint8Array | string> {
  if (typeof data === 'string' || isArrayBufferView(data)) return data as Uint8Array | string;
  if (data != null && (typeof (data as any)[Symbol.asyncIterator] === 'function' || typeof (data as any)[Symbol.iterator] === 'function')) {
    const parts: Uint8Array[] = [];
    for await (const chunk of data as AsyncIterable<unknown>) {
      if (typeof chunk === 'string') parts.push(encodeString(chunk, encoding));
      else if (isArrayBufferView(chunk)) parts.push(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
      else throw new codes.ERR_INVALID_ARG_TYPE('data', ['string', 'Buffer', 'TypedArray', 'DataView'], chunk);
    }
    return Buffer.concat(parts);
  }
  validateStringAfterArrayBufferView(data, 'data');
  return data as string;
}

export function createPromisesApi(ctx: PromisesContext) {
  const { ops, tree, defer } = ctx;
  const run = <T>(prepare: () => Thunk<T>) => settle(defer, prepare);

  class FileHandle extends EventEmitter {
    #fd: number;

    constructor(fd: number) {
      super();
      this.#fd = fd;
    }

    get fd(): number {
      return this.#fd;
    }

    #call<T>(syscall: string, prepare: (fd: number) => Thunk<T>): Promise<T> {
      if (this.#fd === -1) return Promise.reject(fileClosed(syscall));
      return run(() => prepare(this.#fd));
    }

    close(): Promise<void> {
      if (this.#fd === -1) return Promise.resolve();
      const fd = this.#fd;
      this.#fd = -1;
      return run(() => ops.close(fd)).then(() => { this.emit('close'); });
    }

    read(bufferOrParams?: unknown, offset?: unknown, length?: unknown, position?: unknown): Promise<{ bytesRead: number; buffer: Uint8Array }> {
      let buffer = bufferOrParams as Uint8Array;
      return this.#call('read', (fd) => {
        if (!isArrayBufferView(buffer)) {
          if (bufferOrParams !== undefined) validateObject(bufferOrParams, 'options', true);
          const o = (bufferOrParams ?? {}) as { buffer?: Uint8Array; offset?: unknown; length?: unknown; position?: unknown };
          buffer = o.buffer ?? Buffer.alloc(16384);
          offset = o.offset ?? 0;
          length = o.length ?? buffer.byteLength - (offset as number);
          position = o.position ?? null;
          validateBuffer(buffer);
        }
        if (offset !== null && typeof offset === 'object') {
          const o = offset as { offset?: unknown; length?: unknown; position?: unknown };
          offset = o.offset ?? 0;
          length = o.length ?? buffer.byteLength - (offset as number);
          position = o.position ?? null;
        }
        if (offset == null) offset = 0; else validateInteger(offset, 'offset', 0);
        length ??= buffer.byteLength - (offset as number);
        const buf = buffer;
        if (length === 0) return () => ({ bytesRead: 0, buffer: buf });
        if (buffer.byteLength === 0) throw new codes.ERR_INVALID_ARG_VALUE('buffer', buffer, 'is empty and cannot be written');
        validateOffsetLengthRead(offset as number, length as number, buffer.byteLength);
        const pos = position == null ? null : validatePosition(position, 'position', length as number);
        const thunk = ops.read(fd, buffer, offset, length, pos ?? -1);
        return () => ({ bytesRead: thunk(), buffer: buf });
      });
    }

    readv(buffers: unknown, position?: unknown): Promise<{ bytesRead: number; buffers: unknown }> {
      return this.#call('read', (fd) => {
        const thunk = ops.readv(fd, buffers, position);
        return () => ({ bytesRead: thunk(), buffers });
      });
    }

    write(buffer: unknown, offsetOrOptions?: unknown, length?: unknown, position?: unknown): Promise<{ bytesWritten: number; buffer: unknown }> {
      return this.#call('write', (fd) => {
        if ((buffer as Uint8Array | undefined)?.byteLength === 0) return () => ({ bytesWritten: 0, buffer });
        if (isArrayBufferView(buffer)) {
          let offset = offsetOrOptions;
          if (typeof offset === 'object') {
            const o = (offset ?? {}) as { offset?: unknown; length?: unknown; position?: unknown };
            offset = o.offset ?? 0;
            length = o.length ?? buffer.byteLength - (offset as number);
            position = o.position ?? null;
          }
          if (offset == null) offset = 0; else validateInteger(offset, 'offset', 0);
          if (typeof length !== 'number') length = buffer.byteLength - (offset as number);
          if (typeof position !== 'number') position = null;
          validateOffsetLengthWrite(offset as number, length as number, buffer.byteLength);
          const thunk = ops.write(fd, buffer, offset, length, position);
          return () => ({ bytesWritten: thunk(), buffer });
        }
        validateStringAfterArrayBufferView(buffer, 'buffer');
        validateEncoding(buffer, length);
        const thunk = ops.write(fd, buffer, offsetOrOptions, length, undefined);
        return () => ({ bytesWritten: thunk(), buffer });
      });
    }

    writev(buffers: unknown, position?: unknown): Promise<{ bytesWritten: number; buffers: unknown }> {
      return this.#call('write', (fd) => {
        const thunk = ops.writev(fd, buffers, position);
        return () => ({ bytesWritten: thunk(), buffers });
      });
    }

    readFile(options?: unknown): Promise<string | Buffer> {
      return this.#call('read', (fd) => ops.readFile(fd, options));
    }

    writeFile(data: unknown, options?: unknown): Promise<void> {
      return writeFileAsync(this, data, options, 'w');
    }

    appendFile(data: unknown, options?: unknown): Promise<void> {
      return writeFileAsync(this, data, options, 'a');
    }

    stat(options?: unknown): Promise<unknown> {
      return this.#call('fstat', (fd) => ops.fstat(fd, options));
    }

    truncate(len?: unknown): Promise<void> {
      return this.#call('ftruncate', (fd) => ops.ftruncate(fd, len));
    }

    utimes(atime: unknown, mtime: unknown): Promise<void> {
      return this.#call('futime', (fd) => ops.futimes(fd, atime, mtime));
    }

    chmod(mode: unknown): Promise<void> {
      return this.#call('fchmod', (fd) => ops.fchmod(fd, mode));
    }

    chown(uid: unknown, gid: unknown): Promise<void> {
      return this.#call('fchown', (fd) => ops.fchown(fd, uid, gid));
    }

    sync(): Promise<void> {
      return this.#call('fsync', (fd) => ops.fsync(fd, 'fsync'));
    }

    datasync(): Promise<void> {
      return this.#call('fdatasync', (fd) => ops.fsync(fd, 'fdatasync'));
    }

    createReadStream(options?: Record<string, unknown>): unknown {
      return ctx.createReadStream(undefined, { ...options, fd: this });
    }

    createWriteStream(options?: Record<string, unknown>): unknown {
      return ctx.createWriteStream(undefined, { ...options, fd: this });
    }

    readLines(): never {
      throw ctx.notSupported('filehandle.readLines()');
    }

    readableWebStream(): never {
      throw ctx.notSupported('filehandle.readableWebStream()');
    }

    /** Internal: the descriptor or an EBADF "file closed" error. */
    liveFd(syscall: string): number {
      if (this.#fd === -1) throw fileClosed(syscall);
      return this.#fd;
    }
  }

  /** writeFile/appendFile for a path or a FileHandle, with iterable data gathered first. */
  async function writeFileAsync(target: unknown, data: unknown, options: unknown, defaultFlag: string): Promise<void> {
    const opts = getOptions(options, { encoding: 'utf8', mode: 0o666, flag: defaultFlag });
    const bytes = await collectData(data, opts.encoding);
    if (target instanceof FileHandle) {
      const fd = target.liveFd('write');
      return run(() => ops.writeFile(fd, bytes, { ...opts, flag: undefined }, 'w'));
    }
    return run(() => ops.writeFile(getValidatedPath(target), bytes, opts, defaultFlag));
  }

  const promises = {
    access: (path: unknown, mode?: unknown) => run(() => ops.access(path, mode)),
    copyFile: (src: unknown, dest: unknown, mode?: unknown) => run(() => ops.copyFile(src, dest, mode)),
    cp: (src: unknown, dest: unknown, options?: unknown) => run(() => tree.cp(src, dest, options)),
    open: (path: unknown, flags?: unknown, mode?: unknown) => run(() => {
      const thunk = ops.open(path, flags, mode);
      return () => new FileHandle(thunk());
    }),
    opendir: (path: unknown, options?: unknown) => run(() => {
      const args = opendirArgs(path, options);
      return () => new Dir(ctx.vfs, defer, args.path, args.options);
    }),
    rename: (oldPath: unknown, newPath: unknown) => run(() => ops.rename(oldPath, newPath)),
    truncate: (path: unknown, len?: unknown) => run(() => ops.truncate(getValidatedPath(path), len)),
    rm: (path: unknown, options?: unknown) => run(() => tree.rm(path, options)),
    rmdir: (path: unknown, options?: unknown) => run(() => tree.rmdir(path, options)),
    mkdir: (path: unknown, options?: unknown) => run(() => tree.mkdir(path, options)),
    readdir: (path: unknown, options?: unknown) => run(() => ops.readdir(path, options, (b, w, e) => tree.readdirRecursive(b, w, e))),
    readlink: (path: unknown, options?: unknown) => run(() => ops.readlink(path, options)),
    symlink: (target: unknown, path: unknown, _type?: unknown) => run(() => ops.symlink(target, path)),
    lstat: (path: unknown, options?: unknown) => run(() => ops.stat(path, options, false)),
    stat: (path: unknown, options?: unknown) => run(() => ops.stat(path, options, true)),
    statfs: (path: unknown, options?: unknown) => run(() => ops.statfs(path, options)),
    link: (existingPath: unknown, newPath: unknown) => run(() => ops.link(existingPath, newPath)),
    unlink: (path: unknown) => run(() => ops.unlink(path)),
    chmod: (path: unknown, mode: unknown) => run(() => ops.chmod(path, mode)),
    lchmod: (_path: unknown, _mode: unknown) => Promise.reject(new codes.ERR_METHOD_NOT_IMPLEMENTED('lchmod()')),
    lchown: (path: unknown, uid: unknown, gid: unknown) => run(() => ops.chown(path, uid, gid, false)),
    chown: (path: unknown, uid: unknown, gid: unknown) => run(() => ops.chown(path, uid, gid, true)),
    utimes: (path: unknown, atime: unknown, mtime: unknown) => run(() => ops.utimes(path, atime, mtime, true)),
    lutimes: (path: unknown, atime: unknown, mtime: unknown) => run(() => ops.utimes(path, atime, mtime, false)),
    realpath: (path: unknown, options?: unknown) => run(() => ops.realpathNative(path, options)),
    mkdtemp: (prefix: unknown, options?: unknown) => run(() => tree.mkdtemp(prefix, options)),
    writeFile: (path: unknown, data: unknown, options?: unknown) => writeFileAsync(path, data, options, 'w'),
    appendFile: (path: unknown, data: unknown, options?: unknown) => writeFileAsync(path, data, options, 'a'),
    readFile: (path: unknown, options?: unknown) => {
      if (path instanceof FileHandle) return path.readFile(options);
      return run(() => ops.readFile(getValidatedPath(path), options));
    },
    watch: (_filename: unknown, _options?: unknown): never => { throw ctx.notSupported('fs.promises.watch()'); },
    constants: ctx.constants,
  };

  return { promises, FileHandle };
}
