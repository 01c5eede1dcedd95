// http.Server and http.ServerResponse (Node 20's _http_server.js). One HttpParser per connection
// reads the socket's 'data'; each request becomes an IncomingMessage and a ServerResponse.
// Pipelined responses leave in request order: a response waits in state.outgoing until the one
// before it finishes (then assignSocket hands it the socket); when responses queue up past the
// socket's high-water mark the socket is paused so a client cannot pile up unanswered requests.
// Parse errors go to 'clientError', or are answered with 400 (431 for header overflow, 413 for
// chunk extensions, 408 for request timeouts) and Connection: close when nothing was sent yet.
// Timeouts: headersTimeout/requestTimeout are checked every connectionsCheckingInterval,
// keepAliveTimeout (+1 s) arms the socket timeout between requests, server.timeout arms it per
// connection; an expired socket timeout destroys the socket unless someone handles 'timeout'.

import { Buffer } from 'buffer';
import { codes } from '../../../core/errors';
import { invalidArgType, validateBoolean, validateInteger, validateObject } from '../validators';
import { HttpParser, REQUEST, type ParsedHead, type ParseError } from './parser';
import { IncomingMessage } from './incoming';
import { OutgoingMessage, kNeedDrain, kOutHeaders, kUniqueHeaders, parseUniqueHeadersOption } from './outgoing';
import { STATUS_CODES, checkInvalidHeaderChar, continueExpression, chunkExpression, nextTickOf, rtOf } from './common';
import { contextOf } from '../net/socket';
import { countResponse, httpServerStats } from './stats';
import type { NetModule } from '../../net';

const HTTP_SERVER_KEEP_ALIVE_TIMEOUT_BUFFER = 1000;
const kServerResponse = Symbol('ServerResponse');
const kIncomingMessage = Symbol('IncomingMessage');
const kConnections = Symbol('http.server.connections');
const kCheckTimer = Symbol('http.server.connectionsCheckingTimer');

