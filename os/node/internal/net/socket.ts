// net.Socket: a Duplex over one TcpConnection (os/net/tcp/connection.ts), with Node 20's
// lib/net.js semantics. Read that file's Socket for the reference behaviour; this one keeps its
// event order:
//   connect():  'lookup' (names only) -> 'connect' -> 'ready'; errors destroy the socket:
//               'error' (nextTick) then 'close' (the loop's close phase, as uv_close callbacks).
//   reading:    bytes from onData are pushed; when push() returns false the TCP receive window
//               closes (setReading(false)) until _read asks again: pause() therefore closes the
//               window once the readable buffer is full, as Node's readStop does. FIN -> push(null).
//   writing:    _write copies into the TCP send buffer; when it is full the callback waits for
//               onDrain, so write() returns false and 'drain' follows (Writable's highWaterMark).
//   end():      _final -> shutdown() (FIN after the queued bytes); allowHalfOpen false ends our
//               side when the peer's FIN arrives (Duplex), and writes after that fail with EPIPE.
//   destroy():  close() (FIN, or RST when unread bytes remain, as Linux); resetAndDestroy():
//               abort() (RST). 'close' carries hadError.
// The loop is kept alive (NetHandle) while the socket connects, reads, or has a write waiting
// for buffer space, as a libuv TCP handle is active only then; ref()/unref() apply to it.
//
// IPv4 only: IPv6 peers fail with EAFNOSUPPORT. Unix domain sockets (path) are not supported.

import { Duplex } from 'readable-stream';
import { Buffer } from 'buffer';
import { codes, errnoException, systemError, type SystemError } from '../../../core/errors';
import { validateFunction, validateNumber, invalidArgType, withMessage } from '../validators';
import type { TcpConnection } from '../../../net/tcp/connection';
import { isIP, ipv4ToString, socketAddress, validatePort } from './address';
import type { NetContext, NetHandle, NetTimer } from './provider';

export const kContext = Symbol('nephos.net.context');
/** Internal option: the TcpConnection a server accepted. */
export const kAttach = Symbol('nephos.net.attach');
export const kMapped = Symbol('nephos.net.v4mapped');
export const normalizedArgsSymbol = Symbol('normalizedArgs');

export type LookupFn = (host: string, opts: { family?: number; hints?: number; all?: boolean }, cb: (err: Error | null, address?: string, family?: number) => void) => void;

/** The context of a bound class (net.Socket, http.Server, ...) or of one of its subclasses. */
export function contextOf(ctor: unknown): NetContext & { lookup: LookupFn } {
  const ctx = (ctor as Record<symbol, unknown> | undefined)?.[kContext];
  if (!ctx) throw new Error('nephos: net class used without its network context');
  return ctx as NetContext & { lookup: LookupFn };
}

/** Node's net._normalizeArgs: [options, cb] from (options[, cb]), (port[, host][, cb]), (path[, cb]). */
export function normalizeArgs(args: unknown[]): [Record<string, any>, Function | null] & { [normalizedArgsSymbol]?: boolean } {
  let arr: any;
  if (args.length === 0) {
    arr = [{}, null];
  } else {
    const a0 = args[0];
    let options: Record<string, any> = {};
    if (typeof a0 === 'object' && a0 !== null) {
      options = a0 as Record<string, any>;
    } else if (isPipeName(a0)) {
      options.path = a0;
    } else {
      options.port = a0;
      if (args.length > 1 && typeof args[1] === 'string') options.host = args[1];
    }
    const cb = args[args.length - 1];
    arr = [options, typeof cb === 'function' ? cb : null];
  }
  arr[normalizedArgsSymbol] = true;
  return arr;
}

function isPipeName(s: unknown): boolean {
  return typeof s === 'string' && String(Number(s)) !== s;
}

interface PendingWrite {
  bytes: Uint8Array;
  off: number;
  cb: (err?: Error | null) => void;
}

interface Endpoint {
  address: string;
  port: number;
}

export interface SocketOptions {
  allowHalfOpen?: boolean;
  readable?: boolean;
  writable?: boolean;
  pauseOnCreate?: boolean;
  highWaterMark?: number;
  readableHighWaterMark?: number;
  writableHighWaterMark?: number;
  noDelay?: boolean;
  keepAlive?: boolean;
  keepAliveInitialDelay?: number;
  signal?: AbortSignal;
  fd?: number;
  [kAttach]?: TcpConnection;
  /** Internal option: accepted by a dual-stack ("::") server, so addresses read as IPv4-mapped. */
  [kMapped]?: boolean;
}

