// The Nephos image file: what `nephos build` writes and `nephos run` boots (docs/architecture.md,
// "Image").
//
// Layout (integers little-endian):
//   0     8  magic "NEPHOSIM"
//   8     4  u32 format version (IMAGE_VERSION)
//   12    4  u32 header size (4096)
//   16    8  u64 kernel offset   (4096)
//   24    8  u64 kernel size
//   32    8  u64 archive offset  (kernel end rounded up to 4096)
//   40    8  u64 archive size
//   48    8  u64 total file size
//   56   32  sha256 of every byte after the header (kernel, padding, archive)
//   88   32  sha256 of the header itself with this field zeroed (guards the metadata)
//   120   4  u32 metadata length M
//   124   M  metadata: UTF-8 JSON {"app","entry","nephos","engine"} (keys in this order; no times)
//   ...      zeros up to 4096
//   4096     kernel ELF (PVH), zero padding to a 4096 boundary, archive (os/fs/archive.ts)
//
// Invariants: the image depends only on (kernel, archive, metadata), so identical input gives an
// identical file byte for byte. `readImage` is the only reader of an image file (untrusted bytes):
// it checks magic, version, sizes, both checksums and the metadata before anything else uses the
// file, and refuses with a NephosError that says how to fix it (rebuild).
//
// Boot: QEMU wants the kernel and the archive as separate files (-kernel, -initrd). `bootFiles`
// verifies an image and extracts both into $NEPHOS_HOME/cache/boot/<sha256 of the payload>/, written
// to a temporary name and renamed, so concurrent runs share one complete copy.

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { fail } from './errors';
import { version } from '../package.json';

/** This nephos's version (package.json), recorded in every image it builds. */
export const NEPHOS_VERSION: string = version;

export const IMAGE_MAGIC = 'NEPHOSIM';
export const IMAGE_VERSION = 1;
export const HEADER_SIZE = 4096;
const PAGE = 4096;
const META_OFFSET = 124;
const MAX_META = HEADER_SIZE - META_OFFSET;

/** Where nephos keeps its state and caches: $NEPHOS_HOME, default ~/.nephos. */
export function nephosHome(env: Record<string, string | undefined> = process.env): string {
  return env.NEPHOS_HOME ? resolve(env.NEPHOS_HOME) : join(homedir(), '.nephos');
}

export interface ImageMeta {
  /** The app's name (package.json "name", else the directory or file name). */
  app: string;
  /** The entry's path in the guest, e.g. /app/index.js. */
  entry: string;
  /** Version of nephos that built the image. */
  nephos: string;
  /** Version of the JavaScript engine the bytecode is for. */
  engine: string;
}

export interface Image {
  meta: ImageMeta;
  kernel: Uint8Array;
  archive: Uint8Array;
  /** sha256 (hex) of everything after the header: names the content for caches. */
  payloadSha256: string;
}

function sha256(...parts: Uint8Array[]): Buffer {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
}

function alignUp(n: number): number {
  return Math.ceil(n / PAGE) * PAGE;
}

/** The bytes of an image holding `kernel` and `archive`. Deterministic. */
export function encodeImage(meta: ImageMeta, kernel: Uint8Array, archive: Uint8Array): Uint8Array {
  // Fixed key order, so the same metadata always gives the same bytes.
  const metaBytes = Buffer.from(JSON.stringify({ app: meta.app, entry: meta.entry, nephos: meta.nephos, engine: meta.engine }), 'utf8');
  if (metaBytes.length > MAX_META) throw fail('image metadata too large', 'shorten the app name');
  const kernelOffset = HEADER_SIZE;
  const archiveOffset = alignUp(kernelOffset + kernel.length);
  const total = archiveOffset + archive.length;
  const out = new Uint8Array(total);
  out.set(kernel, kernelOffset);
  out.set(archive, archiveOffset);
  const dv = new DataView(out.buffer);
  out.set(Buffer.from(IMAGE_MAGIC, 'latin1'), 0);
  dv.setUint32(8, IMAGE_VERSION, true);
  dv.setUint32(12, HEADER_SIZE, true);
  dv.setBigUint64(16, BigInt(kernelOffset), true);
  dv.setBigUint64(24, BigInt(kernel.length), true);
  dv.setBigUint64(32, BigInt(archiveOffset), true);
  dv.setBigUint64(40, BigInt(archive.length), true);
  dv.setBigUint64(48, BigInt(total), true);
  out.set(sha256(out.subarray(HEADER_SIZE)), 56);
  dv.setUint32(120, metaBytes.length, true);
  out.set(metaBytes, META_OFFSET);
  out.set(sha256(out.subarray(0, HEADER_SIZE)), 88);
  return out;
}

