// Buffer's integer, float and BigInt readers/writers with Node's checks and errors, after
// lib/internal/buffer.js: an offset must be a number (ERR_INVALID_ARG_TYPE), an integer
// (ERR_OUT_OF_RANGE "an integer") and leave room for the value ("It must be >= 0 and <= N", or
// ERR_BUFFER_OUT_OF_BOUNDS when the buffer is too short for any offset); a value must fit the
// type ("It must be >= 0 and <= 255", ">= 0 and < 2 ** 32" from 32 bits up). Multi-byte integers
// are composed with arithmetic (not DataView) exactly as Node does, so results match bit for bit.

import { validateNumber, outOfRange } from '../validators';
import { codes } from '../../../core/errors';

type Buf = Uint8Array;

function boundsError(value: number, length: number, type?: string): never {
  if (Math.floor(value) !== value) {
    validateNumber(value, type ?? 'offset');
    throw outOfRange(type || 'offset', 'an integer', value);
  }
  if (length < 0) throw new codes.ERR_BUFFER_OUT_OF_BOUNDS();
  throw outOfRange(type || 'offset', `>= ${type ? 1 : 0} and <= ${length}`, value);
}

function checkBounds(buf: Buf, offset: number, byteLength: number): void {
  validateNumber(offset, 'offset');
  if (buf[offset] === undefined || buf[offset + byteLength] === undefined) boundsError(offset, buf.length - (byteLength + 1));
}

function checkInt(value: number | bigint, min: number | bigint, max: number | bigint, buf: Buf, offset: number, byteLength: number): void {
  if (value > max || value < min) {
    const n = typeof min === 'bigint' ? 'n' : '';
    let range: string;
    if (byteLength > 3) {
      range = min === 0 || min === 0n
        ? `>= 0${n} and < 2${n} ** ${(byteLength + 1) * 8}${n}`
        : `>= -(2${n} ** ${(byteLength + 1) * 8 - 1}${n}) and < 2${n} ** ${(byteLength + 1) * 8 - 1}${n}`;
    } else {
      range = `>= ${min}${n} and <= ${max}${n}`;
    }
    throw outOfRange('value', range, value);
  }
  checkBounds(buf, offset, byteLength);
}

function read(buf: Buf, offset: number, size: number): void {
  validateNumber(offset, 'offset');
  if (buf[offset] === undefined || buf[offset + size - 1] === undefined) boundsError(offset, buf.length - size);
}

// ---- unsigned/signed integers, little and big endian ----
function readUIntLEn(b: Buf, o: number, n: number): number {
  read(b, o, n);
  let v = 0;
  for (let i = n - 1; i >= 0; i--) v = v * 256 + b[o + i];
  return v;
}
function readUIntBEn(b: Buf, o: number, n: number): number {
  read(b, o, n);
  let v = 0;
  for (let i = 0; i < n; i++) v = v * 256 + b[o + i];
  return v;
}
const signed = (v: number, n: number) => (v >= 2 ** (8 * n - 1) ? v - 2 ** (8 * n) : v);

function writeUIntLEn(b: Buf, value: number, o: number, n: number, min: number, max: number): number {
  value = +value;
  if (n === 1) {
    validateNumber(o, 'offset');
    if (value > max || value < min) throw outOfRange('value', `>= ${min} and <= ${max}`, value);
    if (b[o] === undefined) boundsError(o, b.length - 1);
  } else {
    checkInt(value, min, max, b, o, n - 1);
  }
  let v = value < 0 ? 2 ** (8 * n) + Math.trunc(value) : Math.trunc(value);
  for (let i = 0; i < n; i++) { b[o + i] = v % 256; v = Math.floor(v / 256); }
  return o + n;
}
function writeUIntBEn(b: Buf, value: number, o: number, n: number, min: number, max: number): number {
  value = +value;
  if (n === 1) return writeUIntLEn(b, value, o, 1, min, max);
  checkInt(value, min, max, b, o, n - 1);
  let v = value < 0 ? 2 ** (8 * n) + Math.trunc(value) : Math.trunc(value);
  for (let i = n - 1; i >= 0; i--) { b[o + i] = v % 256; v = Math.floor(v / 256); }
  return o + n;
}

