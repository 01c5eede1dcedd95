// tmpfs: a writable file system held in memory and lost at power-off (mounted at /tmp).
//
// Inodes live in one map by number; a directory maps names to inode numbers and knows its parent
// (for rename's subtree check and nlink), a file holds a ByteStore, a symlink its target string.
// Hard links to files and symlinks are supported; directories have exactly one name.
//
// Invariants:
// - An inode stays in the map while it has a name (nlink > 0) or an open file description refers
//   to it (retain/release): unlink of an open file keeps its data until the last close (POSIX
//   unlink(2)).
// - `used` is the sum of file sizes and symlink target lengths of live inodes and never exceeds
//   `budget`: a write or truncate that would pass it fails with ENOSPC and changes nothing.
// - A directory's nlink is 2 + its subdirectories; a file's is its number of names.
// - Timestamps come from the injected clock: create sets all four; write/truncate set mtime and
//   ctime; changing a directory's entries sets its mtime and ctime; setattr sets ctime. atime is
//   not updated by reads (as a noatime mount).
//
// Read POSIX.1-2017 XSH rename(2), unlink(2), rmdir(2), link(2), ftruncate(2) for the rules applied.

import { ByteStore } from './bytestore';
import { fsError, S_IFDIR, S_IFLNK, S_IFMT, S_IFREG, type DirEntry, type FileSystem, type InodeAttr, type SetAttr } from './types';
import { encodeUtf8 } from '../core/utf8';

export interface TmpfsOptions {
  /** Wall-clock time in ms since the epoch, for timestamps. */
  now: () => number;
  /** Most bytes of file content and symlink targets held at once (ENOSPC past it). Default 64 MiB. */
  budget?: number;
  /** Permission bits of the root directory. Default 0o1777 (as /tmp). */
  rootMode?: number;
}

interface Inode {
  ino: number;
  mode: number;
  nlink: number;
  opens: number;
  atimeMs: number;
  mtimeMs: number;
  ctimeMs: number;
  birthtimeMs: number;
  data?: ByteStore;
  entries?: Map<string, number>;
  parent?: number;
  target?: string;
  targetBytes?: number;
}

const ROOT = 1;
/** Size reported for directories (as ext4's one block); tmpfs reports entry counts, apps don't care. */
const DIR_SIZE = 4096;

export class Tmpfs implements FileSystem {
  readonly type = 'tmpfs';
  readonly readOnly = false;
  readonly rootIno = ROOT;
  readonly budget: number;
  #used = 0;
  #nextIno = ROOT + 1;
  #inodes = new Map<number, Inode>();
  #now: () => number;

  constructor(options: TmpfsOptions) {
    this.#now = options.now;
    this.budget = options.budget ?? 64 * 1024 * 1024;
    const root = this.#newInode(ROOT, S_IFDIR | ((options.rootMode ?? 0o1777) & 0o7777));
    root.entries = new Map();
    root.parent = ROOT;
    root.nlink = 2;
  }

  /** Bytes of the budget in use. */
  get used(): number {
    return this.#used;
  }

  /** Live inodes (named or open), for leak checks in tests. */
  get inodeCount(): number {
    return this.#inodes.size;
  }

  lookup(dir: number, name: string): number {
    const ino = this.#dir(dir).entries!.get(name);
    if (ino === undefined) throw fsError('ENOENT');
    return ino;
  }

  getattr(ino: number): InodeAttr {
    const node = this.#get(ino);
    const size = node.data ? node.data.size : node.entries ? DIR_SIZE : node.targetBytes ?? 0;
    return {
      ino,
      mode: node.mode,
      nlink: node.nlink,
      size,
      blocks: Math.ceil(size / 4096) * 8,
      atimeMs: node.atimeMs,
      mtimeMs: node.mtimeMs,
      ctimeMs: node.ctimeMs,
      birthtimeMs: node.birthtimeMs,
    };
  }

