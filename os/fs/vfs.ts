// The VFS: the system-call layer over the mount table (namei.ts), the file-descriptor table
// (fdtable.ts) and the mounted file systems (types.ts FileSystem). node:fs stands on it.
//
// A typical use (boot):
//   const vfs = new Vfs({ cwd: () => process.cwd() });
//   vfs.mount('/', new Imagefs(parseArchive(bytes), { mtimeMs: buildTime }));
//   vfs.mount('/tmp', new Tmpfs({ now: wallClock, budget: 64 << 20 }));
//   const fd = vfs.open('/app/config.json', O_RDONLY, 0);
//
// Each method is one Linux system call with its rules and its error order (the checks that come
// first in Linux's fs/namei.c come first here), and fails with a Node system error built by
// systemError(code, { syscall, path, dest }) where `syscall` is the name Node reports ("open",
// "scandir", "utime", "copyfile", ...) and `path`/`dest` are the strings the caller passed, not the
// resolved ones, exactly as Node shows them. Paths are strings here: node:fs converts Buffer and
// file: URL paths before calling.
//
// Permissions: the application runs as root (uid 0), so permission bits are stored and reported
// but only X_OK in access() consults them, as for root on Linux. New files and directories get
// `mode & ~umask`. Ownership is not modelled: every inode belongs to uid 0, gid 0.

import { systemError } from '../core/errors';
import { FdTable, type OpenFile } from './fdtable';
import { O_ACCMODE, O_APPEND, O_CREAT, O_DIRECTORY, O_EXCL, O_NOFOLLOW, O_RDONLY, O_RDWR, O_TRUNC, O_WRONLY, stringToFlags } from './flags';
import { joinPath, MAX_SYMLINKS, MountTable, type Mount, type Resolved, type Vnode } from './namei';
import { FsError, fsError, isDirMode, isFileMode, isLinkMode, PATH_MAX, S_IFDIR, type DirEntry, type FileSystem, type InodeAttr } from './types';
import { utf8Length } from '../core/utf8';

export interface VfsStat extends InodeAttr {
  dev: number;
  uid: number;
  gid: number;
  rdev: number;
  blksize: number;
}

export interface VfsOptions {
  /** The process's working directory (an absolute path) for relative paths. Default "/". */
  cwd?: () => string;
  /** File mode creation mask. Default 0o022. */
  umask?: number;
  /** Most descriptors open at once (EMFILE past it). Default 1024. */
  maxOpenFiles?: number;
}

export const F_OK = 0;
export const X_OK = 1;
export const W_OK = 2;
export const R_OK = 4;

export class Vfs {
  readonly mounts = new MountTable();
  readonly fds: FdTable;
  umask: number;
  #cwd: () => string;

  constructor(options: VfsOptions = {}) {
    this.#cwd = options.cwd ?? (() => '/');
    this.umask = options.umask ?? 0o022;
    this.fds = new FdTable(options.maxOpenFiles ?? 1024);
  }

  /** The working directory relative paths start from. */
  cwd(): string {
    return this.#cwd();
  }

  /** Mounts `fs` at the canonical absolute path `path`; "/" must come first. */
  mount(path: string, fs: FileSystem): Mount {
    return this.mounts.mount(path, fs);
  }

  // ---- path system calls ----

  stat(path: string): VfsStat {
    return this.#sys('stat', path, undefined, () => this.#stat(this.#resolve(path, true).node));
  }

  lstat(path: string): VfsStat {
    return this.#sys('lstat', path, undefined, () => this.#stat(this.#resolve(path, false).node));
  }

