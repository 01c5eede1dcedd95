// Request and Response (https://fetch.spec.whatwg.org/#request-class, #response-class) as Node
// 20's undici shapes them: absolute URLs only (there is no document base), method names
// normalised, GET/HEAD without bodies, streamed request bodies need duplex: 'half', Response.json /
// redirect / error, clone() tees the body.

import { Headers, fillHeaders } from './headers';
import { BodyMixin, extractBody, kBody } from './body';
import { ReadableStream } from './webstreams';
import { URL } from '../../url';
import { checkIsHttpToken } from '../http/common';
import { encodeUtf8 } from '../../../core/utf8';

const NORMALIZED = new Set(['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT']);
const FORBIDDEN = new Set(['CONNECT', 'TRACE', 'TRACK']);
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

let random: () => number = Math.random;
/** The entropy source for multipart boundaries (the runtime passes crypto's). */
export function setBoundaryRandom(fn: () => number): void { random = fn; }

function teeBody(from: BodyMixin, to: BodyMixin): void {
  const b = from[kBody];
  if (b.stream) {
    const [a, c] = b.stream.tee();
    b.stream = a;
    to[kBody].stream = c;
  }
  to[kBody].bytes = b.bytes;
}

export class Request extends BodyMixin {
  #url: string;
  #method: string;
  #signal: AbortSignal | null;
  #redirect: string;
  #init: Record<string, unknown>;

