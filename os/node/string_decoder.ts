// node:string_decoder as Node 20's (lib/string_decoder.js over src/string_decoder.cc): decodes a
// stream of byte chunks without splitting characters. A chunk's incomplete tail is held back:
// for utf8 the trailing bytes of a multi-byte sequence (found by looking back at most three
// bytes, as Node does, so invalid sequences surface only when completed or at end()); for utf16le
// an odd byte or a trailing high surrogate; for base64/base64url the bytes beyond a multiple of 3.
// end() flushes what is held (utf8: U+FFFD per maximal subpart; utf16le: an odd byte is dropped).
// Written here instead of taking the npm string_decoder (Node 8's), which lacks base64url and
// Node 20's errors.

import { codes } from '../core/errors';
import { decodeUtf8 } from '../core/utf8';
import { normalizeEncoding, decode, type Encoding } from './internal/buffer/codecs';
import { Buffer } from './buffer';
import { invalidArgType } from './internal/validators';

function utf8SequenceLength(byte: number): number {
  if (byte <= 0x7f) return 0;
  if (byte >> 5 === 0x06) return 2;
  if (byte >> 4 === 0x0e) return 3;
  if (byte >> 3 === 0x1e) return 4;
  return byte >> 6 === 0x02 ? -1 : -2;
}

/** How many trailing bytes of `b` start a sequence that the next chunk must complete. */
function utf8IncompleteTail(b: Uint8Array): number {
  for (let back = 1; back <= 3 && back <= b.length; back++) {
    const nb = utf8SequenceLength(b[b.length - back]);
    if (nb >= 0) return nb > back ? back : 0;
    if (nb === -2) return 0;
  }
  return 0;
}

function toBytes(buf: unknown): Uint8Array {
  if (buf instanceof Uint8Array) return buf;
  if (ArrayBuffer.isView(buf)) return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
  throw invalidArgType('buf', ['Buffer', 'TypedArray', 'DataView'], buf);
}

/** Per-decoder state, under a symbol: Node's StringDecoder is an ordinary function whose state
 * lives on `this`, and packages rely on that (iconv-lite 0.4, used by body-parser 1.x, does
 * `StringDecoder.call(this, enc)` with its own prototype chain), so no class and no #private. */
const kState = Symbol('kStringDecoderState');

interface DecoderState {
  enc: Encoding;
  held: Uint8Array;
  need: number;
}

function stateOf(self: any): DecoderState {
  const st = self?.[kState] as DecoderState | undefined;
  if (!st) throw new codes.ERR_INVALID_THIS('StringDecoder');
  return st;
}

function decodeWith(st: DecoderState, bytes: Uint8Array): string {
  if (bytes.length === 0) return '';
  return st.enc === 'utf8' ? decodeUtf8(bytes) : decode(bytes, st.enc);
}

function missing(st: DecoderState): number {
  const held = st.held;
  if (held.length === 0) return 0;
  switch (st.enc) {
    case 'utf8': return Math.max(0, utf8SequenceLength(held[0]) - held.length);
    case 'ucs2': return held.length & 1 ? 1 : 2;
    default: return 3 - held.length;
  }
}

export interface StringDecoder {
  encoding: Encoding | 'utf16le';
  write(buf: unknown): string;
  end(buf?: unknown): string;
  text(buf: Uint8Array, offset: number): string;
  readonly lastChar: Buffer;
  readonly lastNeed: number;
  readonly lastTotal: number;
}

export const StringDecoder = function StringDecoder(this: any, encoding?: string) {
  const enc = normalizeEncoding(encoding);
  if (enc === undefined) throw new codes.ERR_UNKNOWN_ENCODING(encoding);
  this.encoding = enc === 'ucs2' ? 'utf16le' : enc;
  this[kState] = { enc, held: new Uint8Array(0), need: 0 } as DecoderState;
} as unknown as { new (encoding?: string): StringDecoder; prototype: StringDecoder };

const proto = StringDecoder.prototype as any;

/**
 * utf16le as src/string_decoder.cc does it: bytes missing from the previous chunk are taken from
 * the front of this one and decoded on their own (so a surrogate pair whose halves arrive in
 * different writes comes out as two lone surrogates, as in Node), then an odd trailing byte or a
 * trailing high surrogate is held back.
 */
function writeUcs2(st: DecoderState, data: Uint8Array): string {
  let prepend = '';
  if (st.need > 0) {
    const found = Math.min(data.length, st.need);
    const held = new Uint8Array(st.held.length + found);
    held.set(st.held);
    held.set(data.subarray(0, found), st.held.length);
    st.held = held;
    st.need -= found;
    data = data.subarray(found);
    if (st.need === 0) {
      prepend = decodeWith(st, st.held);
      st.held = new Uint8Array(0);
    }
  }
  if (data.length === 0) return prepend;
  let keep = 0;
  if (data.length % 2 === 1) keep = 1;
  else if ((data[data.length - 1] & 0xfc) === 0xd8) keep = 2;
  st.held = data.slice(data.length - keep);
  st.need = keep;
  return prepend + decodeWith(st, data.subarray(0, data.length - keep));
}

proto.write = function write(this: StringDecoder, buf: unknown): string {
  if (typeof buf === 'string') return buf;
  const st = stateOf(this);
  if (st.enc === 'ucs2') return writeUcs2(st, toBytes(buf));
  let bytes = toBytes(buf);
  if (st.held.length) {
    const joined = new Uint8Array(st.held.length + bytes.length);
    joined.set(st.held);
    joined.set(bytes, st.held.length);
    bytes = joined;
  }
  let keep = 0;
  switch (st.enc) {
    case 'utf8': keep = utf8IncompleteTail(bytes); break;
    case 'base64': case 'base64url': keep = bytes.length % 3; break;
    default: keep = 0;
  }
  st.held = bytes.slice(bytes.length - keep);
  st.need = missing(st);
  return decodeWith(st, bytes.subarray(0, bytes.length - keep));
};

proto.end = function end(this: StringDecoder, buf?: unknown): string {
  let out = buf === undefined ? '' : this.write(buf);
  const st = stateOf(this);
  if (st.held.length) {
    const held = st.held;
    st.held = new Uint8Array(0);
    st.need = 0;
    if (st.enc === 'ucs2') out += decodeWith(st, held.subarray(0, held.length & ~1));
    else out += decodeWith(st, held);
  }
  return out;
};

proto.text = function text(this: StringDecoder, buf: Uint8Array, offset: number): string {
  stateOf(this).held = new Uint8Array(0);
  return this.write(toBytes(buf).subarray(offset));
};

Object.defineProperties(proto, {
  lastChar: {
    configurable: true,
    enumerable: true,
    get(this: StringDecoder) {
      const b = Buffer.alloc(4);
      b.set(stateOf(this).held.subarray(0, 4));
      return b;
    },
  },
  lastNeed: { configurable: true, enumerable: true, get(this: StringDecoder) { return stateOf(this).need; } },
  lastTotal: { configurable: true, enumerable: true, get(this: StringDecoder) { const st = stateOf(this); return st.held.length + st.need; } },
});

Object.defineProperty(StringDecoder, 'name', { value: 'StringDecoder' }); // stable under bundler renaming

export default { StringDecoder };
