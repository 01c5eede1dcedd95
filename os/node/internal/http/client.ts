// http.ClientRequest (Node 20's _http_client.js): an OutgoingMessage whose socket comes from an
// Agent (or createConnection, or net.createConnection without an agent). Once the socket is
// assigned (always on a later tick) a response parser reads it: 1xx interim responses become
// 'continue'/'information', the final one 'response' (dumped when nobody listens), 101/CONNECT
// 'upgrade'/'connect' with the socket handed over. A keep-alive response returns the socket to
// the agent ('free') once both the request is finished and the response has ended. Errors before a
// response arrive as 'error' on the request ("socket hang up", ECONNRESET, parse errors); after
// one they abort the response.

import { Buffer } from 'buffer';
import { finished } from 'readable-stream';
import { codes } from '../../../core/errors';
import { invalidArgType, validateBoolean, validateInteger, validateNumber } from '../validators';
import { URL, urlToHttpOptions } from '../../url';
import { HttpParser, RESPONSE, type ParsedHead, type ParseError } from './parser';
import { OutgoingMessage, kNeedDrain, kOutHeaders, kUniqueHeaders, parseUniqueHeadersOption } from './outgoing';
import { checkIsHttpToken, nextTickOf } from './common';
import { validatePort } from '../net/address';
import { connResetException } from './server';
import type { IncomingMessage } from './incoming';

const INVALID_PATH_REGEX = /[^\u0021-\u00ff]/;
const kError = Symbol('kError');

export interface ClientDeps {
  /** The instance's http.globalAgent holder (read at request time: it is assignable). */
  globalAgent(): any;
  createConnection(...args: any[]): any;
  IncomingMessage: typeof IncomingMessage;
}

function validateHost(host: unknown, name: string): string | null | undefined {
  if (host !== null && host !== undefined && typeof host !== 'string') {
    throw invalidArgType(`options.${name}`, ['string', 'undefined', 'null'], host);
  }
  return host as string | null | undefined;
}

function getTimerDuration(msecs: unknown, name: string): number {
  validateNumber(msecs, name);
  if ((msecs as number) < 0 || !Number.isFinite(msecs)) throw new codes.ERR_OUT_OF_RANGE(name, 'a non-negative finite number', msecs);
  return msecs as number;
}

