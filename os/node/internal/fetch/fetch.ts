// fetch() (https://fetch.spec.whatwg.org/#fetch-method) over this instance's http client, shaped
// as Node 20's undici-based fetch:
// - http: through a keep-alive http.Agent; https: fails with TypeError('fetch failed') whose
//   cause is ERR_TLS_NOT_SUPPORTED; data: URLs are decoded locally; other schemes fail.
// - Request headers get undici's defaults (accept, accept-language, sec-fetch-mode, user-agent)
//   but no accept-encoding: there is no decompression, so none is asked for.
// - Redirects (301/302/303/307/308): 'follow' (at most 20; 303, and 301/302 after POST, become
//   GET without a body; a streamed body cannot be replayed), 'error', 'manual'.
// - The response body is a ReadableStream over the IncomingMessage with backpressure (pause until
//   pulled); AbortSignal aborts the request or the body with the signal's reason.
// - Network errors reject with TypeError('fetch failed') carrying the cause (ECONNREFUSED, ...);
//   a body cut short errors its stream with TypeError('terminated').

import { Buffer } from 'buffer';
import { codes } from '../../../core/errors';
import { DOMException } from '../polyfills/dom-exception';
import { URL } from '../../url';
import type { HttpModule } from '../../http';
import type { NetRuntime } from '../net/provider';
import { Headers, freezeHeaders, headersFromRaw, headersToRaw } from './headers';
import { FormData, kBody } from './body';
import { Request, Response, REDIRECT_STATUSES, NULL_BODY_STATUSES } from './messages';
import { ReadableStream, webStreams } from './webstreams';

const MAX_REDIRECTS = 20;
/** https://fetch.spec.whatwg.org/#port-blocking: refused before any connection ("bad port"). */
const BAD_PORTS = new Set([1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95, 101, 102,
  103, 104, 109, 110, 111, 113, 115, 117, 119, 123, 135, 137, 139, 143, 161, 179, 389, 427, 465, 512, 513, 514, 515, 526,
  530, 531, 532, 540, 548, 554, 556, 563, 587, 601, 636, 989, 990, 993, 995, 1719, 1720, 1723, 2049, 3659, 4045, 4190,
  5060, 5061, 6000, 6566, 6665, 6666, 6667, 6668, 6669, 6679, 6697, 10080]);

function fetchFailed(cause: unknown): TypeError {
  const err = new TypeError('fetch failed') as TypeError & { cause: unknown };
  err.cause = cause;
  return err;
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason !== undefined ? signal.reason : new DOMException('This operation was aborted', 'AbortError');
}

/** data: URLs (https://fetch.spec.whatwg.org/#data-urls), the common forms. */
function decodeDataUrl(href: string): { type: string; bytes: Uint8Array } | undefined {
  const m = /^data:([^,]*),(.*)$/is.exec(href);
  if (!m) return undefined;
  let meta = m[1].trim();
  const base64 = /;\s*base64$/i.test(meta);
  if (base64) meta = meta.replace(/;\s*base64$/i, '');
  const body = m[2];
  let bytes: Uint8Array;
  if (base64) {
    bytes = Buffer.from(decodeURIComponent(body).replace(/[\t\n\f\r ]/g, ''), 'base64');
  } else {
    const out: number[] = [];
    for (let i = 0; i < body.length; i++) {
      const c = body.charCodeAt(i);
      if (c === 0x25 && /^[0-9a-fA-F]{2}$/.test(body.slice(i + 1, i + 3))) { out.push(parseInt(body.slice(i + 1, i + 3), 16)); i += 2; }
      else if (c < 0x80) out.push(c);
      else for (const b of Buffer.from(body[i])) out.push(b);
    }
    bytes = Uint8Array.from(out);
  }
  const type = meta === '' || meta.startsWith(';') ? `text/plain${meta || ';charset=US-ASCII'}` : meta;
  return { type, bytes };
}

