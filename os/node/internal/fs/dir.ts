// fs.Dir (fs.opendir): an iterator over a directory's entries (Node's lib/internal/fs/dir.js).
//
// The entries of a directory are read when the Dir reaches it (at opendir for the first), so an
// error to open it is reported by opendir as on Node: "ENOENT: no such file or directory,
// opendir" (Node's message carries no path here). With { recursive: true } the entries of each
// subdirectory follow, breadth first, with `parentPath` naming the directory they are in.
// After close() every call fails with ERR_DIR_CLOSED. Asynchronous results arrive through `defer`.

import { codes, systemError } from '../../../core/errors';
import type { Vfs } from '../../../fs/vfs';
import { join } from './paths';
import { Dirent, direntType } from './stats';
import { encodeResult, getOptions, getValidatedPath, validateFunction, validateUint32 } from './validators';

type Defer = (fn: () => void) => void;

export class Dir {
  #vfs: Vfs;
  #defer: Defer;
  #path: string;
  #encoding: unknown;
  #recursive: boolean;
  #pending: Dirent<unknown>[];
  #dirs: string[] = [];
  #closed = false;

  /** Use opendir/opendirSync; this reads the first directory and throws its open error. */
  constructor(vfs: Vfs, defer: Defer, path: string, options: { encoding?: unknown; recursive?: boolean }) {
    this.#vfs = vfs;
    this.#defer = defer;
    this.#path = path;
    this.#encoding = options.encoding;
    this.#recursive = Boolean(options.recursive);
    this.#pending = this.#list(path);
  }

  get path(): string {
    return this.#path;
  }

  readSync(): Dirent<unknown> | null {
    if (this.#closed) throw new codes.ERR_DIR_CLOSED();
    for (;;) {
      const next = this.#pending.shift();
      if (next) {
        if (this.#recursive && next.isDirectory()) this.#dirs.push(join(next.parentPath, String(next.name)));
        return next;
      }
      const dir = this.#dirs.shift();
      if (dir === undefined) return null;
      this.#pending = this.#list(dir);
    }
  }

  read(): Promise<Dirent<unknown> | null>;
  read(callback: (err: Error | null, dirent?: Dirent<unknown> | null) => void): void;
  read(callback?: (err: Error | null, dirent?: Dirent<unknown> | null) => void): Promise<Dirent<unknown> | null> | void {
    if (callback === undefined) {
      return new Promise((resolve, reject) => {
        this.#defer(() => {
          try { resolve(this.readSync()); } catch (err) { reject(err); }
        });
      });
    }
    validateFunction(callback, 'callback');
    if (this.#closed) throw new codes.ERR_DIR_CLOSED();
    this.#defer(() => {
      let entry: Dirent<unknown> | null;
      try { entry = this.readSync(); } catch (err) { callback(err as Error); return; }
      callback(null, entry);
    });
  }

  closeSync(): void {
    if (this.#closed) throw new codes.ERR_DIR_CLOSED();
    this.#closed = true;
    this.#pending = [];
    this.#dirs = [];
  }

  close(): Promise<void>;
  close(callback: (err: Error | null) => void): void;
  close(callback?: (err: Error | null) => void): Promise<void> | void {
    if (callback !== undefined) validateFunction(callback, 'callback');
    const wasClosed = this.#closed;
    if (!wasClosed) this.closeSync();
    const err = wasClosed ? new codes.ERR_DIR_CLOSED() : null;
    if (callback) { this.#defer(() => callback(err)); return; }
    return new Promise((resolve, reject) => this.#defer(() => (err ? reject(err) : resolve())));
  }

  async *entries(): AsyncGenerator<Dirent<unknown>, void, unknown> {
    try {
      for (;;) {
        const entry = await this.read();
        if (entry === null) break;
        yield entry;
      }
    } finally {
      if (!this.#closed) this.closeSync();
    }
  }

  [Symbol.asyncIterator](): AsyncGenerator<Dirent<unknown>, void, unknown> {
    return this.entries();
  }

  #list(dir: string): Dirent<unknown>[] {
    let entries;
    try {
      entries = this.#vfs.readdir(dir, 'opendir');
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (code && (err as { syscall?: string }).syscall === 'opendir') throw systemError(code, { syscall: 'opendir' });
      throw err;
    }
    return entries.map((e) => new Dirent(encodeResult(e.name, this.#encoding), direntType(e.type), dir));
  }
}

/** opendir's argument checks; returns the path and options for `new Dir`. */
export function opendirArgs(path: unknown, options: unknown): { path: string; options: { encoding?: unknown; recursive?: boolean } } {
  const p = getValidatedPath(path);
  const opts = { bufferSize: 32, ...getOptions(options, { encoding: 'utf8' }) } as { bufferSize: unknown; encoding?: unknown; recursive?: boolean };
  validateUint32(opts.bufferSize, 'options.bufferSize', true);
  return { path: p, options: opts };
}