export function defineClientRequest(deps: ClientDeps) {
  class ClientRequest extends OutgoingMessage {
    constructor(input: any, options?: any, cb?: any) {
      super();
      if (typeof input === 'string') {
        input = urlToHttpOptions(new URL(input));
      } else if (input instanceof URL || (input && typeof input === 'object' && typeof input.href === 'string' && typeof input.searchParams === 'object')) {
        input = urlToHttpOptions(input);
      } else {
        cb = options;
        options = input;
        input = null;
      }
      if (typeof options === 'function') {
        cb = options;
        options = input || {};
      } else {
        options = Object.assign(input || {}, options);
      }
      let agent = options.agent;
      const defaultAgent = options._defaultAgent || deps.globalAgent();
      if (agent === false) {
        agent = new defaultAgent.constructor();
      } else if (agent === null || agent === undefined) {
        if (typeof options.createConnection !== 'function') agent = defaultAgent;
      } else if (typeof agent.addRequest !== 'function') {
        throw invalidArgType('options.agent', ['Agent-like Object', 'undefined', 'false'], agent);
      }
      this.agent = agent;
      const protocol = options.protocol || defaultAgent.protocol;
      let expectedProtocol = defaultAgent.protocol;
      if (this.agent && this.agent.protocol) expectedProtocol = this.agent.protocol;
      if (options.path) {
        const path = String(options.path);
        if (INVALID_PATH_REGEX.test(path)) throw new codes.ERR_UNESCAPED_CHARACTERS('Request path');
      }
      if (protocol !== expectedProtocol) throw new codes.ERR_INVALID_PROTOCOL(protocol, expectedProtocol);
      const defaultPort = options.defaultPort || (this.agent && this.agent.defaultPort);
      const optsWithoutSignal: any = { __proto__: null, ...options };
      const port = optsWithoutSignal.port = options.port || defaultPort || 80;
      // Node's connect() validates the port synchronously (inside the constructor, via the agent).
      if (!options.socketPath) validatePort(port);
      const host = optsWithoutSignal.host = validateHost(options.hostname, 'hostname') || validateHost(options.host, 'host') || 'localhost';
      const setHost = options.setHost === undefined || Boolean(options.setHost);
      this.socketPath = options.socketPath;
      if (options.timeout !== undefined) this.timeout = getTimerDuration(options.timeout, 'timeout');
      const signal = options.signal;
      if (signal) {
        addAbortSignal(signal, this);
        delete optsWithoutSignal.signal;
      }
      let method = options.method;
      const methodIsString = typeof method === 'string';
      if (method !== null && method !== undefined && !methodIsString) throw invalidArgType('options.method', 'string', method);
      if (methodIsString && method) {
        if (!checkIsHttpToken(method)) throw new codes.ERR_INVALID_HTTP_TOKEN('Method', method);
        method = this.method = method.toUpperCase();
      } else {
        method = this.method = 'GET';
      }
      const maxHeaderSize = options.maxHeaderSize;
      if (maxHeaderSize !== undefined) validateInteger(maxHeaderSize, 'maxHeaderSize', 0);
      this.maxHeaderSize = maxHeaderSize;
      if (options.insecureHTTPParser !== undefined) validateBoolean(options.insecureHTTPParser, 'options.insecureHTTPParser');
      this.insecureHTTPParser = options.insecureHTTPParser;
      if (options.joinDuplicateHeaders !== undefined) validateBoolean(options.joinDuplicateHeaders, 'options.joinDuplicateHeaders');
      this.joinDuplicateHeaders = options.joinDuplicateHeaders;
      this.path = options.path || '/';
      if (cb) this.once('response', cb);
      this.useChunkedEncodingByDefault = !(method === 'GET' || method === 'HEAD' || method === 'DELETE' || method === 'OPTIONS' || method === 'TRACE' || method === 'CONNECT');
      this._ended = false;
      this.res = null;
      this.aborted = false;
      this.timeoutCb = null;
      this.upgradeOrConnect = false;
      this.parser = null;
      this.maxHeadersCount = null;
      this.reusedSocket = false;
      this.host = host;
      this.protocol = protocol;
      if (this.agent) {
        // Keep-alive only when the agent will actually reuse the connection.
        if (!this.agent.keepAlive && !Number.isFinite(this.agent.maxSockets)) {
          this._last = true;
          this.shouldKeepAlive = false;
        } else {
          this._last = false;
          this.shouldKeepAlive = true;
        }
      }
      const headersArray = Array.isArray(options.headers);
      if (!headersArray) {
        if (options.headers) for (const key of Object.keys(options.headers)) this.setHeader(key, options.headers[key]);
        if (host && !this.getHeader('host') && setHost) {
          let hostHeader = host;
          const posColon = hostHeader.indexOf(':');
          if (posColon !== -1 && hostHeader.includes(':', posColon + 1) && hostHeader.charCodeAt(0) !== 91) hostHeader = `[${hostHeader}]`;
          if (port && +port !== defaultPort) hostHeader += ':' + port;
          this.setHeader('Host', hostHeader);
        }
        if (options.auth && !this.getHeader('Authorization')) {
          this.setHeader('Authorization', 'Basic ' + Buffer.from(options.auth).toString('base64'));
        }
        if (this.getHeader('expect')) {
          if (this._header) throw new codes.ERR_HTTP_HEADERS_SENT('render');
          this._storeHeader(this.method + ' ' + this.path + ' HTTP/1.1\r\n', this[kOutHeaders]);
        }
      } else {
        this._storeHeader(this.method + ' ' + this.path + ' HTTP/1.1\r\n', options.headers);
      }
      this[kUniqueHeaders] = parseUniqueHeadersOption(options.uniqueHeaders);
      if (this.agent) {
        this.agent.addRequest(this, optsWithoutSignal);
      } else {
        this._last = true;
        this.shouldKeepAlive = false;
        let opts = optsWithoutSignal;
        if (opts.path || opts.socketPath) {
          opts = { ...optsWithoutSignal };
          if (opts.socketPath) opts.path = opts.socketPath;
          else if (opts.path) opts.path = undefined;
        }
        if (typeof opts.createConnection === 'function') {
          let called = false;
          const oncreate = (err: Error | null, socket?: any) => {
            if (called) return;
            called = true;
            if (err) nextTickOf(this)(() => this.emit('error', err));
            else this.onSocket(socket);
          };
          try {
            const newSocket = opts.createConnection(opts, oncreate);
            if (newSocket) oncreate(null, newSocket);
          } catch (err) {
            oncreate(err as Error);
          }
        } else {
          this.onSocket(deps.createConnection(opts));
        }
      }
    }

    _finish(): void {
      super._finish();
    }

    _implicitHeader(): void {
      if (this._header) throw new codes.ERR_HTTP_HEADERS_SENT('render');
      this._storeHeader(this.method + ' ' + this.path + ' HTTP/1.1\r\n', this[kOutHeaders]);
    }

    abort(): void {
      if (this.aborted) return;
      this.aborted = true;
      nextTickOf(this)(() => this.emit('abort'));
      this.destroy();
    }

    destroy(err?: Error): this {
      if (this.destroyed) return this;
      this.destroyed = true;
      if (this.res) this.res._dump();
      (this as any)[kError] = err;
      this.socket?.destroy(err);
      return this;
    }

    onSocket(socket: any, err?: Error): void {
      nextTickOf(this)(() => onSocketNT(this, socket, err));
    }

    _deferToConnect(method: string | null, args: any[]): void {
      const callSocketMethod = () => {
        if (method) this.socket[method](...args);
      };
      const onSocket = () => {
        if (this.socket.writable) callSocketMethod();
        else this.socket.once('connect', callSocketMethod);
      };
      if (!this.socket) this.once('socket', onSocket);
      else onSocket();
    }

    setTimeout(msecs: number, callback?: () => void): this {
      if (this._ended) return this;
      listenSocketTimeout(this);
      msecs = getTimerDuration(msecs, 'msecs');
      if (callback) this.once('timeout', callback);
      if (this.socket) setSocketTimeout(this.socket, msecs);
      else this.once('socket', (sock: any) => setSocketTimeout(sock, msecs));
      return this;
    }

    setNoDelay(noDelay?: boolean): void {
      this._deferToConnect('setNoDelay', [noDelay]);
    }

    setSocketKeepAlive(enable?: boolean, initialDelay?: number): void {
      this._deferToConnect('setKeepAlive', [enable, initialDelay]);
    }

    clearTimeout(cb?: () => void): void {
      this.setTimeout(0, cb);
    }
  }

  function onSocketNT(req: any, socket: any, err?: Error): void {
    if (req.destroyed || err) {
      req.destroyed = true;
      const destroyReq = (e?: Error | null) => {
        if (!req.aborted && !e) e = connResetException('socket hang up');
        if (e) req.emit('error', e);
        req._closed = true;
        req.emit('close');
      };
      if (socket) {
        if (!err && req.agent && !socket.destroyed) {
          socket.emit('free');
        } else {
          finished(socket.destroy(err || req[kError]), (er: any) => {
            if (er?.code === 'ERR_STREAM_PREMATURE_CLOSE') er = null;
            destroyReq(er || err);
          });
          return;
        }
      }
      destroyReq(err || req[kError]);
    } else {
      tickOnSocket(req, socket);
      req._flush();
    }
  }

  function tickOnSocket(req: any, socket: any): void {
    const parser = new HttpParser(RESPONSE, { maxHeaderSize: req.maxHeaderSize || 0 });
    req.socket = socket;
    req.parser = parser;
    socket.parser = parser;
    socket._httpMessage = req;
    if (typeof req.maxHeadersCount === 'number') parser.maxHeaderPairs = req.maxHeadersCount << 1;
    parser.onHeadersComplete = (h: ParsedHead) => {
      const res: any = parser.incoming = new deps.IncomingMessage(socket);
      res.httpVersionMajor = h.versionMajor;
      res.httpVersionMinor = h.versionMinor;
      res.httpVersion = `${h.versionMajor}.${h.versionMinor}`;
      res.joinDuplicateHeaders = req.joinDuplicateHeaders;
      res.upgrade = h.upgrade;
      res._addHeaderLines(h.headers, h.headers.length);
      res.statusCode = h.statusCode;
      res.statusMessage = h.statusMessage;
      return parserOnIncomingClient(socket, res, h.shouldKeepAlive);
    };
    parser.onBody = (b: Uint8Array) => {
      const stream = parser.incoming as any;
      if (stream === null || stream._dumped) return;
      if (!stream.push(Buffer.from(b.buffer, b.byteOffset, b.byteLength))) socket.pause();
    };
    parser.onMessageComplete = (trailers: string[]) => {
      const stream = parser.incoming as any;
      if (stream !== null) {
        stream.complete = true;
        if (trailers.length) stream._addHeaderLines(trailers, trailers.length);
        stream.push(null);
      }
      if (socket && !socket._paused && socket.readable) socket.resume();
    };
    socket.on('error', socketErrorListener);
    socket.on('data', socketOnData);
    socket.on('end', socketOnEnd);
    socket.on('close', socketCloseListener);
    socket.on('drain', ondrain);
    if (req.timeout !== undefined || (req.agent && req.agent.options && req.agent.options.timeout)) listenSocketTimeout(req);
    req.emit('socket', socket);
  }

  return ClientRequest;
}