const noop = () => {};

export class Socket extends Duplex {
  connecting = false;
  _hadError = false;
  _host: string | null = null;
  _server: any = null;
  _pendingData: unknown = null;
  _pendingEncoding = '';
  timeout = 0;
  resetAndClosing = false;
  private readonly _ctx: NetContext & { lookup: LookupFn };
  private _conn: TcpConnection | null = null;
  private _tcpClosed = false;
  private _loopHandle: NetHandle | null = null;
  private _refed = true;
  private _reading = false;
  private _finReceived = false;
  private _pending: PendingWrite | null = null;
  private _dispatched = 0;
  private _bytesRead = 0;
  private _timer: NetTimer | null = null;
  private _v6mapped = false;
  private _remote: Endpoint | null = null;
  private _local: Endpoint | null = null;
  private _noDelay: boolean | undefined;
  private _keepAlive = false;
  private _keepAliveDelay = 0;

  constructor(options: SocketOptions | number = {}) {
    if (typeof options === 'number') options = { fd: options };
    else options = { ...options };
    if (options.fd !== undefined) throw new codes.ERR_NOT_SUPPORTED_ON_NEPHOS('net.Socket({ fd })');
    const attach = options[kAttach];
    super({
      allowHalfOpen: Boolean(options.allowHalfOpen),
      emitClose: false,
      autoDestroy: true,
      decodeStrings: false,
      readable: options.readable,
      writable: options.writable,
      highWaterMark: options.highWaterMark,
      readableHighWaterMark: options.readableHighWaterMark,
      writableHighWaterMark: options.writableHighWaterMark,
    } as any);
    this._ctx = contextOf(new.target);
    if (options.noDelay) this._noDelay = true;
    if (options.keepAlive) { this._keepAlive = true; this._keepAliveDelay = ~~((options.keepAliveInitialDelay ?? 0) / 1000); }
    this.on('end', onReadableStreamEnd);
    if (attach) {
      this._v6mapped = !!options[kMapped];
      this._attach(attach);
      this._connected();
      if (options.readable !== false) {
        if (options.pauseOnCreate) (this as any).readableFlowing = false;
        else this.read(0);
      }
    }
    if (options.signal) addAbortSignal(this, options.signal);
  }

  // ---- connect ----

  connect(...args: unknown[]): this {
    const normalized: any = Array.isArray(args[0]) && (args[0] as any)[normalizedArgsSymbol] ? args[0] : normalizeArgs(args);
    const options = normalized[0] as Record<string, any>;
    const cb = normalized[1] as Function | null;
    if (options.port === undefined && options.path == null) {
      throw withMessage(new codes.ERR_MISSING_ARGS('options'), 'The "options" or "port" or "path" argument must be specified');
    }
    if (this.write !== Socket.prototype.write) this.write = Socket.prototype.write;
    if (this.destroyed) {
      this._conn = null;
      this._tcpClosed = false;
      this._remote = null;
      this._local = null;
      this._finReceived = false;
      (this as unknown as { _undestroy(): void })._undestroy();
    }
    if (cb !== null) this.once('connect', cb as (...a: any[]) => void);
    if (options.timeout) this.setTimeout(options.timeout);
    if (options.noDelay) this._noDelay = true;
    if (options.keepAlive) { this._keepAlive = true; this._keepAliveDelay = ~~((options.keepAliveInitialDelay ?? 0) / 1000); }
    if (options.signal) addAbortSignal(this, options.signal);
    this.connecting = true;
    this._updateActive();
    if (options.path != null) {
      if (typeof options.path !== 'string') throw invalidArgType('options.path', 'string', options.path);
      const err = new codes.ERR_NOT_SUPPORTED_ON_NEPHOS(`Unix domain sockets (connect to ${options.path})`);
      this._ctx.rt.nextTick(() => this.destroy(err));
      return this;
    }
    this._lookupAndConnect(options);
    return this;
  }

