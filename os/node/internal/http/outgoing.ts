// http.OutgoingMessage (Node 20's _http_outgoing.js): the common half of ServerResponse and
// ClientRequest. Headers are kept as { lowercased: [name, value] } until the head is rendered by
// _storeHeader, which also decides the framing exactly as Node does:
//   Content-Length when the body is known at end() time (res.end(body) with nothing written),
//   otherwise Transfer-Encoding: chunked (unless the peer is HTTP/1.0, then close-delimited),
//   no body for HEAD/204/304/1xx, Connection: keep-alive / close from shouldKeepAlive, and a
//   Keep-Alive: timeout=N hint on server responses.
// The head is sent together with the first body chunk (one socket write, corked). Until the
// message owns the socket (pipelined responses wait their turn) data is queued in outputData;
// outputSize feeds the server's per-connection backpressure (_onPendingData).

import { Stream } from 'readable-stream';
import { Buffer } from 'buffer';
import { codes } from '../../../core/errors';
import { invalidArgType, validateString } from '../validators';
import { checkInvalidHeaderChar, nextTickOf, rtOf, utcDate, validateHeaderName, validateHeaderValue } from './common';

export const kOutHeaders = Symbol('kOutHeaders');
export const kNeedDrain = Symbol('kNeedDrain');
export const kUniqueHeaders = Symbol('kUniqueHeaders');
export const kHighWaterMark = Symbol('kHighWaterMark');
const kCorked = Symbol('corked');
const kBytesWritten = Symbol('kBytesWritten');
const kErrored = Symbol('errored');
const kRejectNonStandardBodyWrites = Symbol('kRejectNonStandardBodyWrites');

const RE_CONN_CLOSE = /(?:^|\W)close(?:$|\W)/i;
const RE_TE_CHUNKED = /(?:^|\W)chunked(?:$|\W)/i;
const CRLF = Buffer.from('\r\n');
const nop = () => {};

interface HeaderState {
  connection: boolean;
  contLen: boolean;
  te: boolean;
  date: boolean;
  expect: boolean;
  trailer: boolean;
  header: string;
}

interface Pending {
  data: any;
  encoding: string | null | undefined;
  callback: ((err?: Error | null) => void) | null | undefined;
}

export function parseUniqueHeadersOption(headers: unknown): Set<string> | null {
  if (!Array.isArray(headers)) return null;
  const unique = new Set<string>();
  for (const h of headers) unique.add(String(h).toLowerCase());
  return unique;
}

const isUint8Array = (v: unknown): v is Uint8Array => v instanceof Uint8Array;

export class OutgoingMessage extends (Stream as unknown as new (opts?: object) => NodeJS.EventEmitter) {
  [key: string]: any;
  [key: symbol]: any;
  [kOutHeaders]: Record<string, [string, any]> | null = null;
  [kNeedDrain] = false;
  [kCorked] = 0;
  [kBytesWritten] = 0;
  [kErrored]: Error | null = null;
  [kHighWaterMark]: number;
  [kRejectNonStandardBodyWrites]: boolean;
  [kUniqueHeaders]: Set<string> | null = null;

  constructor(options?: { highWaterMark?: number; rejectNonStandardBodyWrites?: boolean }) {
    super();
    this.outputData = [] as Pending[];
    this.outputSize = 0;
    this.writable = true;
    this.destroyed = false;
    this._last = false;
    this.chunkedEncoding = false;
    this.shouldKeepAlive = true;
    this.maxRequestsOnConnectionReached = false;
    this._defaultKeepAlive = true;
    this.useChunkedEncodingByDefault = true;
    this.sendDate = false;
    this._removedConnection = false;
    this._removedContLen = false;
    this._removedTE = false;
    this.strictContentLength = false;
    this._contentLength = null;
    this._hasBody = true;
    this._trailer = '';
    this.finished = false;
    this._headerSent = false;
    this._closed = false;
    this.socket = null;
    this._header = null;
    this._keepAliveTimeout = 0;
    this._onPendingData = nop;
    this[kHighWaterMark] = options?.highWaterMark ?? 16 * 1024;
    this[kRejectNonStandardBodyWrites] = options?.rejectNonStandardBodyWrites ?? false;
  }

