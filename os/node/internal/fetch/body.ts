// Bodies for Request and Response (https://fetch.spec.whatwg.org/#body-mixin) and FormData
// (https://xhr.spec.whatwg.org/#interface-formdata), as Node 20's undici: a body is known bytes
// (strings, buffers, Blobs, URLSearchParams, FormData serialised as multipart/form-data) or a
// ReadableStream (streams, async iterables, response bodies). Reading it (text/json/arrayBuffer/
// blob/bytes/formData) consumes it once; a second read fails with "Body is unusable".

import { Buffer } from 'buffer';
import { encodeUtf8, decodeUtf8 } from '../../../core/utf8';
import { Blob, File, blobBytes } from '../buffer/blob';
import { ReadableStream } from './webstreams';
import { URLSearchParams } from '../../url';

const kBody = Symbol('body');
const kEntries = Symbol('entries');

export interface BodyState {
  /** Known bytes (re-sendable on redirects), or null. */
  bytes: Uint8Array | null;
  stream: ReadableStream<Uint8Array> | null;
  used: boolean;
}

type Entry = [name: string, value: string | File];

export class FormData {
  [kEntries]: Entry[] = [];

  constructor(form?: unknown) {
    if (form !== undefined) throw new TypeError("FormData constructor: Argument 1 is not an HTMLFormElement (there is none here).");
  }

  #value(value: unknown, filename?: string): string | File {
    if (value instanceof Blob || (value && typeof value === 'object' && typeof (value as Blob).arrayBuffer === 'function' && typeof (value as Blob).size === 'number')) {
      const blob = value as Blob;
      if (blob instanceof File && filename === undefined) return blob;
      return new File([blob], filename ?? (blob instanceof File ? blob.name : 'blob'), { type: blob.type });
    }
    return String(value);
  }

  append(name: string, value: unknown, filename?: string): void {
    this[kEntries].push([String(name), this.#value(value, filename)]);
  }

  set(name: string, value: unknown, filename?: string): void {
    const n = String(name);
    const v = this.#value(value, filename);
    const i = this[kEntries].findIndex((e) => e[0] === n);
    if (i < 0) { this[kEntries].push([n, v]); return; }
    this[kEntries][i] = [n, v];
    this[kEntries] = this[kEntries].filter((e, j) => j <= i || e[0] !== n);
  }

  delete(name: string): void { this[kEntries] = this[kEntries].filter((e) => e[0] !== String(name)); }
  get(name: string): string | File | null { return this[kEntries].find((e) => e[0] === String(name))?.[1] ?? null; }
  getAll(name: string): (string | File)[] { return this[kEntries].filter((e) => e[0] === String(name)).map((e) => e[1]); }
  has(name: string): boolean { return this[kEntries].some((e) => e[0] === String(name)); }
  forEach(cb: (value: string | File, name: string, parent: FormData) => void, thisArg?: unknown): void {
    for (const [n, v] of this[kEntries]) cb.call(thisArg, v, n, this);
  }
  *entries(): IterableIterator<[string, string | File]> { for (const e of this[kEntries]) yield [e[0], e[1]]; }
  *keys(): IterableIterator<string> { for (const e of this[kEntries]) yield e[0]; }
  *values(): IterableIterator<string | File> { for (const e of this[kEntries]) yield e[1]; }
  [Symbol.iterator](): IterableIterator<[string, string | File]> { return this.entries(); }
}
Object.defineProperty(FormData, 'name', { value: 'FormData' });
Object.defineProperty(FormData.prototype, Symbol.toStringTag, { value: 'FormData', configurable: true });

function escapeName(s: string): string {
  return s.replace(/\n/g, '%0A').replace(/\r/g, '%0D').replace(/"/g, '%22');
}

/** multipart/form-data (RFC 7578) with undici's boundary shape. */
function serializeFormData(fd: FormData, random: () => number): { bytes: Uint8Array; type: string } {
  const boundary = `----formdata-undici-0${String(Math.floor(random() * 1e11)).padStart(11, '0')}`;
  const parts: Uint8Array[] = [];
  for (const [name, value] of fd[kEntries]) {
    if (typeof value === 'string') {
      parts.push(encodeUtf8(`--${boundary}\r\nContent-Disposition: form-data; name="${escapeName(name)}"\r\n\r\n${value.replace(/\r\n|\r|\n/g, '\r\n')}\r\n`));
    } else {
      parts.push(encodeUtf8(`--${boundary}\r\nContent-Disposition: form-data; name="${escapeName(name)}"; filename="${escapeName(value.name)}"\r\nContent-Type: ${value.type || 'application/octet-stream'}\r\n\r\n`));
      parts.push(blobBytesOf(value));
      parts.push(encodeUtf8('\r\n'));
    }
  }
  parts.push(encodeUtf8(`--${boundary}--\r\n`));
  return { bytes: Buffer.concat(parts), type: `multipart/form-data; boundary=${boundary}` };
}

function blobBytesOf(b: Blob): Uint8Array {
  return blobBytes(b);
}

export interface Extracted {
  bytes: Uint8Array | null;
  stream: ReadableStream<Uint8Array> | null;
  type: string | null;
  length: number | null;
}

/** https://fetch.spec.whatwg.org/#concept-bodyinit-extract */
export function extractBody(init: unknown, random: () => number): Extracted {
  if (typeof init === 'string') return known(encodeUtf8(init), 'text/plain;charset=UTF-8');
  if (init instanceof URLSearchParams || (init && Object.prototype.toString.call(init) === '[object URLSearchParams]')) {
    return known(encodeUtf8(String(init)), 'application/x-www-form-urlencoded;charset=UTF-8');
  }
  if (init instanceof ArrayBuffer) return known(new Uint8Array(init.slice(0)), null);
  if (ArrayBuffer.isView(init)) return known(new Uint8Array(init.buffer.slice(init.byteOffset, init.byteOffset + init.byteLength)), null);
  if (init instanceof Blob) return known(blobBytesOf(init), init.type || null);
  if (init instanceof FormData) {
    const { bytes, type } = serializeFormData(init, random);
    return known(bytes, type);
  }
  if (init instanceof ReadableStream) return { bytes: null, stream: init as ReadableStream<Uint8Array>, type: null, length: null };
  if (init && typeof (init as any)[Symbol.asyncIterator] === 'function') {
    const it = (init as AsyncIterable<unknown>)[Symbol.asyncIterator]();
    const stream = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const { done, value } = await it.next();
        if (done) controller.close();
        else controller.enqueue(typeof value === 'string' ? encodeUtf8(value) : new Uint8Array(value as ArrayBuffer));
      },
      async cancel(reason) { await it.return?.(reason); },
    });
    return { bytes: null, stream, type: null, length: null };
  }
  return known(encodeUtf8(String(init)), 'text/plain;charset=UTF-8');
}

