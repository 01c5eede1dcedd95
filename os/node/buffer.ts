// node:buffer: the npm `buffer` package's Buffer class (a Uint8Array subclass by prototype),
// augmented in place so that every `require('buffer').Buffer` in the OS and the app is this one
// class and behaves as Node 20's:
// - from/alloc/allocUnsafe/byteLength/isEncoding/concat/compare and the prototype's toString,
//   write, fill, indexOf/lastIndexOf/includes, equals, compare, copy, swap16/32/64 are replaced by
//   versions with Node's argument checks and error codes and the encodings Node has
//   (utf8, utf16le/ucs2, latin1/binary, ascii, hex, base64, base64url; internal/buffer/codecs.ts);
// - the integer/float/BigInt readers and writers come from internal/buffer/numbers.ts;
// - inspect prints `<Buffer 01 02 ... N more bytes>` with INSPECT_MAX_BYTES.
// Module extras: kMaxLength, kStringMaxLength, constants, INSPECT_MAX_BYTES, SlowBuffer, Blob, File,
// atob, btoa, isUtf8, isAscii, transcode, resolveObjectURL.
// Unlike Node, allocUnsafe() returns zero-filled memory and there is no shared pool.

import { codes } from '../core/errors';
import { decodeUtf8Partial } from '../core/utf8';
import { normalizeEncoding, byteLength as encodedLength, decode, encodeInto, encode, type Encoding } from './internal/buffer/codecs';
import { numberMethods } from './internal/buffer/numbers';
import { Blob, File } from './internal/buffer/blob';
import { resolveBlobUrl } from './internal/blob-urls';
import { atob, btoa } from './internal/polyfills/atob';
import { invalidArgType, invalidArgValue, validateNumber, outOfRange, withMessage } from './internal/validators';
import { isAnyArrayBuffer, isUint8Array } from './internal/types';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const pkg: { Buffer: BufferConstructor; SlowBuffer: unknown } = require('buffer/index.js');
export const Buffer: BufferConstructor = pkg.Buffer;
Object.defineProperty(Buffer, 'name', { value: 'Buffer' }); // bundlers rename the package's `function Buffer`
type Buf = Buffer;

export const kMaxLength = 2 ** 32;
export const kStringMaxLength = 2 ** 29 - 24;
export const constants = Object.freeze({ MAX_LENGTH: kMaxLength, MAX_STRING_LENGTH: kStringMaxLength });
const inspectLimits = { INSPECT_MAX_BYTES: 50 };

const proto = Buffer.prototype as unknown as Record<string, unknown>;
const u8fill = Uint8Array.prototype.fill; // Buffer.prototype.fill is replaced below
const wrap = (u8: Uint8Array): Buf => Object.setPrototypeOf(u8, Buffer.prototype) as Buf;

function unknownEncoding(enc: unknown): never {
  if (typeof enc !== 'string') throw invalidArgType('encoding', 'string', enc);
  throw new codes.ERR_UNKNOWN_ENCODING(enc);
}
function encodingOf(enc: unknown): Encoding {
  const e = normalizeEncoding(enc);
  if (e === undefined) throw new codes.ERR_UNKNOWN_ENCODING(enc);
  return e;
}
function validateOffset(value: unknown, name: string, min = 0, max = kMaxLength): asserts value is number {
  if (typeof value !== 'number') throw invalidArgType(name, 'number', value);
  if (!Number.isInteger(value)) throw outOfRange(name, 'an integer', value);
  if (value < min || value > max) throw outOfRange(name, `>= ${min} && <= ${max}`, value);
}
function validateBufferLike(value: unknown, name: string): asserts value is Uint8Array {
  if (!isUint8Array(value)) throw invalidArgType(name, ['Buffer', 'Uint8Array'], value);
}

// ---- construction ----
function fromString(s: string, encoding: unknown): Buf {
  let enc: Encoding = 'utf8';
  if (typeof encoding === 'string' && encoding.length !== 0) enc = encodingOf(encoding);
  if (s.length === 0) return wrap(new Uint8Array(0));
  const bytes = encode(s, enc);
  return wrap(bytes.length === bytes.buffer.byteLength ? bytes : bytes.slice());
}