  private _lookupAndConnect(options: Record<string, any>): void {
    const { localAddress, localPort } = options;
    const host: string = options.host || 'localhost';
    let port = options.port;
    if (localAddress && !isIP(localAddress)) throw new codes.ERR_INVALID_IP_ADDRESS(localAddress);
    if (localPort) validateNumber(localPort, 'options.localPort');
    if (typeof host !== 'string') throw invalidArgType('options.host', 'string', host);
    if (port !== undefined) {
      if (typeof port !== 'number' && typeof port !== 'string') throw invalidArgType('options.port', ['number', 'string'], port);
      port = validatePort(port);
    }
    port |= 0;
    if (isIP(host)) {
      this._ctx.rt.nextTick(() => {
        if (this.connecting) this._internalConnect(host, port, localAddress, localPort);
      });
      return;
    }
    if (options.lookup != null) validateFunction(options.lookup, 'options.lookup');
    const family = options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : (options.family | 0);
    const lookup: LookupFn = options.lookup ?? this._ctx.lookup;
    this._host = host;
    this._updateActive();
    lookup(host, { family, hints: options.hints || 0 }, (err, ip, addressType) => {
      this.emit('lookup', err, ip, addressType, host);
      if (!this.connecting) return;
      if (err) {
        this._ctx.rt.nextTick(() => this.destroy(err));
      } else if (!isIP(ip)) {
        const e = new codes.ERR_INVALID_IP_ADDRESS(ip);
        this._ctx.rt.nextTick(() => this.destroy(e));
      } else if (addressType !== 4 && addressType !== 6) {
        const e = new codes.ERR_INVALID_ADDRESS_FAMILY(String(addressType), options.host, options.port);
        this._ctx.rt.nextTick(() => this.destroy(e));
      } else {
        this._unrefTimer();
        this._internalConnect(ip!, port, localAddress, localPort);
      }
    });
  }

  private _internalConnect(host: string, port: number, localAddress?: string, localPort?: number): void {
    const p = this._ctx.provider();
    let conn: TcpConnection;
    try {
      if (!p) throw systemError('ENETUNREACH', { syscall: 'connect', address: host, port });
      const remote = socketAddress(host, 'connect', port);
      let local: number | undefined;
      if (localAddress) {
        local = socketAddress(localAddress, 'bind', localPort);
        if (local !== 0 && !p.isLocalAddress(local)) throw systemError('EADDRNOTAVAIL', { syscall: 'bind', address: localAddress, port: localPort });
      }
      if (!local) local = p.sourceAddress(remote);
      if (local === undefined) throw systemError('ENETUNREACH', { syscall: 'connect', address: host, port });
      this._remote = { address: host, port };
      conn = p.tcp.connect(p.now(), local, remote, port, localPort || undefined);
    } catch (err) {
      this.destroy(hostPortError(err, host, port));
      return;
    }
    this._attach(conn);
    conn.onConnect = () => this._afterConnect();
    this._updateActive();
  }

  private _afterConnect(): void {
    if (this.destroyed) return;
    this.connecting = false;
    this._connected();
    this._unrefTimer();
    this._updateActive();
    this.emit('connect');
    this.emit('ready');
    if (this.readable && !this.isPaused()) this.read(0);
  }

  /** Records the endpoints and applies options set before the connection existed. */
  private _connected(): void {
    const c = this._conn!;
    // A dual-stack listener ("::") sees IPv4 peers as IPv4-mapped IPv6 addresses, as on Linux.
    const prefix = this._v6mapped ? '::ffff:' : '';
    this._remote = { address: prefix + ipv4ToString(c.remoteAddr), port: c.remotePort };
    this._local = { address: prefix + ipv4ToString(c.localAddr), port: c.localPort };
    if (this._noDelay) c.setNoDelay(true);
    if (this._keepAlive) c.setKeepAlive(true, this._keepAliveDelay > 0 ? this._keepAliveDelay * 1000 : undefined);
  }

  private _attach(conn: TcpConnection): void {
    this._conn = conn;
    this._tcpClosed = false;
    this._reading = false;
    conn.setReading(false);
    conn.onData = (b) => this._onData(b);
    conn.onEnd = () => this._onEnd();
    conn.onDrain = () => this._onDrain();
    conn.onClose = (err) => this._onTcpClose(err);
    this._updateActive();
  }

  // ---- reading ----

  private _onData(bytes: Uint8Array): void {
    this._bytesRead += bytes.length;
    this._unrefTimer();
    const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (!this.push(buf) && this._reading) {
      this._reading = false;
      this._conn?.setReading(false);
      this._updateActive();
    }
  }

  /**
   * The peer's FIN. libuv reports EOF in a read callback of its own, after the data callbacks
   * and their nextTicks; the stack delivers both in one poll, so the end is deferred to keep
   * Node's order (a handler that answers after the body can still write before our FIN).
   */
  private _onEnd(): void {
    this._finReceived = true;
    this._reading = false;
    this._updateActive();
    this._ctx.rt.defer(() => {
      if (this.destroyed) return;
      this.push(null);
      this.read(0);
    });
  }