  /** access(2) for uid 0: W_OK fails only on a read-only mount, X_OK needs an x bit on files. */
  access(path: string, mode: number): void {
    this.#sys('access', path, undefined, () => {
      const { node } = this.#resolve(path, true);
      if (mode & W_OK && node.mount.fs.readOnly) throw fsError('EROFS');
      const attr = node.mount.fs.getattr(node.ino);
      if (mode & X_OK && !isDirMode(attr.mode) && (attr.mode & 0o111) === 0) throw fsError('EACCES');
    });
  }

  realpath(path: string): string {
    return this.#sys('realpath', path, undefined, () => this.#resolve(path, true).path);
  }

  readlink(path: string): string {
    return this.#sys('readlink', path, undefined, () => {
      const { node } = this.#resolve(path, false);
      return node.mount.fs.readlink(node.ino);
    });
  }

  /** Entries of a directory (readdir(3) via scandir), mount points included. */
  readdir(path: string, syscall = 'scandir'): DirEntry[] {
    return this.#sys(syscall, path, undefined, () => {
      const { node, path: canonical } = this.#resolve(path, true);
      if (!this.mounts.isDir(node)) throw fsError('ENOTDIR');
      const entries = node.mount.fs.readdir(node.ino);
      for (const m of this.mounts.childMounts(canonical)) {
        const name = m.path.slice(m.path.lastIndexOf('/') + 1);
        const entry: DirEntry = { name, ino: m.fs.rootIno, type: S_IFDIR };
        const at = entries.findIndex((e) => e.name === name);
        if (at >= 0) entries[at] = entry; else entries.push(entry);
      }
      return entries;
    });
  }

  mkdir(path: string, mode: number): void {
    this.#sys('mkdir', path, undefined, () => {
      const ref = this.mounts.parent(path, this.#cwd());
      if (this.mounts.lookupIn(ref)) throw fsError('EEXIST'); // EEXIST before EROFS (filename_create)
      const fs = ref.dir.mount.fs;
      if (fs.readOnly) throw fsError('EROFS');
      fs.mkdir(ref.dir.ino, ref.name, mode & ~this.umask & 0o7777);
    });
  }

  rmdir(path: string): void {
    this.#sys('rmdir', path, undefined, () => {
      const ref = this.mounts.parent(path, this.#cwd());
      // Linux do_rmdir: "/" is EBUSY, "." EINVAL, ".." ENOTEMPTY, then EROFS before the lookup.
      if (ref.name === '') throw fsError('EBUSY');
      if (ref.name === '.') throw fsError('EINVAL');
      if (ref.name === '..') throw fsError('ENOTEMPTY');
      if (ref.dir.mount.fs.readOnly) throw fsError('EROFS');
      const found = this.mounts.lookupIn(ref);
      if (!found) throw fsError('ENOENT');
      if (this.mounts.mountAt(found.path)) throw fsError('EBUSY');
      ref.dir.mount.fs.rmdir(ref.dir.ino, ref.name);
    });
  }

  unlink(path: string): void {
    this.#sys('unlink', path, undefined, () => {
      const ref = this.mounts.parent(path, this.#cwd());
      if (ref.name === '' || ref.name === '.' || ref.name === '..') throw fsError('EISDIR');
      if (ref.dir.mount.fs.readOnly) throw fsError('EROFS'); // do_unlinkat: mnt_want_write before lookup
      const found = this.mounts.lookupIn(ref);
      if (!found) throw fsError('ENOENT');
      const isDir = this.mounts.isDir(found.node);
      if (isDir) throw fsError('EISDIR');
      if (ref.slash) throw fsError('ENOTDIR');
      ref.dir.mount.fs.unlink(ref.dir.ino, ref.name);
    });
  }

  rename(from: string, to: string): void {
    this.#sys('rename', from, to, () => {
      const src = this.mounts.parent(from, this.#cwd());
      const dst = this.mounts.parent(to, this.#cwd());
      if (src.dir.mount !== dst.dir.mount) throw fsError('EXDEV');
      if (src.dir.mount.fs.readOnly) throw fsError('EROFS');
      for (const name of [src.name, dst.name]) if (name === '' || name === '.' || name === '..') throw fsError('EBUSY');
      const found = this.mounts.lookupIn(src);
      if (!found) throw fsError('ENOENT');
      const target = this.mounts.lookupIn(dst);
      if (this.mounts.mountAt(found.path) || (target && this.mounts.mountAt(target.path))) throw fsError('EBUSY');
      if ((src.slash || dst.slash) && !this.mounts.isDir(found.node)) throw fsError('ENOTDIR');
      src.dir.mount.fs.rename(src.dir.ino, src.name, dst.dir.ino, dst.name);
    });
  }

  link(existing: string, newPath: string): void {
    this.#sys('link', existing, newPath, () => {
      const { node } = this.#resolve(existing, false);
      const ref = this.mounts.parent(newPath, this.#cwd());
      if (this.mounts.lookupIn(ref)) throw fsError('EEXIST');
      if (ref.dir.mount.fs.readOnly) throw fsError('EROFS');
      if (ref.dir.mount !== node.mount) throw fsError('EXDEV');
      ref.dir.mount.fs.link(ref.dir.ino, ref.name, node.ino);
    });
  }

  /** Creates `path` as a symlink to `target` (stored as given, resolved on use). */
  symlink(target: string, path: string): void {
    this.#sys('symlink', target, path, () => {
      const ref = this.mounts.parent(path, this.#cwd());
      if (this.mounts.lookupIn(ref)) throw fsError('EEXIST');
      if (ref.dir.mount.fs.readOnly) throw fsError('EROFS');
      if (target === '') throw fsError('ENOENT');
      if (utf8Length(target) >= PATH_MAX) throw fsError('ENAMETOOLONG');
      ref.dir.mount.fs.symlink(ref.dir.ino, ref.name, target);
    });
  }

  chmod(path: string, mode: number): void {
    this.#sys('chmod', path, undefined, () => this.#setattr(this.#resolve(path, true).node, { mode }));
  }

  /** Ownership is not modelled: succeeds on an existing path (EROFS on a read-only mount). */
  chown(path: string, follow = true): void {
    this.#sys(follow ? 'chown' : 'lchown', path, undefined, () => this.#setattr(this.#resolve(path, follow).node, {}));
  }

  utimes(path: string, atimeMs: number, mtimeMs: number, follow = true): void {
    this.#sys(follow ? 'utime' : 'lutime', path, undefined, () => this.#setattr(this.#resolve(path, follow).node, { atimeMs, mtimeMs }));
  }

  /**
   * Copies a regular file's content and mode (libuv uv_fs_copyfile): `exclusive` fails with EEXIST
   * when `dest` exists; copying a file onto itself changes nothing.
   */
  copyFile(src: string, dest: string, exclusive: boolean): void {
    this.#sys('copyfile', src, dest, () => {
      const from = this.#resolve(src, true).node;
      const fromAttr = from.mount.fs.getattr(from.ino);
      if (isDirMode(fromAttr.mode)) throw fsError('EISDIR');
      const to = this.#openResolve(dest, O_WRONLY | O_CREAT | (exclusive ? O_EXCL : 0), fromAttr.mode, 0).node;
      const toFs = to.mount.fs;
      const toAttr = toFs.getattr(to.ino);
      if (isDirMode(toAttr.mode)) throw fsError('EISDIR');
      if (toFs.readOnly) throw fsError('EROFS');
      if (to.mount === from.mount && to.ino === from.ino) return;
      toFs.truncate(to.ino, 0);
      toFs.setattr(to.ino, { mode: fromAttr.mode & 0o7777 });
      const chunk = new Uint8Array(Math.min(fromAttr.size || 1, 1 << 20));
      for (let pos = 0; ;) {
        const n = from.mount.fs.read(from.ino, pos, chunk);
        if (n === 0) break;
        toFs.write(to.ino, pos, chunk.subarray(0, n));
        pos += n;
      }
    });
  }

  /**
   * The whole content of a file as a read-only view when its file system can give one without
   * copying (the image), else null. For the module loader; callers must not write into it.
   */
  view(path: string): Uint8Array | null {
    return this.#sys('open', path, undefined, () => {
      const { node } = this.#resolve(path, true);
      const attr = node.mount.fs.getattr(node.ino);
      if (isDirMode(attr.mode)) throw fsError('EISDIR');
      return node.mount.fs.view?.(node.ino) ?? null;
    });
  }

  // ---- descriptor system calls ----

  /** open(2); `flags` numeric O_* or a Node string flag; returns the descriptor. */
  open(path: string, flags: number | string, mode = 0o666): number {
    const numeric = stringToFlags(flags);
    return this.#sys('open', path, undefined, () => this.fds.add(this.#openFile(path, numeric, mode)));
  }

  /**
   * Opens `path` as standard stream `fd` (0, 1 or 2), replacing what was there, as the shell's
   * redirections do with dup2(2). Boot uses it to put the console's devices (devfs.ts) there.
   */
  openStdio(fd: number, path: string, flags: number | string): void {
    const numeric = stringToFlags(flags);
    this.#sys('open', path, undefined, () => this.fds.set(fd, this.#openFile(path, numeric, 0o666)));
  }

  #openFile(path: string, numeric: number, mode: number): OpenFile {
    const acc = numeric & O_ACCMODE;
    if (acc === O_ACCMODE) throw fsError('EINVAL');
    const created = { value: false };
    const { node, path: canonical } = this.#openResolve(path, numeric, mode, 0, created);
    const fs = node.mount.fs;
    const attr = fs.getattr(node.ino);
    if (isLinkMode(attr.mode)) throw fsError('ELOOP'); // O_NOFOLLOW on a symlink
    const isDir = isDirMode(attr.mode);
    if (numeric & O_DIRECTORY && !isDir) throw fsError('ENOTDIR');
    const writable = acc === O_WRONLY || acc === O_RDWR;
    if (isDir && (writable || numeric & (O_CREAT | O_TRUNC))) throw fsError('EISDIR');
    if ((writable || numeric & O_TRUNC) && fs.readOnly) throw fsError('EROFS');
    if (numeric & O_TRUNC && !created.value && isFileMode(attr.mode)) fs.truncate(node.ino, 0);
    return {
      node, path: canonical, flags: numeric, readable: acc === O_RDONLY || acc === O_RDWR, writable,
      append: (numeric & O_APPEND) !== 0, isDir, pos: 0,
    };
  }

  close(fd: number): void {
    this.#sys('close', undefined, undefined, () => this.fds.remove(fd));
  }

  /** read(2)/pread(2): `position` null reads at (and advances) the file position. */
  read(fd: number, buffer: Uint8Array, offset: number, length: number, position: number | null): number {
    return this.#sys('read', undefined, undefined, () => {
      const file = this.fds.get(fd);
      if (!file.readable) throw fsError('EBADF');
      if (file.isDir) throw fsError('EISDIR');
      const at = position ?? file.pos;
      const n = file.node.mount.fs.read(file.node.ino, at, buffer.subarray(offset, offset + length));
      if (position === null) file.pos = at + n;
      return n;
    });
  }

  /**
   * write(2)/pwrite(2). With O_APPEND every write goes to the end of the file, also with an
   * explicit position (Linux's pwrite(2) BUGS section); `position` null advances the file position.
   */
  write(fd: number, buffer: Uint8Array, offset: number, length: number, position: number | null): number {
    return this.#sys('write', undefined, undefined, () => {
      const file = this.fds.get(fd);
      if (!file.writable) throw fsError('EBADF');
      if (length === 0) return 0;
      const fs = file.node.mount.fs;
      const at = file.append ? fs.getattr(file.node.ino).size : position ?? file.pos;
      const n = fs.write(file.node.ino, at, buffer.subarray(offset, offset + length));
      if (position === null) file.pos = at + n;
      return n;
    });
  }

  fstat(fd: number): VfsStat {
    return this.#sys('fstat', undefined, undefined, () => this.#stat(this.fds.get(fd).node));
  }

  ftruncate(fd: number, length: number): void {
    this.#sys('ftruncate', undefined, undefined, () => {
      const file = this.fds.get(fd);
      // do_sys_ftruncate: EINVAL unless a regular file open for writing.
      if (!file.writable || file.isDir || length < 0) throw fsError('EINVAL');
      file.node.mount.fs.truncate(file.node.ino, length);
    });
  }

  /** fsync(2)/fdatasync(2): memory is the storage, so this only checks the descriptor. */
  fsync(fd: number, syscall = 'fsync'): void {
    this.#sys(syscall, undefined, undefined, () => { this.fds.get(fd); });
  }

  fchmod(fd: number, mode: number): void {
    this.#sys('fchmod', undefined, undefined, () => this.#setattr(this.fds.get(fd).node, { mode }));
  }

  fchown(fd: number): void {
    this.#sys('fchown', undefined, undefined, () => this.#setattr(this.fds.get(fd).node, {}));
  }

  futimes(fd: number, atimeMs: number, mtimeMs: number): void {
    this.#sys('futime', undefined, undefined, () => this.#setattr(this.fds.get(fd).node, { atimeMs, mtimeMs }));
  }

  /** The open file description behind `fd` (EBADF with `syscall`), for node:fs's checks. */
  file(fd: number, syscall: string): OpenFile {
    return this.#sys(syscall, undefined, undefined, () => this.fds.get(fd));
  }

  // ---- internals ----

  #resolve(path: string, follow: boolean): Resolved {
    return this.mounts.resolve(path, this.#cwd(), follow);
  }

  /**
   * The inode `open` acts on. With O_CREAT: an existing name is used (EEXIST with O_EXCL, which
   * never follows a symlink), a symlink is followed, a dangling one creates its target, a missing
   * name is created; a trailing slash is EISDIR.
   */
  #openResolve(path: string, flags: number, mode: number, depth: number, created?: { value: boolean }): Resolved {
    if (!(flags & O_CREAT)) return this.#resolve(path, !(flags & O_NOFOLLOW));
    const ref = this.mounts.parent(path, this.#cwd());
    if (ref.slash) throw fsError('EISDIR'); // open_last_lookups: O_CREAT never takes a trailing slash
    const found = this.mounts.lookupIn(ref);
    if (found) {
      if (flags & O_EXCL) throw fsError('EEXIST');
      const fs = found.node.mount.fs;
      if (isLinkMode(fs.getattr(found.node.ino).mode)) {
        if (flags & O_NOFOLLOW) throw fsError('ELOOP');
        if (depth >= MAX_SYMLINKS) throw fsError('ELOOP');
        const target = fs.readlink(found.node.ino);
        if (target === '') throw fsError('ENOENT');
        const next = target.charCodeAt(0) === 47 ? target : joinPath(ref.dirPath, target);
        return this.#openResolve(next, flags, mode, depth + 1, created);
      }
      return found;
    }
    const fs = ref.dir.mount.fs;
    if (fs.readOnly) throw fsError('EROFS');
    const ino = fs.create(ref.dir.ino, ref.name, mode & ~this.umask & 0o7777);
    if (created) created.value = true;
    return { node: { mount: ref.dir.mount, ino }, path: joinPath(ref.dirPath, ref.name) };
  }

  #stat(node: Vnode): VfsStat {
    const attr = node.mount.fs.getattr(node.ino);
    return { ...attr, dev: node.mount.dev, uid: 0, gid: 0, rdev: 0, blksize: 4096 };
  }

  #setattr(node: Vnode, attr: { mode?: number; atimeMs?: number; mtimeMs?: number }): void {
    if (node.mount.fs.readOnly) throw fsError('EROFS');
    node.mount.fs.setattr(node.ino, attr);
  }

  /** Runs one system call, turning FsError codes into Node system errors. */
  #sys<T>(syscall: string, path: string | undefined, dest: string | undefined, fn: () => T): T {
    try {
      return fn();
    } catch (err) {
      if (err instanceof FsError) throw systemError(err.code, { syscall, path, dest });
      throw err;
    }
  }
}