/** Writes an image atomically (temporary file, then rename). */
export function writeImage(path: string, meta: ImageMeta, kernel: Uint8Array, archive: Uint8Array): void {
  const tmp = `${path}.tmp-${process.pid}`;
  try {
    writeFileSync(tmp, encodeImage(meta, kernel, archive));
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw fail(`cannot write ${path} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, 'check the directory exists and is writable');
  }
}

/** True when `bytes` start with the image magic (cheap test of "is this file an image?"). */
export function looksLikeImage(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && Buffer.from(bytes.subarray(0, 8)).toString('latin1') === IMAGE_MAGIC;
}

/** Parses and verifies image bytes. `name` is used in error messages. */
export function decodeImage(bytes: Uint8Array, name: string): Image {
  const corrupt = (why: string) => fail(`${name} is corrupt (${why})`, 'rebuild it with `nephos build`');
  if (!looksLikeImage(bytes)) throw fail(`${name} is not a nephos image (bad magic)`, 'build one with `nephos build <app>`');
  if (bytes.length < HEADER_SIZE) throw corrupt('truncated header');
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = dv.getUint32(8, true);
  if (version !== IMAGE_VERSION) {
    throw fail(`${name} has image format version ${version}, this nephos reads version ${IMAGE_VERSION}`, 'rebuild it with `nephos build`');
  }
  const header = Uint8Array.from(bytes.subarray(0, HEADER_SIZE));
  header.fill(0, 88, 120);
  if (!sha256(header).equals(bytes.subarray(88, 120))) throw corrupt('header checksum mismatch');
  const num = (off: number) => Number(dv.getBigUint64(off, true));
  const [kernelOffset, kernelSize, archiveOffset, archiveSize, total] = [16, 24, 32, 40, 48].map(num);
  if (dv.getUint32(12, true) !== HEADER_SIZE || kernelOffset !== HEADER_SIZE || archiveOffset !== alignUp(kernelOffset + kernelSize) ||
    total !== archiveOffset + archiveSize) {
    throw corrupt('inconsistent sizes');
  }
  if (bytes.length < total) throw corrupt(`truncated: ${bytes.length} bytes, expected ${total}`);
  if (bytes.length > total) throw corrupt(`${bytes.length - total} unexpected bytes at the end`);
  const payloadHash = sha256(bytes.subarray(HEADER_SIZE));
  if (!payloadHash.equals(bytes.subarray(56, 88))) throw corrupt('checksum mismatch');
  const metaLen = dv.getUint32(120, true);
  if (metaLen > MAX_META) throw corrupt('metadata too long');
  let meta: ImageMeta;
  try {
    const parsed = JSON.parse(Buffer.from(bytes.subarray(META_OFFSET, META_OFFSET + metaLen)).toString('utf8'));
    if (!['app', 'entry', 'nephos', 'engine'].every((k) => typeof parsed?.[k] === 'string')) throw new Error('fields');
    meta = { app: parsed.app, entry: parsed.entry, nephos: parsed.nephos, engine: parsed.engine };
  } catch {
    throw corrupt('bad metadata');
  }
  return {
    meta,
    kernel: bytes.subarray(kernelOffset, kernelOffset + kernelSize),
    archive: bytes.subarray(archiveOffset, archiveOffset + archiveSize),
    payloadSha256: payloadHash.toString('hex'),
  };
}

/** Reads and verifies an image file (call before every boot). */
export function readImage(path: string): Image {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw fail(`${path} does not exist`, 'check the path, or build the image with `nephos build`');
    throw fail(`cannot read ${path} (${code ?? (e as Error).message})`, 'check the file permissions');
  }
  return decodeImage(bytes, basename(path));
}

export interface BootFiles {
  /** The kernel ELF, for QEMU's -kernel. */
  kernel: string;
  /** The archive, for QEMU's -initrd. */
  initrd: string;
  meta: ImageMeta;
}

/**
 * Verifies the image at `path` and returns its kernel and archive as files in the boot cache
 * ($NEPHOS_HOME/cache/boot/<sha256>/{kernel.elf,archive.npar}), extracting them on first use.
 */
export function bootFiles(path: string, home = nephosHome()): BootFiles {
  const image = readImage(path);
  const dir = join(home, 'cache', 'boot', image.payloadSha256);
  const kernel = join(dir, 'kernel.elf');
  const initrd = join(dir, 'archive.npar');
  // Each file is written under a temporary name and renamed over its place: rename is atomic, so
  // a concurrent `nephos` (three `run -d` of one image at once) reading or booting these paths
  // sees a whole file, never a missing or half-written one. Nothing here ever deletes a file
  // another process may be reading.
  const place = (file: string, bytes: Uint8Array) => {
    if (sizeOf(file) === bytes.length) return;
    const tmp = `${file}.tmp-${process.pid}-${Date.now()}`;
    try {
      writeFileSync(tmp, bytes);
      renameSync(tmp, file);
    } finally {
      rmSync(tmp, { force: true });
    }
  };
  try {
    mkdirSync(dir, { recursive: true });
    place(kernel, image.kernel);
    place(initrd, image.archive);
  } catch (e) {
    throw fail(`cannot extract ${basename(path)} to ${dir} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
      'check that $NEPHOS_HOME is writable');
  }
  return { kernel, initrd, meta: image.meta };
}

function sizeOf(path: string): number {
  return existsSync(path) ? statSync(path).size : -1;
}