  _read(_n: number): void {
    if (this.connecting || !this._conn) {
      if (!this.destroyed) this.once('connect', () => this._read(_n));
      return;
    }
    if (!this._reading && !this._finReceived && !this._tcpClosed) {
      this._reading = true;
      this._conn.setReading(true);
      this._updateActive();
    }
  }

  // ---- writing ----

  _writeGeneric(writev: boolean, data: any, encoding: string, cb: (err?: Error | null) => void): void {
    if (this.connecting) {
      this._pendingData = data;
      this._pendingEncoding = encoding;
      const onClose = () => cb(new codes.ERR_SOCKET_CLOSED_BEFORE_CONNECTION());
      this.once('connect', () => {
        this.off('close', onClose);
        this._writeGeneric(writev, data, encoding, cb);
      });
      this.once('close', onClose);
      return;
    }
    this._pendingData = null;
    this._pendingEncoding = '';
    const conn = this._conn;
    if (!conn || this._tcpClosed) {
      cb(new codes.ERR_SOCKET_CLOSED());
      return;
    }
    this._unrefTimer();
    let bytes: Uint8Array;
    if (writev) {
      const list = data as { chunk: any; encoding: string }[];
      const bufs = list.map((c) => toBytes(c.chunk, c.encoding));
      bytes = bufs.length === 1 ? bufs[0] : Buffer.concat(bufs);
    } else {
      bytes = toBytes(data, encoding);
    }
    let n: number;
    try {
      n = conn.write(bytes);
    } catch (err) {
      cb(errnoException((err as SystemError).code ?? 'EPIPE', 'write'));
      return;
    }
    this._dispatched += n;
    if (n === bytes.length) {
      cb();
      return;
    }
    this._pending = { bytes, off: n, cb };
    this._updateActive();
  }

  _write(chunk: any, encoding: string, cb: (err?: Error | null) => void): void {
    this._writeGeneric(false, chunk, encoding, cb);
  }

  _writev(chunks: { chunk: any; encoding: string }[], cb: (err?: Error | null) => void): void {
    this._writeGeneric(true, chunks, '', cb);
  }

  private _onDrain(): void {
    const p = this._pending;
    const conn = this._conn;
    if (!p || !conn) return;
    let n: number;
    try {
      n = conn.write(p.bytes.subarray(p.off));
    } catch (err) {
      this._pending = null;
      p.cb(errnoException((err as SystemError).code ?? 'EPIPE', 'write'));
      return;
    }
    p.off += n;
    this._dispatched += n;
    if (n > 0) this._unrefTimer();
    if (p.off === p.bytes.length) {
      this._pending = null;
      this._updateActive();
      p.cb();
    }
  }

  _final(cb: (err?: Error | null) => void): void {
    if (this.pending) {
      this.once('connect', () => this._final(cb));
      return;
    }
    const conn = this._conn;
    if (conn && !this._tcpClosed) {
      try {
        conn.shutdown();
      } catch (err) {
        cb(err as Error);
        return;
      }
    }
    cb();
  }

  // ---- closing ----

  private _onTcpClose(err?: SystemError): void {
    this._tcpClosed = true;
    this._reading = false;
    const p = this._pending;
    this._pending = null;
    this._updateActive();
    if (err) {
      const e = this.connecting && this._remote
        ? systemError(err.code, { syscall: 'connect', address: this._remote.address, port: this._remote.port })
        : errnoException(err.code, 'read');
      if (p) p.cb(e);
      // After the data callbacks, as libuv reports a read error in a callback of its own.
      this._ctx.rt.defer(() => this.destroy(e));
      return;
    }
    if (p) p.cb(errnoException('EPIPE', 'write'));
    if (this.connecting) this.destroy(new codes.ERR_SOCKET_CLOSED_BEFORE_CONNECTION());
    else if (!this._finReceived && !this.destroyed) this.destroy();
  }

