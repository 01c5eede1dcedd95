// TextEncoder and TextDecoder (WHATWG Encoding Standard, https://encoding.spec.whatwg.org/) for the
// encodings Node 20 decodes without a conversion library: UTF-8, UTF-16LE/BE and windows-1252 with
// its labels (latin1, ascii, iso-8859-1, ...).
//
// Behaviour copied from host Node 20 where it departs from the standard: "windows-1252" decodes as
// ISO-8859-1 (byte n -> U+00nn, so 0x80 gives U+0080, not U+20AC), and a bad `input` to decode()
// throws Node's message naming "list". UTF-8 goes through os/core/utf8.ts (maximal-subpart
// replacement, §4.1 "utf-8 decoder"); in streaming mode an incomplete trailing sequence is held
// back until the next call.

import { codes } from '../../core/errors';
import { decodeUtf8Partial, encodeUtf8, encodeUtf8Into } from '../../core/utf8';

const customInspect = Symbol.for('nodejs.util.inspect.custom');
type InspectFn = (value: unknown, options?: object) => string;

// §4.2 "Names and labels" for the encodings we support.
const labels: Record<string, string> = {};
for (const l of ['unicode-1-1-utf-8', 'unicode11utf8', 'unicode20utf8', 'utf-8', 'utf8', 'x-unicode20utf8']) labels[l] = 'utf-8';
for (const l of ['csunicode', 'iso-10646-ucs-2', 'ucs-2', 'unicode', 'unicodefeff', 'utf-16', 'utf-16le']) labels[l] = 'utf-16le';
for (const l of ['unicodefffe', 'utf-16be']) labels[l] = 'utf-16be';
for (const l of ['ansi_x3.4-1968', 'ascii', 'cp1252', 'cp819', 'csisolatin1', 'ibm819', 'iso-8859-1', 'iso-ir-100',
  'iso8859-1', 'iso88591', 'iso_8859-1', 'iso_8859-1:1987', 'l1', 'latin1', 'us-ascii', 'windows-1252', 'x-cp1252']) labels[l] = 'windows-1252';

/** The canonical name for an encoding label, or undefined (§4.2 "get an encoding"). */
export function encodingFromLabel(label: string): string | undefined {
  return labels[label.replace(/^[\t\n\f\r ]+|[\t\n\f\r ]+$/g, '').toLowerCase()];
}

function invalidInput(): TypeError {
  const e = new TypeError('The "list" argument must be an instance of SharedArrayBuffer, ArrayBuffer or ArrayBufferView.');
  Object.defineProperty(e, 'code', { value: 'ERR_INVALID_ARG_TYPE', enumerable: true, writable: true, configurable: true });
  return e;
}

function toBytes(input: unknown): Uint8Array {
  if (input === undefined) return new Uint8Array(0);
  if (input instanceof Uint8Array) return input;
  if (ArrayBuffer.isView(input)) return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  if (input instanceof ArrayBuffer || (typeof SharedArrayBuffer === 'function' && input instanceof SharedArrayBuffer)) return new Uint8Array(input);
  throw invalidInput();
}

export class TextEncoder {
  get encoding(): string { return 'utf-8'; }
  encode(input: unknown = ''): Uint8Array { return encodeUtf8(`${input}`); }
  encodeInto(src: unknown, dest: Uint8Array): { read: number; written: number } {
    if (!(dest instanceof Uint8Array)) throw new codes.ERR_INVALID_ARG_TYPE('dest', 'Uint8Array', dest);
    return encodeUtf8Into(`${src}`, dest, 0, dest.length);
  }
  [customInspect](depth: number, options: object, inspect: InspectFn): unknown {
    if (typeof depth === 'number' && depth < 0) return this;
    const obj = Object.create({ constructor: TextEncoder });
    obj.encoding = this.encoding;
    return inspect(obj, options);
  }
}
for (const k of ['encoding', 'encode', 'encodeInto']) {
  Object.defineProperty(TextEncoder.prototype, k, { ...Object.getOwnPropertyDescriptor(TextEncoder.prototype, k), enumerable: true });
}
Object.defineProperty(TextEncoder, 'name', { value: 'TextEncoder' }); // stable under bundler renaming and minification
Object.defineProperty(TextEncoder.prototype, Symbol.toStringTag, { value: 'TextEncoder', configurable: true });

export class TextDecoder {
  #encoding: string;
  #fatal: boolean;
  #ignoreBOM: boolean;
  #pending: Uint8Array | null = null; // bytes held back in streaming mode
  #bomSeen = false;

  constructor(encoding: unknown = 'utf-8', options: unknown = {}) {
    const label = `${encoding}`;
    if (options != null && typeof options !== 'object' && typeof options !== 'function') throw new codes.ERR_INVALID_ARG_TYPE('options', 'object', options);
    const enc = encodingFromLabel(label);
    if (enc === undefined) throw new codes.ERR_ENCODING_NOT_SUPPORTED(label);
    const o = (options ?? {}) as { fatal?: unknown; ignoreBOM?: unknown };
    this.#encoding = enc;
    this.#fatal = !!o.fatal;
    this.#ignoreBOM = !!o.ignoreBOM;
  }

