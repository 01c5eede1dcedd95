// fs.Stats, fs.BigIntStats and fs.Dirent as Node 20 shapes them (lib/internal/fs/utils.js): the
// same own properties in the same order, Date fields computed at construction, and the is*()
// predicates on the prototype reading the S_IFMT bits of `mode` (or the dirent type).

import type { VfsStat } from '../../../fs/vfs';

const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;
const S_IFCHR = 0o020000;
const S_IFBLK = 0o060000;
const S_IFIFO = 0o010000;
const S_IFLNK = 0o120000;
const S_IFSOCK = 0o140000;

export const UV_DIRENT_UNKNOWN = 0;
export const UV_DIRENT_FILE = 1;
export const UV_DIRENT_DIR = 2;
export const UV_DIRENT_LINK = 3;
export const UV_DIRENT_FIFO = 4;
export const UV_DIRENT_SOCKET = 5;
export const UV_DIRENT_CHAR = 6;
export const UV_DIRENT_BLOCK = 7;

/** Node's dateFromMs: a Date at the nearest millisecond. */
function dateFromMs(ms: number | bigint): Date {
  return new Date(Math.round(Number(ms)));
}

abstract class StatsBase<T extends number | bigint> {
  declare dev: T;
  declare mode: T;
  declare nlink: T;
  declare uid: T;
  declare gid: T;
  declare rdev: T;
  declare blksize: T;
  declare ino: T;
  declare size: T;
  declare blocks: T;

  #type(): number {
    return Number(this.mode) & S_IFMT;
  }

  isDirectory(): boolean { return this.#type() === S_IFDIR; }
  isFile(): boolean { return this.#type() === S_IFREG; }
  isBlockDevice(): boolean { return this.#type() === S_IFBLK; }
  isCharacterDevice(): boolean { return this.#type() === S_IFCHR; }
  isSymbolicLink(): boolean { return this.#type() === S_IFLNK; }
  isFIFO(): boolean { return this.#type() === S_IFIFO; }
  isSocket(): boolean { return this.#type() === S_IFSOCK; }
}

export class Stats extends StatsBase<number> {
  declare atimeMs: number;
  declare mtimeMs: number;
  declare ctimeMs: number;
  declare birthtimeMs: number;
  declare atime: Date;
  declare mtime: Date;
  declare ctime: Date;
  declare birthtime: Date;

  constructor(dev: number, mode: number, nlink: number, uid: number, gid: number, rdev: number, blksize: number,
    ino: number, size: number, blocks: number, atimeMs: number, mtimeMs: number, ctimeMs: number, birthtimeMs: number) {
    super();
    Object.assign(this, { dev, mode, nlink, uid, gid, rdev, blksize, ino, size, blocks });
    this.atimeMs = atimeMs;
    this.mtimeMs = mtimeMs;
    this.ctimeMs = ctimeMs;
    this.birthtimeMs = birthtimeMs;
    this.atime = dateFromMs(atimeMs);
    this.mtime = dateFromMs(mtimeMs);
    this.ctime = dateFromMs(ctimeMs);
    this.birthtime = dateFromMs(birthtimeMs);
  }
}

export class BigIntStats extends StatsBase<bigint> {
  declare atimeMs: bigint;
  declare mtimeMs: bigint;
  declare ctimeMs: bigint;
  declare birthtimeMs: bigint;
  declare atimeNs: bigint;
  declare mtimeNs: bigint;
  declare ctimeNs: bigint;
  declare birthtimeNs: bigint;
  declare atime: Date;
  declare mtime: Date;
  declare ctime: Date;
  declare birthtime: Date;

  constructor(dev: bigint, mode: bigint, nlink: bigint, uid: bigint, gid: bigint, rdev: bigint, blksize: bigint,
    ino: bigint, size: bigint, blocks: bigint, atimeNs: bigint, mtimeNs: bigint, ctimeNs: bigint, birthtimeNs: bigint) {
    super();
    Object.assign(this, { dev, mode, nlink, uid, gid, rdev, blksize, ino, size, blocks });
    this.atimeMs = atimeNs / 1000000n;
    this.mtimeMs = mtimeNs / 1000000n;
    this.ctimeMs = ctimeNs / 1000000n;
    this.birthtimeMs = birthtimeNs / 1000000n;
    this.atimeNs = atimeNs;
    this.mtimeNs = mtimeNs;
    this.ctimeNs = ctimeNs;
    this.birthtimeNs = birthtimeNs;
    this.atime = dateFromMs(this.atimeMs);
    this.mtime = dateFromMs(this.mtimeMs);
    this.ctime = dateFromMs(this.ctimeMs);
    this.birthtime = dateFromMs(this.birthtimeMs);
  }
}

/** Milliseconds (possibly fractional) to whole nanoseconds without losing the integer part. */
function msToNs(ms: number): bigint {
  const whole = Math.floor(ms);
  return BigInt(whole) * 1000000n + BigInt(Math.round((ms - whole) * 1e6));
}

export function makeStats(st: VfsStat, bigint: boolean): Stats | BigIntStats {
  if (!bigint) {
    return new Stats(st.dev, st.mode, st.nlink, st.uid, st.gid, st.rdev, st.blksize, st.ino, st.size, st.blocks,
      st.atimeMs, st.mtimeMs, st.ctimeMs, st.birthtimeMs);
  }
  const B = BigInt;
  return new BigIntStats(B(st.dev), B(st.mode), B(st.nlink), B(st.uid), B(st.gid), B(st.rdev), B(st.blksize), B(st.ino),
    B(st.size), B(st.blocks), msToNs(st.atimeMs), msToNs(st.mtimeMs), msToNs(st.ctimeMs), msToNs(st.birthtimeMs));
}

const kType = Symbol('type');

export class Dirent<Name = string> {
  name: Name;
  parentPath: string;
  path: string;
  [kType]: number;

  constructor(name: Name, type: number, path: string) {
    this.name = name;
    this.parentPath = path;
    this.path = path;
    this[kType] = type;
  }

  isDirectory(): boolean { return this[kType] === UV_DIRENT_DIR; }
  isFile(): boolean { return this[kType] === UV_DIRENT_FILE; }
  isBlockDevice(): boolean { return this[kType] === UV_DIRENT_BLOCK; }
  isCharacterDevice(): boolean { return this[kType] === UV_DIRENT_CHAR; }
  isSymbolicLink(): boolean { return this[kType] === UV_DIRENT_LINK; }
  isFIFO(): boolean { return this[kType] === UV_DIRENT_FIFO; }
  isSocket(): boolean { return this[kType] === UV_DIRENT_SOCKET; }
}

/** The UV_DIRENT_* type for an S_IF* file type. */
export function direntType(sType: number): number {
  switch (sType & S_IFMT) {
    case S_IFREG: return UV_DIRENT_FILE;
    case S_IFDIR: return UV_DIRENT_DIR;
    case S_IFLNK: return UV_DIRENT_LINK;
    case S_IFIFO: return UV_DIRENT_FIFO;
    case S_IFSOCK: return UV_DIRENT_SOCKET;
    case S_IFCHR: return UV_DIRENT_CHAR;
    case S_IFBLK: return UV_DIRENT_BLOCK;
    default: return UV_DIRENT_UNKNOWN;
  }
}
