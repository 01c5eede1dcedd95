// node:zlib on Nephos, Node 20's lib/zlib.js behaviour over internal/zlib/handle.ts (pako 2.1.0,
// a port of zlib): Deflate, Inflate, Gzip, Gunzip, DeflateRaw, InflateRaw and Unzip as Transform
// streams; their one-shot forms (callback and Sync); flush(), params(), reset(), close();
// crc32(). Options are checked as Node checks them (ERR_OUT_OF_RANGE, ERR_INVALID_ARG_TYPE) and
// zlib errors carry Node's code/errno (Z_DATA_ERROR -3, Z_BUF_ERROR -5 "unexpected end of file",
// Z_NEED_DICT 2 ...). Output chunks are cut at chunkSize (16 KiB) as Node's are.
//
// Node runs zlib on its thread pool and completes in the poll phase; here each step of the
// asynchronous forms runs from `defer` (the event loop's I/O completion queue), so callbacks and
// stream events keep Node's "later turn" timing. The compressed bytes are zlib's algorithm but
// need not equal Node's byte for byte (Node's zlib is Chromium's fork); both inflate each other.
//
// Brotli is not implemented: the Brotli functions and classes are absent (packages such as
// `compression` test `'createBrotliCompress' in zlib` and fall back to gzip), the BROTLI_*
// constants are present.
import { Buffer, kMaxLength } from './buffer';
import { Transform, finished } from './stream';
import { codes as errors } from '../core/errors';
import { invalidArgType, outOfRange, validateFunction } from './internal/validators';
import { Z, constants, codes } from './internal/zlib/constants';
import { ZlibHandle, type ZlibError } from './internal/zlib/handle';
import { crc32 as crc32Bytes } from './internal/zlib/crc32';
import { encodeUtf8 } from '../core/utf8';

export type Defer = (fn: () => void) => void;

const { DEFLATE, INFLATE, GZIP, GUNZIP, DEFLATERAW, INFLATERAW, UNZIP } = Z;
const { Z_NO_FLUSH, Z_BLOCK, Z_PARTIAL_FLUSH, Z_SYNC_FLUSH, Z_FULL_FLUSH, Z_FINISH } = Z;

const kFlushFlag = Symbol('kFlushFlag');
const kError = Symbol('kError');

// Flush modes ordered by how much they flush (Node's maxFlush()).
const FLUSH_ORDER = [Z_NO_FLUSH, Z_BLOCK, Z_PARTIAL_FLUSH, Z_SYNC_FLUSH, Z_FULL_FLUSH, Z_FINISH];
const flushiness: number[] = [];
FLUSH_ORDER.forEach((flag, i) => { flushiness[flag] = i; });
const maxFlush = (a: number, b: number) => (flushiness[a] > flushiness[b] ? a : b);

// Empty buffers tagged with a flush mode: flush(kind) writes one of them.
const kFlushBuffers: Buffer[] = [];
for (const flag of FLUSH_ORDER) {
  const b = Buffer.alloc(0);
  (b as any)[kFlushFlag] = flag;
  kFlushBuffers[flag] = b;
}

function checkFiniteNumber(n: unknown, name: string): n is number {
  if (n === undefined) return false;
  if (Number.isFinite(n)) return true;
  if (Number.isNaN(n)) return false;
  if (typeof n !== 'number') throw invalidArgType(name, 'number', n);
  throw outOfRange(name, 'a finite number', n);
}

function checkRangesOrGetDefault(n: unknown, name: string, lower: number, upper: number, def?: number): number {
  if (!checkFiniteNumber(n, name)) return def as number;
  if (n < lower || n > upper) throw outOfRange(name, `>= ${lower} and <= ${upper}`, n);
  return n;
}

function zlibError(e: ZlibError): Error & { errno: number; code: string } {
  const err = new Error(e.message) as Error & { errno: number; code: string };
  err.errno = e.errno;
  err.code = e.code;
  return err;
}

