// process.stdout, process.stderr and process.stdin. stdout/stderr are Writable streams over a
// sink (the virtio stdio port, batched by the console driver), synchronous like Node's for files
// and TTYs; stdin is an empty readable (the host does not forward input yet).
import type { Readable, Writable } from 'readable-stream';

/** node:stream, loaded when a stdio stream is first created (not at boot). */
function streams(): typeof import('readable-stream') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('../stream').default;
}
import { Buffer } from 'buffer';
import { encodeUtf8 } from '../../core/utf8';

export interface StdioTarget {
  write(bytes: Uint8Array): void;
  isTTY: boolean;
  columns?: number;
  rows?: number;
}

export function createWriteStream(target: StdioTarget, fd: number): Writable & Record<string, unknown> {
  const stream = new (streams().Writable)({
    decodeStrings: false,
    write(chunk: unknown, encoding: string, cb: (err?: Error | null) => void) {
      if (typeof chunk === 'string') {
        target.write(encoding && encoding !== 'utf8' && encoding !== 'utf-8' && encoding !== 'buffer'
          ? Buffer.from(chunk, encoding as BufferEncoding)
          : encodeUtf8(chunk));
      } else {
        target.write(chunk as Uint8Array);
      }
      cb();
    },
  }) as Writable & Record<string, unknown>;
  stream.fd = fd;
  stream._type = target.isTTY ? 'tty' : 'pipe';
  stream._isStdio = true;
  stream.isTTY = target.isTTY || undefined;
  if (target.isTTY) {
    stream.columns = target.columns ?? 80;
    stream.rows = target.rows ?? 24;
    stream.getColorDepth = () => 8;
    stream.hasColors = (count = 16) => count <= 256;
    stream.getWindowSize = () => [stream.columns, stream.rows];
  }
  // Node's stdio streams cannot be closed by the application.
  stream.destroySoon = stream.destroy;
  stream._destroy = (err: Error | null, cb: (e?: Error | null) => void) => cb(err);
  return stream;
}

export function createStdin(): Readable & Record<string, unknown> {
  const stdin = new (streams().Readable)({ read() { this.push(null); } }) as Readable & Record<string, unknown>;
  stdin.fd = 0;
  stdin.isTTY = undefined;
  stdin.setRawMode = () => stdin;
  return stdin;
}
