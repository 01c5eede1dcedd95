// fs.ReadStream and fs.WriteStream (Node's lib/internal/fs/streams.js) on the npm
// `readable-stream` package, driven by the callback API of the fs module they belong to.
//
// Life cycle as on Node: the file is opened in _construct ('open' then 'ready' events carry the
// descriptor), reads are bounded by `start`/`end` (inclusive) and sized by `highWaterMark`
// (64 KiB by default), `autoClose` (default true) closes the descriptor when the stream ends or
// is destroyed, then 'close' is emitted. `fd` may be a number or a FileHandle; with one, no
// open happens and `path` is ignored.

import { Buffer } from 'buffer';
import { Readable, Writable } from 'readable-stream';
import { codes } from '../../../core/errors';
import { getOptions, validateBoolean, validateInteger } from './validators';

/** The callback API the streams use (the fs module they belong to) and its scheduler. */
export interface StreamFs {
  open(path: unknown, flags: string | number, mode: number, cb: (err: Error | null, fd?: number) => void): void;
  read(fd: number, buffer: Uint8Array, offset: number, length: number, position: number | null, cb: (err: Error | null, bytesRead?: number) => void): void;
  write(fd: number, buffer: Uint8Array, offset: number, length: number, position: number | null, cb: (err: Error | null, written?: number) => void): void;
  close(fd: number, cb: (err: Error | null) => void): void;
  fsync(fd: number, cb: (err: Error | null) => void): void;
  defer(fn: () => void): void;
}

/** A shallow copy of the options, so the stream may add its own keys (Node's copyObject). */
function copyOptionsForStream(options: Record<string, unknown>): Record<string, any> {
  return { ...options };
}

interface HandleLike { fd: number; close(): Promise<void> }

function isHandle(value: unknown): value is HandleLike {
  return typeof value === 'object' && value !== null && typeof (value as HandleLike).close === 'function' && typeof (value as HandleLike).fd === 'number';
}

type Callback = (err?: Error | null) => void;

