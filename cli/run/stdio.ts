// Demultiplexes the guest's stdio port (os/drivers/virtio/console.ts, "Stdio framing"): records of
// [stream u8][length u24 LE][bytes], stream 1 = stdout, 2 = stderr. Bytes are passed through
// untouched, in the order the application wrote them.

export type StdioSink = (stream: 1 | 2, bytes: Uint8Array) => void;

export class StdioDemux {
  private buf = Buffer.alloc(0);
  /** Bytes of malformed framing seen (a broken guest); never thrown. */
  garbage = 0;
  constructor(private readonly sink: StdioSink) {}

  push(chunk: Uint8Array): void {
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : Buffer.from(chunk);
    let off = 0;
    while (this.buf.length - off >= 4) {
      const stream = this.buf[off];
      const len = this.buf[off + 1] | (this.buf[off + 2] << 8) | (this.buf[off + 3] << 16);
      if (stream !== 1 && stream !== 2) {
        // Resynchronise byte by byte rather than throwing away everything.
        this.garbage++;
        off++;
        continue;
      }
      if (this.buf.length - off - 4 < len) break;
      this.sink(stream, this.buf.subarray(off + 4, off + 4 + len));
      off += 4 + len;
    }
    this.buf = this.buf.subarray(off);
  }
}

export function encodeStdioRecord(stream: 1 | 2, bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(4 + bytes.length);
  out[0] = stream;
  out[1] = bytes.length & 0xff;
  out[2] = (bytes.length >> 8) & 0xff;
  out[3] = (bytes.length >> 16) & 0xff;
  out.set(bytes, 4);
  return out;
}
