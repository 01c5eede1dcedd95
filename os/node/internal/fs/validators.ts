// Argument validation for node:fs, as Node's lib/internal/validators.js and lib/internal/fs/utils.js:
// the same checks in the same order with the same error codes (ERR_INVALID_ARG_TYPE,
// ERR_INVALID_ARG_VALUE, ERR_OUT_OF_RANGE), so applications that test `err.code` see what they
// see on Node. Paths may be strings, Buffers/Uint8Arrays (decoded as UTF-8) or file: URLs (any
// object with `href` and `protocol`, as Node's isURL accepts).

import { Buffer } from 'buffer';
import { codes } from '../../../core/errors';
import { decodeUtf8 } from '../../../core/utf8';

export const kMaxUserId = 2 ** 32 - 1;

export function isArrayBufferView(value: unknown): value is ArrayBufferView {
  return ArrayBuffer.isView(value);
}

export function isUint8Array(value: unknown): value is Uint8Array {
  return value instanceof Uint8Array;
}

export function validateInteger(value: unknown, name: string, min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER): asserts value is number {
  if (typeof value !== 'number') throw new codes.ERR_INVALID_ARG_TYPE(name, 'number', value);
  if (!Number.isInteger(value)) throw new codes.ERR_OUT_OF_RANGE(name, 'an integer', value);
  if (value < min || value > max) throw new codes.ERR_OUT_OF_RANGE(name, `>= ${min} && <= ${max}`, value);
}

export function validateInt32(value: unknown, name: string, min = -2147483648, max = 2147483647): asserts value is number {
  validateInteger(value, name, min, max);
}

export function validateUint32(value: unknown, name: string, positive = false): asserts value is number {
  validateInteger(value, name, positive ? 1 : 0, 4294967295);
}

export function validateBoolean(value: unknown, name: string): asserts value is boolean {
  if (typeof value !== 'boolean') throw new codes.ERR_INVALID_ARG_TYPE(name, 'boolean', value);
}

export function validateString(value: unknown, name: string): asserts value is string {
  if (typeof value !== 'string') throw new codes.ERR_INVALID_ARG_TYPE(name, 'string', value);
}

export function validateFunction(value: unknown, name: string): asserts value is Function {
  if (typeof value !== 'function') throw new codes.ERR_INVALID_ARG_TYPE(name, 'function', value);
}

/** Objects only; `nullable` also lets null through (kValidateObjectAllowNullable). */
export function validateObject(value: unknown, name: string, nullable = false): void {
  if ((value === null && !nullable) || (value !== null && (typeof value !== 'object' || Array.isArray(value)))) {
    throw new codes.ERR_INVALID_ARG_TYPE(name, 'Object', value);
  }
}

export function validateBuffer(value: unknown, name = 'buffer'): asserts value is ArrayBufferView {
  if (!isArrayBufferView(value)) throw new codes.ERR_INVALID_ARG_TYPE(name, ['Buffer', 'TypedArray', 'DataView'], value);
}

export function validateStringAfterArrayBufferView(value: unknown, name: string): asserts value is string {
  if (typeof value !== 'string') throw new codes.ERR_INVALID_ARG_TYPE(name, ['string', 'Buffer', 'TypedArray', 'DataView'], value);
}

/** The bytes of any ArrayBufferView as a Uint8Array over the same memory. */
export function bytesOf(view: ArrayBufferView): Uint8Array {
  return view instanceof Uint8Array ? view : new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
}

/** Node's isURL: a WHATWG URL or anything shaped like one. */
function isURL(value: any): boolean {
  return Boolean(value && typeof value === 'object' && value.href && value.protocol && value.auth === undefined && value.path === undefined);
}