  _destroy(exception: Error | null, cb: (err: Error | null) => void): void {
    this.connecting = false;
    this._clearTimer();
    const conn = this._conn;
    const p = this._pending;
    this._pending = null;
    if (conn) {
      const isException = !!exception;
      conn.onData = undefined;
      conn.onEnd = undefined;
      conn.onDrain = undefined;
      conn.onConnect = undefined;
      conn.onClose = undefined;
      if (!this._tcpClosed) {
        if (this.resetAndClosing) conn.abort();
        else if (conn.bufferedAmount > 0 && !this._finReceived) lingeringClose(conn, this._ctx.rt);
        else conn.close();
      }
      this.resetAndClosing = false;
      this._conn = null;
      this._tcpClosed = true;
      this._updateActive();
      cb(exception);
      this._ctx.rt.onClose(() => this.emit('close', isException));
    } else {
      this._updateActive();
      cb(exception);
      this._ctx.rt.nextTick(() => this.emit('close'));
    }
    if (p) p.cb(new codes.ERR_SOCKET_CLOSED());
    const server = this._server;
    if (server) {
      server._connections--;
      server._emitCloseIfDrained?.();
    }
  }

  destroySoon(): void {
    if (this.writable) this.end();
    if (this.writableFinished) this.destroy();
    else this.once('finish', this.destroy);
  }

  resetAndDestroy(): this {
    if (this._conn) {
      if (this.connecting) this.once('connect', () => this._reset());
      else this._reset();
    } else {
      this.destroy(new codes.ERR_SOCKET_CLOSED());
    }
    return this;
  }

  _reset(): this {
    this.resetAndClosing = true;
    return this.destroy();
  }

  // ---- timers, options, liveness ----

  setTimeout(msecs: number, callback?: () => void): this {
    if (this.destroyed) return this;
    this.timeout = msecs;
    validateNumber(msecs, 'msecs', 0);
    if (callback !== undefined) validateFunction(callback, 'callback');
    this._clearTimer();
    if (msecs === 0 || !Number.isFinite(msecs)) {
      if (callback !== undefined) this.removeListener('timeout', callback);
      return this;
    }
    this._timer = this._ctx.rt.unrefTimer(() => this._onTimeout(), msecs);
    if (callback !== undefined) this.once('timeout', callback);
    return this;
  }

  _onTimeout(): void {
    this._timer = null;
    this.emit('timeout');
  }

  /** Restarts the idle timer (activity on the socket). */
  _unrefTimer(): void {
    this._timer?.refresh();
  }

  private _clearTimer(): void {
    if (this._timer) {
      this._timer.close();
      this._timer = null;
    }
  }

  setNoDelay(enable?: boolean): this {
    const on = enable === undefined ? true : !!enable;
    if (this._conn && !this._tcpClosed && on !== !!this._noDelay) this._conn.setNoDelay(on);
    this._noDelay = on;
    return this;
  }

  setKeepAlive(enable?: boolean, initialDelayMsecs?: number): this {
    const on = !!enable;
    const delay = ~~((initialDelayMsecs ?? 0) / 1000);
    if (this._conn && !this._tcpClosed && (on !== this._keepAlive || (on && delay !== this._keepAliveDelay))) {
      this._conn.setKeepAlive(on, delay > 0 ? delay * 1000 : undefined);
    }
    this._keepAlive = on;
    this._keepAliveDelay = delay;
    return this;
  }

  ref(): this {
    this._refed = true;
    this._loopHandle?.ref();
    return this;
  }

  unref(): this {
    this._refed = false;
    this._loopHandle?.unref();
    return this;
  }

  /** Active as a libuv TCP handle is: connecting, reading, or a write waiting for room. */
  private _updateActive(): void {
    const active = !this.destroyed && (this.connecting || (!!this._conn && !this._tcpClosed && (this._reading || this._pending !== null)));
    if (active) {
      if (!this._loopHandle) {
        this._loopHandle = this._ctx.rt.handle();
        if (!this._refed) this._loopHandle.unref();
      }
      this._loopHandle.start();
    } else {
      this._loopHandle?.stop();
    }
  }

  // ---- addresses and counters ----

  address(): { address: string; family: string; port: number } | Record<string, never> {
    const l = this._local ?? (this._conn ? { address: ipv4ToString(this._conn.localAddr), port: this._conn.localPort } : null);
    return l ? { address: l.address, family: this._family(), port: l.port } : {};
  }

  private _family(): string {
    return this._v6mapped ? 'IPv6' : 'IPv4';
  }