function freeParser(parser: any, req: any, socket: any): void {
  if (parser) parser.incoming = null;
  if (req) req.parser = null;
  if (socket) socket.parser = null;
}

function ondrain(this: any): void {
  const msg = this._httpMessage;
  if (msg && !msg.finished && msg[kNeedDrain]) {
    msg[kNeedDrain] = false;
    msg.emit('drain');
  }
}

function socketCloseListener(this: any): void {
  const socket = this;
  const req = socket._httpMessage;
  const parser = socket.parser;
  const res = req.res;
  req.destroyed = true;
  if (res) {
    if (!res.complete) res.destroy(connResetException('aborted'));
    req._closed = true;
    req.emit('close');
    if (!res.aborted && res.readable) res.push(null);
  } else {
    if (!req.socket._hadError) {
      // The socket closed before a response: the error belongs to the request.
      req.socket._hadError = true;
      req.emit('error', connResetException('socket hang up'));
    }
    req._closed = true;
    req.emit('close');
  }
  if (req.outputData) req.outputData.length = 0;
  if (parser) {
    parser.finish();
    freeParser(parser, req, socket);
  }
}

function socketErrorListener(this: any, err: Error): void {
  const socket = this;
  const req = socket._httpMessage;
  if (req) {
    req.socket._hadError = true;
    req.emit('error', err);
  }
  const parser = socket.parser;
  if (parser) {
    parser.finish();
    freeParser(parser, req, socket);
  }
  socket.removeListener('data', socketOnData);
  socket.removeListener('end', socketOnEnd);
  socket.destroy();
}