function fromArrayBuffer(ab: ArrayBuffer, byteOffset: unknown, length: unknown): Buf {
  let offset = byteOffset === undefined ? 0 : +(byteOffset as number);
  if (Number.isNaN(offset)) offset = 0;
  const maxLength = ab.byteLength - offset;
  if (maxLength < 0) throw new codes.ERR_BUFFER_OUT_OF_BOUNDS('offset');
  let len: number;
  if (length === undefined) len = maxLength;
  else {
    len = +(length as number);
    if (len > 0) { if (len > maxLength) throw new codes.ERR_BUFFER_OUT_OF_BOUNDS('length'); } else len = 0;
  }
  return wrap(new Uint8Array(ab, offset, len));
}

function fromArrayLike(obj: ArrayLike<number>): Buf {
  const n = obj.length;
  const u8 = new Uint8Array(n > 0 ? n : 0);
  for (let i = 0; i < n; i++) u8[i] = obj[i];
  return wrap(u8);
}

function fromObject(obj: any): Buf | undefined {
  if (obj.length !== undefined || isAnyArrayBuffer(obj.buffer)) {
    if (typeof obj.length !== 'number') return wrap(new Uint8Array(0));
    return fromArrayLike(obj);
  }
  if (obj.type === 'Buffer' && Array.isArray(obj.data)) return fromArrayLike(obj.data);
  return undefined;
}

function from(value: unknown, encodingOrOffset?: unknown, length?: unknown): Buf {
  if (typeof value === 'string') return fromString(value, encodingOrOffset);
  if (typeof value === 'object' && value !== null) {
    if (isAnyArrayBuffer(value)) return fromArrayBuffer(value, encodingOrOffset, length);
    const valueOf = (value as { valueOf?: () => unknown }).valueOf?.();
    if (valueOf != null && valueOf !== value && (typeof valueOf === 'string' || typeof valueOf === 'object')) return from(valueOf, encodingOrOffset, length);
    const b = fromObject(value);
    if (b) return b;
    const toPrimitive = (value as { [Symbol.toPrimitive]?: (hint: string) => unknown })[Symbol.toPrimitive];
    if (typeof toPrimitive === 'function') {
      const primitive = toPrimitive.call(value, 'string');
      if (typeof primitive === 'string') return fromString(primitive, encodingOrOffset);
    }
  }
  throw invalidArgType('first argument', ['string', 'Buffer', 'ArrayBuffer', 'Array', 'Array-like Object'], value);
}

function alloc(size: number, fill?: unknown, encoding?: unknown): Buf {
  validateNumber(size, 'size', 0, kMaxLength);
  const buf = wrap(new Uint8Array(size));
  if (fill !== undefined && fill !== 0 && size > 0) fillImpl(buf, fill, 0, buf.length, encoding);
  return buf;
}
function allocUnsafe(size: number): Buf {
  validateNumber(size, 'size', 0, kMaxLength);
  return wrap(new Uint8Array(size));
}

function byteLength(string: unknown, encoding?: unknown): number {
  if (typeof string !== 'string') {
    if (ArrayBuffer.isView(string) || isAnyArrayBuffer(string)) return (string as ArrayBuffer).byteLength;
    throw invalidArgType('string', ['string', 'Buffer', 'ArrayBuffer'], string);
  }
  const enc = normalizeEncoding(encoding) ?? 'utf8';
  return encodedLength(string, enc);
}

function isEncoding(encoding: unknown): boolean {
  return typeof encoding === 'string' && encoding.length !== 0 && normalizeEncoding(encoding) !== undefined;
}

function concat(list: unknown, length?: unknown): Buf {
  if (!Array.isArray(list)) throw invalidArgType('list', 'Array', list);
  if (list.length === 0) return wrap(new Uint8Array(0));
  let total: number;
  if (length === undefined) {
    total = 0;
    for (let i = 0; i < list.length; i++) {
      if (list[i].length) total += list[i].length;
    }
  } else {
    validateOffset(length, 'length');
    total = length;
  }
  const out = alloc(total);
  let pos = 0;
  for (let i = 0; i < list.length; i++) {
    const buf = list[i];
    if (!isUint8Array(buf)) throw invalidArgType(`list[${i}]`, ['Buffer', 'Uint8Array'], buf);
    const n = Math.min(buf.length, total - pos);
    out.set(n === buf.length ? buf : buf.subarray(0, n), pos);
    pos += n;
    if (pos >= total) break;
  }
  if (pos < total) u8fill.call(out, 0, pos, total);
  return out;
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  return a.length < b.length ? -1 : a.length > b.length ? 1 : 0;
}

