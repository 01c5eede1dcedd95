// devfs: character devices in a flat directory (mounted at /dev): null and zero built in, and the
// devices boot registers (stdin, stdout, stderr on the console) so that the standard descriptors
// 0-2 and paths like /dev/stdout behave as on Linux for code that writes to them directly
// (fs.writeSync(1, ...), as pino/sonic-boom do).
//
// A device ignores the file position (character devices have none); reading an absent `read` or
// writing an absent `write` fails with EINVAL, as for a device that does not support it. Names
// cannot be created, removed or renamed from applications (EPERM). Permission bits and times can
// be set (chmod/utimes) and are kept.
//
// A typical use (boot):
//   const dev = new Devfs({ now });
//   dev.register('stdout', { write: (b) => consolePort.write(b) });
//   vfs.mount('/dev', dev);
//   vfs.openStdio(1, '/dev/stdout', O_WRONLY);

import { fsError, S_IFDIR, type DirEntry, type FileSystem, type InodeAttr, type SetAttr } from './types';

export const S_IFCHR = 0o020000;

export interface CharDevice {
  /** Fills `out` with up to out.length bytes; 0 means end of input. */
  read?(out: Uint8Array): number;
  /** Consumes `data`; returns the bytes accepted (normally all). */
  write?(data: Uint8Array): number;
}

interface DevNode {
  name: string;
  device: CharDevice;
  mode: number;
  atimeMs: number;
  mtimeMs: number;
  ctimeMs: number;
}

const ROOT = 1;

export class Devfs implements FileSystem {
  readonly type = 'devfs';
  readonly readOnly = false;
  readonly rootIno = ROOT;
  #nodes = new Map<number, DevNode>();
  #byName = new Map<string, number>();
  #nextIno = ROOT + 1;
  #now: () => number;
  #bootMs: number;

  constructor(options: { now: () => number }) {
    this.#now = options.now;
    this.#bootMs = options.now();
    this.register('null', { read: () => 0, write: (data) => data.length });
    this.register('zero', { read: (out) => { out.fill(0); return out.length; }, write: (data) => data.length });
  }

  /** Adds (or replaces) device `name`; returns its inode number. */
  register(name: string, device: CharDevice, mode = 0o666): number {
    const existing = this.#byName.get(name);
    const ino = existing ?? this.#nextIno++;
    const t = this.#now();
    this.#nodes.set(ino, { name, device, mode: S_IFCHR | (mode & 0o7777), atimeMs: t, mtimeMs: t, ctimeMs: t });
    this.#byName.set(name, ino);
    return ino;
  }

  lookup(dir: number, name: string): number {
    if (dir !== ROOT) throw fsError('ENOTDIR');
    const ino = this.#byName.get(name);
    if (ino === undefined) throw fsError('ENOENT');
    return ino;
  }

  getattr(ino: number): InodeAttr {
    if (ino === ROOT) {
      const t = this.#bootMs;
      return { ino, mode: S_IFDIR | 0o755, nlink: 2, size: 4096, blocks: 0, atimeMs: t, mtimeMs: t, ctimeMs: t, birthtimeMs: t };
    }
    const node = this.#get(ino);
    return { ino, mode: node.mode, nlink: 1, size: 0, blocks: 0, atimeMs: node.atimeMs, mtimeMs: node.mtimeMs, ctimeMs: node.ctimeMs, birthtimeMs: this.#bootMs };
  }

  readdir(dir: number): DirEntry[] {
    if (dir !== ROOT) throw fsError('ENOTDIR');
    const out: DirEntry[] = [];
    this.#byName.forEach((ino, name) => out.push({ name, ino, type: S_IFCHR }));
    return out;
  }

  readlink(ino: number): string {
    if (ino !== ROOT) this.#get(ino);
    throw fsError('EINVAL');
  }

  read(ino: number, _pos: number, out: Uint8Array): number {
    const { device } = this.#get(ino);
    if (!device.read) throw fsError('EINVAL');
    return device.read(out);
  }

  write(ino: number, _pos: number, data: Uint8Array): number {
    const { device } = this.#get(ino);
    if (!device.write) throw fsError('EINVAL');
    return device.write(data);
  }

  /** O_TRUNC on a device is accepted and does nothing (Linux). */
  truncate(ino: number): void {
    this.#get(ino);
  }

  setattr(ino: number, attr: SetAttr): void {
    const node = this.#get(ino);
    if (attr.mode !== undefined) node.mode = S_IFCHR | (attr.mode & 0o7777);
    if (attr.atimeMs !== undefined) node.atimeMs = attr.atimeMs;
    if (attr.mtimeMs !== undefined) node.mtimeMs = attr.mtimeMs;
    node.ctimeMs = this.#now();
  }

  create(): number { throw fsError('EPERM'); }
  mkdir(): number { throw fsError('EPERM'); }
  symlink(): number { throw fsError('EPERM'); }
  link(): void { throw fsError('EPERM'); }
  unlink(): void { throw fsError('EPERM'); }
  rmdir(): void { throw fsError('EPERM'); }
  rename(): void { throw fsError('EPERM'); }

  #get(ino: number): DevNode {
    const node = this.#nodes.get(ino);
    if (!node) throw ino === ROOT ? fsError('EISDIR') : fsError('ENOENT');
    return node;
  }
}
