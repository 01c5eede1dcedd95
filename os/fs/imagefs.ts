// imagefs: the image's files, read-only, mounted at "/" (the app under /app, the OS under /nephos).
//
// Built once from the checked archive entries (archive.ts parseArchive, the only reader of the
// untrusted bytes); file contents stay views into the archive memory, so nothing is copied until
// an API has to hand the application a Buffer of its own.
//
// Invariants:
// - Inode numbers are stable for a given archive: the root is 1, entry i (in the archive's sorted
//   order) is i + 2. The same image always shows the same numbers.
// - Every mutating method fails with EROFS (the VFS checks `readOnly` first, after the existence
//   checks Linux makes before EROFS).
// - All timestamps are the `mtimeMs` given at mount time (the image's build time or boot time).

import { EntryKind, type ArchiveEntry } from './archive';
import { fsError, S_IFDIR, S_IFMT, S_IFREG, type DirEntry, type FileSystem, type InodeAttr } from './types';

export interface ImagefsOptions {
  /** Timestamp for every inode, ms since the epoch. */
  mtimeMs: number;
}

interface ImageInode {
  mode: number;
  data: Uint8Array;
  /** Children by name, for directories. */
  entries?: Map<string, number>;
}

const ROOT = 1;

export class Imagefs implements FileSystem {
  readonly type = 'imagefs';
  readonly readOnly = true;
  readonly rootIno = ROOT;
  #inodes: ImageInode[] = [];
  #mtimeMs: number;

  constructor(entries: ArchiveEntry[], options: ImagefsOptions) {
    this.#mtimeMs = options.mtimeMs;
    const byPath = new Map<string, number>([['/', ROOT]]);
    this.#inodes[ROOT] = { mode: S_IFDIR | 0o755, data: new Uint8Array(0), entries: new Map() };
    entries.forEach((entry, i) => {
      const ino = i + 2;
      const cut = entry.path.lastIndexOf('/');
      const parentIno = byPath.get(cut === 0 ? '/' : entry.path.slice(0, cut));
      // parseArchive guarantees parents come first; a hand-made entry list might not.
      const parent = parentIno === undefined ? undefined : this.#inodes[parentIno];
      if (!parent?.entries) throw new Error(`imagefs: ${entry.path} has no parent directory`);
      const isDir = entry.kind === EntryKind.Directory;
      this.#inodes[ino] = {
        mode: (isDir ? S_IFDIR : S_IFREG) | (entry.mode & 0o7777),
        data: entry.data,
        entries: isDir ? new Map() : undefined,
      };
      parent.entries.set(entry.path.slice(cut + 1), ino);
      byPath.set(entry.path, ino);
    });
  }

  lookup(dir: number, name: string): number {
    const ino = this.#dir(dir).entries!.get(name);
    if (ino === undefined) throw fsError('ENOENT');
    return ino;
  }

  getattr(ino: number): InodeAttr {
    const node = this.#get(ino);
    let nlink = 1;
    if (node.entries) {
      nlink = 2;
      node.entries.forEach((child) => { if (this.#inodes[child].entries) nlink++; });
    }
    const size = node.entries ? 4096 : node.data.length;
    const t = this.#mtimeMs;
    return { ino, mode: node.mode, nlink, size, blocks: Math.ceil(size / 4096) * 8, atimeMs: t, mtimeMs: t, ctimeMs: t, birthtimeMs: t };
  }

  readdir(dir: number): DirEntry[] {
    const out: DirEntry[] = [];
    this.#dir(dir).entries!.forEach((ino, name) => out.push({ name, ino, type: this.#inodes[ino].mode & S_IFMT }));
    return out;
  }

  readlink(ino: number): string {
    this.#get(ino);
    throw fsError('EINVAL'); // the archive has no symlinks
  }

  read(ino: number, pos: number, out: Uint8Array): number {
    const data = this.#file(ino).data;
    if (pos >= data.length) return 0;
    const n = Math.min(out.length, data.length - pos);
    out.set(data.subarray(pos, pos + n));
    return n;
  }

  view(ino: number): Uint8Array {
    return this.#file(ino).data;
  }

  write(): number { throw fsError('EROFS'); }
  truncate(): void { throw fsError('EROFS'); }
  setattr(): void { throw fsError('EROFS'); }
  create(): number { throw fsError('EROFS'); }
  mkdir(): number { throw fsError('EROFS'); }
  symlink(): number { throw fsError('EROFS'); }
  link(): void { throw fsError('EROFS'); }
  unlink(): void { throw fsError('EROFS'); }
  rmdir(): void { throw fsError('EROFS'); }
  rename(): void { throw fsError('EROFS'); }

  #get(ino: number): ImageInode {
    const node = this.#inodes[ino];
    if (!node) throw fsError('ENOENT');
    return node;
  }

  #dir(ino: number): ImageInode {
    const node = this.#get(ino);
    if (!node.entries) throw fsError('ENOTDIR');
    return node;
  }

  #file(ino: number): ImageInode {
    const node = this.#get(ino);
    if (node.entries) throw fsError('EISDIR');
    return node;
  }
}
