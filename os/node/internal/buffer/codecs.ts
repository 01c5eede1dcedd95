// Byte <-> string codecs for Buffer, with Node's exact rules (src/string_bytes.cc, base64-inl.h):
// - utf8: WHATWG decoding (maximal-subpart U+FFFD) via os/core/utf8.ts; writes never split a
//   character;
// - latin1/binary: code unit & 0xFF; ascii decodes byte & 0x7F and encodes like latin1;
// - ucs2/utf16le: little-endian code units, an odd trailing byte is dropped;
// - hex: pairs of hex digits, stopping at the first pair that is not one;
// - base64/base64url: either alphabet on input, characters outside it skipped, decoding stops
//   at the first '='; output padded for base64, unpadded for base64url.

import { decodeUtf8, encodeUtf8Into, utf8Length } from '../../../core/utf8';

export type Encoding = 'utf8' | 'ucs2' | 'latin1' | 'ascii' | 'base64' | 'base64url' | 'hex';

/** Node's normalizeEncoding(): the canonical name, or undefined for an unknown encoding. */
export function normalizeEncoding(enc: unknown): Encoding | undefined {
  if (enc == null || enc === 'utf8' || enc === 'utf-8') return 'utf8';
  switch (`${enc}`.toLowerCase()) {
    case 'utf8': case 'utf-8': return 'utf8';
    case 'ucs2': case 'ucs-2': case 'utf16le': case 'utf-16le': return 'ucs2';
    case 'latin1': case 'binary': return 'latin1';
    case 'ascii': return 'ascii';
    case 'base64': return 'base64';
    case 'base64url': return 'base64url';
    case 'hex': return 'hex';
    case '': return 'utf8';
    default: return undefined;
  }
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const b64Decode = new Int8Array(256).fill(-1);
for (let i = 0; i < 64; i++) { b64Decode[B64.charCodeAt(i)] = i; b64Decode[B64URL.charCodeAt(i)] = i; }
const hexDigit = new Int8Array(256).fill(-1);
for (let i = 0; i < 10; i++) hexDigit[0x30 + i] = i;
for (let i = 0; i < 6; i++) { hexDigit[0x41 + i] = 10 + i; hexDigit[0x61 + i] = 10 + i; }
const hexPairs: string[] = [];
for (let i = 0; i < 256; i++) hexPairs.push((i < 16 ? '0' : '') + i.toString(16));

export function byteLength(s: string, enc: Encoding): number {
  switch (enc) {
    case 'utf8': return utf8Length(s);
    case 'ucs2': return s.length * 2;
    case 'latin1': case 'ascii': return s.length;
    case 'hex': return s.length >>> 1;
    case 'base64': case 'base64url': {
      let n = s.length;
      if (n > 0 && s.charCodeAt(n - 1) === 0x3d) n--;
      if (n > 1 && s.charCodeAt(n - 1) === 0x3d) n--;
      return (n * 3) >>> 2;
    }
  }
}

function codeUnits(bytes: Uint8Array, start: number, end: number, mask: number): string {
  let out = '';
  const CHUNK = 8192;
  for (let i = start; i < end; i += CHUNK) {
    const n = Math.min(CHUNK, end - i);
    const units = new Array<number>(n);
    for (let j = 0; j < n; j++) units[j] = bytes[i + j] & mask;
    out += String.fromCharCode.apply(null, units);
  }
  return out;
}

export function decode(bytes: Uint8Array, enc: Encoding, start = 0, end = bytes.length): string {
  switch (enc) {
    case 'utf8': return decodeUtf8(start === 0 && end === bytes.length ? bytes : bytes.subarray(start, end));
    case 'latin1': return codeUnits(bytes, start, end, 0xff);
    case 'ascii': return codeUnits(bytes, start, end, 0x7f);
    case 'ucs2': {
      let out = '';
      const units: number[] = [];
      for (let i = start; i + 1 < end; i += 2) {
        units.push(bytes[i] | (bytes[i + 1] << 8));
        if (units.length === 8192) { out += String.fromCharCode.apply(null, units); units.length = 0; }
      }
      return out + String.fromCharCode.apply(null, units);
    }
    case 'hex': {
      let out = '';
      for (let i = start; i < end; i++) out += hexPairs[bytes[i]];
      return out;
    }
    case 'base64': case 'base64url': {
      const alphabet = enc === 'base64' ? B64 : B64URL;
      let out = '';
      let i = start;
      for (; i + 2 < end; i += 3) {
        const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
        out += alphabet[n >> 18] + alphabet[(n >> 12) & 63] + alphabet[(n >> 6) & 63] + alphabet[n & 63];
      }
      const rest = end - i;
      if (rest === 1) {
        const n = bytes[i] << 16;
        out += alphabet[n >> 18] + alphabet[(n >> 12) & 63] + (enc === 'base64' ? '==' : '');
      } else if (rest === 2) {
        const n = (bytes[i] << 16) | (bytes[i + 1] << 8);
        out += alphabet[n >> 18] + alphabet[(n >> 12) & 63] + alphabet[(n >> 6) & 63] + (enc === 'base64' ? '=' : '');
      }
      return out;
    }
  }
}

/** Writes `s` into bytes[offset, offset+max) and returns the number of bytes written. */
export function encodeInto(s: string, enc: Encoding, bytes: Uint8Array, offset: number, max: number): number {
  const end = offset + Math.min(max, bytes.length - offset);
  switch (enc) {
    case 'utf8': return encodeUtf8Into(s, bytes, offset, end - offset).written;
    case 'latin1': case 'ascii': {
      const n = Math.min(s.length, end - offset);
      for (let i = 0; i < n; i++) bytes[offset + i] = s.charCodeAt(i);
      return n;
    }
    case 'ucs2': {
      const n = Math.min(s.length, (end - offset) >>> 1);
      for (let i = 0; i < n; i++) {
        const c = s.charCodeAt(i);
        bytes[offset + 2 * i] = c;
        bytes[offset + 2 * i + 1] = c >>> 8;
      }
      return n * 2;
    }
    case 'hex': {
      let o = offset;
      for (let i = 0; i + 1 < s.length && o < end; i += 2) {
        const a = s.charCodeAt(i);
        const b = s.charCodeAt(i + 1);
        const hi = a < 256 ? hexDigit[a] : -1;
        const lo = b < 256 ? hexDigit[b] : -1;
        if (hi < 0 || lo < 0) break;
        bytes[o++] = (hi << 4) | lo;
      }
      return o - offset;
    }
    case 'base64': case 'base64url': {
      let o = offset;
      let acc = 0;
      let bits = 0;
      for (let i = 0; i < s.length && o < end; i++) {
        const c = s.charCodeAt(i);
        if (c === 0x3d) break;
        const v = c < 256 ? b64Decode[c] : -1;
        if (v < 0) continue;
        acc = ((acc << 6) | v) & 0xffffff;
        bits += 6;
        if (bits >= 8) {
          bits -= 8;
          bytes[o++] = (acc >> bits) & 0xff;
        }
      }
      return o - offset;
    }
  }
}

/** A fresh byte array holding `s` in `enc` (exact length: decoders may produce fewer bytes than byteLength). */
export function encode(s: string, enc: Encoding): Uint8Array {
  const bytes = new Uint8Array(byteLength(s, enc));
  const n = encodeInto(s, enc, bytes, 0, bytes.length);
  return n === bytes.length ? bytes : bytes.subarray(0, n);
}