  constructor(input: string | URL | Request, init: Record<string, any> = {}) {
    super();
    if (init !== undefined && init !== null && typeof init !== 'object') throw new TypeError("Request constructor: Expected init to be an object.");
    init ??= {};
    let base: Request | null = null;
    let url: string;
    if (input instanceof Request) {
      base = input;
      url = input.url;
    } else {
      try {
        url = new URL(String(input)).href;
      } catch (cause) {
        const err = new TypeError(`Failed to parse URL from ${String(input)}`) as TypeError & { cause: unknown };
        err.cause = cause;
        throw err;
      }
      if (/^[a-z][a-z0-9+.-]*:\/\/[^/]*@/i.test(url) && new URL(url).username + new URL(url).password !== '') {
        throw new TypeError(`Request cannot be constructed from a URL that includes credentials: ${String(input)}`);
      }
    }
    this.#url = url;
    let method = init.method ?? base?.method ?? 'GET';
    method = String(method);
    if (!checkIsHttpToken(method)) throw new TypeError(`'${method}' is not a valid HTTP method.`);
    const upper = method.toUpperCase();
    if (FORBIDDEN.has(upper)) throw new TypeError(`'${method}' HTTP method is unsupported.`);
    this.#method = NORMALIZED.has(upper) ? upper : method;
    this.#signal = init.signal ?? base?.signal ?? null;
    this.#redirect = init.redirect ?? base?.redirect ?? 'follow';
    if (!['follow', 'error', 'manual'].includes(this.#redirect)) throw new TypeError(`Request constructor: ${this.#redirect} is not an accepted type. Expected one of follow, error, manual.`);
    this.#init = { mode: init.mode ?? base?.mode ?? 'cors', credentials: init.credentials ?? base?.credentials ?? 'same-origin', cache: init.cache ?? base?.cache ?? 'default', referrer: init.referrer ?? 'about:client', referrerPolicy: init.referrerPolicy ?? '', integrity: init.integrity ?? '', keepalive: !!init.keepalive, duplex: init.duplex ?? base?.duplex ?? 'half' };
    this.headers = new Headers(init.headers ?? base?.headers);
    const body = init.body !== undefined ? init.body : null;
    if (body !== null && (this.#method === 'GET' || this.#method === 'HEAD')) throw new TypeError('Request with GET/HEAD method cannot have body.');
    if (body !== null) {
      const e = extractBody(body, random);
      if (e.stream && init.duplex === undefined) throw new TypeError('RequestInit: duplex option is required when sending a body.');
      this[kBody] = { bytes: e.bytes, stream: e.stream, used: false };
      if (e.type && !this.headers.has('content-type')) this.headers.append('content-type', e.type);
    } else if (base) {
      if (base.bodyUsed) throw new TypeError('Cannot construct a Request with a Request object that has already been used.');
      this[kBody] = { bytes: base[kBody].bytes, stream: base[kBody].stream, used: false };
      base[kBody].used = base[kBody].stream !== null;
    }
  }

  get url(): string { return this.#url; }
  get method(): string { return this.#method; }
  get signal(): AbortSignal | null { return this.#signal; }
  get redirect(): string { return this.#redirect; }
  get mode(): string { return this.#init.mode as string; }
  get credentials(): string { return this.#init.credentials as string; }
  get cache(): string { return this.#init.cache as string; }
  get referrer(): string { return this.#init.referrer as string; }
  get referrerPolicy(): string { return this.#init.referrerPolicy as string; }
  get integrity(): string { return this.#init.integrity as string; }
  get keepalive(): boolean { return this.#init.keepalive as boolean; }
  get duplex(): string { return this.#init.duplex as string; }
  get destination(): string { return ''; }

  clone(): Request {
    if (this.bodyUsed) throw new TypeError('Request.clone: Body has already been consumed.');
    const r = new Request(this.#url, { method: this.#method, headers: this.headers, redirect: this.#redirect, signal: this.#signal ?? undefined, mode: this.mode });
    teeBody(this, r);
    return r;
  }
}
Object.defineProperty(Request, 'name', { value: 'Request' });
Object.defineProperty(Request.prototype, Symbol.toStringTag, { value: 'Request', configurable: true });

export interface ResponseInternals {
  url?: string;
  redirected?: boolean;
  type?: string;
}

export class Response extends BodyMixin {
  #status: number;
  #statusText: string;
  #type = 'default';
  #url = '';
  #redirected = false;

  constructor(body: unknown = null, init: { status?: number; statusText?: string; headers?: any } = {}) {
    super();
    if (init !== null && typeof init !== 'object') throw new TypeError("Response constructor: Expected init to be an object.");
    const status = init?.status ?? 200;
    if (!(Number.isInteger(status) && status >= 200 && status <= 599)) throw new RangeError(`init["status"] must be in the range of 200 to 599, inclusive.`);
    const statusText = String(init?.statusText ?? '');
    if (/[^\t\x20-\x7e\x80-\xff]/.test(statusText)) throw new TypeError('Invalid statusText');
    this.#status = status;
    this.#statusText = statusText;
    this.headers = new Headers();
    if (init?.headers) fillHeaders(this.headers, init.headers);
    if (body !== null && body !== undefined) {
      if (NULL_BODY_STATUSES.has(status)) throw new TypeError('Response constructor: Invalid response status code ' + status);
      const e = extractBody(body, random);
      this[kBody] = { bytes: e.bytes, stream: e.stream, used: false };
      if (e.type && !this.headers.has('content-type')) this.headers.append('content-type', e.type);
    }
  }

  /** @internal fetch() fills in what a network response has. */
  _setInternals(i: ResponseInternals): void {
    if (i.url !== undefined) this.#url = i.url;
    if (i.redirected !== undefined) this.#redirected = i.redirected;
    if (i.type !== undefined) this.#type = i.type;
  }

  /** @internal fetch() builds responses with any status (1xx and 204 included). */
  static _fromNetwork(status: number, statusText: string, headers: Headers, stream: ReadableStream<Uint8Array> | null): Response {
    const r = new Response(null, { status: 200 });
    r.#status = status;
    r.#statusText = statusText;
    r.headers = headers;
    r[kBody] = { bytes: null, stream, used: false };
    r.#type = 'basic';
    return r;
  }

  get status(): number { return this.#status; }
  get ok(): boolean { return this.#status >= 200 && this.#status <= 299; }
  get statusText(): string { return this.#statusText; }
  get type(): string { return this.#type; }
  get url(): string { return this.#url; }
  get redirected(): boolean { return this.#redirected; }

  clone(): Response {
    if (this.bodyUsed) throw new TypeError('Response.clone: Body has already been consumed.');
    const r = Response._fromNetwork(this.#status, this.#statusText, new Headers(this.headers), null);
    r.#type = this.#type;
    r.#url = this.#url;
    r.#redirected = this.#redirected;
    teeBody(this, r);
    return r;
  }

  static error(): Response {
    const r = Response._fromNetwork(0, '', new Headers(), null);
    r.#type = 'error';
    return r;
  }

  static redirect(url: string | URL, status = 302): Response {
    let parsed: string;
    try {
      parsed = new URL(String(url)).href;
    } catch (cause) {
      const err = new TypeError(`Failed to parse URL from ${String(url)}`) as TypeError & { cause: unknown };
      err.cause = cause;
      throw err;
    }
    if (!REDIRECT_STATUSES.has(status)) throw new RangeError(`Invalid status code ${status}`);
    const r = Response._fromNetwork(status, '', new Headers({ location: parsed }), null);
    r.#type = 'default';
    return r;
  }

  static json(data: unknown, init: { status?: number; statusText?: string; headers?: any } = {}): Response {
    const text = JSON.stringify(data);
    if (text === undefined) throw new TypeError('Value is not JSON serializable');
    const r = new Response(encodeUtf8(text), init);
    if (!r.headers.has('content-type')) r.headers.set('content-type', 'application/json');
    return r;
  }
}
Object.defineProperty(Response, 'name', { value: 'Response' });
Object.defineProperty(Response.prototype, Symbol.toStringTag, { value: 'Response', configurable: true });

export { REDIRECT_STATUSES, NULL_BODY_STATUSES };
