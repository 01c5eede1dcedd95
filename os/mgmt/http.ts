// One HTTP/1.1 connection of the management API, over any byte transport: the control channel
// (a virtio-serial port) or a TCP socket of the network listener. Requests are parsed by the
// OS's llhttp-strict parser (os/node/internal/http/parser.ts, RFC 9112); admission and handlers
// are server.ts's. Invariants:
// - Answers leave in request order (pipelining), each with Content-Length, except a stream
//   (Server-Sent Events), which is the connection's last answer (ended by closing).
// - A rejected request whose body was not read ends the connection (Connection: close): the
//   unread bytes cannot be told apart from a next request. So does a parse error (400; 431 for
//   an oversized head), a body above MAX_BODY (413) and a head not complete after
//   HEADER_TIMEOUT_MS from its first byte (408, RFC 9110 15.5.9).
// - Nothing here throws on untrusted input; the parser returns errors as values.
// Time comes in as a Scheduler (the event loop's timers in the guest, fakes in tests).
import { HttpParser, REQUEST, type ParsedHead, ParseError } from '../node/internal/http/parser';
import { encodeUtf8 } from '../core/utf8';
import { isAdmitted, MAX_BODY, type Admitted, type MgmtServer, type Transport } from './server';
import { error, type ApiResponse } from './router';

export const HEADER_TIMEOUT_MS = 10_000;

export interface Scheduler {
  /** Calls fn once after ms; returns a cancel function. */
  after(ms: number, fn: () => void): () => void;
}

export interface ByteSink {
  write(bytes: Uint8Array): void;
  /** Ends the connection (TCP: FIN; the control channel: ignore input until the host reconnects). */
  close(): void;
}

const REASONS: Record<number, string> = {
  200: 'OK', 201: 'Created', 202: 'Accepted', 204: 'No Content', 400: 'Bad Request', 401: 'Unauthorized',
  403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed', 408: 'Request Timeout', 409: 'Conflict',
  413: 'Payload Too Large', 431: 'Request Header Fields Too Large', 500: 'Internal Server Error',
  503: 'Service Unavailable', 507: 'Insufficient Storage',
};

/** The bytes of a response body and its content type. */
export function encodeBody(res: ApiResponse): { bytes: Uint8Array; type: string } {
  const b = res.body;
  if (b === undefined) return { bytes: new Uint8Array(0), type: res.contentType ?? 'application/json' };
  if (b instanceof Uint8Array) return { bytes: b, type: res.contentType ?? 'application/octet-stream' };
  if (typeof b === 'string' && res.contentType) return { bytes: encodeUtf8(b), type: res.contentType };
  return { bytes: encodeUtf8(JSON.stringify(b)), type: res.contentType ?? 'application/json' };
}

function head(status: number, headers: Record<string, string>): Uint8Array {
  let text = `HTTP/1.1 ${status} ${REASONS[status] ?? 'Status'}\r\n`;
  for (const [k, v] of Object.entries(headers)) text += `${k}: ${v}\r\n`;
  return encodeUtf8(`${text}\r\n`);
}

function headerMap(raw: string[]): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const k = raw[i].toLowerCase();
    out[k] = k in out ? `${out[k]}, ${raw[i + 1]}` : raw[i + 1];
  }
  return out;
}

interface Pending {
  /** Set once the answer is known. */
  res?: ApiResponse;
  head: boolean;
  close: boolean;
}

export class HttpConnection {
  #parser = new HttpParser(REQUEST);
  #dead = false;
  #closing = false;
  #headerTimer: (() => void) | undefined;
  #current: { admitted: Admitted; chunks: Uint8Array[]; size: number; close: boolean; head: boolean } | undefined;
  #queue: Pending[] = [];
  #stopStream: (() => void) | undefined;

  constructor(private readonly server: MgmtServer, private readonly transport: Transport,
              private readonly sink: ByteSink, private readonly clock: Scheduler) {
    server.stats.connections++;
    server.stats.openConnections++;
    this.#parser.onHeadersComplete = (h) => this.#onHead(h);
    this.#parser.onBody = (chunk) => this.#onBody(chunk);
    this.#parser.onMessageComplete = () => this.#onComplete();
  }

  get closed(): boolean {
    return this.#dead;
  }