function socketOnEnd(this: any): void {
  const socket = this;
  const req = this._httpMessage;
  const parser = this.parser;
  if (!req.res && !req.socket._hadError) {
    req.socket._hadError = true;
    req.emit('error', connResetException('socket hang up'));
  }
  if (parser) {
    parser.finish();
    freeParser(parser, req, socket);
  }
  socket.destroy();
}

function socketOnData(this: any, d: Buffer): void {
  const socket = this;
  const req = this._httpMessage;
  const parser = this.parser as HttpParser | null;
  if (!parser) return;
  const ret = parser.execute(d);
  if (typeof ret !== 'number') {
    (ret as ParseError).rawPacket = d;
    freeParser(parser, req, socket);
    socket.removeListener('data', socketOnData);
    socket.removeListener('end', socketOnEnd);
    socket.destroy();
    req.socket._hadError = true;
    req.emit('error', ret);
  } else if (parser.upgraded) {
    const res = parser.incoming as any;
    req.res = res;
    socket.removeListener('data', socketOnData);
    socket.removeListener('end', socketOnEnd);
    socket.removeListener('drain', ondrain);
    if (req.timeoutCb) socket.removeListener('timeout', req.timeoutCb);
    socket.removeListener('timeout', responseOnTimeout);
    freeParser(parser, req, socket);
    const bodyHead = d.slice(ret, d.length);
    const eventName = req.method === 'CONNECT' ? 'connect' : 'upgrade';
    if (req.listenerCount(eventName) > 0) {
      req.upgradeOrConnect = true;
      socket.emit('agentRemove');
      socket.removeListener('close', socketCloseListener);
      socket.removeListener('error', socketErrorListener);
      socket._httpMessage = null;
      socket.readableFlowing = null;
      req.emit(eventName, res, socket, bodyHead);
      req.destroyed = true;
      req._closed = true;
      req.emit('close');
    } else {
      socket.destroy();
    }
  } else if (parser.incoming && (parser.incoming as any).complete && !statusIsInformational((parser.incoming as any).statusCode)) {
    socket.removeListener('data', socketOnData);
    socket.removeListener('end', socketOnEnd);
    socket.removeListener('drain', ondrain);
    freeParser(parser, req, socket);
  }
}

