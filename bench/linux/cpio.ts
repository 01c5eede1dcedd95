// newc cpio writer for the Linux baseline's initramfs (the only archive format the kernel unpacks:
// Documentation/driver-api/early-userspace/buffer-format.rst).
//
// Each entry is a 110-byte ASCII header ("070701" then 13 eight-digit hex fields: ino, mode, uid,
// gid, nlink, mtime, filesize, devmajor, devminor, rdevmajor, rdevminor, namesize, check), the NUL-
// terminated name padded so the data starts on a 4-byte boundary, then the data padded to 4 bytes.
// The archive ends with an entry named "TRAILER!!!".
//
// Invariants this writer keeps, because the kernel's unpacker (init/initramfs.c) relies on them:
//   - every directory is written before anything inside it (missing parents are added, mode 0755);
//   - names are relative ("usr/bin/node"), without "." or ".." components, each written once;
//   - nlink is 1 for non-directories, so the unpacker never tries to hard-link two entries;
//   - mtime is 0 and uid/gid 0: the same inputs give the same bytes.
// A typical use: `writeNewc([{ path: 'init', type: 'file', mode: 0o755, data }], (chunk) => ...)`.

export type CpioEntry =
  | { path: string; type: 'dir'; mode?: number }
  | { path: string; type: 'file'; mode?: number; data: Uint8Array }
  | { path: string; type: 'symlink'; target: string }
  | { path: string; type: 'char'; mode?: number; major: number; minor: number };

const S_IFDIR = 0o040000;
const S_IFREG = 0o100000;
const S_IFLNK = 0o120000;
const S_IFCHR = 0o020000;
export const NEWC_MAGIC = '070701';
export const NEWC_HEADER_BYTES = 110;
export const TRAILER = 'TRAILER!!!';

/** "usr/bin/node" from "/usr/bin/node" or "usr//bin/node"; throws on "." or ".." components. */
export function normalizePath(path: string): string {
  const parts = path.split('/').filter((p) => p !== '');
  for (const p of parts) if (p === '.' || p === '..') throw new Error(`cpio: path ${JSON.stringify(path)} has a "${p}" component`);
  if (!parts.length) throw new Error('cpio: empty path');
  return parts.join('/');
}

function hex8(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) throw new Error(`cpio: field value ${n} does not fit 32 bits`);
  return n.toString(16).padStart(8, '0');
}

const pad4 = (n: number) => (4 - (n % 4)) % 4;

function header(ino: number, mode: number, nlink: number, size: number, rdevMajor: number, rdevMinor: number, name: string): Uint8Array {
  const nameBytes = Buffer.from(name, 'utf8');
  const fields = [ino, mode, 0, 0, nlink, 0, size, 0, 0, rdevMajor, rdevMinor, nameBytes.length + 1, 0];
  const text = NEWC_MAGIC + fields.map(hex8).join('');
  const total = NEWC_HEADER_BYTES + nameBytes.length + 1;
  const out = new Uint8Array(total + pad4(total));
  out.set(Buffer.from(text, 'latin1'), 0);
  out.set(nameBytes, NEWC_HEADER_BYTES);
  return out;
}

/**
 * Writes `entries` as a newc archive to `sink`, chunk by chunk (file data is passed through without
 * copying). Returns the archive's length in bytes.
 */
export function writeNewc(entries: CpioEntry[], sink: (chunk: Uint8Array) => void): number {
  const written = new Set<string>();
  let ino = 1;
  let bytes = 0;
  const emit = (chunk: Uint8Array) => {
    if (chunk.length) sink(chunk);
    bytes += chunk.length;
  };
  const emitData = (data: Uint8Array) => {
    emit(data);
    emit(new Uint8Array(pad4(data.length)));
  };
  const dir = (path: string, mode: number) => {
    emit(header(ino++, S_IFDIR | (mode & 0o7777), 2, 0, 0, 0, path));
    written.add(path);
  };
  const parents = (path: string) => {
    const parts = path.split('/');
    for (let i = 1; i < parts.length; i++) {
      const p = parts.slice(0, i).join('/');
      if (!written.has(p)) dir(p, 0o755);
    }
  };
  for (const e of entries) {
    const path = normalizePath(e.path);
    if (written.has(path)) throw new Error(`cpio: ${path} is written twice`);
    parents(path);
    switch (e.type) {
      case 'dir':
        dir(path, e.mode ?? 0o755);
        break;
      case 'file':
        emit(header(ino++, S_IFREG | ((e.mode ?? 0o644) & 0o7777), 1, e.data.length, 0, 0, path));
        emitData(e.data);
        written.add(path);
        break;
      case 'symlink': {
        const target = Buffer.from(e.target, 'utf8');
        emit(header(ino++, S_IFLNK | 0o777, 1, target.length, 0, 0, path));
        emitData(target);
        written.add(path);
        break;
      }
      case 'char':
        emit(header(ino++, S_IFCHR | ((e.mode ?? 0o600) & 0o7777), 1, 0, e.major, e.minor, path));
        written.add(path);
        break;
    }
  }
  emit(header(0, 0, 1, 0, 0, 0, TRAILER));
  return bytes;
}