  /** Bytes from the peer. */
  push(bytes: Uint8Array): void {
    if (this.#dead || this.#closing) return;
    this.server.stats.bytesIn += bytes.length;
    if (!this.#current && !this.#headerTimer) {
      this.#headerTimer = this.clock.after(HEADER_TIMEOUT_MS, () => {
        this.#headerTimer = undefined;
        this.#fail(error(408, `the request head did not arrive within ${HEADER_TIMEOUT_MS / 1000} s`));
      });
    }
    const r = this.#parser.execute(bytes);
    if (r instanceof ParseError) {
      this.#fail(error(r.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400, `malformed request (${r.code}: ${r.reason})`));
    }
  }

  /** The peer went away (TCP close, host disconnected from the control socket). */
  transportClosed(): void {
    if (this.#dead) return;
    this.#dead = true;
    this.server.stats.openConnections--;
    this.#headerTimer?.();
    this.#headerTimer = undefined;
    this.#stopStream?.();
    this.#stopStream = undefined;
  }

  #onHead(h: ParsedHead): number {
    this.#headerTimer?.();
    this.#headerTimer = undefined;
    if (this.#closing) return 1;
    const headers = headerMap(h.headers);
    const chunked = /(?:^|,)\s*chunked\s*$/i.test(headers['transfer-encoding'] ?? '');
    const length = chunked ? -1 : Number(headers['content-length'] ?? 0);
    const a = this.server.admit(h.method, h.url, headers, length, this.transport);
    const isHead = h.method === 'HEAD';
    if (!isAdmitted(a)) {
      // The body (if any) stays unread: the connection cannot carry another request.
      const bodyFollows = chunked || length > 0;
      this.#enqueue({ res: a, head: isHead, close: bodyFollows || !h.shouldKeepAlive });
      if (bodyFollows) this.#closing = true;
      this.#current = undefined;
      return 0;
    }
    this.#current = { admitted: a, chunks: [], size: 0, close: !h.shouldKeepAlive, head: isHead };
    return 0;
  }

  #onBody(chunk: Uint8Array): void {
    const c = this.#current;
    if (!c || this.#closing) return;
    c.size += chunk.length;
    if (c.size > MAX_BODY) {
      this.#current = undefined;
      this.#fail(error(413, `the request body is larger than ${MAX_BODY} bytes`));
      return;
    }
    c.chunks.push(chunk.slice());
  }

  #onComplete(): void {
    const c = this.#current;
    this.#current = undefined;
    if (!c || this.#closing) return;
    const body = new Uint8Array(c.size);
    let off = 0;
    for (const ch of c.chunks) {
      body.set(ch, off);
      off += ch.length;
    }
    const entry: Pending = { head: c.head, close: c.close };
    this.#queue.push(entry);
    if (c.close) this.#closing = true;
    void this.server.execute({ route: c.admitted.route, request: { ...c.admitted.request, body } }).then((res) => {
      entry.res = res;
      this.#drain();
    });
  }

  #enqueue(p: Pending): void {
    this.#queue.push(p);
    if (p.close) this.#closing = true;
    this.#drain();
  }

  /** A connection-level failure: answer (after what is already queued), then close. */
  #fail(res: ApiResponse): void {
    if (this.#closing) return;
    this.#current = undefined;
    this.#enqueue({ res, head: false, close: true });
  }

  /** Writes every answer that is ready, in order. */
  #drain(): void {
    while (this.#queue.length && this.#queue[0].res && !this.#dead) {
      const p = this.#queue.shift()!;
      const res = p.res!;
      this.server.stats.count(res.status, this.transport);
      if (res.stream && res.status === 200) {
        this.#startStream(res);
        return;
      }
      const { bytes, type } = encodeBody(res);
      const headers: Record<string, string> = {
        'content-type': type,
        'cache-control': 'no-store',
        ...res.headers,
        'content-length': String(bytes.length),
      };
      if (p.close) headers.connection = 'close';
      // One write per answer: a single buffer for the transport (one notify on virtio).
      const h = head(res.status, headers);
      if (p.head || !bytes.length) this.#write(h);
      else {
        const all = new Uint8Array(h.length + bytes.length);
        all.set(h);
        all.set(bytes, h.length);
        this.#write(all);
      }
      if (p.close) {
        this.#queue = [];
        this.sink.close();
        this.transportClosed();
        return;
      }
    }
  }

  #startStream(res: ApiResponse): void {
    this.#closing = true;
    this.#queue = [];
    this.#write(head(200, { 'content-type': res.contentType ?? 'text/event-stream', 'cache-control': 'no-store', ...res.headers, connection: 'close' }));
    const stop = res.stream!.start((text) => {
      if (!this.#dead) this.#write(encodeUtf8(text));
    }, () => {
      if (this.#dead) return;
      this.sink.close();
      this.transportClosed();
    });
    if (this.#dead) stop();
    else this.#stopStream = stop;
  }

  #write(bytes: Uint8Array): void {
    this.server.stats.bytesOut += bytes.length;
    this.sink.write(bytes);
  }
}
