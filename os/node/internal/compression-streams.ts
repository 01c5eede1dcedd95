// CompressionStream and DecompressionStream (Compression Streams, https://compression.spec.whatwg.org/)
// as Node 20 has them: a {readable, writable} pair whose writable takes BufferSource chunks and
// whose readable yields Uint8Arrays, in the formats "gzip", "deflate" (zlib, RFC 1950) and
// "deflate-raw" (RFC 1951), over node:zlib's streams (which give backpressure: a chunk's write
// resolves once zlib has taken it).
import { codes } from '../../core/errors';

interface ZlibStream {
  on(ev: string, fn: (...a: any[]) => void): unknown;
  once(ev: string, fn: (...a: any[]) => void): unknown;
  write(chunk: Uint8Array, cb: (err?: Error | null) => void): boolean;
  end(): void;
}

type Factory = () => ZlibStream;

export interface CompressionDeps {
  zlib: Record<string, Factory>;
  TransformStream: new (transformer: object) => { readable: unknown; writable: unknown };
}

const FORMATS = ['deflate', 'deflate-raw', 'gzip'];

function validateFormat(format: unknown): string {
  if (typeof format !== 'string' || !FORMATS.includes(format)) {
    throw new codes.ERR_INVALID_ARG_VALUE('format', format, "must be one of: 'deflate', 'deflate-raw', 'gzip'");
  }
  return format;
}

function toBytes(chunk: unknown): Uint8Array {
  if (chunk instanceof ArrayBuffer) return new Uint8Array(chunk);
  if (ArrayBuffer.isView(chunk)) return new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  throw new codes.ERR_INVALID_ARG_TYPE('chunk', ['ArrayBuffer', 'TypedArray', 'DataView'], chunk);
}

export function createCompressionStreams(deps: CompressionDeps) {
  function pair(z: ZlibStream) {
    let failed: Error | undefined;
    return new deps.TransformStream({
      start(controller: { enqueue(c: Uint8Array): void; error(e: unknown): void }) {
        z.on('data', (c: Uint8Array) => controller.enqueue(new Uint8Array(c.buffer, c.byteOffset, c.byteLength)));
        z.on('error', (err: Error) => {
          failed = err;
          controller.error(err);
        });
      },
      transform(chunk: unknown) {
        const bytes = toBytes(chunk);
        return new Promise<void>((resolve, reject) => {
          z.write(bytes, (err) => (err || failed ? reject(err ?? failed) : resolve()));
        });
      },
      flush() {
        return new Promise<void>((resolve, reject) => {
          if (failed) return reject(failed);
          z.once('end', () => resolve());
          z.once('error', reject);
          z.end();
        });
      },
    });
  }

  class CompressionStream {
    #pair: { readable: unknown; writable: unknown };
    constructor(format: unknown) {
      const f = validateFormat(format);
      this.#pair = pair(f === 'gzip' ? deps.zlib.createGzip() : f === 'deflate' ? deps.zlib.createDeflate() : deps.zlib.createDeflateRaw());
    }
    get readable(): unknown { return this.#pair.readable; }
    get writable(): unknown { return this.#pair.writable; }
  }

  class DecompressionStream {
    #pair: { readable: unknown; writable: unknown };
    constructor(format: unknown) {
      const f = validateFormat(format);
      this.#pair = pair(f === 'gzip' ? deps.zlib.createGunzip() : f === 'deflate' ? deps.zlib.createInflate() : deps.zlib.createInflateRaw());
    }
    get readable(): unknown { return this.#pair.readable; }
    get writable(): unknown { return this.#pair.writable; }
  }

  for (const C of [CompressionStream, DecompressionStream]) {
    Object.defineProperty(C.prototype, Symbol.toStringTag, { value: C === CompressionStream ? 'CompressionStream' : 'DecompressionStream', configurable: true });
  }
  return { CompressionStream, DecompressionStream };
}