const uMax = (n: number) => 2 ** (8 * n) - 1;
const sMin = (n: number) => -(2 ** (8 * n - 1));
const sMax = (n: number) => 2 ** (8 * n - 1) - 1;

function byteLengthCheck(offset: unknown, byteLength: unknown): asserts byteLength is number {
  if (offset === undefined) throw new codes.ERR_INVALID_ARG_TYPE('offset', 'number', offset);
  if (byteLength !== 1 && byteLength !== 2 && byteLength !== 3 && byteLength !== 4 && byteLength !== 5 && byteLength !== 6) {
    boundsError(byteLength as number, 6, 'byteLength');
  }
}

// ---- floats (through one scratch buffer, host byte order is little-endian on x86 and arm64) ----
const f32 = new Float32Array(1);
const f32b = new Uint8Array(f32.buffer);
const f64 = new Float64Array(1);
const f64b = new Uint8Array(f64.buffer);

function readFloat(b: Buf, o: number, size: 4 | 8, little: boolean): number {
  read(b, o, size);
  const scratch = size === 4 ? f32b : f64b;
  for (let i = 0; i < size; i++) scratch[little ? i : size - 1 - i] = b[o + i];
  return size === 4 ? f32[0] : f64[0];
}
function writeFloat(b: Buf, value: number, o: number, size: 4 | 8, little: boolean): number {
  value = +value;
  checkBounds(b, o, size - 1);
  if (size === 4) f32[0] = value; else f64[0] = value;
  const scratch = size === 4 ? f32b : f64b;
  for (let i = 0; i < size; i++) b[o + i] = scratch[little ? i : size - 1 - i];
  return o + size;
}

// ---- BigInt ----
function readBig64(b: Buf, o: number, little: boolean, isSigned: boolean): bigint {
  read(b, o, 8);
  let v = 0n;
  for (let i = 0; i < 8; i++) v = (v << 8n) | BigInt(b[o + (little ? 7 - i : i)]);
  return isSigned ? BigInt.asIntN(64, v) : v;
}
function writeBig64(b: Buf, value: bigint, o: number, little: boolean, min: bigint, max: bigint): number {
  checkInt(value, min, max, b, o, 7);
  let v = BigInt.asUintN(64, value);
  for (let i = 0; i < 8; i++) { b[o + (little ? i : 7 - i)] = Number(v & 0xffn); v >>= 8n; }
  return o + 8;
}