function known(bytes: Uint8Array, type: string | null): Extracted {
  return { bytes, stream: null, type, length: bytes.length };
}

export function streamOf(bytes: Uint8Array): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    start(controller) {
      if (bytes.length) controller.enqueue(bytes.slice());
      controller.close();
    },
  });
}

export async function readAll(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value instanceof Uint8Array ? value : new Uint8Array(value as ArrayBuffer));
  }
  return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
}

/** The Body mixin: Request and Response extend this. */
export class BodyMixin {
  [kBody]: BodyState = { bytes: null, stream: null, used: false };
  headers: any;

  get body(): ReadableStream<Uint8Array> | null {
    const b = this[kBody];
    if (!b.stream && b.bytes) b.stream = streamOf(b.bytes);
    return b.stream;
  }

  get bodyUsed(): boolean {
    const b = this[kBody];
    return b.used || (b.stream !== null && b.stream.locked);
  }

  async #consume(): Promise<Uint8Array> {
    const b = this[kBody];
    if (this.bodyUsed) throw new TypeError('Body is unusable: Body has already been read');
    b.used = true;
    if (b.stream) return readAll(b.stream);
    return b.bytes ?? new Uint8Array(0);
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    const bytes = await this.#consume();
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  }

  async bytes(): Promise<Uint8Array> {
    return new Uint8Array(await this.arrayBuffer());
  }

  async text(): Promise<string> {
    return decodeUtf8(await this.#consume());
  }

  async json(): Promise<unknown> {
    return JSON.parse(await this.text());
  }

  async blob(): Promise<Blob> {
    const bytes = await this.#consume();
    return new Blob([bytes], { type: this.headers?.get('content-type') ?? '' });
  }

  async formData(): Promise<FormData> {
    const type = String(this.headers?.get('content-type') ?? '');
    const bytes = await this.#consume();
    const fd = new FormData();
    if (/^application\/x-www-form-urlencoded/i.test(type)) {
      for (const [k, v] of new URLSearchParams(decodeUtf8(bytes))) fd.append(k, v);
      return fd;
    }
    const m = /^multipart\/form-data;.*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(type);
    if (!m) throw new TypeError('Response.formData: Could not parse content as FormData.');
    parseMultipart(bytes, m[1] ?? m[2], fd);
    return fd;
  }
}

/** RFC 7578 multipart/form-data into a FormData; malformed input is a TypeError. */
function parseMultipart(bytes: Uint8Array, boundary: string, fd: FormData): void {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const delimiter = Buffer.from(`--${boundary}`);
  let pos = buf.indexOf(delimiter);
  if (pos < 0) throw new TypeError('Response.formData: Could not parse content as FormData.');
  for (;;) {
    pos += delimiter.length;
    if (buf[pos] === 0x2d && buf[pos + 1] === 0x2d) return;
    if (buf[pos] !== 0x0d || buf[pos + 1] !== 0x0a) throw new TypeError('Response.formData: Could not parse content as FormData.');
    pos += 2;
    const headEnd = buf.indexOf('\r\n\r\n', pos);
    if (headEnd < 0) throw new TypeError('Response.formData: Could not parse content as FormData.');
    const head = buf.toString('latin1', pos, headEnd);
    const next = buf.indexOf(Buffer.from(`\r\n--${boundary}`), headEnd + 4);
    if (next < 0) throw new TypeError('Response.formData: Could not parse content as FormData.');
    const content = buf.subarray(headEnd + 4, next);
    const disposition = /content-disposition:\s*form-data([^\r\n]*)/i.exec(head)?.[1] ?? '';
    const name = /;\s*name="([^"]*)"/i.exec(disposition)?.[1];
    const filename = /;\s*filename="([^"]*)"/i.exec(disposition)?.[1];
    const ctype = /content-type:\s*([^\r\n]*)/i.exec(head)?.[1];
    if (name === undefined) throw new TypeError('Response.formData: Could not parse content as FormData.');
    const decodedName = decodeUtf8(Buffer.from(name, 'latin1'));
    if (filename !== undefined) fd.append(decodedName, new File([content.slice()], decodeUtf8(Buffer.from(filename, 'latin1')), { type: ctype ?? '' }));
    else fd.append(decodedName, decodeUtf8(content));
    pos = next + 2;
  }
}

export { kBody };