  readdir(dir: number): DirEntry[] {
    const out: DirEntry[] = [];
    this.#dir(dir).entries!.forEach((ino, name) => out.push({ name, ino, type: this.#get(ino).mode & S_IFMT }));
    return out;
  }

  readlink(ino: number): string {
    const node = this.#get(ino);
    if (node.target === undefined) throw fsError('EINVAL');
    return node.target;
  }

  read(ino: number, pos: number, out: Uint8Array): number {
    return this.#file(ino).data!.read(pos, out);
  }

  write(ino: number, pos: number, data: Uint8Array): number {
    const node = this.#file(ino);
    const store = node.data!;
    const grow = Math.max(0, pos + data.length - store.size);
    this.#charge(grow);
    store.write(pos, data);
    this.#touch(node);
    return data.length;
  }

  truncate(ino: number, size: number): void {
    const node = this.#file(ino);
    const store = node.data!;
    this.#charge(size - store.size);
    store.truncate(size);
    this.#touch(node);
  }

  setattr(ino: number, attr: SetAttr): void {
    const node = this.#get(ino);
    if (attr.mode !== undefined) node.mode = (node.mode & S_IFMT) | (attr.mode & 0o7777);
    if (attr.atimeMs !== undefined) node.atimeMs = attr.atimeMs;
    if (attr.mtimeMs !== undefined) node.mtimeMs = attr.mtimeMs;
    node.ctimeMs = this.#now();
  }

  create(dir: number, name: string, mode: number): number {
    const parent = this.#freeName(dir, name);
    const node = this.#newInode(this.#nextIno++, S_IFREG | (mode & 0o7777));
    node.data = new ByteStore();
    this.#addEntry(parent, name, node);
    return node.ino;
  }

  mkdir(dir: number, name: string, mode: number): number {
    const parent = this.#freeName(dir, name);
    const node = this.#newInode(this.#nextIno++, S_IFDIR | (mode & 0o7777));
    node.entries = new Map();
    node.parent = parent.ino;
    node.nlink = 2;
    parent.nlink++;
    this.#addEntry(parent, name, node);
    return node.ino;
  }

  symlink(dir: number, name: string, target: string): number {
    const parent = this.#freeName(dir, name);
    const bytes = encodeUtf8(target).length;
    this.#charge(bytes);
    const node = this.#newInode(this.#nextIno++, S_IFLNK | 0o777);
    node.target = target;
    node.targetBytes = bytes;
    this.#addEntry(parent, name, node);
    return node.ino;
  }

  link(dir: number, name: string, ino: number): void {
    const node = this.#get(ino);
    if (node.entries) throw fsError('EPERM'); // link(2): EPERM when the source is a directory
    const parent = this.#freeName(dir, name);
    node.ctimeMs = this.#now();
    this.#addEntry(parent, name, node);
  }

  unlink(dir: number, name: string): void {
    const parent = this.#dir(dir);
    const node = this.#get(this.lookup(dir, name));
    if (node.entries) throw fsError('EISDIR'); // Linux returns EISDIR where POSIX allows EPERM
    this.#removeEntry(parent, name, node);
  }

  rmdir(dir: number, name: string): void {
    const parent = this.#dir(dir);
    const node = this.#get(this.lookup(dir, name));
    if (!node.entries) throw fsError('ENOTDIR');
    if (node.entries.size > 0) throw fsError('ENOTEMPTY');
    this.#removeEntry(parent, name, node);
  }