  get errored(): Error | null { return this[kErrored]; }
  get closed(): boolean { return this._closed; }
  get writableFinished(): boolean {
    return this.finished && this.outputSize === 0 && (!this.socket || this.socket.writableLength === 0);
  }
  get writableObjectMode(): boolean { return false; }
  get writableLength(): number { return this.outputSize + (this.socket ? this.socket.writableLength : 0); }
  get writableHighWaterMark(): number { return this.socket ? this.socket.writableHighWaterMark : this[kHighWaterMark]; }
  get writableCorked(): number { return (this.socket ? this.socket.writableCorked : 0) + this[kCorked]; }
  get writableEnded(): boolean { return this.finished; }
  get writableNeedDrain(): boolean { return !this.destroyed && !this.finished && this[kNeedDrain]; }
  get headersSent(): boolean { return !!this._header; }
  get connection(): any { return this.socket; }
  set connection(v: any) { this.socket = v; }

  _renderHeaders(): Record<string, any> {
    if (this._header) throw new codes.ERR_HTTP_HEADERS_SENT('render');
    const map = this[kOutHeaders];
    const headers: Record<string, any> = {};
    if (map) for (const key of Object.keys(map)) headers[map[key][0]] = map[key][1];
    return headers;
  }

  cork(): void {
    if (this.socket) this.socket.cork();
    else this[kCorked]++;
  }

  uncork(): void {
    if (this.socket) this.socket.uncork();
    else if (this[kCorked]) this[kCorked]--;
  }

  setTimeout(msecs: number, callback?: () => void): this {
    if (callback) this.on('timeout', callback);
    if (!this.socket) this.once('socket', (socket: any) => socket.setTimeout(msecs));
    else this.socket.setTimeout(msecs);
    return this;
  }

  destroy(error?: Error): this {
    if (this.destroyed) return this;
    this.destroyed = true;
    this[kErrored] = error ?? null;
    if (this.socket) this.socket.destroy(error);
    else this.once('socket', (socket: any) => socket.destroy(error));
    return this;
  }

  /** Writes, with the head prepended to the first chunk so both leave in one segment. */
  _send(data: any, encoding?: string | null, callback?: ((err?: Error | null) => void) | null, byteLength?: number): boolean {
    if (!this._headerSent && this._header !== null) {
      if (typeof data === 'string' && (encoding === 'utf8' || encoding === 'latin1' || !encoding)) {
        data = this._header + data;
      } else {
        const header = this._header;
        this.outputData.unshift({ data: header, encoding: 'latin1', callback: null });
        this.outputSize += header.length;
        this._onPendingData(header.length);
      }
      this._headerSent = true;
    }
    return this._writeRaw(data, encoding, callback, byteLength);
  }

  _writeRaw(data: any, encoding?: any, callback?: any, _size?: number): boolean {
    const conn = this.socket;
    if (conn && conn.destroyed) return false;
    if (typeof encoding === 'function') {
      callback = encoding;
      encoding = null;
    }
    if (conn && conn._httpMessage === this && conn.writable) {
      if (this.outputData.length) this._flushOutput(conn);
      return conn.write(data, encoding, callback);
    }
    this.outputData.push({ data, encoding, callback });
    this.outputSize += data.length;
    this._onPendingData(data.length);
    return this.outputSize < this[kHighWaterMark];
  }