  get remoteAddress(): string | undefined { return this.connecting ? undefined : this._remote?.address; }
  get remoteFamily(): string | undefined { return this.connecting || !this._remote ? undefined : this._family(); }
  get remotePort(): number | undefined { return this.connecting ? undefined : this._remote?.port; }
  get localAddress(): string | undefined { return this._local?.address; }
  get localPort(): number | undefined { return this._local?.port; }
  get localFamily(): string | undefined { return this._local ? this._family() : undefined; }
  get bytesRead(): number { return this._bytesRead; }
  get bytesWritten(): number {
    return this._dispatched + this.writableLength - (this._pending ? this._pending.off : 0);
  }
  get bufferSize(): number | undefined { return this._conn ? this.writableLength : undefined; }
  get pending(): boolean { return !this._conn || this.connecting; }
  get _connecting(): boolean { return this.connecting; }
  get _handle(): TcpConnection | null { return this._conn; }
  get server(): any { return this._server; }
  set server(v: any) { this._server = v; }
  get readyState(): string {
    if (this.connecting) return 'opening';
    if (this.readable && this.writable) return 'open';
    if (this.readable && !this.writable) return 'readOnly';
    if (!this.readable && this.writable) return 'writeOnly';
    return 'closed';
  }
  get autoSelectFamilyAttemptedAddresses(): string[] | undefined { return undefined; }
}

/** How long a destroyed socket with unsent data keeps discarding input (see lingeringClose). */
const LINGER_MS = 2000;

/**
 * destroy() right after a write (an HTTP server answering 400 or 431 to a client that is still
 * sending): RFC 1122 4.2.2.13 has input arriving after close() answered with RST, which would
 * discard the answer before it leaves, since the stack transmits only when it next polls. Linux
 * transmits at write() time, so Node's answer gets out; here the connection sends FIN after the
 * queued bytes and discards input for a while (Apache's lingering close), then closes.
 */
function lingeringClose(conn: TcpConnection, rt: NetContext['rt']): void {
  const timer = rt.unrefTimer(() => conn.close(), LINGER_MS);
  conn.onData = () => {};
  conn.onDrain = undefined;
  conn.onEnd = () => { timer.close(); conn.close(); };
  conn.onClose = () => { timer.close(); };
  conn.shutdown();
  conn.setReading(true);
}

/** 'end' from the peer: without allowHalfOpen, later writes fail as Node's writeAfterFIN. */
function onReadableStreamEnd(this: Socket): void {
  if (!this.allowHalfOpen) this.write = writeAfterFIN as any;
}

function writeAfterFIN(this: Socket, chunk: any, encoding?: any, cb?: any): boolean {
  if (!this.writableEnded) return Duplex.prototype.write.call(this, chunk, encoding, cb);
  if (typeof encoding === 'function') { cb = encoding; encoding = null; }
  const er = new Error('This socket has been ended by the other party') as Error & { code: string };
  er.code = 'EPIPE';
  if (typeof cb === 'function') contextOf(this.constructor).rt.nextTick(cb, er);
  this.destroy(er);
  return false;
}

/**
 * The last string written and its bytes: servers answer with the same head (and often body)
 * over and over, and encoding text is a JavaScript loop on the engine. The bytes are only read
 * (TcpConnection.write copies them), so sharing them is safe.
 */
let lastString = '';
let lastEncoding = '';
let lastBytes: Uint8Array = new Uint8Array(0);
const CACHE_LIMIT = 4096;

function toBytes(chunk: any, encoding: string): Uint8Array {
  if (typeof chunk !== 'string') return chunk as Uint8Array;
  const enc = encoding || 'utf8';
  if (chunk === lastString && enc === lastEncoding) return lastBytes;
  const bytes = Buffer.from(chunk, enc as BufferEncoding);
  if (chunk.length <= CACHE_LIMIT) {
    lastString = chunk;
    lastEncoding = enc;
    lastBytes = bytes;
  }
  return bytes;
}

/** Errors from tcp.connect() and address checks, shaped as Node's exceptionWithHostPort. */
function hostPortError(err: unknown, host: string, port: number): Error {
  const e = err as SystemError;
  if (e && typeof e.errno === 'number' && e.code) {
    return systemError(e.code, { syscall: e.syscall === 'bind' ? 'bind' : 'connect', address: e.address ?? host, port: e.port ?? port });
  }
  return err as Error;
}

function addAbortSignal(socket: Socket, signal: AbortSignal): void {
  const onAbort = () => {
    const err = new Error('The operation was aborted') as Error & { code: string; name: string; cause?: unknown };
    err.code = 'ABORT_ERR';
    err.name = 'AbortError';
    err.cause = signal.reason;
    socket.destroy(err);
  };
  if (signal.aborted) contextOf(socket.constructor).rt.nextTick(onAbort);
  else {
    signal.addEventListener('abort', onAbort, { once: true } as any);
    socket.once('close', () => signal.removeEventListener('abort', onAbort));
  }
}

export { noop };