function staticCompare(buf1: unknown, buf2: unknown): number {
  validateBufferLike(buf1, 'buf1');
  validateBufferLike(buf2, 'buf2');
  return buf1 === buf2 ? 0 : compareBytes(buf1, buf2);
}

// ---- prototype ----
function toString(this: Buf, encoding?: unknown, start?: number, end?: number): string {
  if (arguments.length === 0) return decode(this, 'utf8');
  const len = this.length;
  if (start === undefined || start <= 0) start = 0;
  else if (start >= len) return '';
  else start = Math.trunc(start) || 0;
  if (end === undefined || end > len) end = len;
  else end = Math.trunc(end) || 0;
  if (end <= start) return '';
  if (encoding === undefined) return decode(this, 'utf8', start, end);
  return decode(this, encodingOf(encoding), start, end);
}

function write(this: Buf, string: unknown, offset?: unknown, length?: unknown, encoding?: unknown): number {
  if (typeof string !== 'string') throw withMessage(new codes.ERR_INVALID_ARG_TYPE('argument', 'string', string), 'argument must be a string');
  if (offset === undefined) return encodeInto(string, 'utf8', this, 0, this.length);
  let off: number;
  let len: number;
  if (length === undefined && typeof offset === 'string') {
    encoding = offset;
    len = this.length;
    off = 0;
  } else {
    validateOffset(offset, 'offset', 0, this.length);
    off = offset;
    const remaining = this.length - off;
    if (length === undefined) len = remaining;
    else if (typeof length === 'string') { encoding = length; len = remaining; }
    else { validateOffset(length, 'length', 0, this.length); len = Math.min(length, remaining); }
  }
  if (!encoding) return encodeInto(string, 'utf8', this, off, len);
  const enc = normalizeEncoding(encoding);
  if (enc === undefined) unknownEncoding(encoding);
  return encodeInto(string, enc, this, off, len);
}

function fillImpl(buf: Uint8Array, value: unknown, offset: unknown, end: unknown, encoding: unknown): Uint8Array {
  let bytes: Uint8Array | null = null;
  let byte = 0;
  if (typeof value === 'string') {
    if (offset === undefined || typeof offset === 'string') { encoding = offset; offset = 0; end = buf.length; }
    else if (typeof end === 'string') { encoding = end; end = buf.length; }
    const enc = normalizeEncoding(encoding);
    if (enc === undefined) unknownEncoding(encoding);
    if (value.length === 0) byte = 0;
    else if (value.length === 1 && enc === 'utf8' && value.charCodeAt(0) < 128) byte = value.charCodeAt(0);
    else if (value.length === 1 && enc === 'latin1') byte = value.charCodeAt(0) & 0xff;
    else {
      bytes = encode(value, enc);
      if (bytes.length === 0) throw invalidArgValue('value', value);
    }
  } else if (isUint8Array(value) || ArrayBuffer.isView(value)) {
    bytes = isUint8Array(value) ? value : new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
    if (bytes.length === 0) throw invalidArgValue('value', value);
  } else if (typeof value === 'number') {
    byte = value & 255;
  } else {
    byte = Number(value) & 255;
  }
  let from: number;
  let to: number;
  if (offset === undefined) { from = 0; to = buf.length; }
  else {
    validateOffset(offset, 'offset');
    from = offset;
    if (end === undefined) to = buf.length;
    else { validateOffset(end, 'end', 0, buf.length); to = end; }
    if (from >= to) return buf;
  }
  if (to > buf.length) throw new codes.ERR_BUFFER_OUT_OF_BOUNDS();
  if (bytes === null) { u8fill.call(buf, byte, from, to); return buf; }
  for (let i = from, j = 0; i < to; i++, j = j + 1 === bytes.length ? 0 : j + 1) buf[i] = bytes[j];
  return buf;
}