  _storeHeader(firstLine: string, headers: any): void {
    const state: HeaderState = { connection: false, contLen: false, te: false, date: false, expect: false, trailer: false, header: firstLine };
    if (headers) {
      if (headers === this[kOutHeaders]) {
        for (const key in headers) {
          const entry = headers[key];
          this._processHeader(state, entry[0], entry[1], false);
        }
      } else if (Array.isArray(headers)) {
        if (headers.length && Array.isArray(headers[0])) {
          for (const entry of headers) this._processHeader(state, entry[0], entry[1], true);
        } else {
          if (headers.length % 2 !== 0) throw new codes.ERR_INVALID_ARG_VALUE('headers', headers);
          for (let n = 0; n < headers.length; n += 2) this._processHeader(state, headers[n], headers[n + 1], true);
        }
      } else {
        for (const key in headers) {
          if (Object.prototype.hasOwnProperty.call(headers, key)) this._processHeader(state, key, headers[key], true);
        }
      }
    }
    let { header } = state;
    if (this.sendDate && !state.date) header += 'Date: ' + utcDate(rtOf(this)) + '\r\n';
    // RFC 9110 15.3.5/15.4.5: 204 and 304 have no body; a chunked one would confuse proxies.
    if (this.chunkedEncoding && (this.statusCode === 204 || this.statusCode === 304)) {
      this.chunkedEncoding = false;
      this.shouldKeepAlive = false;
    }
    if (this._removedConnection) {
      this._last = !this.shouldKeepAlive;
    } else if (!state.connection) {
      const shouldSendKeepAlive = this.shouldKeepAlive && (state.contLen || this.useChunkedEncodingByDefault || this.agent);
      if (shouldSendKeepAlive && this.maxRequestsOnConnectionReached) {
        header += 'Connection: close\r\n';
      } else if (shouldSendKeepAlive) {
        header += 'Connection: keep-alive\r\n';
        if (this._keepAliveTimeout && this._defaultKeepAlive) {
          const timeoutSeconds = Math.floor(this._keepAliveTimeout / 1000);
          const max = ~~this._maxRequestsPerSocket > 0 ? `, max=${this._maxRequestsPerSocket}` : '';
          header += `Keep-Alive: timeout=${timeoutSeconds}${max}\r\n`;
        }
      } else {
        this._last = true;
        header += 'Connection: close\r\n';
      }
    }
    if (!state.contLen && !state.te) {
      if (!this._hasBody) {
        this.chunkedEncoding = false;
      } else if (!this.useChunkedEncodingByDefault) {
        this._last = true;
      } else if (!state.trailer && !this._removedContLen && typeof this._contentLength === 'number') {
        header += 'Content-Length: ' + this._contentLength + '\r\n';
      } else if (!this._removedTE) {
        header += 'Transfer-Encoding: chunked\r\n';
        this.chunkedEncoding = true;
      } else {
        // Neither length nor chunked: the body ends when the connection does.
        this._last = true;
      }
    }
    if (this.chunkedEncoding !== true && state.trailer) throw new codes.ERR_HTTP_TRAILER_INVALID();
    this._header = header + '\r\n';
    this._headerSent = false;
    // Expect: 100-continue requests send the head at once and wait for the interim response.
    if (state.expect) this._send('');
  }

  private _processHeader(state: HeaderState, key: string, value: any, validate: boolean): void {
    if (validate) validateHeaderName(key);
    if (key.length === 19 && key.toLowerCase() === 'content-disposition' && this._contentLength) {
      // RFC 6266 4.3: sent as latin1 bytes.
      if (Array.isArray(value)) value = value.map((v) => Buffer.from(v, 'latin1'));
      else value = Buffer.from(value, 'latin1');
    }
    if (Array.isArray(value)) {
      const isCookie = key.length === 6 && key.toLowerCase() === 'cookie';
      if ((value.length < 2 || !isCookie) && (!this[kUniqueHeaders] || !this[kUniqueHeaders].has(key.toLowerCase()))) {
        for (const v of value) this._storeOneHeader(state, key, v, validate);
        return;
      }
      value = value.join('; ');
    }
    this._storeOneHeader(state, key, value, validate);
  }

  private _storeOneHeader(state: HeaderState, key: string, value: any, validate: boolean): void {
    if (validate) validateHeaderValue(key, value);
    state.header += key + ': ' + value + '\r\n';
    this._matchHeader(state, key, value);
  }