  get encoding(): string { return this.#encoding; }
  get fatal(): boolean { return this.#fatal; }
  get ignoreBOM(): boolean { return this.#ignoreBOM; }

  decode(input?: unknown, options: unknown = {}): string {
    let bytes = toBytes(input);
    if (options != null && typeof options !== 'object' && typeof options !== 'function') throw new codes.ERR_INVALID_ARG_TYPE('options', 'object', options);
    const stream = !!(options as { stream?: unknown } | null)?.stream;
    if (this.#pending) {
      const joined = new Uint8Array(this.#pending.length + bytes.length);
      joined.set(this.#pending);
      joined.set(bytes, this.#pending.length);
      bytes = joined;
      this.#pending = null;
    }
    let text: string;
    try {
      text = this.#decodeBytes(bytes, stream);
    } catch (e) {
      this.#reset();
      throw e;
    }
    // §4.1 "decode": strip one BOM at the start of the stream unless ignoreBOM.
    if (!this.#bomSeen && text.length > 0) {
      this.#bomSeen = true;
      if (!this.#ignoreBOM && this.#encoding !== 'windows-1252' && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    if (!stream) this.#reset();
    return text;
  }

  #reset(): void { this.#pending = null; this.#bomSeen = false; }

  #decodeBytes(bytes: Uint8Array, stream: boolean): string {
    switch (this.#encoding) {
      case 'utf-8': {
        const r = decodeUtf8Partial(bytes, this.#fatal, stream);
        if (r.consumed < bytes.length) this.#pending = bytes.slice(r.consumed);
        return r.text;
      }
      case 'utf-16le':
      case 'utf-16be':
        return this.#decodeUtf16(bytes, stream, this.#encoding === 'utf-16be');
      default:
        return latin1(bytes);
    }
  }

  // §14.3 "shared UTF-16 decoder": unpaired surrogates become U+FFFD (or fail when fatal); an odd
  // byte or a high surrogate at the end is held back when streaming.
  #decodeUtf16(bytes: Uint8Array, stream: boolean, bigEndian: boolean): string {
    const units: number[] = [];
    let out = '';
    const n = bytes.length & ~1;
    let end = n;
    if (stream && n >= 2) {
      const last = bigEndian ? (bytes[n - 2] << 8) | bytes[n - 1] : bytes[n - 2] | (bytes[n - 1] << 8);
      if (last >= 0xd800 && last <= 0xdbff) end = n - 2;
    }
    const bad = () => {
      if (this.#fatal) throw new codes.ERR_ENCODING_INVALID_ENCODED_DATA(this.#encoding);
      units.push(0xfffd);
    };
    for (let i = 0; i < end; i += 2) {
      const u = bigEndian ? (bytes[i] << 8) | bytes[i + 1] : bytes[i] | (bytes[i + 1] << 8);
      if (u >= 0xd800 && u <= 0xdbff) {
        const j = i + 2;
        const v = j + 1 < end ? (bigEndian ? (bytes[j] << 8) | bytes[j + 1] : bytes[j] | (bytes[j + 1] << 8)) : -1;
        if (v >= 0xdc00 && v <= 0xdfff) { units.push(u, v); i += 2; } else bad();
      } else if (u >= 0xdc00 && u <= 0xdfff) {
        bad();
      } else {
        units.push(u);
      }
      if (units.length >= 8192) { out += String.fromCharCode.apply(null, units); units.length = 0; }
    }
    out += String.fromCharCode.apply(null, units);
    if (stream) {
      if (end < bytes.length) this.#pending = bytes.slice(end);
    } else if (bytes.length & 1) {
      if (this.#fatal) throw new codes.ERR_ENCODING_INVALID_ENCODED_DATA(this.#encoding);
      out += '\ufffd';
    }
    return out;
  }

  [customInspect](depth: number, options: object, inspect: InspectFn): unknown {
    if (typeof depth === 'number' && depth < 0) return this;
    const obj = Object.create({ constructor: TextDecoder });
    obj.encoding = this.encoding;
    obj.fatal = this.fatal;
    obj.ignoreBOM = this.ignoreBOM;
    return `TextDecoder ${inspect(obj)}`;
  }
}
for (const k of ['decode', 'encoding', 'fatal', 'ignoreBOM']) {
  Object.defineProperty(TextDecoder.prototype, k, { ...Object.getOwnPropertyDescriptor(TextDecoder.prototype, k), enumerable: true });
}
Object.defineProperty(TextDecoder, 'name', { value: 'TextDecoder' }); // stable under bundler renaming and minification
Object.defineProperty(TextDecoder.prototype, Symbol.toStringTag, { value: 'TextDecoder', configurable: true });

/** Bytes as code points U+0000-U+00FF. */
export function latin1(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 8192) {
    out += String.fromCharCode.apply(null, bytes.subarray(i, i + 8192) as unknown as number[]);
  }
  return out;
}
