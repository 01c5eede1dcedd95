// The image archive: the read-only tree of files an image carries (the OS's bytecode, the app's
// bytecode, the app directory's files). `nephos build` writes it; the OS reads it in place from the
// memory QEMU loaded it into (the PVH initrd module), without copying file contents.
//
// Layout (all integers little-endian):
//   0   magic "NPAR"
//   4   u32 version (1)
//   8   u32 entry count N
//   12  u32 byte length of the entry table (starts at 16)
//   16  entry table: N entries, each
//         u8  kind (1 = file, 2 = directory)
//         u8  reserved (0)
//         u16 mode bits (0o644 files, 0o755 directories)
//         u32 data offset (from the start of the archive; 8-aligned; 0 for directories)
//         u32 data length
//         u16 path length P, then P bytes of UTF-8 path (absolute, normalised, no trailing slash)
//   then file data, each file 8-aligned, zero padding between.
// Invariants (checked by parseArchive, the only reader of untrusted bytes): every path is absolute
// and normalised, every parent directory appears before its children, paths are unique and sorted,
// data ranges lie inside the archive. A violation rejects the whole archive.

import { decodeUtf8, encodeUtf8 } from '../core/utf8';

export const ARCHIVE_MAGIC = 0x5241504e; // "NPAR" read as little-endian u32
export const ARCHIVE_VERSION = 1;
const HEADER = 16;

export const enum EntryKind { File = 1, Directory = 2 }

export interface ArchiveEntry {
  kind: EntryKind;
  path: string;
  mode: number;
  /** File contents: a view into the archive bytes (no copy). Empty for directories. */
  data: Uint8Array;
}

export interface ArchiveInput {
  path: string;
  data?: Uint8Array; // undefined: a directory
  mode?: number;
}

export class ArchiveError extends Error {}

function isNormalised(path: string): boolean {
  if (path === '/') return true;
  if (!path.startsWith('/') || path.endsWith('/')) return false;
  return path.slice(1).split('/').every((seg) => seg !== '' && seg !== '.' && seg !== '..');
}

function parentOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}


/**
 * Builds an archive. Parent directories are added as needed; the output depends only on the
 * input's paths and bytes (entries are sorted), so identical input gives identical bytes.
 */
export function buildArchive(inputs: ArchiveInput[]): Uint8Array {
  const byPath = new Map<string, ArchiveInput>();
  for (const input of inputs) {
    if (!isNormalised(input.path) || input.path === '/') throw new ArchiveError(`archive: bad path ${JSON.stringify(input.path)}`);
    if (byPath.has(input.path)) throw new ArchiveError(`archive: duplicate path ${input.path}`);
    byPath.set(input.path, input);
  }
  for (const path of [...byPath.keys()]) {
    for (let p = parentOf(path); p !== '/'; p = parentOf(p)) {
      const existing = byPath.get(p);
      if (existing?.data) throw new ArchiveError(`archive: ${p} is both a file and a directory`);
      if (!existing) byPath.set(p, { path: p });
    }
  }
  // Sorting by path puts every directory before its children ("/a" < "/a/b").
  const entries = [...byPath.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const encodedPaths = entries.map((e) => encodeUtf8(e.path));
  let tableLen = 0;
  for (const p of encodedPaths) {
    if (p.length > 0xffff) throw new ArchiveError('archive: path too long');
    tableLen += 14 + p.length;
  }
  let offset = align8(HEADER + tableLen);
  const offsets: number[] = [];
  for (const e of entries) {
    offsets.push(e.data ? offset : 0);
    if (e.data) offset = align8(offset + e.data.length);
  }
  if (offset > 0xffffffff) throw new ArchiveError('archive: larger than 4 GiB');
  const out = new Uint8Array(offset);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, ARCHIVE_MAGIC, true);
  dv.setUint32(4, ARCHIVE_VERSION, true);
  dv.setUint32(8, entries.length, true);
  dv.setUint32(12, tableLen, true);
  let pos = HEADER;
  entries.forEach((e, i) => {
    dv.setUint8(pos, e.data ? EntryKind.File : EntryKind.Directory);
    dv.setUint8(pos + 1, 0);
    dv.setUint16(pos + 2, e.mode ?? (e.data ? 0o644 : 0o755), true);
    dv.setUint32(pos + 4, offsets[i], true);
    dv.setUint32(pos + 8, e.data ? e.data.length : 0, true);
    dv.setUint16(pos + 12, encodedPaths[i].length, true);
    out.set(encodedPaths[i], pos + 14);
    pos += 14 + encodedPaths[i].length;
    if (e.data) out.set(e.data, offsets[i]);
  });
  return out;
}

function align8(n: number): number {
  return (n + 7) & ~7;
}

/** Parses and validates an archive held in `bytes`; entry data are views into `bytes`. */
export function parseArchive(bytes: Uint8Array): ArchiveEntry[] {
  if (bytes.length < HEADER) throw new ArchiveError('archive: truncated header');
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (dv.getUint32(0, true) !== ARCHIVE_MAGIC) throw new ArchiveError('archive: bad magic');
  const version = dv.getUint32(4, true);
  if (version !== ARCHIVE_VERSION) throw new ArchiveError(`archive: unsupported version ${version}`);
  const count = dv.getUint32(8, true);
  const tableLen = dv.getUint32(12, true);
  if (HEADER + tableLen > bytes.length) throw new ArchiveError('archive: entry table past end');
  const tableEnd = HEADER + tableLen;
  const entries: ArchiveEntry[] = [];
  const dirs = new Set<string>(['/']);
  let pos = HEADER;
  let previous = '';
  for (let i = 0; i < count; i++) {
    if (pos + 14 > tableEnd) throw new ArchiveError('archive: truncated entry');
    const kind = dv.getUint8(pos);
    const mode = dv.getUint16(pos + 2, true);
    const off = dv.getUint32(pos + 4, true);
    const len = dv.getUint32(pos + 8, true);
    const plen = dv.getUint16(pos + 12, true);
    if (pos + 14 + plen > tableEnd) throw new ArchiveError('archive: truncated path');
    let path: string;
    try {
      path = decodeUtf8(bytes.subarray(pos + 14, pos + 14 + plen), true);
    } catch {
      throw new ArchiveError('archive: path is not UTF-8');
    }
    pos += 14 + plen;
    if (!isNormalised(path) || path === '/') throw new ArchiveError(`archive: bad path ${JSON.stringify(path)}`);
    if (path <= previous) throw new ArchiveError('archive: entries not sorted or duplicated');
    previous = path;
    if (!dirs.has(parentOf(path))) throw new ArchiveError(`archive: ${path} has no parent directory entry`);
    if (kind === EntryKind.Directory) {
      dirs.add(path);
      entries.push({ kind, path, mode, data: bytes.subarray(0, 0) });
    } else if (kind === EntryKind.File) {
      if (off < tableEnd || off + len > bytes.length) throw new ArchiveError(`archive: data of ${path} out of bounds`);
      entries.push({ kind, path, mode, data: bytes.subarray(off, off + len) });
    } else {
      throw new ArchiveError(`archive: unknown entry kind ${kind}`);
    }
  }
  if (pos !== tableEnd) throw new ArchiveError('archive: entry table length mismatch');
  return entries;
}
