// Path resolution over the mount table: turns a path string into a (mount, inode) pair, as Linux's
// fs/namei.c and xv6's namei() do.
//
// A walk keeps the stack of directories it went through and their names, so "." and ".." are
// resolved physically (".." after following a symlink goes to the parent of the symlink's target,
// not lexically), ".." at "/" stays at "/", and the canonical path of the result is known without
// a second walk (realpath). Rules applied (POSIX.1-2017 XBD 4.13 "Pathname Resolution"):
// - Every intermediate component must be a directory (ENOTDIR) and exist (ENOENT).
// - Symlinks in intermediate components are always followed; the last component only when the
//   caller asks (stat vs lstat, O_NOFOLLOW). A trailing slash forces following and requires a
//   directory ("file/" is ENOTDIR). An empty symlink target is ENOENT.
// - More than MAX_SYMLINKS symlinks in one resolution is ELOOP (Linux's limit, 40).
// - A component longer than NAME_MAX bytes, or a path of PATH_MAX bytes or more, is ENAMETOOLONG.
// - An empty path is ENOENT; relative paths start at the caller's cwd (an absolute path string).
//
// Mounts are keyed by the canonical path of their mount point and take precedence over whatever
// the covering file system has under that name; the mount point need not exist there (a mount at
// /tmp over an image without /tmp still appears in readdir of "/").

import { utf8Length } from '../core/utf8';
import { fsError, isDirMode, isLinkMode, NAME_MAX, PATH_MAX, type FileSystem } from './types';

export const MAX_SYMLINKS = 40;

export interface Mount {
  /** Canonical absolute path of the mount point. */
  path: string;
  fs: FileSystem;
  /** Device number shown in Stats.dev. */
  dev: number;
}

/** One inode of one mounted file system. */
export interface Vnode {
  mount: Mount;
  ino: number;
}

export interface Resolved {
  node: Vnode;
  /** Canonical absolute path (no symlinks, ".", ".."). */
  path: string;
}

export interface ParentRef {
  dir: Vnode;
  /** Canonical path of `dir`. */
  dirPath: string;
  /** The last component; "" when the path names "/" itself; may be "." or "..". */
  name: string;
  /** The path ended with "/" (the last component must then be a directory). */
  slash: boolean;
}

export function joinPath(dir: string, name: string): string {
  return dir === '/' ? `/${name}` : `${dir}/${name}`;
}

export class MountTable {
  #mounts = new Map<string, Mount>();
  #nextDev = 1;

  get root(): Mount {
    const root = this.#mounts.get('/');
    if (!root) throw new Error('vfs: nothing mounted at /');
    return root;
  }