interface HandleState {
  buffer: Uint8Array | null;
  cb: (() => void) | null;
  availOutBefore: number;
  availInBefore: number;
  inOff: number;
  flushFlag: number;
}

export function createZlib(host: { defer: Defer }) {
  const nextTick = (fn: () => void) => (globalThis as any).process.nextTick(fn);

  // ---- ZlibBase: the Transform every class shares ----
  function ZlibBase(this: any, opts: any, mode: number, handle: ZlibHandle, defaults: { flush: number; finishFlush: number; fullFlush: number }) {
    let chunkSize: number = Z.Z_DEFAULT_CHUNK;
    let maxOutputLength = kMaxLength;
    let { flush, finishFlush } = defaults;
    if (opts) {
      chunkSize = opts.chunkSize;
      if (!checkFiniteNumber(chunkSize, 'options.chunkSize')) chunkSize = Z.Z_DEFAULT_CHUNK;
      else if (chunkSize < Z.Z_MIN_CHUNK) throw outOfRange('options.chunkSize', `>= ${Z.Z_MIN_CHUNK}`, chunkSize);
      flush = checkRangesOrGetDefault(opts.flush, 'options.flush', Z_NO_FLUSH, Z_BLOCK, flush);
      finishFlush = checkRangesOrGetDefault(opts.finishFlush, 'options.finishFlush', Z_NO_FLUSH, Z_BLOCK, finishFlush);
      maxOutputLength = checkRangesOrGetDefault(opts.maxOutputLength, 'options.maxOutputLength', 1, kMaxLength, kMaxLength);
      if (opts.encoding || opts.objectMode || opts.writableObjectMode) {
        opts = { ...opts, encoding: null, objectMode: false, writableObjectMode: false };
      }
    }
    (Transform as any).call(this, { autoDestroy: true, ...opts });
    this[kError] = null;
    this.bytesWritten = 0;
    this._handle = handle;
    this._handleState = { buffer: null, cb: null, availOutBefore: 0, availInBefore: 0, inOff: 0, flushFlag: 0 } as HandleState;
    this._outBuffer = Buffer.allocUnsafe(chunkSize);
    this._outOffset = 0;
    this._chunkSize = chunkSize;
    this._defaultFlushFlag = flush;
    this._finishFlushFlag = finishFlush;
    this._defaultFullFlushFlag = defaults.fullFlush;
    this._info = opts && opts.info;
    this._maxOutputLength = maxOutputLength;
    void mode;
  }
  Object.setPrototypeOf(ZlibBase.prototype, Transform.prototype);
  Object.setPrototypeOf(ZlibBase, Transform);

  Object.defineProperty(ZlibBase.prototype, '_closed', {
    configurable: true,
    enumerable: true,
    get(this: any) { return !this._handle; },
  });

  Object.defineProperty(ZlibBase.prototype, 'bytesRead', {
    configurable: true,
    get(this: any) { return this.bytesWritten; },
    set(this: any, v: number) { this.bytesWritten = v; },
  });

  const proto = ZlibBase.prototype as any;

  proto.reset = function reset(this: any) {
    if (!this._handle) throw new Error('zlib binding closed');
    const e = this._handle.reset();
    if (e) onHandleError(this, e);
  };

  // The Transform's _flush: the last (empty) chunk, written with the finish flush.
  proto._flush = function _flush(this: any, callback: () => void) {
    this._transform(Buffer.alloc(0), '', callback);
  };

  proto._final = function _final(callback: () => void) {
    callback();
  };

  proto.flush = function flush(this: any, kind?: unknown, callback?: () => void) {
    if (typeof kind === 'function' || (kind === undefined && !callback)) {
      callback = kind as (() => void) | undefined;
      kind = this._defaultFullFlushFlag;
    }
    if (this.writableFinished) {
      if (callback) nextTick(callback);
    } else if (this.writableEnded) {
      if (callback) this.once('end', callback);
    } else {
      this.write(kFlushBuffers[kind as number], '', callback);
    }
  };

  proto.close = function close(this: any, callback?: (err?: Error) => void) {
    if (callback) finished(this, callback);
    this.destroy();
  };

  proto._destroy = function _destroy(this: any, err: Error | null, callback: (err: Error | null) => void) {
    closeHandle(this);
    callback(err);
  };

  proto._transform = function _transform(this: any, chunk: any, _encoding: string, cb: () => void) {
    let flushFlag = this._defaultFlushFlag;
    // A zero-length chunk from flush() carries its flush mode.
    if (typeof chunk[kFlushFlag] === 'number') flushFlag = chunk[kFlushFlag];
    // The last chunk also applies the finish flush.
    if (this.writableEnded && this.writableLength === chunk.byteLength) flushFlag = maxFlush(flushFlag, this._finishFlushFlag);
    processChunk(this, chunk, flushFlag, cb);
  };

  proto._processChunk = function _processChunk(this: any, chunk: Uint8Array, flushFlag: number, cb?: () => void) {
    if (typeof cb === 'function') processChunk(this, chunk, flushFlag, cb);
    else return processChunkSync(this, chunk, flushFlag);
  };

  function closeHandle(engine: any): void {
    if (!engine._handle) return;
    engine._handle.close();
    engine._handle = null;
  }

  function onHandleError(self: any, e: ZlibError): void {
    const error = zlibError(e);
    self.destroy(error);
    self[kError] = error;
  }

  function processChunkSync(self: any, chunk: Uint8Array, flushFlag: number): Buffer {
    let availInBefore = chunk.byteLength;
    let availOutBefore = self._chunkSize - self._outOffset;
    let inOff = 0;
    const buffers: Buffer[] = [];
    let nread = 0;
    let inputRead = 0;
    const handle: ZlibHandle = self._handle;
    let buffer: Buffer = self._outBuffer;
    let offset: number = self._outOffset;
    const chunkSize: number = self._chunkSize;
    if (!handle) throw new errors.ERR_INVALID_STATE('zlib binding closed');
    for (;;) {
      const r = handle.write(flushFlag, chunk, inOff, availInBefore, buffer, offset, availOutBefore);
      if ('message' in r) {
        const error = zlibError(r);
        self[kError] = error;
        closeHandle(self);
        self.destroy();
        throw error;
      }
      const { availOut: availOutAfter, availIn: availInAfter } = r;
      const inDelta = availInBefore - availInAfter;
      inputRead += inDelta;
      const have = availOutBefore - availOutAfter;
      if (have > 0) {
        const out = buffer.slice(offset, offset + have);
        offset += have;
        buffers.push(out);
        nread += out.byteLength;
        if (nread > self._maxOutputLength) {
          closeHandle(self);
          throw new errors.ERR_BUFFER_TOO_LARGE(self._maxOutputLength);
        }
      }
      // Output buffer full, or chunk used up: start a new one.
      if (availOutAfter === 0 || offset >= chunkSize) {
        availOutBefore = chunkSize;
        offset = 0;
        buffer = Buffer.allocUnsafe(chunkSize);
      }
      if (availOutAfter !== 0) break;
      // Not done: zlib has more output for this input.
      inOff += inDelta;
      availInBefore = availInAfter;
    }
    self.bytesWritten = inputRead;
    closeHandle(self);
    if (nread === 0) return Buffer.alloc(0);
    return buffers.length === 1 ? buffers[0] : Buffer.concat(buffers, nread);
  }

  function processChunk(self: any, chunk: Uint8Array, flushFlag: number, cb: () => void): void {
    const handle: ZlibHandle = self._handle;
    if (!handle) {
      nextTick(cb);
      return;
    }
    const st: HandleState = self._handleState;
    st.buffer = chunk;
    st.cb = cb;
    st.availOutBefore = self._chunkSize - self._outOffset;
    st.availInBefore = chunk.byteLength;
    st.inOff = 0;
    st.flushFlag = flushFlag;
    writeAsync(self);
  }

  /** One step on the "thread pool": runs in a later loop turn, then processCallback. */
  function writeAsync(self: any): void {
    const st: HandleState = self._handleState;
    const handle: ZlibHandle = self._handle;
    const input = st.buffer!;
    host.defer(() => {
      if (!self._handle || handle.closed) {
        processCallback(self, null);
        return;
      }
      const r = handle.write(st.flushFlag, input, st.inOff, st.availInBefore, self._outBuffer, self._outOffset, st.availOutBefore);
      if ('message' in r) {
        onHandleError(self, r);
        return;
      }
      processCallback(self, r);
    });
  }

  function processCallback(self: any, r: { availOut: number; availIn: number } | null): void {
    const st: HandleState = self._handleState;
    const cb = st.cb!;
    if (self.destroyed || !r) {
      st.buffer = null;
      st.cb = null;
      cb();
      return;
    }
    const { availOut: availOutAfter, availIn: availInAfter } = r;
    const inDelta = st.availInBefore - availInAfter;
    self.bytesWritten += inDelta;
    const have = st.availOutBefore - availOutAfter;
    let streamBufferIsFull = false;
    if (have > 0) {
      const out = self._outBuffer.slice(self._outOffset, self._outOffset + have);
      self._outOffset += have;
      streamBufferIsFull = !self.push(out);
    }
    if (self.destroyed) {
      cb();
      return;
    }
    if (availOutAfter === 0 || self._outOffset >= self._chunkSize) {
      st.availOutBefore = self._chunkSize;
      self._outOffset = 0;
      self._outBuffer = Buffer.allocUnsafe(self._chunkSize);
    }
    if (availOutAfter === 0) {
      // More output for this input: go again, once the reader wants more if its buffer is full.
      st.inOff += inDelta;
      st.availInBefore = availInAfter;
      if (!streamBufferIsFull) {
        writeAsync(self);
      } else {
        const oldRead = self._read;
        self._read = (n: number) => {
          self._read = oldRead;
          writeAsync(self);
          self._read(n);
        };
      }
      return;
    }
    if (availInAfter > 0) {
      // Input left but zlib took no more: the compressed stream ended early (Node ends the
      // readable side; Gunzip and Unzip consumed concatenated members above).
      self.push(null);
    }
    st.buffer = null;
    st.cb = null;
    cb();
  }

  // ---- the zlib classes ----
  const zlibDefaults = { flush: Z_NO_FLUSH, finishFlush: Z_FINISH, fullFlush: Z_FULL_FLUSH };

  function Zlib(this: any, opts: any, mode: number) {
    let windowBits: number = Z.Z_DEFAULT_WINDOWBITS;
    let level: number = Z.Z_DEFAULT_COMPRESSION;
    let memLevel: number = Z.Z_DEFAULT_MEMLEVEL;
    let strategy: number = Z.Z_DEFAULT_STRATEGY;
    let dictionary: Uint8Array | undefined;
    if (opts) {
      // windowBits 0 lets inflate use the window size in the stream's header.
      if ((opts.windowBits == null || opts.windowBits === 0) && (mode === INFLATE || mode === GUNZIP || mode === UNZIP)) {
        windowBits = 0;
      } else {
        // 8 is valid for deflate but not gzip.
        const min = Z.Z_MIN_WINDOWBITS + (mode === GZIP ? 1 : 0);
        windowBits = checkRangesOrGetDefault(opts.windowBits, 'options.windowBits', min, Z.Z_MAX_WINDOWBITS, Z.Z_DEFAULT_WINDOWBITS);
      }
      level = checkRangesOrGetDefault(opts.level, 'options.level', Z.Z_MIN_LEVEL, Z.Z_MAX_LEVEL, Z.Z_DEFAULT_COMPRESSION);
      memLevel = checkRangesOrGetDefault(opts.memLevel, 'options.memLevel', Z.Z_MIN_MEMLEVEL, Z.Z_MAX_MEMLEVEL, Z.Z_DEFAULT_MEMLEVEL);
      strategy = checkRangesOrGetDefault(opts.strategy, 'options.strategy', Z.Z_DEFAULT_STRATEGY, Z.Z_FIXED, Z.Z_DEFAULT_STRATEGY);
      const dict = opts.dictionary;
      if (dict !== undefined) {
        if (ArrayBuffer.isView(dict)) dictionary = new Uint8Array(dict.buffer, dict.byteOffset, dict.byteLength);
        else if (dict instanceof ArrayBuffer) dictionary = new Uint8Array(dict);
        else throw invalidArgType('options.dictionary', ['Buffer', 'TypedArray', 'DataView', 'ArrayBuffer'], dict);
      }
    } else if (mode === INFLATE || mode === GUNZIP || mode === UNZIP) {
      windowBits = 0;
    }
    const handle = new ZlibHandle(mode);
    const err = handle.init(windowBits, level, memLevel, strategy, dictionary);
    if (err) throw new errors.ERR_ZLIB_INITIALIZATION_FAILED();
    ZlibBase.call(this, opts, mode, handle, zlibDefaults);
    this._level = level;
    this._strategy = strategy;
  }
  Object.setPrototypeOf(Zlib.prototype, ZlibBase.prototype);
  Object.setPrototypeOf(Zlib, ZlibBase);

  (Zlib.prototype as any).params = function params(this: any, level: unknown, strategy: unknown, callback?: () => void) {
    checkRangesOrGetDefault(level, 'level', Z.Z_MIN_LEVEL, Z.Z_MAX_LEVEL);
    checkRangesOrGetDefault(strategy, 'strategy', Z.Z_DEFAULT_STRATEGY, Z.Z_FIXED);
    if (this._level !== level || this._strategy !== strategy) {
      this.flush(Z_SYNC_FLUSH, () => {
        if (!this._handle) throw new Error('zlib binding closed');
        this._handle.params(level, strategy);
        if (!this.destroyed) {
          this._level = level;
          this._strategy = strategy;
          if (callback) callback();
        }
      });
    } else {
      nextTick(callback as () => void);
    }
  };

  function makeClass(name: string, mode: number) {
    const C = {
      [name]: function (this: any, opts?: unknown) {
        if (!(this instanceof C)) return new (C as any)(opts);
        Zlib.call(this, opts, mode);
      },
    }[name] as any;
    Object.setPrototypeOf(C.prototype, Zlib.prototype);
    Object.setPrototypeOf(C, Zlib);
    return C;
  }

  const Deflate = makeClass('Deflate', DEFLATE);
  const Inflate = makeClass('Inflate', INFLATE);
  const Gzip = makeClass('Gzip', GZIP);
  const Gunzip = makeClass('Gunzip', GUNZIP);
  const DeflateRaw = makeClass('DeflateRaw', DEFLATERAW);
  const InflateRaw = makeClass('InflateRaw', INFLATERAW);
  const Unzip = makeClass('Unzip', UNZIP);

  // ---- one-shot forms ----
  function zlibBufferSync(engine: any, buffer: unknown) {
    let input: Uint8Array;
    if (typeof buffer === 'string') input = Buffer.from(buffer);
    else if (ArrayBuffer.isView(buffer)) input = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
    else if (buffer instanceof ArrayBuffer) input = Buffer.from(buffer);
    else throw invalidArgType('buffer', ['string', 'Buffer', 'TypedArray', 'DataView', 'ArrayBuffer'], buffer);
    const out = processChunkSync(engine, input, engine._finishFlushFlag);
    return engine._info ? { buffer: out, engine } : out;
  }

  function zlibBuffer(engine: any, buffer: unknown, callback: unknown): void {
    validateFunction(callback, 'callback');
    const cb = callback as (err: Error | null, result?: unknown) => void;
    if (ArrayBuffer.isView(buffer) && !(buffer instanceof Uint8Array)) buffer = Buffer.from(buffer.buffer, buffer.byteOffset, buffer.byteLength);
    else if (buffer instanceof ArrayBuffer) buffer = Buffer.from(buffer);
    let buffers: Buffer[] | null = null;
    let nread = 0;
    engine.on('data', function onData(chunk: Buffer) {
      if (!buffers) buffers = [chunk];
      else buffers.push(chunk);
      nread += chunk.length;
      if (nread > engine._maxOutputLength) {
        engine.close();
        engine.removeAllListeners('end');
        cb(new errors.ERR_BUFFER_TOO_LARGE(engine._maxOutputLength));
      }
    });
    engine.on('error', function onError(err: Error) {
      engine.removeAllListeners('end');
      cb(err);
    });
    engine.on('end', function onEnd() {
      let buf: Buffer;
      if (nread === 0) buf = Buffer.alloc(0);
      else buf = buffers!.length === 1 ? buffers![0] : Buffer.concat(buffers!, nread);
      engine.close();
      if (engine._info) cb(null, { buffer: buf, engine });
      else cb(null, buf);
    });
    engine.end(buffer);
  }

  function convenience(Ctor: any, sync: boolean) {
    if (sync) {
      return function syncBufferWrapper(buffer: unknown, opts?: unknown) {
        return zlibBufferSync(new Ctor(opts), buffer);
      };
    }
    return function asyncBufferWrapper(buffer: unknown, opts?: unknown, callback?: unknown) {
      if (typeof opts === 'function') {
        callback = opts;
        opts = {};
      }
      return zlibBuffer(new Ctor(opts), buffer, callback);
    };
  }

  function crc32(data: unknown, value: unknown = 0): number {
    let bytes: Uint8Array;
    if (typeof data === 'string') bytes = encodeUtf8(data);
    else if (ArrayBuffer.isView(data)) bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    else throw invalidArgType('data', ['Buffer', 'TypedArray', 'DataView', 'string'], data);
    if (typeof value !== 'number') throw invalidArgType('value', 'number', value);
    if (!Number.isInteger(value)) throw outOfRange('value', 'an integer', value);
    if (value < 0 || value > 0xffffffff) throw outOfRange('value', '>= 0 && <= 4294967295', value);
    return crc32Bytes(bytes, value);
  }

  const mod: Record<string, unknown> = {
    crc32,
    Deflate, Inflate, Gzip, Gunzip, DeflateRaw, InflateRaw, Unzip,
    deflate: convenience(Deflate, false), deflateSync: convenience(Deflate, true),
    gzip: convenience(Gzip, false), gzipSync: convenience(Gzip, true),
    deflateRaw: convenience(DeflateRaw, false), deflateRawSync: convenience(DeflateRaw, true),
    unzip: convenience(Unzip, false), unzipSync: convenience(Unzip, true),
    inflate: convenience(Inflate, false), inflateSync: convenience(Inflate, true),
    gunzip: convenience(Gunzip, false), gunzipSync: convenience(Gunzip, true),
    inflateRaw: convenience(InflateRaw, false), inflateRawSync: convenience(InflateRaw, true),
    createDeflate: (o?: unknown) => new Deflate(o),
    createInflate: (o?: unknown) => new Inflate(o),
    createDeflateRaw: (o?: unknown) => new DeflateRaw(o),
    createInflateRaw: (o?: unknown) => new InflateRaw(o),
    createGzip: (o?: unknown) => new Gzip(o),
    createGunzip: (o?: unknown) => new Gunzip(o),
    createUnzip: (o?: unknown) => new Unzip(o),
    constants,
    codes,
  };
  // Node also exposes the (non-Brotli) constants on the module itself: legacy, non-enumerable.
  for (const key of Object.keys(Z)) {
    if (!key.startsWith('BROTLI')) Object.defineProperty(mod, key, { value: (Z as Record<string, number>)[key], enumerable: false, writable: false });
  }
  return mod;
}
