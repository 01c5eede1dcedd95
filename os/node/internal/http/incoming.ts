// http.IncomingMessage (Node 20's _http_incoming.js): the request a server receives and the
// response a client receives, as a Readable. The parser pushes body chunks into it (push() false
// pauses the socket, _read resumes it); headers and trailers are built lazily from the raw
// [name, value, ...] arrays with Node's duplicate rules (set-cookie is an array, cookie joins with
// "; ", the listed single-value fields keep the first, everything else joins with ", ").

import { Readable, finished } from 'readable-stream';
import { nextTickOf } from './common';

const kHeaders = Symbol('kHeaders');
const kHeadersDistinct = Symbol('kHeadersDistinct');
const kHeadersCount = Symbol('kHeadersCount');
const kTrailers = Symbol('kTrailers');
const kTrailersDistinct = Symbol('kTrailersDistinct');
const kTrailersCount = Symbol('kTrailersCount');

export function readStart(socket: any): void {
  if (socket && !socket._paused && socket.readable) socket.resume();
}

export function readStop(socket: any): void {
  if (socket) socket.pause();
}

/**
 * Node's matchKnownFields: the lower-case name, prefixed with \u0000 for fields joined with ", ",
 * \u0001 for set-cookie (an array) and \u0002 for cookie (joined with "; "); no prefix means
 * "keep the first value".
 */
function matchKnownFields(field: string, lowercased = false): string {
  switch (field.length) {
    case 3: if (field === 'Age' || field === 'age') return 'age'; break;
    case 4:
      if (field === 'Host' || field === 'host') return 'host';
      if (field === 'From' || field === 'from') return 'from';
      if (field === 'ETag' || field === 'etag') return 'etag';
      if (field === 'Date' || field === 'date') return '\u0000date';
      if (field === 'Vary' || field === 'vary') return '\u0000vary';
      break;
    case 6:
      if (field === 'Server' || field === 'server') return 'server';
      if (field === 'Cookie' || field === 'cookie') return '\u0002cookie';
      if (field === 'Origin' || field === 'origin') return '\u0000origin';
      if (field === 'Expect' || field === 'expect') return '\u0000expect';
      if (field === 'Accept' || field === 'accept') return '\u0000accept';
      break;
    case 7:
      if (field === 'Referer' || field === 'referer') return 'referer';
      if (field === 'Expires' || field === 'expires') return 'expires';
      if (field === 'Upgrade' || field === 'upgrade') return '\u0000upgrade';
      break;
    case 8:
      if (field === 'Location' || field === 'location') return 'location';
      if (field === 'If-Match' || field === 'if-match') return '\u0000if-match';
      break;
    case 10:
      if (field === 'User-Agent' || field === 'user-agent') return 'user-agent';
      if (field === 'Set-Cookie' || field === 'set-cookie') return '\u0001';
      if (field === 'Connection' || field === 'connection') return '\u0000connection';
      break;
    case 11: if (field === 'Retry-After' || field === 'retry-after') return 'retry-after'; break;
    case 12:
      if (field === 'Content-Type' || field === 'content-type') return 'content-type';
      if (field === 'Max-Forwards' || field === 'max-forwards') return 'max-forwards';
      break;
    case 13:
      if (field === 'Authorization' || field === 'authorization') return 'authorization';
      if (field === 'Last-Modified' || field === 'last-modified') return 'last-modified';
      if (field === 'Cache-Control' || field === 'cache-control') return '\u0000cache-control';
      if (field === 'If-None-Match' || field === 'if-none-match') return '\u0000if-none-match';
      break;
    case 14: if (field === 'Content-Length' || field === 'content-length') return 'content-length'; break;
    case 15:
      if (field === 'Accept-Encoding' || field === 'accept-encoding') return '\u0000accept-encoding';
      if (field === 'Accept-Language' || field === 'accept-language') return '\u0000accept-language';
      if (field === 'X-Forwarded-For' || field === 'x-forwarded-for') return '\u0000x-forwarded-for';
      break;
    case 16:
      if (field === 'Content-Encoding' || field === 'content-encoding') return '\u0000content-encoding';
      if (field === 'X-Forwarded-Host' || field === 'x-forwarded-host') return '\u0000x-forwarded-host';
      break;
    case 17:
      if (field === 'If-Modified-Since' || field === 'if-modified-since') return 'if-modified-since';
      if (field === 'Transfer-Encoding' || field === 'transfer-encoding') return '\u0000transfer-encoding';
      if (field === 'X-Forwarded-Proto' || field === 'x-forwarded-proto') return '\u0000x-forwarded-proto';
      break;
    case 19:
      if (field === 'Proxy-Authorization' || field === 'proxy-authorization') return 'proxy-authorization';
      if (field === 'If-Unmodified-Since' || field === 'if-unmodified-since') return 'if-unmodified-since';
      break;
  }
  if (lowercased) return '\u0000' + field;
  return matchKnownFields(field.toLowerCase(), true);
}

export class IncomingMessage extends Readable {
  [key: string]: any;
  [kHeaders]: Record<string, any> | null = null;
  [kHeadersDistinct]: Record<string, string[]> | null = null;
  [kHeadersCount] = 0;
  [kTrailers]: Record<string, any> | null = null;
  [kTrailersDistinct]: Record<string, string[]> | null = null;
  [kTrailersCount] = 0;