  list(): Mount[] {
    return [...this.#mounts.values()];
  }

  /** Mounts `fs` at the canonical absolute path `path` ("/" first). */
  mount(path: string, fs: FileSystem): Mount {
    if (!path.startsWith('/') || (path !== '/' && (path.endsWith('/') || path.split('/').slice(1).some((s) => s === '' || s === '.' || s === '..')))) {
      throw new Error(`vfs: mount point ${JSON.stringify(path)} is not a canonical absolute path`);
    }
    if (this.#mounts.has(path)) throw fsError('EBUSY');
    if (path !== '/' && !this.#mounts.has('/')) throw new Error('vfs: mount "/" first');
    const mount: Mount = { path, fs, dev: this.#nextDev++ };
    this.#mounts.set(path, mount);
    return mount;
  }

  unmount(path: string): void {
    if (!this.#mounts.delete(path)) throw fsError('EINVAL');
  }

  mountAt(path: string): Mount | undefined {
    return this.#mounts.get(path);
  }

  /** Names of mount points directly inside the directory at canonical path `dir`. */
  childMounts(dir: string): Mount[] {
    const out: Mount[] = [];
    const prefix = dir === '/' ? '/' : `${dir}/`;
    this.#mounts.forEach((m) => {
      if (m.path !== '/' && m.path.startsWith(prefix) && m.path.indexOf('/', prefix.length) < 0) out.push(m);
    });
    return out;
  }

  rootVnode(): Vnode {
    const mount = this.root;
    return { mount, ino: mount.fs.rootIno };
  }

  isDir(node: Vnode): boolean {
    return isDirMode(node.mount.fs.getattr(node.ino).mode);
  }

  /** Entry `name` (a normal component) of directory `dir` at canonical path `dirPath`; mounts first. */
  child(dir: Vnode, dirPath: string, name: string): Vnode {
    const mounted = this.#mounts.get(joinPath(dirPath, name));
    if (mounted) return { mount: mounted, ino: mounted.fs.rootIno };
    return { mount: dir.mount, ino: dir.mount.fs.lookup(dir.ino, name) };
  }

  /** Absolute form of `path` (checked for length and emptiness) as components to walk. */
  components(path: string, cwd: string): string[] {
    if (path === '') throw fsError('ENOENT');
    if (utf8Length(path) >= PATH_MAX) throw fsError('ENAMETOOLONG');
    return (path.charCodeAt(0) === 47 /* / */ ? path : `${cwd}/${path}`).split('/');
  }

  /** Resolves `path`; the last component's symlink is followed when `follow`. */
  resolve(path: string, cwd: string, follow: boolean): Resolved {
    return this.walk(this.components(path, cwd), follow);
  }

  /** Resolves all but the last component of `path`, which must then be a directory. */
  parent(path: string, cwd: string): ParentRef {
    const parts = this.components(path, cwd);
    let slash = false;
    while (parts.length > 1 && parts[parts.length - 1] === '') { parts.pop(); slash = true; }
    if (parts.length === 1) {
      // The path was "/" (or "///"): no parent; callers treat name "" as the root itself.
      const root = this.rootVnode();
      return { dir: root, dirPath: '/', name: '', slash };
    }
    const name = parts.pop()!;
    if (utf8Length(name) > NAME_MAX) throw fsError('ENAMETOOLONG');
    const dir = this.walk(parts, true);
    if (!this.isDir(dir.node)) throw fsError('ENOTDIR');
    return { dir: dir.node, dirPath: dir.path, name, slash };
  }

  /** Looks `name` up in a resolved parent without following a final symlink; null when absent. */
  lookupIn(ref: ParentRef): Resolved | null {
    if (ref.name === '' || ref.name === '.') return { node: ref.dir, path: ref.dirPath };
    if (ref.name === '..') return this.walk([...ref.dirPath.split('/'), '..'], true);
    try {
      return { node: this.child(ref.dir, ref.dirPath, ref.name), path: joinPath(ref.dirPath, ref.name) };
    } catch (err) {
      if ((err as { code?: string }).code === 'ENOENT') return null;
      throw err;
    }
  }

  /** Walks absolute components (the first is "" for the root). */
  walk(components: string[], follow: boolean): Resolved {
    const root = this.rootVnode();
    let stack: Vnode[] = [root];
    let names: string[] = [];
    const todo = components.slice().reverse(); // popped from the end: the next component is last
    let links = 0;
    while (todo.length > 0) {
      const name = todo.pop()!;
      const current = stack[stack.length - 1];
      if (!this.isDir(current)) throw fsError('ENOTDIR');
      if (name === '' || name === '.') continue;
      if (name === '..') {
        if (stack.length > 1) { stack.pop(); names.pop(); }
        continue;
      }
      if (utf8Length(name) > NAME_MAX) throw fsError('ENAMETOOLONG');
      const dirPath = names.length ? `/${names.join('/')}` : '/';
      const next = this.child(current, dirPath, name);
      const fs = next.mount.fs;
      if ((todo.length > 0 || follow) && isLinkMode(fs.getattr(next.ino).mode)) {
        if (++links > MAX_SYMLINKS) throw fsError('ELOOP');
        const target = fs.readlink(next.ino);
        if (target === '') throw fsError('ENOENT');
        if (target.charCodeAt(0) === 47) { stack = [root]; names = []; }
        const parts = target.split('/');
        for (let i = parts.length - 1; i >= 0; i--) todo.push(parts[i]);
        continue;
      }
      stack.push(next);
      names.push(name);
    }
    return { node: stack[stack.length - 1], path: names.length ? `/${names.join('/')}` : '/' };
  }
}
