// Extracts the uncompressed kernel (vmlinux, an ELF with a PVH note that QEMU's -kernel boots
// directly) from an x86 bzImage, so the guest does not spend seconds of TCG time decompressing
// itself (design.md section 8: 3.6 s against 8-9 s to the first HTTP answer).
//
// Layout (Documentation/arch/x86/boot.rst, "The Real-Mode Kernel Header"): the real-mode setup is
// (setup_sects + 1) * 512 bytes (setup_sects at 0x1f1; 0 means 4), then the protected-mode part,
// which holds the decompressor and the compressed vmlinux. Boot protocol 2.08+ gives the payload's
// place: payload_offset (0x248) and payload_length (0x24c), relative to the protected-mode part.
// The compressor is told by the payload's magic. arch/x86/boot/compressed/Makefile appends the
// uncompressed size as 4 little-endian bytes to every format except gzip (whose own trailer, ISIZE,
// is the same number), so the last 4 payload bytes always give the expected size: we check it.
// Without the header fields (older protocols) the payload is found the way scripts/extract-vmlinux
// does: try each offset where a known magic appears until one decompresses to an ELF.
//
// Decompression is done by Debian's tools (xz, zstd, gzip, lz4, bzip2, lzop) through `decompress`.
import { spawnSync } from 'node:child_process';

export type Compression = 'gzip' | 'xz' | 'zstd' | 'lz4' | 'bzip2' | 'lzma' | 'lzo';

/** Magic bytes at the start of each compressed stream, most specific first. */
export const MAGICS: { compression: Compression; magic: number[] }[] = [
  { compression: 'xz', magic: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00] },
  { compression: 'zstd', magic: [0x28, 0xb5, 0x2f, 0xfd] },
  { compression: 'lz4', magic: [0x02, 0x21, 0x4c, 0x18] }, // lz4 legacy frame (lz4 -l)
  { compression: 'lzo', magic: [0x89, 0x4c, 0x5a, 0x4f, 0x00, 0x0d, 0x0a, 0x1a, 0x0a] },
  { compression: 'gzip', magic: [0x1f, 0x8b, 0x08] },
  { compression: 'bzip2', magic: [0x42, 0x5a, 0x68] },
  { compression: 'lzma', magic: [0x5d, 0x00, 0x00] },
];

export const ELF_MAGIC = [0x7f, 0x45, 0x4c, 0x46];
const OFF_SETUP_SECTS = 0x1f1;
const OFF_BOOT_FLAG = 0x1fe;
const OFF_HEADER = 0x202;
const OFF_VERSION = 0x206;
const OFF_PAYLOAD_OFFSET = 0x248;
const OFF_PAYLOAD_LENGTH = 0x24c;
const HDRS = 0x53726448; // "HdrS"

export class BzImageError extends Error {}

function startsWith(buf: Uint8Array, at: number, magic: number[]): boolean {
  if (at < 0 || at + magic.length > buf.length) return false;
  for (let i = 0; i < magic.length; i++) if (buf[at + i] !== magic[i]) return false;
  return true;
}

export function compressionAt(buf: Uint8Array, at: number): Compression | undefined {
  return MAGICS.find((m) => startsWith(buf, at, m.magic))?.compression;
}

export interface BzHeader {
  /** Boot protocol version, e.g. 0x20f. */
  version: number;
  /** Where the protected-mode part starts in the file. */
  protectedModeStart: number;
  /** The payload (compressed vmlinux) in the file, when the protocol says (2.08+). */
  payload?: { offset: number; length: number };
}

/** Reads the setup header; throws BzImageError when the bytes are not a bzImage. */
export function parseBzHeader(buf: Uint8Array): BzHeader {
  if (buf.length < 0x250) throw new BzImageError(`not a bzImage: ${buf.length} bytes is shorter than the setup header`);
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  if (view.getUint16(OFF_BOOT_FLAG, true) !== 0xaa55 || view.getUint32(OFF_HEADER, true) !== HDRS) {
    throw new BzImageError('not a bzImage: no 0xAA55 boot flag and "HdrS" header');
  }
  const version = view.getUint16(OFF_VERSION, true);
  const protectedModeStart = ((buf[OFF_SETUP_SECTS] || 4) + 1) * 512;
  if (protectedModeStart >= buf.length) throw new BzImageError('bzImage: setup_sects points past the end of the file');
  const header: BzHeader = { version, protectedModeStart };
  if (version >= 0x208) {
    const offset = protectedModeStart + view.getUint32(OFF_PAYLOAD_OFFSET, true);
    const length = view.getUint32(OFF_PAYLOAD_LENGTH, true);
    if (length > 0 && offset + length <= buf.length) header.payload = { offset, length };
  }
  return header;
}