function indexOfBytes(hay: Uint8Array, needle: Uint8Array, byteOffset: number, forward: boolean): number {
  const n = hay.length;
  const m = needle.length;
  let start = byteOffset < 0 ? Math.max(n + byteOffset, forward ? 0 : -1) : byteOffset;
  if (m === 0) return forward ? Math.min(start, n) : Math.min(start, n);
  if (forward) {
    for (let i = Math.max(start, 0); i + m <= n; i++) {
      let j = 0;
      while (j < m && hay[i + j] === needle[j]) j++;
      if (j === m) return i;
    }
  } else {
    for (let i = Math.min(start, n - m); i >= 0; i--) {
      let j = 0;
      while (j < m && hay[i + j] === needle[j]) j++;
      if (j === m) return i;
    }
  }
  return -1;
}

function bidirectionalIndexOf(buffer: Uint8Array, val: unknown, byteOffset: unknown, encoding: unknown, forward: boolean): number {
  if (typeof byteOffset === 'string') { encoding = byteOffset; byteOffset = undefined; }
  else if ((byteOffset as number) > 0x7fffffff) byteOffset = 0x7fffffff;
  else if ((byteOffset as number) < -0x80000000) byteOffset = -0x80000000;
  let offset = +(byteOffset as number);
  if (Number.isNaN(offset)) offset = forward ? 0 : buffer.length;
  if (typeof val === 'number') return indexOfBytes(buffer, new Uint8Array([(val >>> 0) & 255]), offset, forward);
  const enc = encoding === undefined ? 'utf8' : normalizeEncoding(encoding);
  if (typeof val === 'string') {
    if (enc === undefined) throw new codes.ERR_UNKNOWN_ENCODING(encoding);
    return indexOfBytes(buffer, encode(val, enc), offset, forward);
  }
  if (isUint8Array(val)) return indexOfBytes(buffer, val, offset, forward);
  throw invalidArgType('value', ['number', 'string', 'Buffer', 'Uint8Array'], val);
}

function equals(this: Buf, otherBuffer: unknown): boolean {
  validateBufferLike(otherBuffer, 'otherBuffer');
  if (this === otherBuffer) return true;
  return this.length === otherBuffer.length && compareBytes(this, otherBuffer) === 0;
}

function compare(this: Buf, target: unknown, targetStart?: unknown, targetEnd?: unknown, sourceStart?: unknown, sourceEnd?: unknown): number {
  validateBufferLike(target, 'target');
  if (targetStart === undefined) targetStart = 0; else validateOffset(targetStart, 'targetStart');
  if (targetEnd === undefined) targetEnd = target.length; else validateOffset(targetEnd, 'targetEnd', 0, target.length);
  if (sourceStart === undefined) sourceStart = 0; else validateOffset(sourceStart, 'sourceStart');
  if (sourceEnd === undefined) sourceEnd = this.length; else validateOffset(sourceEnd, 'sourceEnd', 0, this.length);
  const ts = targetStart as number, te = targetEnd as number, ss = sourceStart as number, se = sourceEnd as number;
  if (ss >= se) return ts >= te ? 0 : -1;
  if (ts >= te) return 1;
  return compareBytes(this.subarray(ss, se), target.subarray(ts, te));
}

function copy(this: Buf, target: unknown, targetStart?: unknown, sourceStart?: unknown, sourceEnd?: unknown): number {
  validateBufferLike(target, 'target');
  let ts = 0;
  if (targetStart !== undefined) {
    ts = +(targetStart as number) || 0;
    if (ts < 0) throw outOfRange('targetStart', '>= 0', targetStart);
  }
  let ss = 0;
  if (sourceStart !== undefined) {
    ss = +(sourceStart as number) || 0;
    if (ss < 0 || ss > this.length) throw outOfRange('sourceStart', `>= 0 && <= ${this.length}`, sourceStart);
  }
  let se = this.length;
  if (sourceEnd !== undefined) {
    se = +(sourceEnd as number) || 0;
    if (se < 0) throw outOfRange('sourceEnd', '>= 0', sourceEnd);
  }
  ts = Math.trunc(ts); ss = Math.trunc(ss); se = Math.trunc(se);
  if (ts >= target.length || ss >= se) return 0;
  if (se > this.length) se = this.length;
  const n = Math.min(se - ss, target.length - ts);
  target.set(this.subarray(ss, ss + n), ts);
  return n;
}

