// node:stream/consumers (Node 20 lib/stream/consumers.js): drain an async iterable of chunks
// (a Readable, or any async iterable) into a Buffer, ArrayBuffer, Blob, string or parsed JSON.
// Strings are decoded as UTF-8 in streaming mode so characters split across chunks survive.

import { Buffer } from './buffer';
import { Blob } from './internal/buffer/blob';
import { TextDecoder } from './internal/encoding';

type Source = AsyncIterable<unknown> | Iterable<unknown>;

async function collect(stream: Source): Promise<Uint8Array[]> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of stream as AsyncIterable<unknown>) {
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk as Uint8Array);
  }
  return chunks;
}

export async function blob(stream: Source): Promise<Blob> {
  return new Blob(await collect(stream));
}

export async function arrayBuffer(stream: Source): Promise<ArrayBuffer> {
  const b = await buffer(stream);
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
}

export async function buffer(stream: Source): Promise<Buffer> {
  const chunks = await collect(stream);
  return Buffer.concat(chunks.map((c) => (c instanceof Uint8Array ? c : Buffer.from(c as any))));
}

export async function text(stream: Source): Promise<string> {
  const dec = new TextDecoder();
  let str = '';
  for await (const chunk of stream as AsyncIterable<unknown>) {
    if (typeof chunk === 'string') str += chunk;
    else str += dec.decode(chunk as Uint8Array, { stream: true });
  }
  str += dec.decode(undefined, { stream: false });
  return str;
}

export async function json(stream: Source): Promise<unknown> {
  return JSON.parse(await text(stream));
}

export default { arrayBuffer, blob, buffer, text, json };
