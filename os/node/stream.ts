// node:stream from readable-stream 4.8.0 (Node 18.19's lib/stream.js and lib/internal/streams,
// extracted): the legacy Stream with Readable, Writable, Duplex, Transform, PassThrough,
// pipeline, finished, compose, addAbortSignal, destroy, isReadable/isWritable/isErrored/
// isDisturbed/isDestroyed, get/setDefaultHighWaterMark, Readable.from and the iterator helpers,
// plus what Node 20 added: duplexPair.
//
// readable-stream requires 'buffer', 'events', 'string_decoder/' and 'process/'; the OS bundle must
// resolve those to os/node/buffer.ts, os/node/events.ts, os/node/string_decoder.ts and the runtime's
// process (internal/bundle-aliases.ts), so that streams are EventEmitters of node:events and
// carry node:buffer Buffers. Web streams (Readable.fromWeb/toWeb) need ReadableStream, which the
// engine lacks.

import './internal/symbol-dispose';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const Stream: any = require('readable-stream/lib/stream.js');

/** Node 20's stream.duplexPair(): two Duplexes, each writing into the other's readable side. */
function duplexPair(options?: object): [any, any] {
  const Duplex = Stream.Duplex;
  const kCallback = Symbol('kCallback');
  const kOther = Symbol('kOther');
  const kInitOther = Symbol('kInitOther');
  class DuplexSide extends Duplex {
    [kCallback]: (() => void) | null = null;
    [kOther]: any = null;
    constructor(opts?: object) {
      super(opts);
    }
    [kInitOther](other: any) { this[kOther] = other; }
    _read() {
      const callback = this[kCallback];
      if (callback) {
        this[kCallback] = null;
        callback();
      }
    }
    _write(chunk: { length: number }, _encoding: string, callback: () => void) {
      if (chunk.length === 0) process_nextTick(callback);
      else {
        this[kOther].push(chunk);
        this[kOther][kCallback] = callback;
      }
    }
    _final(callback: () => void) {
      this[kOther].on('end', callback);
      this[kOther].push(null);
    }
  }
  const side0 = new DuplexSide(options);
  const side1 = new DuplexSide(options);
  side0[kInitOther](side1);
  side1[kInitOther](side0);
  return [side0, side1];
}

function process_nextTick(fn: () => void): void {
  const p = (globalThis as any).process;
  if (p && typeof p.nextTick === 'function') p.nextTick(fn); else Promise.resolve().then(fn);
}

if (!Stream.duplexPair) Stream.duplexPair = duplexPair;
Stream._isArrayBufferView ??= ArrayBuffer.isView;

export const {
  Readable, Writable, Duplex, Transform, PassThrough, pipeline, finished, compose, addAbortSignal, destroy,
  isReadable, isWritable, isErrored, isDisturbed, isDestroyed, getDefaultHighWaterMark, setDefaultHighWaterMark, promises,
} = Stream;
export { Stream, duplexPair };
export default Stream;