function swapN(this: Buf, size: number): Buf {
  if (this.length % size !== 0) throw new codes.ERR_INVALID_BUFFER_SIZE(`${size * 8}-bits`);
  for (let i = 0; i < this.length; i += size) {
    for (let a = i, b = i + size - 1; a < b; a++, b--) { const t = this[a]; this[a] = this[b]; this[b] = t; }
  }
  return this;
}

function inspectBuffer(this: Buf, _recurseTimes: number, ctx?: { showHidden?: boolean }, inspect?: (v: unknown, o?: object) => string): string {
  const max = inspectLimits.INSPECT_MAX_BYTES;
  const actualMax = Math.min(max, this.length);
  const remaining = this.length - max;
  let str = decode(this, 'hex', 0, actualMax).replace(/(.{2})/g, '$1 ').trim();
  if (remaining > 0) str += ` ... ${remaining} more byte${remaining > 1 ? 's' : ''}`;
  if (ctx && inspect) {
    const keys: PropertyKey[] = (ctx.showHidden ? Object.getOwnPropertyNames(this) : Object.keys(this)).filter((k) => !/^(0|[1-9][0-9]*)$/.test(k));
    for (const s of Object.getOwnPropertySymbols(this)) if (ctx.showHidden || Object.prototype.propertyIsEnumerable.call(this, s)) keys.push(s);
    if (keys.length > 0) {
      const obj: Record<PropertyKey, unknown> = Object.create(null);
      for (const k of keys) obj[k as string] = (this as any)[k];
      if (this.length !== 0) str += ', ';
      str += inspect(obj, { ...ctx, breakLength: Infinity, compact: true }).slice(27, -2);
    }
  }
  return `<${this.constructor.name} ${str}>`;
}

const methods: Record<string, Function> = {
  ...numberMethods,
  toString,
  toLocaleString: toString,
  write,
  fill(this: Buf, value: unknown, offset?: unknown, end?: unknown, encoding?: unknown) { return fillImpl(this, value, offset, end, encoding); },
  indexOf(this: Buf, val: unknown, byteOffset?: unknown, encoding?: unknown) { return bidirectionalIndexOf(this, val, byteOffset, encoding, true); },
  lastIndexOf(this: Buf, val: unknown, byteOffset?: unknown, encoding?: unknown) { return bidirectionalIndexOf(this, val, byteOffset, encoding, false); },
  includes(this: Buf, val: unknown, byteOffset?: unknown, encoding?: unknown) { return bidirectionalIndexOf(this, val, byteOffset, encoding, true) !== -1; },
  equals,
  compare,
  copy,
  swap16(this: Buf) { return swapN.call(this, 2); },
  swap32(this: Buf) { return swapN.call(this, 4); },
  swap64(this: Buf) { return swapN.call(this, 8); },
  toJSON(this: Buf) { return { type: 'Buffer', data: Array.from(this) }; },
  [Symbol.for('nodejs.util.inspect.custom')]: inspectBuffer,
  inspect: inspectBuffer,
};
for (const enc of ['utf8', 'latin1', 'ascii', 'hex', 'base64', 'base64url', 'ucs2'] as Encoding[]) {
  methods[`${enc}Slice`] = function (this: Buf, start = 0, end = this.length) { return decode(this, enc, start, end); };
  methods[`${enc}Write`] = function (this: Buf, s: string, offset = 0, length = this.length - offset) { return encodeInto(s, enc, this, offset, length); };
}
for (const key of [...Object.keys(methods), ...Object.getOwnPropertySymbols(methods)]) {
  Object.defineProperty(proto, key, { value: (methods as any)[key], writable: true, configurable: true, enumerable: false });
}
const statics: Record<string, unknown> = {
  from, alloc, allocUnsafe, allocUnsafeSlow: allocUnsafe, byteLength, isEncoding, concat, compare: staticCompare,
  isBuffer: (b: unknown) => b instanceof Buffer,
  copyBytesFrom(view: ArrayBufferView, offset = 0, length?: number): Buf {
    if (!ArrayBuffer.isView(view) || view instanceof DataView) throw invalidArgType('view', ['TypedArray'], view);
    const el = (view as unknown as { BYTES_PER_ELEMENT: number }).BYTES_PER_ELEMENT;
    const count = (view as unknown as { length: number }).length;
    if (offset !== 0) validateOffset(offset, 'offset');
    if (length !== undefined) validateOffset(length, 'length');
    const start = Math.min(offset, count);
    const end = length === undefined ? count : Math.min(start + length, count);
    return wrap(new Uint8Array(view.buffer.slice(view.byteOffset + start * el, view.byteOffset + end * el)));
  },
};
for (const key of Object.keys(statics)) {
  Object.defineProperty(Buffer, key, { value: statics[key], writable: true, configurable: true, enumerable: true });
}
(Buffer as unknown as { poolSize: number }).poolSize = 8192;