  rename(srcDir: number, srcName: string, dstDir: number, dstName: string): void {
    const from = this.#dir(srcDir);
    const to = this.#dir(dstDir);
    const node = this.#get(this.lookup(srcDir, srcName));
    // A directory cannot become its own descendant: walk up from the new parent (rename(2) EINVAL).
    if (node.entries) {
      for (let d = to; ; d = this.#get(d.parent!)) {
        if (d === node) throw fsError('EINVAL');
        if (d.ino === ROOT) break;
      }
    }
    const existingIno = to.entries!.get(dstName);
    if (existingIno !== undefined) {
      const existing = this.#get(existingIno);
      if (existing === node) return; // both names link the same inode: POSIX says do nothing
      // The target is an ancestor of the source's directory: Linux reports ENOTEMPTY.
      for (let d = from; existing.entries; d = this.#get(d.parent!)) {
        if (d === existing) throw fsError('ENOTEMPTY');
        if (d.ino === ROOT) break;
      }
      if (node.entries && !existing.entries) throw fsError('ENOTDIR');
      if (!node.entries && existing.entries) throw fsError('EISDIR');
      if (existing.entries && existing.entries.size > 0) throw fsError('ENOTEMPTY');
      this.#removeEntry(to, dstName, existing);
    }
    from.entries!.delete(srcName);
    to.entries!.set(dstName, node.ino);
    if (node.entries && from !== to) {
      from.nlink--;
      to.nlink++;
      node.parent = to.ino;
    }
    const now = this.#now();
    node.ctimeMs = now;
    from.mtimeMs = from.ctimeMs = now;
    to.mtimeMs = to.ctimeMs = now;
  }

  retain(ino: number): void {
    this.#get(ino).opens++;
  }

  release(ino: number): void {
    const node = this.#inodes.get(ino);
    if (!node) return;
    node.opens--;
    this.#maybeFree(node);
  }

  #newInode(ino: number, mode: number): Inode {
    const now = this.#now();
    const node: Inode = { ino, mode, nlink: 0, opens: 0, atimeMs: now, mtimeMs: now, ctimeMs: now, birthtimeMs: now };
    this.#inodes.set(ino, node);
    return node;
  }

  #get(ino: number): Inode {
    const node = this.#inodes.get(ino);
    if (!node) throw fsError('ENOENT');
    return node;
  }

  #dir(ino: number): Inode {
    const node = this.#get(ino);
    if (!node.entries) throw fsError('ENOTDIR');
    return node;
  }

  #file(ino: number): Inode {
    const node = this.#get(ino);
    if (node.entries) throw fsError('EISDIR');
    if (!node.data) throw fsError('EINVAL');
    return node;
  }

  /** The directory `dir`, checked to have no entry `name`. */
  #freeName(dir: number, name: string): Inode {
    const parent = this.#dir(dir);
    if (parent.entries!.has(name)) throw fsError('EEXIST');
    if (parent.nlink === 0) throw fsError('ENOENT'); // creating inside a removed directory
    return parent;
  }

  #addEntry(parent: Inode, name: string, node: Inode): void {
    parent.entries!.set(name, node.ino);
    if (!node.entries) node.nlink++; // a directory's nlink counts "." and its subdirectories instead
    parent.mtimeMs = parent.ctimeMs = this.#now();
  }

  #removeEntry(parent: Inode, name: string, node: Inode): void {
    parent.entries!.delete(name);
    const now = this.#now();
    parent.mtimeMs = parent.ctimeMs = now;
    node.ctimeMs = now;
    if (node.entries) {
      parent.nlink--;
      node.nlink = 0;
    } else {
      node.nlink--;
    }
    this.#maybeFree(node);
  }

  #maybeFree(node: Inode): void {
    if (node.nlink > 0 || node.opens > 0) return;
    this.#inodes.delete(node.ino);
    this.#used -= (node.data ? node.data.size : 0) + (node.targetBytes ?? 0);
  }

  /** Reserves `bytes` (negative releases) of the budget, or fails with ENOSPC. */
  #charge(bytes: number): void {
    if (bytes > 0 && this.#used + bytes > this.budget) throw fsError('ENOSPC');
    this.#used += bytes;
  }

  #touch(node: Inode): void {
    node.mtimeMs = node.ctimeMs = this.#now();
  }
}