  constructor(socket?: any) {
    super(socket ? { highWaterMark: socket.readableHighWaterMark } : undefined);
    (this as any)._readableState.readingMore = true;
    this.socket = socket;
    this.httpVersionMajor = null;
    this.httpVersionMinor = null;
    this.httpVersion = null;
    this.complete = false;
    this.rawHeaders = [];
    this.rawTrailers = [];
    this.joinDuplicateHeaders = false;
    this.aborted = false;
    this.upgrade = null;
    this.url = '';
    this.method = null;
    this.statusCode = null;
    this.statusMessage = null;
    this.client = socket;
    this._consuming = false;
    this._dumped = false;
  }

  get connection(): any { return this.socket; }
  set connection(v: any) { this.socket = v; }

  get headers(): Record<string, any> {
    if (!this[kHeaders]) {
      const dst: Record<string, any> = {};
      const src = this.rawHeaders;
      for (let n = 0; n < this[kHeadersCount]; n += 2) this._addHeaderLine(src[n], src[n + 1], dst);
      this[kHeaders] = dst;
    }
    return this[kHeaders]!;
  }
  set headers(v: Record<string, any>) { this[kHeaders] = v; }

  get headersDistinct(): Record<string, string[]> {
    if (!this[kHeadersDistinct]) {
      const dst: Record<string, string[]> = Object.create(null);
      const src = this.rawHeaders;
      for (let n = 0; n < this[kHeadersCount]; n += 2) addHeaderLineDistinct(src[n], src[n + 1], dst);
      this[kHeadersDistinct] = dst;
    }
    return this[kHeadersDistinct]!;
  }
  set headersDistinct(v: Record<string, string[]>) { this[kHeadersDistinct] = v; }

  get trailers(): Record<string, any> {
    if (!this[kTrailers]) {
      const dst: Record<string, any> = {};
      const src = this.rawTrailers;
      for (let n = 0; n < this[kTrailersCount]; n += 2) this._addHeaderLine(src[n], src[n + 1], dst);
      this[kTrailers] = dst;
    }
    return this[kTrailers]!;
  }
  set trailers(v: Record<string, any>) { this[kTrailers] = v; }

  get trailersDistinct(): Record<string, string[]> {
    if (!this[kTrailersDistinct]) {
      const dst: Record<string, string[]> = Object.create(null);
      const src = this.rawTrailers;
      for (let n = 0; n < this[kTrailersCount]; n += 2) addHeaderLineDistinct(src[n], src[n + 1], dst);
      this[kTrailersDistinct] = dst;
    }
    return this[kTrailersDistinct]!;
  }
  set trailersDistinct(v: Record<string, string[]>) { this[kTrailersDistinct] = v; }

  setTimeout(msecs: number, callback?: () => void): this {
    if (callback) this.on('timeout', callback);
    this.socket.setTimeout(msecs);
    return this;
  }

  _read(_n: number): void {
    if (!this._consuming) {
      (this as any)._readableState.readingMore = false;
      this._consuming = true;
    }
    // The parser pushes the body; reading only lets the socket flow again.
    if (this.socket?.readable) readStart(this.socket);
  }

  _destroy(err: Error | null, cb: (err?: Error | null) => void): void {
    if (!this.readableEnded || !this.complete) {
      this.aborted = true;
      this.emit('aborted');
    }
    const nextTick = nextTickOf(this);
    if (this.socket && !this.socket.destroyed && this.aborted) {
      this.socket.destroy(err);
      const cleanup = finished(this.socket, (e: any) => {
        if (e?.code === 'ERR_STREAM_PREMATURE_CLOSE') e = null;
        cleanup();
        nextTick(onError, this, e || err, cb);
      });
    } else {
      nextTick(onError, this, err, cb);
    }
  }

  _addHeaderLines(headers: string[], n: number): void {
    if (!headers || !headers.length) return;
    let dest: Record<string, any> | null;
    if (this.complete) {
      this.rawTrailers = headers;
      this[kTrailersCount] = n;
      dest = this[kTrailers];
    } else {
      this.rawHeaders = headers;
      this[kHeadersCount] = n;
      dest = this[kHeaders];
    }
    if (dest) for (let i = 0; i < n; i += 2) this._addHeaderLine(headers[i], headers[i + 1], dest);
  }

  _addHeaderLine(field: string, value: string, dest: Record<string, any>): void {
    field = matchKnownFields(field);
    const flag = field.charCodeAt(0);
    if (flag === 0 || flag === 2) {
      field = field.slice(1);
      if (typeof dest[field] === 'string') dest[field] += (flag === 0 ? ', ' : '; ') + value;
      else dest[field] = value;
    } else if (flag === 1) {
      if (dest['set-cookie'] !== undefined) dest['set-cookie'].push(value);
      else dest['set-cookie'] = [value];
    } else if (this.joinDuplicateHeaders) {
      if (dest[field] === undefined) dest[field] = value;
      else dest[field] += ', ' + value;
    } else if (dest[field] === undefined) {
      dest[field] = value;
    }
  }

  _addHeaderLineDistinct(field: string, value: string, dest: Record<string, string[]>): void {
    addHeaderLineDistinct(field, value, dest);
  }

  /** Discards the body (nobody will read it) so the socket keeps flowing. */
  _dump(): void {
    if (!this._dumped) {
      this._dumped = true;
      this.removeAllListeners('data');
      this.resume();
    }
  }
}

function addHeaderLineDistinct(field: string, value: string, dest: Record<string, string[]>): void {
  field = field.toLowerCase();
  if (!dest[field]) dest[field] = [value];
  else dest[field].push(value);
}

function onError(self: IncomingMessage, error: Error | null, cb: (err?: Error | null) => void): void {
  // An error is passed on only when someone listens for it (Node's compatibility rule).
  if (self.listenerCount('error') === 0) cb();
  else cb(error);
}
