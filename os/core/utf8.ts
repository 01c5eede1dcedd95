// UTF-8 encoding and decoding for the OS itself and for TextEncoder/TextDecoder and Buffer.
// WHATWG Encoding semantics: lone surrogates encode as U+FFFD; invalid input decodes to U+FFFD per
// maximal subpart (https://encoding.spec.whatwg.org/#utf-8-decoder), or fails when `fatal`.
// Pure TypeScript so it runs the same under host Node (tests) and in the guest. In the guest, boot
// installs the kernel's native conversions (op_utf8_encode/op_utf8_decode, identical results) with
// useNativeUtf8(): per-character loops are the costliest thing an interpreter does, and every HTTP
// head and Buffer.from(string) goes through here.

type NativeEncode = (s: string) => ArrayBuffer;
type NativeDecode = (bytes: Uint8Array, start: number, end: number, fatal: boolean) => string | null;
let nativeEncode: NativeEncode | undefined;
let nativeDecode: NativeDecode | undefined;
/** Shorter inputs stay in JavaScript (the call costs more than the loop). */
const NATIVE_MIN = 16;

export function useNativeUtf8(encode: NativeEncode | undefined, decode: NativeDecode | undefined): void {
  nativeEncode = encode;
  nativeDecode = decode;
}

export function utf8Length(s: string): number {
  if (nativeEncode !== undefined && s.length >= 64) return nativeEncode(s).byteLength;
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) { n += 4; i++; }
    else n += 3;
  }
  return n;
}

/** Writes `s` as UTF-8 into `out` at `offset`; returns bytes written. Stops before a partial character. */
export function encodeUtf8Into(s: string, out: Uint8Array, offset = 0, max = out.length - offset): { read: number; written: number } {
  if (nativeEncode !== undefined && s.length >= NATIVE_MIN && s.length * 3 <= max) {
    // Fits whatever the characters are: one native pass and a copy.
    const bytes = new Uint8Array(nativeEncode(s));
    out.set(bytes, offset);
    return { read: s.length, written: bytes.length };
  }
  let o = offset;
  const end = offset + max;
  let i = 0;
  for (; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c < 0x80) {
      if (o >= end) break;
      out[o++] = c;
      continue;
    }
    if (c < 0x800) {
      if (o + 2 > end) break;
      out[o++] = 0xc0 | (c >> 6);
      out[o++] = 0x80 | (c & 0x3f);
      continue;
    }
    if (c >= 0xd800 && c <= 0xdfff) {
      const next = i + 1 < s.length ? s.charCodeAt(i + 1) : 0;
      if (c <= 0xdbff && (next & 0xfc00) === 0xdc00) {
        if (o + 4 > end) break;
        const cp = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
        out[o++] = 0xf0 | (cp >> 18);
        out[o++] = 0x80 | ((cp >> 12) & 0x3f);
        out[o++] = 0x80 | ((cp >> 6) & 0x3f);
        out[o++] = 0x80 | (cp & 0x3f);
        i++;
        continue;
      }
      c = 0xfffd; // lone surrogate
    }
    if (o + 3 > end) break;
    out[o++] = 0xe0 | (c >> 12);
    out[o++] = 0x80 | ((c >> 6) & 0x3f);
    out[o++] = 0x80 | (c & 0x3f);
  }
  return { read: i, written: o - offset };
}

export function encodeUtf8(s: string): Uint8Array {
  if (nativeEncode !== undefined && s.length >= NATIVE_MIN) return new Uint8Array(nativeEncode(s));
  const out = new Uint8Array(utf8Length(s));
  encodeUtf8Into(s, out);
  return out;
}

export class Utf8DecodeError extends TypeError {
  code = 'ERR_ENCODING_INVALID_ENCODED_DATA';
  constructor() {
    super('The encoded data was not valid for encoding utf-8');
  }
}

/**
 * Decodes UTF-8. With `stream`, an incomplete sequence at the end is not decoded; the number of
 * bytes consumed is returned so the caller can keep the tail.
 */
export function decodeUtf8Partial(bytes: Uint8Array, fatal: boolean, stream: boolean): { text: string; consumed: number } {
  if (nativeDecode !== undefined && bytes.length >= NATIVE_MIN) {
    // When streaming, an incomplete sequence at the end waits for more bytes: find where it starts.
    const end = stream ? completeEnd(bytes) : bytes.length;
    const text = nativeDecode(bytes, 0, end, fatal);
    if (text === null) throw new Utf8DecodeError();
    return { text, consumed: end };
  }
  let out = '';
  let chunk: number[] = [];
  const flush = () => {
    out += String.fromCharCode.apply(null, chunk);
    chunk = [];
  };
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) {
      chunk.push(b);
      i++;
    } else {
      let need: number, cp: number, lower = 0x80, upper = 0xbf;
      if (b >= 0xc2 && b <= 0xdf) { need = 1; cp = b & 0x1f; }
      else if (b >= 0xe0 && b <= 0xef) { need = 2; cp = b & 0x0f; if (b === 0xe0) lower = 0xa0; if (b === 0xed) upper = 0x9f; }
      else if (b >= 0xf0 && b <= 0xf4) { need = 3; cp = b & 0x07; if (b === 0xf0) lower = 0x90; if (b === 0xf4) upper = 0x8f; }
      else {
        if (fatal) throw new Utf8DecodeError();
        chunk.push(0xfffd);
        i++;
        if (chunk.length > 8192) flush();
        continue;
      }
      let j = 1;
      let bad = false;
      for (; j <= need; j++) {
        if (i + j >= n) break;
        const c = bytes[i + j];
        if (c < lower || c > upper) { bad = true; break; }
        lower = 0x80; upper = 0xbf;
        cp = (cp << 6) | (c & 0x3f);
      }
      if (!bad && j <= need) {
        // Ran out of input inside a valid prefix.
        if (stream) { flush(); return { text: out, consumed: i }; }
        if (fatal) throw new Utf8DecodeError();
        chunk.push(0xfffd);
        i = n;
        break;
      }
      if (bad) {
        if (fatal) throw new Utf8DecodeError();
        chunk.push(0xfffd);
        i += j; // maximal subpart: the bytes before the offending one
      } else {
        if (cp >= 0x10000) {
          cp -= 0x10000;
          chunk.push(0xd800 + (cp >> 10), 0xdc00 + (cp & 0x3ff));
        } else {
          chunk.push(cp);
        }
        i += need + 1;
      }
    }
    if (chunk.length > 8192) flush();
  }
  flush();
  return { text: out, consumed: n };
}

export function decodeUtf8(bytes: Uint8Array, fatal = false): string {
  return decodeUtf8Partial(bytes, fatal, false).text;
}

/**
 * Length of the prefix of `bytes` that does not end inside a multi-byte sequence which more bytes
 * could still complete (a valid lead byte followed by fewer continuation bytes than it needs).
 */
function completeEnd(bytes: Uint8Array): number {
  const n = bytes.length;
  for (let back = 1; back <= 3 && back <= n; back++) {
    const b = bytes[n - back];
    if ((b & 0xc0) === 0x80) continue; // continuation: keep looking for the lead
    const need = b >= 0xf0 && b <= 0xf4 ? 3 : b >= 0xe0 ? 2 : b >= 0xc2 && b < 0xe0 ? 1 : 0;
    return need >= back ? n - back : n;
  }
  return n;
}