/** url.fileURLToPath for POSIX hosts. */
export function fileURLToPath(url: { protocol: string; hostname?: string; pathname: string }): string {
  if (url.protocol !== 'file:') throw new codes.ERR_INVALID_URL_SCHEME('file');
  if (url.hostname && url.hostname !== '') throw new codes.ERR_INVALID_FILE_URL_HOST('linux');
  const pathname = url.pathname;
  for (let n = 0; n < pathname.length; n++) {
    if (pathname[n] === '%') {
      const third = pathname.codePointAt(n + 2)! | 0x20;
      if (pathname[n + 1] === '2' && third === 102) throw new codes.ERR_INVALID_FILE_URL_PATH('must not include encoded / characters');
    }
  }
  return decodeURIComponent(pathname);
}

export type PathLike = string | Uint8Array | { href: string; protocol: string; pathname: string };

/** getValidatedPath: the path as a string (Buffers decoded as UTF-8), or a Node argument error. */
export function getValidatedPath(value: unknown, name = 'path'): string {
  const path = isURL(value) ? fileURLToPath(value as { protocol: string; hostname?: string; pathname: string }) : value;
  if (typeof path !== 'string' && !isUint8Array(path)) throw new codes.ERR_INVALID_ARG_TYPE(name, ['string', 'Buffer', 'URL'], path);
  const hasNull = typeof path === 'string' ? path.includes('\u0000') : path.includes(0);
  if (hasNull) throw new codes.ERR_INVALID_ARG_VALUE(name, path, 'must be a string, Uint8Array, or URL without null bytes');
  return typeof path === 'string' ? path : decodeUtf8(path);
}

export function getValidatedFd(fd: unknown, name = 'fd'): number {
  if (Object.is(fd, -0)) return 0;
  validateInt32(fd, name, 0);
  return fd;
}

/** isInt32 as readFile/writeFile use it to tell a descriptor from a path. */
export function isFd(value: unknown): value is number {
  return typeof value === 'number' && value === (value | 0);
}

/** parseFileMode: a 32-bit unsigned integer or an octal string; `def` when undefined/null. */
export function parseFileMode(value: unknown, name: string, def?: number): number {
  value ??= def;
  if (typeof value === 'string') {
    if (!/^[0-7]+$/.test(value)) throw new codes.ERR_INVALID_ARG_VALUE(name, value, 'must be a 32-bit unsigned integer or an octal string');
    value = parseInt(value, 8);
  }
  validateUint32(value, name);
  return value;
}

/** getValidMode for access() and copyFile(): an integer flag set in [0, 7]. */
export function getValidMode(mode: unknown, def: number): number {
  if (mode == null) return def;
  validateInteger(mode, 'mode', 0, 7);
  return mode;
}

export interface EncodingOptions {
  encoding?: string | null;
  flag?: string | number;
  mode?: number | string;
  [key: string]: unknown;
}

export function assertEncoding(encoding: unknown): void {
  if (encoding && !Buffer.isEncoding(encoding as string)) {
    throw new codes.ERR_INVALID_ARG_VALUE('encoding', encoding, 'is invalid encoding');
  }
}

/** getOptions: a string is the encoding; an object is merged over `defaults`; null/functions give defaults. */
export function getOptions(options: unknown, defaults: EncodingOptions = {}): EncodingOptions {
  if (options == null || typeof options === 'function') return defaults;
  let result: EncodingOptions;
  if (typeof options === 'string') result = { ...defaults, encoding: options };
  else if (typeof options === 'object') result = { ...defaults, ...(options as object) };
  else throw new codes.ERR_INVALID_ARG_TYPE('options', ['string', 'Object'], options);
  if (result.encoding !== 'buffer') assertEncoding(result.encoding);
  if (result.signal !== undefined) validateAbortSignal(result.signal, 'options.signal');
  return result;
}

export function validateAbortSignal(signal: unknown, name: string): void {
  if (signal !== undefined && (signal === null || typeof signal !== 'object' || !('aborted' in (signal as object)))) {
    throw new codes.ERR_INVALID_ARG_TYPE(name, 'AbortSignal', signal);
  }
}

