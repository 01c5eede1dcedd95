// The file-descriptor table: small integers naming open file descriptions (POSIX.1-2017 XBD 3.258).
//
// Numbers start at 3 (0-2 are the process's stdio, which the console owns) and each open takes the
// lowest free number, as open(2) requires. An open file description holds the vnode, the open
// flags and the file position shared by reads and writes without an explicit position; it keeps
// its inode alive (FileSystem.retain/release) so an unlinked open file stays readable.

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
  #files: (OpenFile | undefined)[] = [];
  readonly limit: number;

  constructor(limit = 1024) {
    this.limit = limit;
  }

  /** Installs `file` at the lowest free number; EMFILE when `limit` descriptors are open. */
  add(file: OpenFile): number {
    let i = 0;
    while (i < this.#files.length && this.#files[i]) i++;
    if (i >= this.limit) throw fsError('EMFILE');
    this.#files[i] = file;
    file.node.mount.fs.retain?.(file.node.ino);
    return i + FIRST_FD;
  }

  /** The open file `fd`; EBADF when it is not open. */
  get(fd: number): OpenFile {
    const file = Number.isInteger(fd) ? this.#files[fd - FIRST_FD] : undefined;
    if (!file) throw fsError('EBADF');
    return file;
  }

  remove(fd: number): void {
    const file = this.get(fd);
    this.#files[fd - FIRST_FD] = undefined;
    while (this.#files.length && !this.#files[this.#files.length - 1]) this.#files.length--;
    file.node.mount.fs.release?.(file.node.ino);
  }

  /** Open descriptor numbers, ascending. */
  list(): number[] {
    const out: number[] = [];
    this.#files.forEach((f, i) => { if (f) out.push(i + FIRST_FD); });
    return out;
  }
}