  private _matchHeader(state: HeaderState, field: string, value: any): void {
    if (field.length < 4 || field.length > 17) return;
    switch (field.toLowerCase()) {
      case 'connection':
        state.connection = true;
        this._removedConnection = false;
        if (RE_CONN_CLOSE.test(value)) this._last = true;
        else this.shouldKeepAlive = true;
        break;
      case 'transfer-encoding':
        state.te = true;
        this._removedTE = false;
        if (RE_TE_CHUNKED.test(value)) this.chunkedEncoding = true;
        break;
      case 'content-length':
        state.contLen = true;
        this._contentLength = +value;
        this._removedContLen = false;
        break;
      case 'date': state.date = true; break;
      case 'expect': state.expect = true; break;
      case 'trailer': state.trailer = true; break;
      case 'keep-alive': this._defaultKeepAlive = false; break;
    }
  }

  setHeader(name: string, value: any): this {
    if (this._header) throw new codes.ERR_HTTP_HEADERS_SENT('set');
    validateHeaderName(name);
    validateHeaderValue(name, value);
    let headers = this[kOutHeaders];
    if (headers === null) this[kOutHeaders] = headers = Object.create(null) as Record<string, [string, any]>;
    headers[name.toLowerCase()] = [name, value];
    return this;
  }

  setHeaders(headers: any): this {
    if (this._header) throw new codes.ERR_HTTP_HEADERS_SENT('set');
    if (!headers || Array.isArray(headers) || typeof headers.keys !== 'function' || typeof headers.get !== 'function') {
      throw invalidArgType('headers', ['Headers', 'Map'], headers);
    }
    const cookies: string[] = [];
    for (const [key, value] of headers) {
      if (key === 'set-cookie') {
        if (Array.isArray(value)) cookies.push(...value);
        else cookies.push(value);
        continue;
      }
      this.setHeader(key, value);
    }
    if (cookies.length) this.setHeader('set-cookie', cookies);
    return this;
  }

  appendHeader(name: string, value: any): this {
    if (this._header) throw new codes.ERR_HTTP_HEADERS_SENT('append');
    validateHeaderName(name);
    validateHeaderValue(name, value);
    const field = name.toLowerCase();
    const headers = this[kOutHeaders];
    if (headers === null || !headers[field]) return this.setHeader(name, value);
    if (!Array.isArray(headers[field][1])) headers[field][1] = [headers[field][1]];
    const existing = headers[field][1];
    if (Array.isArray(value)) for (const v of value) existing.push(v);
    else existing.push(value);
    return this;
  }

  getHeader(name: string): any {
    validateString(name, 'name');
    const headers = this[kOutHeaders];
    if (headers === null) return undefined;
    const entry = headers[name.toLowerCase()];
    return entry && entry[1];
  }

  getHeaderNames(): string[] {
    return this[kOutHeaders] !== null ? Object.keys(this[kOutHeaders]!) : [];
  }

  getRawHeaderNames(): string[] {
    const map = this[kOutHeaders];
    if (map === null) return [];
    return Object.keys(map).map((k) => map[k][0]);
  }

  getHeaders(): Record<string, any> {
    const headers = this[kOutHeaders];
    const ret: Record<string, any> = Object.create(null);
    if (headers) for (const key of Object.keys(headers)) ret[key] = headers[key][1];
    return ret;
  }

  hasHeader(name: string): boolean {
    validateString(name, 'name');
    return this[kOutHeaders] !== null && !!this[kOutHeaders]![name.toLowerCase()];
  }

  removeHeader(name: string): void {
    validateString(name, 'name');
    if (this._header) throw new codes.ERR_HTTP_HEADERS_SENT('remove');
    const key = name.toLowerCase();
    switch (key) {
      case 'connection': this._removedConnection = true; break;
      case 'content-length': this._removedContLen = true; break;
      case 'transfer-encoding': this._removedTE = true; break;
      case 'date': this.sendDate = false; break;
    }
    if (this[kOutHeaders] !== null) delete this[kOutHeaders]![key];
  }