const response = (status: number) => Buffer.from(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\n\r\n`, 'latin1');
const badRequestResponse = response(400);
const requestTimeoutResponse = response(408);
const requestHeaderFieldsTooLargeResponse = response(431);
const requestChunkExtensionsTooLargeResponse = response(413);

function emitCloseNT(self: any): void {
  if (!self._closed) {
    self.destroyed = true;
    self._closed = true;
    self.emit('close');
  }
}

export class ServerResponse extends OutgoingMessage {
  constructor(req: any, options?: { highWaterMark?: number; rejectNonStandardBodyWrites?: boolean }) {
    super(options);
    if (req.method === 'HEAD') this._hasBody = false;
    this.req = req;
    this.sendDate = true;
    this._sent100 = false;
    this._expect_continue = false;
    if (req.httpVersionMajor < 1 || req.httpVersionMinor < 1) {
      this.useChunkedEncodingByDefault = chunkExpression.test(req.headers.te);
      this.shouldKeepAlive = false;
    }
  }

  assignSocket(socket: any): void {
    if (socket._httpMessage) throw new codes.ERR_HTTP_SOCKET_ASSIGNED();
    socket._httpMessage = this;
    socket.on('close', onServerResponseClose);
    this.socket = socket;
    this.emit('socket', socket);
    this._flush();
  }

  detachSocket(socket: any): void {
    socket.removeListener('close', onServerResponseClose);
    socket._httpMessage = null;
    this.socket = null;
  }

  writeContinue(cb?: () => void): void {
    this._writeRaw('HTTP/1.1 100 Continue\r\n\r\n', 'ascii', cb);
    this._sent100 = true;
  }

  writeProcessing(cb?: () => void): void {
    this._writeRaw('HTTP/1.1 102 Processing\r\n\r\n', 'ascii', cb);
  }

  writeEarlyHints(hints: Record<string, any>, cb?: () => void): void {
    validateObject(hints, 'hints');
    if (hints.link == null) return;
    const links = Array.isArray(hints.link) ? hints.link : [hints.link];
    for (const l of links) {
      if (typeof l !== 'string' || checkInvalidHeaderChar(l)) throw new codes.ERR_INVALID_ARG_VALUE('hints.link', hints.link);
    }
    const link = links.join(', ');
    if (link.length === 0) return;
    let head = 'HTTP/1.1 103 Early Hints\r\nLink: ' + link + '\r\n';
    for (const key of Object.keys(hints)) if (key !== 'link') head += key + ': ' + hints[key] + '\r\n';
    this._writeRaw(head + '\r\n', 'ascii', cb);
  }

  _implicitHeader(): void {
    this.writeHead(this.statusCode);
  }

  writeHead(statusCode: number, reason?: any, obj?: any): this {
    if (this._header) throw new codes.ERR_HTTP_HEADERS_SENT('write');
    const originalStatusCode = statusCode;
    statusCode |= 0;
    if (statusCode < 100 || statusCode > 999) throw new codes.ERR_HTTP_INVALID_STATUS_CODE(originalStatusCode);
    if (typeof reason === 'string') {
      this.statusMessage = reason;
    } else {
      if (!this.statusMessage) this.statusMessage = STATUS_CODES[statusCode] || 'unknown';
      obj ??= reason;
    }
    this.statusCode = statusCode;
    countResponse(statusCode);
    let headers: any;
    if (this[kOutHeaders]) {
      if (Array.isArray(obj)) {
        if (obj.length % 2 !== 0) throw new codes.ERR_INVALID_ARG_VALUE('headers', obj);
        for (let n = 0; n < obj.length; n += 2) if (obj[n]) this.setHeader(obj[n], obj[n + 1]);
      } else if (obj) {
        for (const k of Object.keys(obj)) if (k) this.setHeader(k, obj[k]);
      }
      headers = this[kOutHeaders];
    } else {
      headers = obj;
    }
    if (checkInvalidHeaderChar(this.statusMessage)) throw new codes.ERR_INVALID_CHAR('statusMessage');
    const statusLine = `HTTP/1.1 ${statusCode} ${this.statusMessage}\r\n`;
    // RFC 9110 15.2, 15.3.5, 15.4.5: 1xx, 204 and 304 responses have no body.
    if (statusCode === 204 || statusCode === 304 || (statusCode >= 100 && statusCode <= 199)) this._hasBody = false;
    // The client may still send the body it held back for 100-continue: do not reuse the connection.
    if (this._expect_continue && !this._sent100) this.shouldKeepAlive = false;
    this._storeHeader(statusLine, headers);
    return this;
  }

  writeHeader(statusCode: number, reason?: any, obj?: any): this {
    return this.writeHead(statusCode, reason, obj);
  }
}
(ServerResponse.prototype as any).statusCode = 200;
(ServerResponse.prototype as any).statusMessage = undefined;

function onServerResponseClose(this: any): void {
  if (this._httpMessage) emitCloseNT(this._httpMessage);
}

/** Per-connection state (Node's `state` object plus the ConnectionsList bookkeeping). */
interface ConnState {
  socket: any;
  parser: HttpParser;
  incoming: any[];
  outgoing: any[];
  outgoingData: number;
  requestsCount: number;
  keepAliveTimeoutSet: boolean;
  /** Loop time the current request began, or -1 between requests. */
  messageStart: number;
  headersDone: boolean;
  onData: (d: Buffer) => void;
  onEnd: () => void;
  onClose: () => void;
  onDrain: () => void;
}

export function storeHTTPOptions(this: any, options: any): void {
  this[kIncomingMessage] = options.IncomingMessage;
  this[kServerResponse] = options.ServerResponse;
  const maxHeaderSize = options.maxHeaderSize;
  if (maxHeaderSize !== undefined) validateInteger(maxHeaderSize, 'maxHeaderSize', 0);
  this.maxHeaderSize = maxHeaderSize;
  if (options.insecureHTTPParser !== undefined) validateBoolean(options.insecureHTTPParser, 'options.insecureHTTPParser');
  this.insecureHTTPParser = options.insecureHTTPParser;
  const requestTimeout = options.requestTimeout;
  if (requestTimeout !== undefined) {
    validateInteger(requestTimeout, 'requestTimeout', 0);
    this.requestTimeout = requestTimeout;
  } else {
    this.requestTimeout = 300_000;
  }
  const headersTimeout = options.headersTimeout;
  if (headersTimeout !== undefined) {
    validateInteger(headersTimeout, 'headersTimeout', 0);
    this.headersTimeout = headersTimeout;
  } else {
    this.headersTimeout = Math.min(60_000, this.requestTimeout);
  }
  if (this.requestTimeout > 0 && this.headersTimeout > 0 && this.headersTimeout > this.requestTimeout) {
    throw new codes.ERR_OUT_OF_RANGE('headersTimeout', '<= requestTimeout', headersTimeout);
  }
  const keepAliveTimeout = options.keepAliveTimeout;
  if (keepAliveTimeout !== undefined) {
    validateInteger(keepAliveTimeout, 'keepAliveTimeout', 0);
    this.keepAliveTimeout = keepAliveTimeout;
  } else {
    this.keepAliveTimeout = 5_000;
  }
  const interval = options.connectionsCheckingInterval;
  if (interval !== undefined) {
    validateInteger(interval, 'connectionsCheckingInterval', 0);
    this.connectionsCheckingInterval = interval;
  } else {
    this.connectionsCheckingInterval = 30_000;
  }
  if (options.requireHostHeader !== undefined) {
    validateBoolean(options.requireHostHeader, 'options.requireHostHeader');
    this.requireHostHeader = options.requireHostHeader;
  } else {
    this.requireHostHeader = true;
  }
  if (options.joinDuplicateHeaders !== undefined) validateBoolean(options.joinDuplicateHeaders, 'options.joinDuplicateHeaders');
  this.joinDuplicateHeaders = options.joinDuplicateHeaders;
  if (options.rejectNonStandardBodyWrites !== undefined) {
    validateBoolean(options.rejectNonStandardBodyWrites, 'options.rejectNonStandardBodyWrites');
    this.rejectNonStandardBodyWrites = options.rejectNonStandardBodyWrites;
  } else {
    this.rejectNonStandardBodyWrites = false;
  }
}

/** http.Server, built on this instance's net.Server (so it is one: instanceof holds). */
export function defineServer(net: NetModule, classes: { IncomingMessage: typeof IncomingMessage; ServerResponse: typeof ServerResponse }) {
  class Server extends net.Server {
    [key: string]: any;
    [key: symbol]: any;
    constructor(options?: any, requestListener?: (req: any, res: any) => void) {
      if (typeof options === 'function') {
        requestListener = options;
        options = {};
      } else if (options == null) {
        options = {};
      } else {
        validateObject(options, 'options');
      }
      super({
        allowHalfOpen: true,
        noDelay: options.noDelay ?? true,
        keepAlive: options.keepAlive,
        keepAliveInitialDelay: options.keepAliveInitialDelay,
        highWaterMark: options.highWaterMark,
      });
      storeHTTPOptions.call(this, options);
      this[kIncomingMessage] ??= classes.IncomingMessage;
      this[kServerResponse] ??= classes.ServerResponse;
      if (requestListener) this.on('request', requestListener);
      this.httpAllowHalfOpen = false;
      this.on('connection', connectionListener);
      this.on('listening', setupConnectionsTracking);
      this.timeout = 0;
      this.maxHeadersCount = null;
      this.maxRequestsPerSocket = 0;
      this[kUniqueHeaders] = parseUniqueHeadersOption(options.uniqueHeaders);
      this[kConnections] = new Set<ConnState>();
    }

    close(cb?: (err?: Error) => void): this {
      this.closeIdleConnections();
      this[kCheckTimer]?.close();
      this[kCheckTimer] = undefined;
      return super.close(cb);
    }

    closeAllConnections(): void {
      for (const c of Array.from(this[kConnections] as Set<ConnState>)) c.socket.destroy();
    }

    closeIdleConnections(): void {
      for (const c of Array.from(this[kConnections] as Set<ConnState>)) {
        if (c.messageStart >= 0) continue;
        if (c.socket._httpMessage && !c.socket._httpMessage.finished) continue;
        c.socket.destroy();
      }
    }

    setTimeout(msecs: number, callback?: () => void): this {
      this.timeout = msecs;
      if (callback) this.on('timeout', callback);
      return this;
    }

    [Symbol.for('nodejs.rejection')](err: Error, event: string, ...args: any[]): void {
      if (event === 'request') {
        const res = args[1];
        if (!res.headersSent && !res.writableEnded) {
          for (const name of res.getHeaderNames()) res.removeHeader(name);
          res.statusCode = 500;
          res.end(STATUS_CODES[500]);
        } else {
          res.destroy();
        }
        return;
      }
      const base = (net.Server.prototype as any)[Symbol.for('nodejs.rejection')];
      if (base) base.call(this, err, event, ...args);
    }
  }
  Object.defineProperty(Server, 'name', { value: 'Server' });
  return Server;
}

function setupConnectionsTracking(this: any): void {
  const rt = contextOf(this.constructor).rt;
  this[kCheckTimer]?.close();
  const interval = this.connectionsCheckingInterval;
  if (!(interval > 0)) return;
  const tick = () => {
    checkConnections(this);
    this[kCheckTimer]?.refresh();
  };
  this[kCheckTimer] = rt.unrefTimer(tick, interval);
}

/** headersTimeout / requestTimeout (Node's ConnectionsList::Expired). */
function checkConnections(server: any): void {
  const headersTimeout = Number.isFinite(server.headersTimeout) && server.headersTimeout >= 0 ? server.headersTimeout : 0;
  const requestTimeout = Number.isFinite(server.requestTimeout) && server.requestTimeout >= 0 ? server.requestTimeout : 0;
  if (headersTimeout === 0 && requestTimeout === 0) return;
  const now = contextOf(server.constructor).rt.now();
  for (const c of Array.from(server[kConnections] as Set<ConnState>)) {
    if (c.messageStart < 0) continue;
    const age = now - c.messageStart;
    const expired = !c.headersDone ? headersTimeout > 0 && age > headersTimeout : requestTimeout > 0 && age > requestTimeout;
    if (expired) {
      c.messageStart = -1;
      socketOnError.call(c.socket, new codes.ERR_HTTP_REQUEST_TIMEOUT());
    }
  }
}

function connectionListener(this: any, socket: any): void {
  const server = this;
  socket.server = server;
  if (server.timeout && typeof socket.setTimeout === 'function') socket.setTimeout(server.timeout);
  socket.on('timeout', socketOnTimeout);
  const parser = new HttpParser(REQUEST, { maxHeaderSize: server.maxHeaderSize || 0 });
  if (typeof server.maxHeadersCount === 'number') parser.maxHeaderPairs = server.maxHeadersCount << 1;
  socket.parser = parser;
  const state: ConnState = {
    socket, parser, incoming: [], outgoing: [], outgoingData: 0, requestsCount: 0, keepAliveTimeoutSet: false,
    messageStart: -1, headersDone: false,
    onData: (d) => socketOnData(server, socket, state, d),
    onEnd: () => socketOnEnd(server, socket, state),
    onClose: () => socketOnClose(server, socket, state),
    onDrain: () => socketOnDrain(socket, state),
  };
  parser.onHeadersComplete = (h: ParsedHead) => {
    state.headersDone = true;
    const Incoming = server[kIncomingMessage] || IncomingMessage;
    const req = parser.incoming = new Incoming(socket);
    req.httpVersionMajor = h.versionMajor;
    req.httpVersionMinor = h.versionMinor;
    req.httpVersion = `${h.versionMajor}.${h.versionMinor}`;
    req.joinDuplicateHeaders = server.joinDuplicateHeaders;
    req.url = h.url;
    req.upgrade = h.upgrade;
    req.method = h.method;
    req._addHeaderLines(h.headers, h.headers.length);
    return parserOnIncoming(server, socket, state, req, h.shouldKeepAlive);
  };
  parser.onBody = (b: Uint8Array) => {
    const stream = parser.incoming as any;
    if (stream === null || stream._dumped) return;
    if (!stream.push(Buffer.from(b.buffer, b.byteOffset, b.byteLength))) socket.pause();
  };
  parser.onMessageComplete = (trailers: string[]) => {
    state.messageStart = -1;
    state.headersDone = false;
    const stream = parser.incoming as any;
    if (stream !== null) {
      stream.complete = true;
      if (trailers.length) stream._addHeaderLines(trailers, trailers.length);
      stream.push(null);
    }
    if (socket && !socket._paused && socket.readable) socket.resume();
  };
  server[kConnections].add(state);
  socket.on('data', state.onData);
  socket.on('error', socketOnError);
  socket.on('end', state.onEnd);
  socket.on('close', state.onClose);
  socket.on('drain', state.onDrain);
  socket.setEncoding = socketSetEncoding;
  socket._paused = false;
}

function socketSetEncoding(): never {
  throw new codes.ERR_HTTP_SOCKET_ENCODING();
}

function updateOutgoingData(socket: any, state: ConnState, delta: number): void {
  state.outgoingData += delta;
  socketOnDrain(socket, state);
}

function socketOnDrain(socket: any, state: ConnState): void {
  const needPause = state.outgoingData > socket.writableHighWaterMark;
  if (socket._paused && !needPause) {
    socket._paused = false;
    socket.resume();
  }
  const msg = socket._httpMessage;
  if (msg && !msg.finished && msg[kNeedDrain]) {
    msg[kNeedDrain] = false;
    msg.emit('drain');
  }
}

function socketOnTimeout(this: any): void {
  const req = this.parser?.incoming;
  const reqTimeout = req && !req.complete && req.emit('timeout', this);
  const res = this._httpMessage;
  const resTimeout = res && res.emit('timeout', this);
  const serverTimeout = this.server.emit('timeout', this);
  if (!reqTimeout && !resTimeout && !serverTimeout) this.destroy();
}

function socketOnClose(server: any, socket: any, state: ConnState): void {
  server[kConnections].delete(state);
  socket.parser = null;
  while (state.incoming.length) {
    const req = state.incoming.shift();
    req.destroy(connResetException('aborted'));
  }
}

function socketOnEnd(server: any, socket: any, state: ConnState): void {
  const ret = state.parser.finish();
  if (ret) {
    socketOnError.call(socket, ret);
  } else if (!server.httpAllowHalfOpen) {
    socket.end();
  } else if (state.outgoing.length) {
    state.outgoing[state.outgoing.length - 1]._last = true;
  } else if (socket._httpMessage) {
    socket._httpMessage._last = true;
  } else {
    socket.end();
  }
}

function socketOnData(server: any, socket: any, state: ConnState, d: Buffer): void {
  if (!socket.parser) return;
  if (state.messageStart < 0) state.messageStart = contextOf(server.constructor).rt.now();
  const ret = state.parser.execute(d);
  onParserExecuteCommon(server, socket, state, ret, d);
  if (state.messageStart < 0 && state.parser.inMessage) state.messageStart = contextOf(server.constructor).rt.now();
}

const noop = () => {};

function socketOnError(this: any, e: any): void {
  this.removeListener('error', socketOnError);
  if (this.listenerCount('error') === 0) this.on('error', noop);
  if (e && typeof e.code === 'string' && e.code.startsWith('HPE_')) httpServerStats.refused++;
  if (!this.server.emit('clientError', e, this)) {
    // Answer only when nothing of a response went out, so the peer is not confused.
    if (this.writable && (!this._httpMessage || !this._httpMessage._headerSent)) {
      let res: Buffer;
      switch (e.code) {
        case 'HPE_HEADER_OVERFLOW': res = requestHeaderFieldsTooLargeResponse; break;
        case 'HPE_CHUNK_EXTENSIONS_OVERFLOW': res = requestChunkExtensionsTooLargeResponse; break;
        case 'ERR_HTTP_REQUEST_TIMEOUT': res = requestTimeoutResponse; break;
        default: res = badRequestResponse; break;
      }
      this.write(res);
    }
    this.destroy(e);
  }
}

function onParserExecuteCommon(server: any, socket: any, state: ConnState, ret: number | ParseError, d: Buffer): void {
  if (typeof ret !== 'number') {
    ret.rawPacket = d;
    socketOnError.call(socket, ret);
    return;
  }
  const parser = state.parser;
  if (parser.upgraded) {
    const req = parser.incoming as any;
    socket.removeListener('data', state.onData);
    socket.removeListener('end', state.onEnd);
    socket.removeListener('close', state.onClose);
    socket.removeListener('drain', state.onDrain);
    socket.removeListener('error', socketOnError);
    socket.removeListener('timeout', socketOnTimeout);
    server[kConnections].delete(state);
    socket.parser = null;
    const eventName = req.method === 'CONNECT' ? 'connect' : 'upgrade';
    if (eventName === 'upgrade' || server.listenerCount(eventName) > 0) {
      const bodyHead = d.slice(ret, d.length);
      socket.readableFlowing = null;
      server.emit(eventName, req, socket, bodyHead);
    } else {
      socket.destroy();
    }
  }
}

function resOnFinish(req: any, res: any, socket: any, state: ConnState, server: any): void {
  state.incoming.shift();
  // Nobody read the body: drain it so the connection can carry the next request.
  if (!req._consuming && !req._readableState.resumeScheduled) req._dump();
  res.detachSocket(socket);
  clearIncoming(req);
  nextTickOf(res)(emitCloseNT, res);
  if (res._last) {
    if (typeof socket.destroySoon === 'function') socket.destroySoon();
    else socket.end();
  } else if (state.outgoing.length === 0) {
    if (server.keepAliveTimeout && typeof socket.setTimeout === 'function') {
      socket.setTimeout(server.keepAliveTimeout + HTTP_SERVER_KEEP_ALIVE_TIMEOUT_BUFFER);
      state.keepAliveTimeoutSet = true;
    }
  } else {
    const m = state.outgoing.shift();
    if (m) m.assignSocket(socket);
  }
}

function clearIncoming(req: any): void {
  const parser = req.socket && req.socket.parser;
  if (parser && parser.incoming === req) {
    if (req.readableEnded) parser.incoming = null;
    else req.on('end', () => clearIncoming(req));
  }
}

function parserOnIncoming(server: any, socket: any, state: ConnState, req: any, keepAlive: boolean): number {
  httpServerStats.requests++;
  resetSocketTimeout(server, socket, state);
  if (req.upgrade) {
    req.upgrade = req.method === 'CONNECT' || server.listenerCount('upgrade') > 0;
    if (req.upgrade) return 2;
  }
  state.incoming.push(req);
  // Stop reading while responses queue up, so unanswered pipelined requests cannot pile up.
  if (!socket._paused) {
    const ws = socket._writableState;
    if (ws.needDrain || state.outgoingData >= socket.writableHighWaterMark) {
      socket._paused = true;
      socket.pause();
    }
  }
  const Response = server[kServerResponse] || ServerResponse;
  const res = new Response(req, { highWaterMark: socket.writableHighWaterMark, rejectNonStandardBodyWrites: server.rejectNonStandardBodyWrites });
  res._keepAliveTimeout = server.keepAliveTimeout;
  res._maxRequestsPerSocket = server.maxRequestsPerSocket;
  res._onPendingData = (delta: number) => updateOutgoingData(socket, state, delta);
  res.shouldKeepAlive = keepAlive;
  res[kUniqueHeaders] = server[kUniqueHeaders];
  if (socket._httpMessage) state.outgoing.push(res);
  else res.assignSocket(socket);
  res.on('finish', () => resOnFinish(req, res, socket, state, server));
  let handled = false;
  if (req.httpVersionMajor === 1 && req.httpVersionMinor === 1) {
    // RFC 9112 3.2: a server MUST respond 400 to an HTTP/1.1 request without Host.
    if (server.requireHostHeader && req.headers.host === undefined) {
      res.writeHead(400, ['Connection', 'close']);
      res.end();
      return 0;
    }
    const limitSet = typeof server.maxRequestsPerSocket === 'number' && server.maxRequestsPerSocket > 0;
    if (limitSet) {
      state.requestsCount++;
      res.maxRequestsOnConnectionReached = server.maxRequestsPerSocket <= state.requestsCount;
    }
    if (limitSet && server.maxRequestsPerSocket < state.requestsCount) {
      handled = true;
      server.emit('dropRequest', req, socket);
      res.writeHead(503);
      res.end();
    } else if (req.headers.expect !== undefined) {
      handled = true;
      if (continueExpression.test(req.headers.expect)) {
        res._expect_continue = true;
        if (server.listenerCount('checkContinue') > 0) {
          server.emit('checkContinue', req, res);
        } else {
          res.writeContinue();
          server.emit('request', req, res);
        }
      } else if (server.listenerCount('checkExpectation') > 0) {
        server.emit('checkExpectation', req, res);
      } else {
        res.writeHead(417);
        res.end();
      }
    }
  }
  if (!handled) server.emit('request', req, res);
  return 0;
}

function resetSocketTimeout(server: any, socket: any, state: ConnState): void {
  if (!state.keepAliveTimeoutSet) return;
  socket.setTimeout(server.timeout || 0);
  state.keepAliveTimeoutSet = false;
}

export function connResetException(msg: string): Error {
  const ex = new Error(msg) as Error & { code: string };
  ex.code = 'ECONNRESET';
  return ex;
}

export { kIncomingMessage, kServerResponse, invalidArgType, rtOf };
