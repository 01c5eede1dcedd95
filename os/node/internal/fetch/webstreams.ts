// The WHATWG Streams (https://streams.spec.whatwg.org/) Node 20 has as globals and in
// node:stream/web: web-streams-polyfill 4.3.0 (the reference implementation's port, pinned), plus
// TextEncoderStream and TextDecoderStream (https://encoding.spec.whatwg.org/#interface-mixin-
// generictransformstream) written here over our TextEncoder/TextDecoder. CompressionStream needs
// zlib and is not provided.

import {
  ReadableStream, ReadableStreamDefaultReader, ReadableStreamBYOBReader, ReadableStreamBYOBRequest,
  ReadableByteStreamController, ReadableStreamDefaultController, WritableStream, WritableStreamDefaultWriter,
  WritableStreamDefaultController, TransformStream, TransformStreamDefaultController, ByteLengthQueuingStrategy,
  CountQueuingStrategy,
} from 'web-streams-polyfill';
import { TextEncoder, TextDecoder } from '../encoding';

const kTransform = Symbol('kTransform');

/** Strings in, UTF-8 bytes out; a lone surrogate split across chunks becomes U+FFFD as in Node. */
export class TextEncoderStream {
  [kTransform]: TransformStream<string, Uint8Array>;
  constructor() {
    const encoder = new TextEncoder();
    let pending = '';
    this[kTransform] = new TransformStream<string, Uint8Array>({
      transform(chunk, controller) {
        let s = pending + String(chunk);
        pending = '';
        const last = s.charCodeAt(s.length - 1);
        if (last >= 0xd800 && last <= 0xdbff) {
          pending = s.slice(-1);
          s = s.slice(0, -1);
        }
        if (s.length) controller.enqueue(encoder.encode(s));
      },
      flush(controller) {
        if (pending) controller.enqueue(new Uint8Array([0xef, 0xbf, 0xbd]));
      },
    });
  }
  get encoding(): string { return 'utf-8'; }
  get readable(): ReadableStream<Uint8Array> { return this[kTransform].readable; }
  get writable(): WritableStream<string> { return this[kTransform].writable; }
}

/** Bytes in, text out, decoding across chunk boundaries. */
export class TextDecoderStream {
  [kTransform]: TransformStream<ArrayBufferView | ArrayBuffer, string>;
  readonly #decoder: TextDecoder;
  constructor(encoding = 'utf-8', options: { fatal?: boolean; ignoreBOM?: boolean } = {}) {
    const decoder = this.#decoder = new TextDecoder(encoding, options);
    this[kTransform] = new TransformStream<ArrayBufferView | ArrayBuffer, string>({
      transform(chunk, controller) {
        const text = decoder.decode(chunk as Uint8Array, { stream: true });
        if (text) controller.enqueue(text);
      },
      flush(controller) {
        const text = decoder.decode();
        if (text) controller.enqueue(text);
      },
    });
  }
  get encoding(): string { return this.#decoder.encoding; }
  get fatal(): boolean { return this.#decoder.fatal; }
  get ignoreBOM(): boolean { return this.#decoder.ignoreBOM; }
  get readable(): ReadableStream<string> { return this[kTransform].readable; }
  get writable(): WritableStream<ArrayBufferView | ArrayBuffer> { return this[kTransform].writable; }
}

for (const C of [TextEncoderStream, TextDecoderStream]) {
  Object.defineProperty(C.prototype, Symbol.toStringTag, { value: C.name, configurable: true });
}

/** node:stream/web (Node 20's exports that exist here). */
export const webStreams = {
  ReadableStream, ReadableStreamDefaultReader, ReadableStreamBYOBReader, ReadableStreamBYOBRequest,
  ReadableByteStreamController, ReadableStreamDefaultController, WritableStream, WritableStreamDefaultWriter,
  WritableStreamDefaultController, TransformStream, TransformStreamDefaultController, ByteLengthQueuingStrategy,
  CountQueuingStrategy, TextEncoderStream, TextDecoderStream,
};

export {
  ReadableStream, WritableStream, TransformStream, ByteLengthQueuingStrategy, CountQueuingStrategy,
  ReadableStreamDefaultReader,
};
