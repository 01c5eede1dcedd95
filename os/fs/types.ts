// The inode-level interface every file system implements, and the values that cross it.
//
// A file system knows inodes (numbers it chooses, stable while the inode lives) and directory
// entries; it knows nothing of paths, mounts, symlink following, file descriptors or syscall names.
// The VFS (vfs.ts) turns paths into (mount, inode) pairs and turns the bare codes thrown here
// (`FsError`, e.g. ENOENT) into Node system errors carrying the syscall and the user's path.
//
// Conventions every implementation follows (POSIX.1-2017 XSH, the pages named per method):
// - Methods throw `FsError(code)` for expected failures; anything else thrown is a bug.
// - A directory method called on a non-directory throws ENOTDIR; a file method on a directory EISDIR.
// - A read-only file system throws EROFS from every mutating method (the VFS checks `readOnly`
//   first, after existence checks, so the error order matches Linux: EEXIST/ENOENT before EROFS).
// - `mode` holds the type bits (S_IFREG, S_IFDIR, S_IFLNK) and the permission bits.

export const S_IFMT = 0o170000;
export const S_IFREG = 0o100000;
export const S_IFDIR = 0o040000;
export const S_IFLNK = 0o120000;

/** Longest name of one directory entry, in UTF-8 bytes (Linux NAME_MAX). */
export const NAME_MAX = 255;
/** Longest path handed to a syscall, in UTF-8 bytes including the terminator (Linux PATH_MAX). */
export const PATH_MAX = 4096;

export interface InodeAttr {
  ino: number;
  mode: number;
  nlink: number;
  size: number;
  /** 512-byte blocks the inode occupies (as st_blocks). */
  blocks: number;
  atimeMs: number;
  mtimeMs: number;
  ctimeMs: number;
  birthtimeMs: number;
}

export interface DirEntry {
  name: string;
  ino: number;
  /** S_IFREG, S_IFDIR or S_IFLNK. */
  type: number;
}

export interface SetAttr {
  /** Permission bits (the type bits are kept). */
  mode?: number;
  atimeMs?: number;
  mtimeMs?: number;
}

/** A failure with a libuv code name only; the VFS adds syscall and path. */
export class FsError extends Error {
  readonly code: string;
  constructor(code: string) {
    super(code);
    this.code = code;
  }
}

export function fsError(code: string): FsError {
  return new FsError(code);
}

export function isDirMode(mode: number): boolean {
  return (mode & S_IFMT) === S_IFDIR;
}

export function isFileMode(mode: number): boolean {
  return (mode & S_IFMT) === S_IFREG;
}

export function isLinkMode(mode: number): boolean {
  return (mode & S_IFMT) === S_IFLNK;
}

export interface FileSystem {
  /** Short type name as /proc/mounts would show it ("tmpfs", "imagefs"). */
  readonly type: string;
  readonly readOnly: boolean;
  readonly rootIno: number;

  /** The inode named `name` in directory `dir` (never "." or ".."; the VFS walks those). ENOENT, ENOTDIR. */
  lookup(dir: number, name: string): number;
  getattr(ino: number): InodeAttr;
  /** Entries of a directory, without "." and "..". */
  readdir(dir: number): DirEntry[];
  /** Target of a symlink; EINVAL for anything else (readlink(2)). */
  readlink(ino: number): string;

  /** Copies up to `out.length` bytes from `pos` into `out`; returns the count (0 at or past the end). */
  read(ino: number, pos: number, out: Uint8Array): number;
  /** The whole content as a read-only view without copying, when the file system can give one. */
  view?(ino: number): Uint8Array | null;
  /** Writes `data` at `pos`, growing the file (a hole reads as zeros); returns bytes written. ENOSPC. */
  write(ino: number, pos: number, data: Uint8Array): number;
  truncate(ino: number, size: number): void;
  setattr(ino: number, attr: SetAttr): void;

  /** New regular file; EEXIST when the name exists. */
  create(dir: number, name: string, mode: number): number;
  mkdir(dir: number, name: string, mode: number): number;
  symlink(dir: number, name: string, target: string): number;
  /** New name for an existing non-directory inode (link(2)); EPERM for directories. */
  link(dir: number, name: string, ino: number): void;
  /** Removes a non-directory name (unlink(2)); EISDIR for directories. */
  unlink(dir: number, name: string): void;
  /** Removes an empty directory (rmdir(2)); ENOTDIR, ENOTEMPTY. */
  rmdir(dir: number, name: string): void;
  /**
   * rename(2): replaces an existing target atomically. Same inode: no-op. Directory over
   * non-directory: ENOTDIR; non-directory over directory: EISDIR; over a non-empty directory:
   * ENOTEMPTY; a directory into its own subtree: EINVAL.
   */
  rename(srcDir: number, srcName: string, dstDir: number, dstName: string): void;

  /** An open file description now refers to `ino`: its storage outlives its last name until release. */
  retain?(ino: number): void;
  release?(ino: number): void;
}
