// The host-to-guest control channel: HTTP/1.1 over the virtio-serial port org.nephos.control,
// which QEMU exposes on the host as a Unix socket in the instance's state directory (mode 0600:
// only the owner reaches it). The host tool uses it to stop the guest gracefully and to ask for
// its state; the management API grows on the same channel.
//
// The parser here is deliberately small and strict (the peer is our own host tool): request line,
// headers, Content-Length bodies up to 1 MiB, one request at a time, keep-alive. Anything else gets
// 400 and the connection state is reset.
import { decodeUtf8, encodeUtf8 } from '../core/utf8';

export interface ControlRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: Uint8Array;
}

export interface ControlResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type ControlHandler = (req: ControlRequest) => ControlResponse;

const MAX_HEAD = 16 * 1024;
const MAX_BODY = 1024 * 1024;
const REASONS: Record<number, string> = {
  200: 'OK', 202: 'Accepted', 204: 'No Content', 400: 'Bad Request', 404: 'Not Found',
  405: 'Method Not Allowed', 413: 'Payload Too Large', 500: 'Internal Server Error',
};

function parseQuery(q: string): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  for (const part of q.split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const k = eq < 0 ? part : part.slice(0, eq);
    const v = eq < 0 ? '' : part.slice(eq + 1);
    try {
      out[decodeURIComponent(k.replace(/\+/g, ' '))] = decodeURIComponent(v.replace(/\+/g, ' '));
    } catch {
      out[k] = v;
    }
  }
  return out;
}

export function formatResponse(res: ControlResponse): Uint8Array {
  const body = res.body === undefined ? new Uint8Array(0)
    : res.body instanceof Uint8Array ? res.body
    : encodeUtf8(typeof res.body === 'string' ? res.body : JSON.stringify(res.body));
  const headers: Record<string, string> = {
    'content-type': res.body instanceof Uint8Array || typeof res.body === 'string' ? 'text/plain; charset=utf-8' : 'application/json',
    ...res.headers,
    'content-length': String(body.length),
  };
  let head = `HTTP/1.1 ${res.status} ${REASONS[res.status] ?? 'Status'}\r\n`;
  for (const [k, v] of Object.entries(headers)) head += `${k}: ${v}\r\n`;
  head += '\r\n';
  const h = encodeUtf8(head);
  const out = new Uint8Array(h.length + body.length);
  out.set(h);
  out.set(body, h.length);
  return out;
}

/** Incremental request parser for one connection. */
export class ControlConnection {
  private buf = new Uint8Array(0);
  constructor(private readonly handler: ControlHandler, private readonly send: (bytes: Uint8Array) => void) {}

  reset(): void {
    this.buf = new Uint8Array(0);
  }

  push(chunk: Uint8Array): void {
    const merged = new Uint8Array(this.buf.length + chunk.length);
    merged.set(this.buf);
    merged.set(chunk, this.buf.length);
    this.buf = merged;
    for (;;) {
      const end = indexOfHeadEnd(this.buf);
      if (end < 0) {
        if (this.buf.length > MAX_HEAD) this.fail(400);
        return;
      }
      const head = decodeUtf8(this.buf.subarray(0, end));
      const lines = head.split('\r\n');
      const m = /^([A-Z]+) (\/[^ ]*) HTTP\/1\.[01]$/.exec(lines[0]);
      if (!m) return this.fail(400);
      const headers: Record<string, string> = Object.create(null);
      for (const line of lines.slice(1)) {
        const c = line.indexOf(':');
        if (c <= 0 || /\s/.test(line[c - 1])) return this.fail(400);
        headers[line.slice(0, c).toLowerCase()] = line.slice(c + 1).trim();
      }
      const len = headers['content-length'] === undefined ? 0 : Number(headers['content-length']);
      if (!Number.isSafeInteger(len) || len < 0 || headers['transfer-encoding'] !== undefined) return this.fail(400);
      if (len > MAX_BODY) return this.fail(413);
      if (this.buf.length < end + 4 + len) return;
      const body = this.buf.slice(end + 4, end + 4 + len);
      this.buf = this.buf.slice(end + 4 + len);
      const [path, q = ''] = m[2].split('?', 2);
      let res: ControlResponse;
      try {
        res = this.handler({ method: m[1], path, query: parseQuery(q), headers, body });
      } catch (err) {
        res = { status: 500, body: { error: String((err as Error)?.message ?? err) } };
      }
      this.send(formatResponse(res));
    }
  }

  private fail(status: number): void {
    this.send(formatResponse({ status, body: { error: status === 413 ? 'request body too large' : 'malformed request' }, headers: { connection: 'close' } }));
    this.reset();
  }
}

function indexOfHeadEnd(b: Uint8Array): number {
  for (let i = 0; i + 3 < b.length; i++) {
    if (b[i] === 13 && b[i + 1] === 10 && b[i + 2] === 13 && b[i + 3] === 10) return i;
  }
  return -1;
}
