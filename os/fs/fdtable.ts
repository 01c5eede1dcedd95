// The file-descriptor table: small integers naming open file descriptions (POSIX.1-2017 XBD 3.258).
//
// open() takes the lowest free number from 3 up (POSIX open(2)); 0-2 are the standard streams,
// which boot installs with `set` (dup2-style) on character devices (devfs.ts) so that
// fs.writeSync(1, ...) reaches the console as on Node. An open file description holds the vnode,
// the open flags and the file position shared by reads and writes without an explicit position; it
// keeps its inode alive (FileSystem.retain/release) so an unlinked open file stays readable.

import { fsError } from './types';
import type { Vnode } from './namei';

export const FIRST_FD = 3;

export interface OpenFile {
  node: Vnode;
  /** Canonical path at open time (for diagnostics; the file may since have been renamed). */
  path: string;
  flags: number;
  readable: boolean;
  writable: boolean;
  append: boolean;
  isDir: boolean;
  pos: number;
}

export class FdTable {
  /** Indexed by descriptor number. */
  #files: (OpenFile | undefined)[] = [];
  /** Most descriptors open at once from FIRST_FD up (EMFILE past it). */
  readonly limit: number;

  constructor(limit = 1024) {
    this.limit = limit;
  }

  /** Installs `file` at the lowest free number from FIRST_FD; EMFILE when `limit` are open. */
  add(file: OpenFile): number {
    let fd = FIRST_FD;
    while (fd < this.#files.length && this.#files[fd]) fd++;
    if (fd - FIRST_FD >= this.limit) throw fsError('EMFILE');
    this.#install(fd, file);
    return fd;
  }

  /** Installs `file` as standard stream `fd` (0-2), closing what was there (dup2(2)). */
  set(fd: number, file: OpenFile): void {
    if (!Number.isInteger(fd) || fd < 0 || fd >= FIRST_FD) throw fsError('EBADF');
    if (this.#files[fd]) this.remove(fd);
    this.#install(fd, file);
  }

  /** The open file `fd`; EBADF when it is not open. */
  get(fd: number): OpenFile {
    const file = Number.isInteger(fd) && fd >= 0 ? this.#files[fd] : undefined;
    if (!file) throw fsError('EBADF');
    return file;
  }

  remove(fd: number): void {
    const file = this.get(fd);
    this.#files[fd] = undefined;
    while (this.#files.length && !this.#files[this.#files.length - 1]) this.#files.length--;
    file.node.mount.fs.release?.(file.node.ino);
  }

  /** Open descriptor numbers, ascending (standard streams included). */
  list(): number[] {
    const out: number[] = [];
    this.#files.forEach((f, fd) => { if (f) out.push(fd); });
    return out;
  }

  #install(fd: number, file: OpenFile): void {
    while (this.#files.length < fd) this.#files.push(undefined);
    this.#files[fd] = file;
    file.node.mount.fs.retain?.(file.node.ino);
  }
}