/** The methods installed on Buffer.prototype (with their Uint aliases). */
export const numberMethods: Record<string, Function> = {
  readUInt8(this: Buf, o = 0) { return readUIntLEn(this, o, 1); },
  readUInt16LE(this: Buf, o = 0) { return readUIntLEn(this, o, 2); },
  readUInt16BE(this: Buf, o = 0) { return readUIntBEn(this, o, 2); },
  readUInt32LE(this: Buf, o = 0) { return readUIntLEn(this, o, 4); },
  readUInt32BE(this: Buf, o = 0) { return readUIntBEn(this, o, 4); },
  readUIntLE(this: Buf, o: number, n: number) { byteLengthCheck(o, n); return readUIntLEn(this, o, n); },
  readUIntBE(this: Buf, o: number, n: number) { byteLengthCheck(o, n); return readUIntBEn(this, o, n); },
  readInt8(this: Buf, o = 0) { return signed(readUIntLEn(this, o, 1), 1); },
  readInt16LE(this: Buf, o = 0) { return signed(readUIntLEn(this, o, 2), 2); },
  readInt16BE(this: Buf, o = 0) { return signed(readUIntBEn(this, o, 2), 2); },
  readInt32LE(this: Buf, o = 0) { return signed(readUIntLEn(this, o, 4), 4); },
  readInt32BE(this: Buf, o = 0) { return signed(readUIntBEn(this, o, 4), 4); },
  readIntLE(this: Buf, o: number, n: number) { byteLengthCheck(o, n); return signed(readUIntLEn(this, o, n), n); },
  readIntBE(this: Buf, o: number, n: number) { byteLengthCheck(o, n); return signed(readUIntBEn(this, o, n), n); },
  readFloatLE(this: Buf, o = 0) { return readFloat(this, o, 4, true); },
  readFloatBE(this: Buf, o = 0) { return readFloat(this, o, 4, false); },
  readDoubleLE(this: Buf, o = 0) { return readFloat(this, o, 8, true); },
  readDoubleBE(this: Buf, o = 0) { return readFloat(this, o, 8, false); },
  readBigUInt64LE(this: Buf, o = 0) { return readBig64(this, o, true, false); },
  readBigUInt64BE(this: Buf, o = 0) { return readBig64(this, o, false, false); },
  readBigInt64LE(this: Buf, o = 0) { return readBig64(this, o, true, true); },
  readBigInt64BE(this: Buf, o = 0) { return readBig64(this, o, false, true); },

  writeUInt8(this: Buf, v: number, o = 0) { return writeUIntLEn(this, v, o, 1, 0, 0xff); },
  writeUInt16LE(this: Buf, v: number, o = 0) { return writeUIntLEn(this, v, o, 2, 0, 0xffff); },
  writeUInt16BE(this: Buf, v: number, o = 0) { return writeUIntBEn(this, v, o, 2, 0, 0xffff); },
  writeUInt32LE(this: Buf, v: number, o = 0) { return writeUIntLEn(this, v, o, 4, 0, 0xffffffff); },
  writeUInt32BE(this: Buf, v: number, o = 0) { return writeUIntBEn(this, v, o, 4, 0, 0xffffffff); },
  writeUIntLE(this: Buf, v: number, o: number, n: number) { byteLengthCheck(o, n); return writeUIntLEn(this, v, o, n, 0, uMax(n)); },
  writeUIntBE(this: Buf, v: number, o: number, n: number) { byteLengthCheck(o, n); return writeUIntBEn(this, v, o, n, 0, uMax(n)); },
  writeInt8(this: Buf, v: number, o = 0) { return writeUIntLEn(this, v, o, 1, -0x80, 0x7f); },
  writeInt16LE(this: Buf, v: number, o = 0) { return writeUIntLEn(this, v, o, 2, -0x8000, 0x7fff); },
  writeInt16BE(this: Buf, v: number, o = 0) { return writeUIntBEn(this, v, o, 2, -0x8000, 0x7fff); },
  writeInt32LE(this: Buf, v: number, o = 0) { return writeUIntLEn(this, v, o, 4, -0x80000000, 0x7fffffff); },
  writeInt32BE(this: Buf, v: number, o = 0) { return writeUIntBEn(this, v, o, 4, -0x80000000, 0x7fffffff); },
  writeIntLE(this: Buf, v: number, o: number, n: number) { byteLengthCheck(o, n); return writeUIntLEn(this, v, o, n, sMin(n), sMax(n)); },
  writeIntBE(this: Buf, v: number, o: number, n: number) { byteLengthCheck(o, n); return writeUIntBEn(this, v, o, n, sMin(n), sMax(n)); },
  writeFloatLE(this: Buf, v: number, o = 0) { return writeFloat(this, v, o, 4, true); },
  writeFloatBE(this: Buf, v: number, o = 0) { return writeFloat(this, v, o, 4, false); },
  writeDoubleLE(this: Buf, v: number, o = 0) { return writeFloat(this, v, o, 8, true); },
  writeDoubleBE(this: Buf, v: number, o = 0) { return writeFloat(this, v, o, 8, false); },
  writeBigUInt64LE(this: Buf, v: bigint, o = 0) { return writeBig64(this, v, o, true, 0n, 0xffffffffffffffffn); },
  writeBigUInt64BE(this: Buf, v: bigint, o = 0) { return writeBig64(this, v, o, false, 0n, 0xffffffffffffffffn); },
  writeBigInt64LE(this: Buf, v: bigint, o = 0) { return writeBig64(this, v, o, true, -(2n ** 63n), 2n ** 63n - 1n); },
  writeBigInt64BE(this: Buf, v: bigint, o = 0) { return writeBig64(this, v, o, false, -(2n ** 63n), 2n ** 63n - 1n); },
};
for (const name of Object.keys(numberMethods)) {
  if (name.includes('UInt')) numberMethods[name.replace('UInt', 'Uint')] = numberMethods[name];
}