  _implicitHeader(): void {
    throw new codes.ERR_METHOD_NOT_IMPLEMENTED('_implicitHeader()');
  }

  write(chunk: any, encoding?: any, callback?: any): boolean {
    if (typeof encoding === 'function') {
      callback = encoding;
      encoding = null;
    }
    const ret = writeImpl(this, chunk, encoding, callback, false);
    if (!ret) this[kNeedDrain] = true;
    return ret;
  }

  addTrailers(headers: any): void {
    this._trailer = '';
    const isArray = Array.isArray(headers);
    for (const key of Object.keys(headers)) {
      let field: string;
      let value: any;
      const entry = (headers as any)[key];
      if (isArray) { field = entry[0]; value = entry[1]; } else { field = key; value = entry; }
      validateHeaderName(field, 'Trailer name');
      const isArrayValue = Array.isArray(value);
      if (isArrayValue && value.length > 1 && (!this[kUniqueHeaders] || !this[kUniqueHeaders].has(field.toLowerCase()))) {
        for (const v of value) {
          if (checkInvalidHeaderChar(v)) throw new codes.ERR_INVALID_CHAR('trailer content', field);
          this._trailer += field + ': ' + v + '\r\n';
        }
      } else {
        if (isArrayValue) value = value.join('; ');
        if (checkInvalidHeaderChar(value)) throw new codes.ERR_INVALID_CHAR('trailer content', field);
        this._trailer += field + ': ' + value + '\r\n';
      }
    }
  }

  end(chunk?: any, encoding?: any, callback?: any): this {
    if (typeof chunk === 'function') {
      callback = chunk;
      chunk = null;
      encoding = null;
    } else if (typeof encoding === 'function') {
      callback = encoding;
      encoding = null;
    }
    if (chunk) {
      if (this.finished) {
        onError(this, new codes.ERR_STREAM_WRITE_AFTER_END(), typeof callback !== 'function' ? nop : callback);
        return this;
      }
      if (this.socket) this.socket.cork();
      writeImpl(this, chunk, encoding, null, true);
    } else if (this.finished) {
      if (typeof callback === 'function') {
        if (!this.writableFinished) this.on('finish', callback);
        else callback(new codes.ERR_STREAM_ALREADY_FINISHED('end'));
      }
      return this;
    } else if (!this._header) {
      if (this.socket) this.socket.cork();
      this._contentLength = 0;
      this._implicitHeader();
    }
    if (typeof callback === 'function') this.once('finish', callback);
    if (strictContentLength(this) && this[kBytesWritten] !== this._contentLength) {
      throw new codes.ERR_HTTP_CONTENT_LENGTH_MISMATCH(this[kBytesWritten], this._contentLength);
    }
    const finish = () => {
      if (this.socket && this.socket._hadError) return;
      this.emit('finish');
    };
    if (this._hasBody && this.chunkedEncoding) {
      this._send('0\r\n' + this._trailer + '\r\n', 'latin1', finish);
    } else if (!this._headerSent || this.writableLength || chunk) {
      this._send('', 'latin1', finish);
    } else {
      nextTickOf(this)(finish);
    }
    if (this.socket) {
      // Fully uncork the connection on end().
      this.socket._writableState.corked = 1;
      this.socket.uncork();
    }
    this[kCorked] = 0;
    this.finished = true;
    if (this.outputData.length === 0 && this.socket && this.socket._httpMessage === this) this._finish();
    return this;
  }

  /** All user data reached the socket. */
  _finish(): void {
    this.emit('prefinish');
  }

  /** Called when this message gets the socket (its turn in a pipeline). */
  _flush(): void {
    const socket = this.socket;
    if (socket && socket.writable) {
      const ret = this._flushOutput(socket);
      if (this.finished) {
        this._finish();
      } else if (ret && this[kNeedDrain]) {
        this[kNeedDrain] = false;
        this.emit('drain');
      }
    }
  }

