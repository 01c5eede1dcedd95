// The host side of the management API: one HTTP/1.1 request over an instance's control socket
// (os/mgmt serves it). QEMU's socket chardev serves one client at a time and refuses or queues
// the others, so a connection that is refused or reset before an answer is retried with a short
// backoff until the deadline; each request uses its own connection (Connection: close).
// Answers are read by Content-Length (every non-stream answer has one), bodies kept as bytes.
import { connect } from 'node:net';

export interface ApiAnswer {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

export interface ApiCall {
  method: string;
  path: string;
  body?: Buffer;
  headers?: Record<string, string>;
  timeoutMs?: number;
}

function once(socketPath: string, call: ApiCall, deadline: number): Promise<ApiAnswer> {
  return new Promise((resolve, reject) => {
    const s = connect(socketPath);
    let data = Buffer.alloc(0);
    let settled = false;
    const done = (err: Error | undefined, a?: ApiAnswer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      s.destroy();
      if (err) reject(err);
      else resolve(a!);
    };
    const timer = setTimeout(() => done(Object.assign(new Error('the instance did not answer in time'), { code: 'ETIMEDOUT' })), Math.max(1, deadline - Date.now()));
    s.on('connect', () => {
      const body = call.body ?? Buffer.alloc(0);
      const headers = { Host: 'nephos', Connection: 'close', 'Content-Length': String(body.length), ...call.headers };
      s.write(`${call.method} ${call.path} HTTP/1.1\r\n${Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`);
      if (body.length) s.write(body);
    });
    s.on('data', (d: Buffer) => {
      data = Buffer.concat([data, d]);
      const end = data.indexOf('\r\n\r\n');
      if (end < 0) return;
      const head = data.subarray(0, end).toString('latin1').split('\r\n');
      const m = /^HTTP\/1\.[01] (\d{3})/.exec(head[0]);
      if (!m) return done(new Error('the instance sent a malformed answer'));
      const headers: Record<string, string> = {};
      for (const line of head.slice(1)) {
        const c = line.indexOf(':');
        if (c > 0) headers[line.slice(0, c).trim().toLowerCase()] = line.slice(c + 1).trim();
      }
      if (headers['content-length'] === undefined) return; // a stream: read until close
      const len = Number(headers['content-length']);
      if (data.length < end + 4 + len) return;
      done(undefined, { status: Number(m[1]), headers, body: data.subarray(end + 4, end + 4 + len) });
    });
    s.on('error', (e) => done(e));
    s.on('close', () => done(Object.assign(new Error('the control channel closed before answering'), { code: 'ECONNRESET' })));
  });
}

const RETRY = new Set(['EAGAIN', 'ECONNREFUSED', 'ECONNRESET', 'EPIPE']);

/** One request; retried while QEMU's socket is busy with another client. */
export async function apiCall(socketPath: string, call: ApiCall): Promise<ApiAnswer> {
  const deadline = Date.now() + (call.timeoutMs ?? 10_000);
  for (let attempt = 0; ; attempt++) {
    try {
      return await once(socketPath, call, deadline);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? '';
      // ENOENT: no socket (the instance is not running): not worth retrying.
      if (!RETRY.has(code) || Date.now() + 20 > deadline) throw e;
      await new Promise((r) => setTimeout(r, Math.min(200, 5 * 2 ** Math.min(attempt, 6))));
    }
  }
}

/** Requests to one socket, one at a time (QEMU serves one client at a time anyway). */
export class ApiQueue {
  #tail: Promise<unknown> = Promise.resolve();
  constructor(readonly socketPath: string) {}
  call(call: ApiCall): Promise<ApiAnswer> {
    const p = this.#tail.then(() => apiCall(this.socketPath, call));
    this.#tail = p.catch(() => {});
    return p;
  }
}
