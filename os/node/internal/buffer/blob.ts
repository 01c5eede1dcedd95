// Blob and File as Node 20 has them (lib/internal/blob.js, lib/internal/file.js; File API
// https://w3c.github.io/FileAPI/#blob-section): an immutable byte sequence with a MIME type. Parts
// are copied into one Uint8Array at construction; slice() shares it. stream() is a ReadableStream
// (the runtime's global, looked up when called) of copies in chunks of at most 64 KiB, as Node's.

import { codes } from '../../../core/errors';
import { encodeUtf8, decodeUtf8 } from '../../../core/utf8';
import { invalidArgType, invalidArgValue, withMessage } from '../validators';

const customInspect = Symbol.for('nodejs.util.inspect.custom');
const kBytes = Symbol('kBytes');
type InspectFn = (value: unknown, options?: object) => string;

function isBlob(v: unknown): v is Blob {
  return v !== null && typeof v === 'object' && kBytes in (v as object);
}

function sourceBytes(source: unknown): Uint8Array {
  if (isBlob(source)) return source[kBytes];
  if (source instanceof ArrayBuffer || (typeof SharedArrayBuffer === 'function' && source instanceof SharedArrayBuffer)) return new Uint8Array(source.slice(0));
  if (ArrayBuffer.isView(source)) return new Uint8Array(source.buffer.slice(source.byteOffset, source.byteOffset + source.byteLength));
  return encodeUtf8(`${source}`);
}

function normaliseType(type: unknown): string {
  const t = `${type}`;
  return /[^\u0020-\u007E]/.test(t) ? '' : t.toLowerCase();
}

export class Blob {
  [kBytes]: Uint8Array;
  #type: string;

  constructor(sources: Iterable<unknown> = [], options?: { type?: string; endings?: string }) {
    if (sources === null || typeof sources === 'string' || typeof (sources as any)[Symbol.iterator] !== 'function') {
      throw withMessage(new codes.ERR_INVALID_ARG_TYPE('sources', 'sequence', sources), `The "sources" argument must be a sequence. ${invalidArgType('x', 'string', sources).message.replace(/^.*?Received/, 'Received')}`);
    }
    if (options !== undefined && (options === null || (typeof options !== 'object' && typeof options !== 'function'))) {
      throw withMessage(new codes.ERR_INVALID_ARG_TYPE('options', 'dictionary', options), `The "options" argument must be a dictionary. ${invalidArgType('x', 'string', options).message.replace(/^.*?Received/, 'Received')}`);
    }
    const endings = `${options?.endings ?? 'transparent'}`;
    if (endings !== 'transparent' && endings !== 'native') throw invalidArgValue('options.endings', endings);
    const parts: Uint8Array[] = [];
    let size = 0;
    for (const source of sources) {
      const bytes = sourceBytes(source);
      parts.push(bytes);
      size += bytes.length;
    }
    const all = new Uint8Array(size);
    let o = 0;
    for (const p of parts) { all.set(p, o); o += p.length; }
    this[kBytes] = all;
    this.#type = options?.type === undefined ? '' : normaliseType(options.type);
    Object.defineProperty(this, kBytes, { enumerable: false });
  }

  get type(): string { return this.#type; }
  get size(): number { return this[kBytes].length; }

  slice(start = 0, end: number = this.size, contentType = ''): Blob {
    const size = this.size;
    const rel = (v: number) => (v < 0 ? Math.max(size + v, 0) : Math.min(v, size));
    const s = rel(Math.trunc(+start) || 0);
    const e = rel(Math.trunc(+end) || 0);
    const b = new Blob([], { type: contentType });
    b[kBytes] = this[kBytes].subarray(s, Math.max(s, e));
    return b;
  }

  arrayBuffer(): Promise<ArrayBuffer> {
    const bytes = this[kBytes];
    return Promise.resolve(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  }
  bytes(): Promise<Uint8Array> { return Promise.resolve(this[kBytes].slice()); }
  text(): Promise<string> { return Promise.resolve(decodeUtf8(this[kBytes])); }
  stream(): unknown {
    const bytes = this[kBytes];
    const RS = (globalThis as { ReadableStream?: new (source: object) => unknown }).ReadableStream;
    if (!RS) throw new codes.ERR_METHOD_NOT_IMPLEMENTED('Blob.stream()');
    let offset = 0;
    return new RS({
      pull(controller: { enqueue(c: Uint8Array): void; close(): void }) {
        if (offset >= bytes.length) {
          controller.close();
          return;
        }
        const end = Math.min(bytes.length, offset + 65536);
        controller.enqueue(bytes.slice(offset, end));
        offset = end;
      },
    });
  }

  [customInspect](depth: number, options: { depth?: number | null }, inspect: InspectFn): string {
    if (depth < 0) return this.constructor.name;
    const opts = { ...options, depth: options.depth == null ? null : options.depth - 1 };
    return `${this.constructor.name} ${inspect({ size: this.size, type: this.type }, opts)}`;
  }
}
for (const key of ['type', 'size', 'slice', 'arrayBuffer', 'text', 'stream']) {
  Object.defineProperty(Blob.prototype, key, { ...Object.getOwnPropertyDescriptor(Blob.prototype, key), enumerable: true });
}
Object.defineProperty(Blob, 'name', { value: 'Blob' }); // stable under bundler renaming and minification
Object.defineProperty(Blob.prototype, Symbol.toStringTag, { value: 'Blob', configurable: true });

export class File extends Blob {
  #name: string;
  #lastModified: number;
  constructor(fileBits: Iterable<unknown>, fileName: string, options: { type?: string; endings?: string; lastModified?: number } = {}) {
    if (arguments.length < 2) throw new codes.ERR_MISSING_ARGS('fileBits', 'fileName');
    super(fileBits, options);
    this.#name = `${fileName}`;
    const lm = options?.lastModified;
    this.#lastModified = lm === undefined ? Date.now() : Number(lm) || 0;
  }
  get name(): string { return this.#name; }
  get lastModified(): number { return this.#lastModified; }
  [customInspect](depth: number, options: { depth?: number | null }, inspect: InspectFn): string {
    if (depth < 0) return this.constructor.name;
    const opts = { ...options, depth: options.depth == null ? null : options.depth - 1 };
    return `${this.constructor.name} ${inspect({ size: this.size, type: this.type, name: this.#name, lastModified: this.#lastModified }, opts)}`;
  }
}
for (const key of ['name', 'lastModified']) {
  Object.defineProperty(File.prototype, key, { ...Object.getOwnPropertyDescriptor(File.prototype, key), enumerable: true });
}
Object.defineProperty(File, 'name', { value: 'File' }); // stable under bundler renaming and minification
Object.defineProperty(File.prototype, Symbol.toStringTag, { value: 'File', configurable: true });

export function blobBytes(b: Blob): Uint8Array { return b[kBytes]; }