function statusIsInformational(status: number): boolean {
  return status < 200 && status >= 100 && status !== 101;
}

function parserOnIncomingClient(socket: any, res: any, shouldKeepAlive: boolean): number {
  const req = socket._httpMessage;
  if (req.res) {
    // A second response to one request.
    socket.destroy();
    return 0;
  }
  req.res = res;
  if (res.upgrade) return 2;
  const method = req.method;
  if (method === 'CONNECT') {
    res.upgrade = true;
    return 2;
  }
  if (statusIsInformational(res.statusCode)) {
    req.res = null;
    if (res.statusCode === 100) req.emit('continue');
    req.emit('information', {
      statusCode: res.statusCode, statusMessage: res.statusMessage, httpVersion: res.httpVersion,
      httpVersionMajor: res.httpVersionMajor, httpVersionMinor: res.httpVersionMinor, headers: res.headers, rawHeaders: res.rawHeaders,
    });
    return 1;
  }
  // The server must answer keep-alive for the connection to be reused.
  if (req.shouldKeepAlive && !shouldKeepAlive && !req.upgradeOrConnect) req.shouldKeepAlive = false;
  req.res = res;
  res.req = req;
  res.on('end', responseOnEnd);
  req.on('finish', requestOnFinish);
  socket.on('timeout', responseOnTimeout);
  if (req.aborted || !req.emit('response', res)) res._dump();
  if (method === 'HEAD') return 1;
  if (res.statusCode === 304) {
    res.complete = true;
    return 1;
  }
  return 0;
}

function responseKeepAlive(req: any): void {
  const socket = req.socket;
  if (req.timeoutCb) {
    socket.setTimeout(0, req.timeoutCb);
    req.timeoutCb = null;
  }
  socket.removeListener('close', socketCloseListener);
  socket.removeListener('error', socketErrorListener);
  socket.removeListener('data', socketOnData);
  socket.removeListener('end', socketOnEnd);
  // Free the socket after user 'end' handlers had their chance.
  nextTickOf(req)(() => {
    req._closed = true;
    req.emit('close');
    if (req.socket) req.socket.emit('free');
  });
  req.destroyed = true;
  if (req.res) req.res.socket = null;
}

function responseOnEnd(this: any): void {
  const req = this.req;
  const socket = req.socket;
  if (socket) {
    if (req.timeoutCb) socket.removeListener('timeout', emitRequestTimeout);
    socket.removeListener('timeout', responseOnTimeout);
  }
  req._ended = true;
  if (!req.shouldKeepAlive) {
    if (socket.writable) {
      if (typeof socket.destroySoon === 'function') socket.destroySoon();
      else socket.end();
    }
  } else if (req.writableFinished && !this.aborted) {
    responseKeepAlive(req);
  }
}

function responseOnTimeout(this: any): void {
  const req = this._httpMessage;
  if (!req) return;
  const res = req.res;
  if (!res) return;
  res.emit('timeout');
}

function requestOnFinish(this: any): void {
  if (this.shouldKeepAlive && this._ended) responseKeepAlive(this);
}

function emitRequestTimeout(this: any): void {
  const req = this._httpMessage;
  if (req) req.emit('timeout');
}

function listenSocketTimeout(req: any): void {
  if (req.timeoutCb) return;
  req.timeoutCb = emitRequestTimeout;
  if (req.socket) req.socket.once('timeout', emitRequestTimeout);
  else req.on('socket', (socket: any) => socket.once('timeout', emitRequestTimeout));
}

function setSocketTimeout(sock: any, msecs: number): void {
  if (sock.connecting) sock.once('connect', () => sock.setTimeout(msecs));
  else sock.setTimeout(msecs);
}

function addAbortSignal(signal: AbortSignal, req: any): void {
  const onAbort = () => {
    const err = new Error('The operation was aborted') as Error & { code: string; cause?: unknown };
    err.name = 'AbortError';
    err.code = 'ABORT_ERR';
    err.cause = signal.reason;
    req.destroy(err);
  };
  if (signal.aborted) onAbort();
  else {
    signal.addEventListener('abort', onAbort, { once: true } as any);
    req.once('close', () => signal.removeEventListener('abort', onAbort));
  }
}