export type Decompressor = (compression: Compression, data: Uint8Array) => Uint8Array;

/** Decompresses with Debian's command-line tools. */
export const decompressWithTools: Decompressor = (compression, data) => {
  const [cmd, ...args] = {
    gzip: ['gzip', '-dc'],
    xz: ['xz', '-dc', '--single-stream'],
    lzma: ['xz', '--format=lzma', '-dc'],
    zstd: ['zstd', '-dcq'],
    lz4: ['lz4', '-dcq'],
    bzip2: ['bzip2', '-dc'],
    lzo: ['lzop', '-dc'],
  }[compression];
  const r = spawnSync(cmd, args, { input: data, maxBuffer: 1 << 30 });
  if (r.error) {
    const missing = (r.error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new BzImageError(missing ? `${cmd} is not installed (needed for a ${compression} kernel)` : `${cmd}: ${r.error.message}`);
  }
  // gzip exits 2 for "trailing garbage ignored", which is fine: the size check below decides.
  if (r.status !== 0 && !(cmd === 'gzip' && r.status === 2)) {
    throw new BzImageError(`${cmd} failed (exit ${r.status}): ${r.stderr.toString().trim()}`);
  }
  return r.stdout;
};

/**
 * Decompresses the payload at [offset, offset + length) and checks the result: an ELF whose size
 * matches the 4-byte size at the payload's end.
 */
function decompressPayload(buf: Uint8Array, offset: number, length: number, decompress: Decompressor): Uint8Array {
  const compression = compressionAt(buf, offset);
  if (!compression) throw new BzImageError(`bzImage: no known compression magic at payload offset 0x${offset.toString(16)}`);
  if (length < 8) throw new BzImageError('bzImage: payload too short');
  const sizeField = new DataView(buf.buffer, buf.byteOffset + offset + length - 4, 4).getUint32(0, true);
  // Every format but gzip carries the appended size after the stream: hand the tool the stream only.
  const stream = buf.subarray(offset, offset + (compression === 'gzip' ? length : length - 4));
  const out = decompress(compression, stream);
  if (!startsWith(out, 0, ELF_MAGIC)) throw new BzImageError(`bzImage: the ${compression} payload does not decompress to an ELF`);
  if (out.length % 2 ** 32 !== sizeField) {
    throw new BzImageError(`bzImage: ${compression} payload gave ${out.length} bytes, the image says ${sizeField}`);
  }
  return out;
}

export interface Extracted {
  vmlinux: Uint8Array;
  compression: Compression;
  /** How the payload was found: the header's payload fields, or a magic scan. */
  foundBy: 'header' | 'scan';
}

/** Returns the uncompressed vmlinux inside `bzImage`. */
export function extractVmlinux(bzImage: Uint8Array, decompress: Decompressor = decompressWithTools): Extracted {
  const header = parseBzHeader(bzImage);
  if (header.payload && compressionAt(bzImage, header.payload.offset)) {
    const { offset, length } = header.payload;
    return { vmlinux: decompressPayload(bzImage, offset, length, decompress), compression: compressionAt(bzImage, offset)!, foundBy: 'header' };
  }
  // Old protocol, or fields that do not point at a stream: scan (scripts/extract-vmlinux's way).
  // Each candidate runs to the end of the file; the size check then cannot apply, so only the ELF
  // check and the tool's own integrity check (every format here has one but lz4 legacy) decide.
  const errors: string[] = [];
  for (let at = header.protectedModeStart; at < bzImage.length - 8; at++) {
    const compression = compressionAt(bzImage, at);
    if (!compression) continue;
    try {
      const out = decompress(compression, bzImage.subarray(at));
      if (startsWith(out, 0, ELF_MAGIC)) return { vmlinux: out, compression, foundBy: 'scan' };
    } catch (e) {
      errors.push(`${compression} at 0x${at.toString(16)}: ${(e as Error).message.split('\n')[0]}`);
    }
  }
  throw new BzImageError(`bzImage: no compressed ELF found${errors.length ? ` (tried ${errors.slice(0, 4).join('; ')})` : ''}`);
}