export function createFetch(http: HttpModule, _rt: NetRuntime) {
  const agent = new (http.Agent as any)({ keepAlive: true });

  function fetch(input: unknown, init?: Record<string, any>): Promise<Response> {
    return new Promise<Response>((resolve, reject) => {
      let request: Request;
      try {
        request = new Request(input as string, init);
      } catch (e) {
        reject(e);
        return;
      }
      const signal = request.signal;
      if (signal?.aborted) {
        reject(abortReason(signal));
        return;
      }
      let settled = false;
      let current: any = null;
      let bodyController: ReadableStreamDefaultController<Uint8Array> | null = null;
      const finish = (fn: () => void) => {
        if (settled) return;
        settled = true;
        signal?.removeEventListener('abort', onAbort);
        fn();
      };
      const onAbort = () => {
        const reason = abortReason(signal!);
        current?.destroy();
        if (!settled) finish(() => reject(reason));
        else if (bodyController) {
          try { bodyController.error(reason); } catch { /* already closed */ }
        }
      };
      signal?.addEventListener('abort', onAbort, { once: true } as any);

      const headers = new Headers(request.headers);
      let bytes = request[kBody].bytes;
      let stream = request[kBody].stream;
      if (stream && request[kBody].used) {
        finish(() => reject(new TypeError('Body is unusable')));
        return;
      }
      request[kBody].used = stream !== null;

      const step = (url: URL, method: string, redirects: number) => {
        if (url.protocol === 'data:') {
          const d = decodeDataUrl(url.href);
          if (!d) { finish(() => reject(fetchFailed(new Error('invalid data: URL')))); return; }
          const r = Response._fromNetwork(200, 'OK', freezeHeaders(new Headers({ 'content-type': d.type })), null);
          r[kBody].bytes = d.bytes;
          r._setInternals({ url: url.href, redirected: redirects > 0 });
          finish(() => resolve(r));
          return;
        }
        if (url.protocol === 'https:') {
          finish(() => reject(fetchFailed(new codes.ERR_TLS_NOT_SUPPORTED(`fetch(${url.href})`))));
          return;
        }
        if (url.protocol !== 'http:') {
          finish(() => reject(fetchFailed(new Error('unknown scheme'))));
          return;
        }
        if (url.port && BAD_PORTS.has(Number(url.port))) {
          finish(() => reject(fetchFailed(new Error('bad port'))));
          return;
        }
        const has = (n: string) => headers.has(n);
        const raw = has('host') ? headersToRaw(headers) : ['host', url.host, ...headersToRaw(headers)];
        if (!has('accept')) raw.push('accept', '*/*');
        if (!has('accept-language')) raw.push('accept-language', '*');
        if (!has('sec-fetch-mode')) raw.push('sec-fetch-mode', 'cors');
        if (!has('user-agent')) raw.push('user-agent', 'node');
        if (bytes && !has('content-length')) raw.push('content-length', String(bytes.length));
        else if (!bytes && !stream && (method === 'POST' || method === 'PUT') && !has('content-length')) raw.push('content-length', '0');
        let req: any;
        try {
          req = http.request({
            hostname: url.hostname.replace(/^\[|\]$/g, ''),
            port: url.port || 80,
            path: `${url.pathname}${url.search}`,
            method,
            headers: raw,
            agent,
          });
        } catch (e) {
          finish(() => reject(fetchFailed(e)));
          return;
        }
        current = req;
        req.on('error', (err: Error) => {
          if (!settled) finish(() => reject(fetchFailed(err)));
        });
        req.on('response', (res: any) => {
          const status: number = res.statusCode;
          const location = res.headers.location;
          if (REDIRECT_STATUSES.has(status) && location !== undefined && request.redirect !== 'manual') {
            res.resume();
            if (request.redirect === 'error') { finish(() => reject(fetchFailed(new Error('unexpected redirect')))); return; }
            if (redirects >= MAX_REDIRECTS) { finish(() => reject(fetchFailed(new Error('redirect count exceeded')))); return; }
            let next: URL;
            try {
              next = new URL(location, url);
            } catch (e) {
              finish(() => reject(fetchFailed(e)));
              return;
            }
            let nextMethod = method;
            if ((status === 303 && method !== 'GET' && method !== 'HEAD') || ((status === 301 || status === 302) && method === 'POST')) {
              nextMethod = 'GET';
              bytes = null;
              stream = null;
              for (const h of ['content-encoding', 'content-language', 'content-location', 'content-type', 'content-length']) headers.delete(h);
            } else if (stream) {
              finish(() => reject(fetchFailed(new Error('Cannot follow redirect with a streamed body'))));
              return;
            }
            if (next.origin !== url.origin) headers.delete('authorization');
            step(next, nextMethod, redirects + 1);
            return;
          }
          const nullBody = method === 'HEAD' || NULL_BODY_STATUSES.has(status);
          let body: ReadableStream<Uint8Array> | null = null;
          if (nullBody) {
            res.resume();
          } else {
            body = new ReadableStream<Uint8Array>({
              start(controller) {
                bodyController = controller;
                res.on('data', (chunk: Buffer) => {
                  controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
                  if ((controller.desiredSize ?? 1) <= 0) res.pause();
                });
                res.on('end', () => { try { controller.close(); } catch { /* errored */ } });
                res.on('aborted', () => {
                  const e = new TypeError('terminated') as TypeError & { cause: unknown };
                  e.cause = new Error('other side closed');
                  try { controller.error(e); } catch { /* closed */ }
                });
                res.on('error', () => {});
              },
              pull() { res.resume(); },
              cancel() { res.destroy(); },
            });
            res.pause();
          }
          const response = Response._fromNetwork(status, res.statusMessage ?? '', freezeHeaders(headersFromRaw(res.rawHeaders)), body);
          response._setInternals({ url: url.href, redirected: redirects > 0 });
          finish(() => resolve(response));
          if (!signal) return;
          // Abort after the response still errors the body.
          signal.addEventListener('abort', () => {
            req.destroy();
            if (bodyController) { try { bodyController.error(abortReason(signal)); } catch { /* closed */ } }
          }, { once: true } as any);
        });
        if (bytes) {
          req.end(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
        } else if (stream) {
          const reader = stream.getReader();
          const pump = (): void => {
            reader.read().then(({ done, value }) => {
              if (done) { req.end(); return; }
              const chunk = typeof value === 'string' ? Buffer.from(value) : Buffer.from(value.buffer, value.byteOffset, value.byteLength);
              if (req.write(chunk)) pump();
              else req.once('drain', pump);
            }, (err) => req.destroy(err));
          };
          pump();
        } else {
          req.end();
        }
      };
      step(new URL(request.url), request.method, 0);
    });
  }

  return {
    fetch,
    Headers,
    Request,
    Response,
    FormData,
    webStreams,
    ...webStreams,
  };
}