/** Throws an AbortError like Node's when `signal` has fired. */
export function checkAborted(signal: unknown): void {
  const s = signal as { aborted?: boolean; reason?: unknown } | undefined;
  if (s?.aborted) {
    const err = new Error('The operation was aborted') as Error & { code: string; cause?: unknown };
    err.name = 'AbortError';
    err.code = 'ABORT_ERR';
    if (s.reason !== undefined) err.cause = s.reason;
    throw err;
  }
}

/** The hex encoding needs an even number of digits (Node's validateEncoding). */
export function validateEncoding(data: string, encoding: unknown): void {
  const normalised = typeof encoding === 'string' ? encoding.toLowerCase() : encoding;
  if (normalised === 'hex' && data.length % 2 !== 0) {
    throw new codes.ERR_INVALID_ARG_VALUE('encoding', encoding, `is invalid for data of length ${data.length}`);
  }
}

/** Bytes of `data` in `encoding` (default UTF-8); ERR_UNKNOWN_ENCODING for names Buffer lacks. */
export function encodeString(data: string, encoding: unknown): Buffer {
  const enc = (encoding ?? 'utf8') as string;
  if (typeof enc !== 'string' || !Buffer.isEncoding(enc)) throw new codes.ERR_UNKNOWN_ENCODING(enc);
  return Buffer.from(data, enc as BufferEncoding);
}

export function validateOffsetLengthRead(offset: number, length: number, bufferLength: number): void {
  if (offset < 0) throw new codes.ERR_OUT_OF_RANGE('offset', '>= 0', offset);
  if (length < 0) throw new codes.ERR_OUT_OF_RANGE('length', '>= 0', length);
  if (offset + length > bufferLength) throw new codes.ERR_OUT_OF_RANGE('length', `<= ${bufferLength - offset}`, length);
}

export function validateOffsetLengthWrite(offset: number, length: number, byteLength: number): void {
  if (offset > byteLength) throw new codes.ERR_OUT_OF_RANGE('offset', `<= ${byteLength}`, offset);
  if (length > byteLength - offset) throw new codes.ERR_OUT_OF_RANGE('length', `<= ${byteLength - offset}`, length);
  if (length < 0) throw new codes.ERR_OUT_OF_RANGE('length', '>= 0', length);
  validateInt32(length, 'length', 0);
}

/** A read/write position: an integer >= -1 or a bigint; -1 and null mean "the file position". */
export function validatePosition(position: unknown, name: string, length: number): number | null {
  if (typeof position === 'number') {
    validateInteger(position, name, -1);
    return position === -1 ? null : position;
  }
  if (typeof position === 'bigint') {
    const max = 2n ** 63n - 1n - BigInt(length);
    if (!(position >= -1n && position <= max)) throw new codes.ERR_OUT_OF_RANGE(name, `>= -1 && <= ${max}`, position);
    return position === -1n ? null : Number(position);
  }
  throw new codes.ERR_INVALID_ARG_TYPE(name, ['integer', 'bigint'], position);
}

/** toUnixTimestamp: seconds (number or numeric string) or a Date; returned in milliseconds. */
export function toUnixTimestampMs(time: unknown, name = 'time'): number {
  if (typeof time === 'string' && +time == (time as unknown as number)) return +time * 1000;
  if (typeof time === 'number' && Number.isFinite(time)) return time < 0 ? Date.now() : time * 1000;
  if (time instanceof Date || Object.prototype.toString.call(time) === '[object Date]') return (time as Date).getTime();
  throw new codes.ERR_INVALID_ARG_TYPE(name, ['Date', 'Time in seconds'], time);
}

/** A string in `encoding`, or a Buffer for 'buffer' (readlink, realpath, mkdtemp, readdir names). */
export function encodeResult(value: string, encoding: unknown): string | Buffer {
  if (encoding === 'buffer') return Buffer.from(value, 'utf8');
  if (!encoding || encoding === 'utf8' || encoding === 'utf-8') return value;
  return Buffer.from(value, 'utf8').toString(encoding as BufferEncoding);
}