// ---- module functions ----
export function isUtf8(input: unknown): boolean {
  const bytes = viewOf(input);
  try { decodeUtf8Partial(bytes, true, false); return true; } catch { return false; }
}
export function isAscii(input: unknown): boolean {
  const bytes = viewOf(input);
  for (let i = 0; i < bytes.length; i++) if (bytes[i] > 0x7f) return false;
  return true;
}
function viewOf(input: unknown): Uint8Array {
  if (ArrayBuffer.isView(input)) return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  if (isAnyArrayBuffer(input)) return new Uint8Array(input);
  throw invalidArgType('input', ['ArrayBuffer', 'Buffer', 'TypedArray'], input);
}

/** ICU's transcode for the encodings Node without full ICU data supports; unmappable characters become '?'. */
export function transcode(source: unknown, fromEncoding: string, toEncoding: string): Buf {
  if (!isUint8Array(source)) throw invalidArgType('source', ['Buffer', 'Uint8Array'], source);
  if (source.length === 0) return wrap(new Uint8Array(0));
  const supported = (e: Encoding | undefined) => e === 'utf8' || e === 'ucs2' || e === 'latin1' || e === 'ascii';
  const from = normalizeEncoding(fromEncoding);
  const to = normalizeEncoding(toEncoding);
  if (!supported(from) || !supported(to)) {
    const err = new Error('Unable to transcode Buffer [U_ILLEGAL_ARGUMENT_ERROR]') as Error & { code: string; errno: number };
    err.code = 'U_ILLEGAL_ARGUMENT_ERROR';
    err.errno = 1;
    throw err;
  }
  let text = decode(source, from!);
  if (to === 'latin1' || to === 'ascii') {
    const limit = to === 'ascii' ? 0x7f : 0xff;
    text = Array.from(text, (ch) => (ch.length === 1 && ch.charCodeAt(0) <= limit ? ch : '?')).join('');
  }
  return wrap(encode(text, to!).slice());
}

export const SlowBuffer = pkg.SlowBuffer;
/** The initial value; `require('buffer').INSPECT_MAX_BYTES = n` goes through the default export. */
export const INSPECT_MAX_BYTES = 50;
/** The Blob a URL.createObjectURL() URL stands for, until revoked (internal/blob-urls.ts). */
export function resolveObjectURL(url: string): Blob | undefined {
  const blob = resolveBlobUrl(`${url}`);
  return blob instanceof Blob ? blob : undefined;
}
export { Blob, File, atob, btoa };

const bufferModule = {
  Buffer, SlowBuffer, transcode, isUtf8, isAscii, kMaxLength, kStringMaxLength, btoa, atob, constants, Blob, File, resolveObjectURL,
  get INSPECT_MAX_BYTES() { return inspectLimits.INSPECT_MAX_BYTES; },
  set INSPECT_MAX_BYTES(v: number) {
    validateNumber(v, 'INSPECT_MAX_BYTES', 0);
    inspectLimits.INSPECT_MAX_BYTES = v;
  },
};
export default bufferModule;