  _flushOutput(socket: any): boolean | undefined {
    while (this[kCorked]) {
      this[kCorked]--;
      socket.cork();
    }
    const outputData: Pending[] = this.outputData;
    if (outputData.length <= 0) return undefined;
    socket.cork();
    let ret: boolean | undefined;
    for (const item of outputData) {
      ret = socket.write(item.data, item.encoding, item.callback);
      item.data = null;
    }
    socket.uncork();
    this.outputData = [];
    this._onPendingData(-this.outputSize);
    this.outputSize = 0;
    return ret;
  }

  flushHeaders(): void {
    if (!this._header) this._implicitHeader();
    this._send('');
  }

  pipe(): any {
    this.emit('error', new Error('Cannot pipe, not readable'));
  }
}

function strictContentLength(msg: OutgoingMessage): boolean {
  return msg.strictContentLength && msg._contentLength != null && msg._hasBody && !msg._removedContLen &&
    !msg.chunkedEncoding && !msg.hasHeader('transfer-encoding');
}

function onError(msg: OutgoingMessage, err: Error, callback: (err: Error) => void): void {
  if (msg.destroyed) return;
  nextTickOf(msg)(() => {
    callback(err);
    if (typeof msg.emit === 'function' && !msg.destroyed) msg.emit('error', err);
  });
}

function writeImpl(msg: OutgoingMessage, chunk: any, encoding: any, callback: any, fromEnd: boolean): boolean {
  if (typeof callback !== 'function') callback = nop;
  if (chunk === null) throw new codes.ERR_STREAM_NULL_VALUES();
  if (typeof chunk !== 'string' && !isUint8Array(chunk)) throw invalidArgType('chunk', ['string', 'Buffer', 'Uint8Array'], chunk);
  let err: Error | undefined;
  if (msg.finished) err = new codes.ERR_STREAM_WRITE_AFTER_END();
  else if (msg.destroyed) err = new codes.ERR_STREAM_DESTROYED('write');
  if (err) {
    if (!msg.destroyed) onError(msg, err, callback);
    else nextTickOf(msg)(callback, err);
    return false;
  }
  let len: number | undefined;
  if (msg.strictContentLength) {
    len ??= typeof chunk === 'string' ? Buffer.byteLength(chunk, encoding) : chunk.byteLength;
    if (strictContentLength(msg) && (fromEnd ? msg[kBytesWritten] + len! !== msg._contentLength : msg[kBytesWritten] + len! > msg._contentLength)) {
      throw new codes.ERR_HTTP_CONTENT_LENGTH_MISMATCH(len! + msg[kBytesWritten], msg._contentLength);
    }
    msg[kBytesWritten] += len!;
  }
  if (!msg._header) {
    if (fromEnd) {
      len ??= typeof chunk === 'string' ? Buffer.byteLength(chunk, encoding) : chunk.byteLength;
      msg._contentLength = len;
    }
    msg._implicitHeader();
  }
  if (!msg._hasBody) {
    if (msg[kRejectNonStandardBodyWrites]) throw new codes.ERR_HTTP_BODY_NOT_ALLOWED();
    nextTickOf(msg)(callback);
    return true;
  }
  if (!fromEnd && msg.socket && !msg.socket.writableCorked) {
    // Coalesce the writes of this tick into one segment.
    const socket = msg.socket;
    socket.cork();
    nextTickOf(msg)(() => socket.uncork());
  }
  if (msg.chunkedEncoding && chunk.length !== 0) {
    len ??= typeof chunk === 'string' ? Buffer.byteLength(chunk, encoding) : chunk.byteLength;
    msg._send(len!.toString(16), 'latin1', null);
    msg._send(CRLF, null, null);
    msg._send(chunk, encoding, null, len);
    return msg._send(CRLF, null, callback);
  }
  return msg._send(chunk, encoding, callback, len);
}