export function createStreamClasses(fs: StreamFs) {
  /** Closes the descriptor (or FileHandle) of a stream being destroyed. */
  function closeStream(stream: { fd: number | null; handle?: HandleLike }, err: Error | null, cb: Callback): void {
    if (stream.handle) {
      const handle = stream.handle;
      stream.fd = null;
      handle.close().then(() => cb(err), (er: Error) => cb(er || err));
    } else if (stream.fd === null) {
      cb(err);
    } else {
      fs.close(stream.fd, (er) => cb(er || err));
      stream.fd = null;
    }
  }

  class ReadStream extends Readable {
    path: unknown;
    fd: number | null;
    handle?: HandleLike;
    flags: string | number;
    mode: number;
    start: number | undefined;
    end: number;
    pos: number | undefined;
    bytesRead = 0;
    #busy = false;
    #afterIo: (() => void) | null = null;

    constructor(path: unknown, options?: unknown) {
      const opts = copyOptionsForStream(getOptions(options, {}));
      if (opts.highWaterMark === undefined) opts.highWaterMark = 64 * 1024;
      opts.autoDestroy = opts.autoClose === undefined ? true : opts.autoClose;
      const start = opts.start as number | undefined;
      let end = opts.end as number | undefined;
      if (start !== undefined) validateInteger(start, 'start', 0);
      if (end === undefined) end = Infinity;
      else if (end !== Infinity) {
        validateInteger(end, 'end', 0);
        if (start !== undefined && start > end) throw new codes.ERR_OUT_OF_RANGE('start', `<= "end" (here: ${end})`, start);
      }
      super(opts);
      this.path = path;
      this.flags = (opts.flags as string | number | undefined) ?? 'r';
      this.mode = (opts.mode as number | undefined) ?? 0o666;
      const fd = opts.fd;
      if (isHandle(fd)) { this.handle = fd; this.fd = fd.fd; } else this.fd = (fd as number | undefined) ?? null;
      this.start = start;
      this.end = end;
      this.pos = start;
    }

    get pending(): boolean {
      return this.fd === null;
    }

    get autoClose(): boolean {
      return (this as any)._readableState.autoDestroy;
    }

    set autoClose(value: boolean) {
      (this as any)._readableState.autoDestroy = value;
    }

    _construct(callback: Callback): void {
      if (typeof this.fd === 'number') { callback(); return; }
      fs.open(this.path, this.flags, this.mode, (err, fd) => {
        if (err) { callback(err); return; }
        this.fd = fd!;
        callback();
        this.emit('open', this.fd);
        this.emit('ready');
      });
    }

    _read(size: number): void {
      const n = this.pos !== undefined ? Math.min(this.end - this.pos + 1, size) : Math.min(this.end - this.bytesRead + 1, size);
      if (n <= 0) { this.push(null); return; }
      const buf = Buffer.allocUnsafe(n);
      this.#busy = true;
      fs.read(this.fd!, buf, 0, n, this.pos ?? null, (err, bytesRead) => {
        this.#busy = false;
        if (this.destroyed) { this.#afterIo?.(); return; }
        if (err) { this.destroy(err); return; }
        if (bytesRead! > 0) {
          if (this.pos !== undefined) this.pos += bytesRead!;
          this.bytesRead += bytesRead!;
          this.push(bytesRead !== buf.length ? Buffer.from(buf.subarray(0, bytesRead)) : buf);
        } else {
          this.push(null);
        }
      });
    }

    _destroy(err: Error | null, cb: Callback): void {
      if (this.#busy) this.#afterIo = () => closeStream(this, err, cb);
      else closeStream(this, err, cb);
    }

    close(cb?: Callback): void {
      if (typeof cb === 'function') this.once('close', () => cb()).once('error', cb);
      this.destroy();
    }
  }

  class WriteStream extends Writable {
    path: unknown;
    fd: number | null;
    handle?: HandleLike;
    flags: string | number;
    mode: number;
    flush: boolean;
    start: number | undefined;
    pos: number | undefined;
    bytesWritten = 0;
    #busy = false;
    #afterIo: (() => void) | null = null;

    constructor(path: unknown, options?: unknown) {
      const opts = copyOptionsForStream(getOptions(options, {}));
      opts.decodeStrings = true;
      opts.autoDestroy = opts.autoClose === undefined ? true : opts.autoClose;
      const flush = opts.flush == null ? false : opts.flush;
      validateBoolean(flush, 'options.flush');
      const start = opts.start as number | undefined;
      if (start !== undefined) validateInteger(start, 'start', 0);
      super(opts);
      this.path = path;
      this.flags = (opts.flags as string | number | undefined) ?? 'w';
      this.mode = (opts.mode as number | undefined) ?? 0o666;
      this.flush = flush;
      const fd = opts.fd;
      if (isHandle(fd)) { this.handle = fd; this.fd = fd.fd; } else this.fd = (fd as number | undefined) ?? null;
      this.start = start;
      this.pos = start;
      if (opts.encoding) this.setDefaultEncoding(opts.encoding as BufferEncoding);
    }

    get pending(): boolean {
      return this.fd === null;
    }

    get autoClose(): boolean {
      return (this as any)._writableState.autoDestroy;
    }

    set autoClose(value: boolean) {
      (this as any)._writableState.autoDestroy = value;
    }

    _construct(callback: Callback): void {
      if (typeof this.fd === 'number') { callback(); return; }
      fs.open(this.path, this.flags, this.mode, (err, fd) => {
        if (err) { callback(err); return; }
        this.fd = fd!;
        callback();
        this.emit('open', this.fd);
        this.emit('ready');
      });
    }

    _write(data: Buffer, _encoding: string, cb: Callback): void {
      this.#busy = true;
      const pos = this.pos;
      if (this.pos !== undefined) this.pos += data.length;
      fs.write(this.fd!, data, 0, data.length, pos ?? null, (err, written) => {
        this.#busy = false;
        if (this.destroyed) { cb(err || new codes.ERR_STREAM_DESTROYED('write')); this.#afterIo?.(); return; }
        if (err) { cb(err); return; }
        this.bytesWritten += written!;
        cb();
      });
    }

    _writev(chunks: { chunk: Buffer }[], cb: Callback): void {
      const data = Buffer.concat(chunks.map((c) => c.chunk));
      this._write(data, 'buffer', cb);
    }

    _final(cb: Callback): void {
      if (!this.flush || this.fd === null) { cb(); return; }
      fs.fsync(this.fd, (err) => cb(err));
    }

    _destroy(err: Error | null, cb: Callback): void {
      if (this.#busy) this.#afterIo = () => closeStream(this, err, cb);
      else closeStream(this, err, cb);
    }

    close(cb?: Callback): void {
      if (cb) {
        if ((this as any).closed) { fs.defer(() => cb()); return; }
        this.on('close', () => cb());
      }
      if (!this.autoClose) this.on('finish', () => this.destroy());
      this.end();
    }

    destroySoon(): void {
      this.end();
    }
  }

  return { ReadStream, WriteStream };
}
