// The console log the management API shows: everything the OS and the application wrote to the
// console (kernel and OS messages, the app's stdout and stderr), kept in a bounded ring of lines
// for GET /os/dmesg and streamed live to subscribers (GET /console/stream, Server-Sent Events).
//
// Invariants: at most `maxBytes` of text is kept (oldest lines go first; a single line longer than
// that is cut); every line gets a sequence number, strictly increasing, so an SSE client that
// reconnects with Last-Event-ID gets exactly the lines it missed that are still kept. Bytes are
// decoded as UTF-8 per stream with partial sequences carried over, so a character split across two
// writes is not mangled. Subscribers are called synchronously from append(); a subscriber that
// throws is dropped, never propagated into the writer (the app's console.log).
import { decodeUtf8Partial } from '../core/utf8';

export type ConsoleStream = 'kernel' | 'stdout' | 'stderr';

export interface LogLine {
  seq: number;
  /** Wall-clock ms when the line was completed. */
  time: number;
  stream: ConsoleStream;
  text: string;
}

type Subscriber = (line: LogLine) => void;

export class ConsoleLog {
  #lines: LogLine[] = [];
  #bytes = 0;
  #seq = 0;
  #partial: Record<ConsoleStream, string> = { kernel: '', stdout: '', stderr: '' };
  #undecoded: Record<ConsoleStream, Uint8Array | undefined> = { kernel: undefined, stdout: undefined, stderr: undefined };
  #subscribers = new Set<Subscriber>();

  constructor(private readonly wallMs: () => number, readonly maxBytes = 256 * 1024) {}

  /** Raw bytes written to a stream. */
  appendBytes(stream: ConsoleStream, bytes: Uint8Array): void {
    const prev = this.#undecoded[stream];
    let input = bytes;
    if (prev) {
      input = new Uint8Array(prev.length + bytes.length);
      input.set(prev);
      input.set(bytes, prev.length);
    }
    const { text, consumed } = decodeUtf8Partial(input, false, true);
    this.#undecoded[stream] = consumed < input.length ? input.slice(consumed) : undefined;
    this.append(stream, text);
  }

  /** Text written to a stream; complete lines are recorded and published. */
  append(stream: ConsoleStream, text: string): void {
    let buf = this.#partial[stream] + text;
    let nl: number;
    while ((nl = buf.indexOf('\n')) >= 0) {
      this.#record(stream, buf.slice(0, nl).replace(/\r$/, ''));
      buf = buf.slice(nl + 1);
    }
    // An endless line without newline is cut so the partial buffer stays bounded.
    if (buf.length > this.maxBytes) {
      this.#record(stream, buf.slice(0, this.maxBytes));
      buf = '';
    }
    this.#partial[stream] = buf;
  }

  #record(stream: ConsoleStream, raw: string): void {
    const text = raw.length > this.maxBytes ? raw.slice(0, this.maxBytes) : raw;
    const line: LogLine = { seq: ++this.#seq, time: this.wallMs(), stream, text };
    this.#lines.push(line);
    this.#bytes += text.length + 1;
    let drop = 0;
    while (this.#bytes > this.maxBytes && drop < this.#lines.length) {
      this.#bytes -= this.#lines[drop].text.length + 1;
      drop++;
    }
    if (drop) this.#lines.splice(0, drop);
    for (const s of Array.from(this.#subscribers)) {
      try {
        s(line);
      } catch {
        this.#subscribers.delete(s);
      }
    }
  }

  /** Kept lines with seq > after (all kept lines by default), at most `limit` of the newest. */
  lines(after = 0, limit = Infinity): LogLine[] {
    let start = 0;
    while (start < this.#lines.length && this.#lines[start].seq <= after) start++;
    const out = this.#lines.slice(start);
    return out.length > limit ? out.slice(out.length - limit) : out;
  }

  /** The kept log as text, one line per record (GET /os/dmesg). */
  text(): string {
    return this.#lines.map((l) => `${l.text}\n`).join('');
  }

  get lastSeq(): number {
    return this.#seq;
  }

  subscribe(fn: Subscriber): () => void {
    this.#subscribers.add(fn);
    return () => {
      this.#subscribers.delete(fn);
    };
  }

  get subscribers(): number {
    return this.#subscribers.size;
  }
}

/** One Server-Sent Events record (WHATWG HTML 9.2.6): id, event name, data lines. */
export function sseEvent(line: LogLine): string {
  const data = JSON.stringify({ seq: line.seq, time: line.time, stream: line.stream, text: line.text });
  return `id: ${line.seq}\nevent: ${line.stream}\ndata: ${data}\n\n`;
}
