// net.Server over a TcpListener (os/net/tcp/listener.ts), with Node 20's lib/net.js semantics:
// - listen() binds synchronously (address() answers at once for literal hosts), then emits
//   'listening' on the next tick; EADDRINUSE and friends arrive as 'error' on the next tick.
//   Host names are looked up first (dns.lookup). No host means every address: address() then
//   reports '::' / 'IPv6', as Node's dual-stack default does, although the stack is IPv4.
// - Each accepted connection becomes a Socket (allowHalfOpen, pauseOnConnect, noDelay,
//   keepAlive from the server options), then 'connection'. Beyond maxConnections the connection
//   is closed at once and 'drop' is emitted.
// - close() stops accepting; 'close' (and close's callback) follows once every connection has
//   closed. The server keeps the loop alive while listening (ref/unref).
// Not supported: listening on a Unix socket path, on a handle or fd, and cluster sharing.

import '../symbol-dispose';
import { EventEmitter } from 'events';
import { codes, uvExceptionWithHostPort, type SystemError } from '../../../core/errors';
import { invalidArgValue, validateFunction } from '../validators';
import type { TcpListener } from '../../../net/tcp/listener';
import type { TcpConnection } from '../../../net/tcp/connection';
import { isIP, isIpv6Any, ipv4ToString, socketAddress, validatePort } from './address';
import { contextOf, kAttach, kMapped, normalizeArgs, type LookupFn, type Socket } from './socket';
import type { NetContext, NetHandle } from './provider';

export interface ServerOptions {
  allowHalfOpen?: boolean;
  pauseOnConnect?: boolean;
  noDelay?: boolean;
  keepAlive?: boolean;
  keepAliveInitialDelay?: number;
  highWaterMark?: number;
}

interface BoundAddress {
  address: string;
  family: string;
  port: number;
}

export class Server extends EventEmitter {
  _connections = 0;
  maxConnections: number | undefined = undefined;
  allowHalfOpen: boolean;
  pauseOnConnect: boolean;
  noDelay: boolean;
  keepAlive: boolean;
  keepAliveInitialDelay: number;
  highWaterMark: number | undefined;
  private readonly _ctx: NetContext & { lookup: LookupFn; Socket: typeof Socket };
  private _listener: TcpListener | null = null;
  private _loopHandle: NetHandle | null = null;
  private _refed = true;
  private _address: BoundAddress | null = null;
  private _pendingListen = false;

  constructor(options?: ServerOptions | ((socket: Socket) => void), connectionListener?: (socket: Socket) => void) {
    super();
    this._ctx = contextOf(new.target) as NetContext & { lookup: LookupFn; Socket: typeof Socket };
    if (typeof options === 'function') {
      connectionListener = options;
      options = {};
    } else if (options == null || typeof options === 'object') {
      options = { ...options };
    } else {
      throw new codes.ERR_INVALID_ARG_TYPE('options', 'Object', options);
    }
    if (typeof connectionListener === 'function') this.on('connection', connectionListener);
    this.allowHalfOpen = options.allowHalfOpen || false;
    this.pauseOnConnect = !!options.pauseOnConnect;
    this.noDelay = Boolean(options.noDelay);
    this.keepAlive = Boolean(options.keepAlive);
    this.keepAliveInitialDelay = ~~((options.keepAliveInitialDelay ?? 0) / 1000);
    this.highWaterMark = options.highWaterMark;
  }

  listen(...args: unknown[]): this {
    const normalized = normalizeArgs(args);
    let options = normalized[0];
    const cb = normalized[1];
    if (this._listener || this._pendingListen) throw new codes.ERR_SERVER_ALREADY_LISTEN();
    if (cb !== null) this.once('listening', cb as () => void);
    const backlogFromArgs = toNumber(args.length > 1 && args[1]) || toNumber(args.length > 2 && args[2]);
    options = options._handle || options.handle || options;
    if (typeof options.fd === 'number' || options.path != null && typeof options.path !== 'string' && options !== normalized[0]) {
      throw new codes.ERR_NOT_SUPPORTED_ON_NEPHOS('net.Server.listen(handle)');
    }
    if (args.length === 0 || typeof args[0] === 'function' || (options.port === undefined && 'port' in options) || options.port === null) {
      options.port = 0;
    }
    const backlog = options.backlog || backlogFromArgs || 511;
    if (typeof options.port === 'number' || typeof options.port === 'string') {
      const port = validatePort(options.port, 'options.port');
      if (options.host) this._lookupAndListen(port, String(options.host), backlog);
      else this._listenOn(undefined, port, backlog);
      return this;
    }
    if (options.path) {
      throw new codes.ERR_NOT_SUPPORTED_ON_NEPHOS(`Unix domain sockets (listen on ${options.path})`);
    }
    if (!('port' in options) && !('path' in options)) {
      throw invalidArgValue('options', options, 'must have the property "port" or "path"');
    }
    throw invalidArgValue('options', options);
  }

  private _lookupAndListen(port: number, host: string, backlog: number): void {
    if (isIP(host)) {
      this._listenOn(host, port, backlog);
      return;
    }
    this._pendingListen = true;
    this._ctx.lookup(host, { family: 4 }, (err, ip) => {
      this._pendingListen = false;
      if (err) {
        this.emit('error', err);
        return;
      }
      this._listenOn(ip!, port, backlog);
    });
  }

  /** Binds and listens now; the outcome is reported on the next tick, as Node does. */
  private _listenOn(host: string | undefined, port: number, backlog: number): void {
    const shown = host ?? '::';
    const p = this._ctx.provider();
    let listener: TcpListener;
    try {
      if (!p) throw uvExceptionWithHostPort('EADDRNOTAVAIL', 'listen', shown, port);
      const addr = host === undefined ? 0 : socketAddress(host, 'listen', port);
      if (addr !== 0 && !p.isLocalAddress(addr)) throw uvExceptionWithHostPort('EADDRNOTAVAIL', 'listen', shown, port);
      listener = p.tcp.listen(addr, port, { backlog }, (c) => this._onConnection(c));
    } catch (err) {
      const e = err as SystemError;
      const ex = e && typeof e.errno === 'number' ? uvExceptionWithHostPort(e.code, 'listen', shown, port) : e;
      this._ctx.rt.nextTick(() => this.emit('error', ex));
      return;
    }
    this._listener = listener;
    const v6 = host === undefined || isIpv6Any(host);
    this._address = { address: v6 ? '::' : ipv4ToString(listener.addr), family: v6 ? 'IPv6' : 'IPv4', port: listener.port };
    if (!this._loopHandle) {
      this._loopHandle = this._ctx.rt.handle();
      if (!this._refed) this._loopHandle.unref();
    }
    this._loopHandle.start();
    this._ctx.rt.nextTick(() => {
      if (this._listener) this.emit('listening');
    });
  }

  private _onConnection(conn: TcpConnection): void {
    if (typeof this.maxConnections === 'number' && this.maxConnections >= 0 && this._connections >= this.maxConnections) {
      const v6 = this._address?.family === 'IPv6';
      const prefix = v6 ? '::ffff:' : '';
      const family = v6 ? 'IPv6' : 'IPv4';
      const data = {
        localAddress: prefix + ipv4ToString(conn.localAddr), localPort: conn.localPort, localFamily: family,
        remoteAddress: prefix + ipv4ToString(conn.remoteAddr), remotePort: conn.remotePort, remoteFamily: family,
      };
      conn.close();
      this.emit('drop', data);
      return;
    }
    const socket = new this._ctx.Socket({
      [kAttach]: conn,
      [kMapped]: this._address?.family === 'IPv6',
      allowHalfOpen: this.allowHalfOpen,
      pauseOnCreate: this.pauseOnConnect,
      readable: true,
      writable: true,
      highWaterMark: this.highWaterMark,
    });
    if (this.noDelay) socket.setNoDelay(true);
    if (this.keepAlive) socket.setKeepAlive(true, this.keepAliveInitialDelay * 1000);
    this._connections++;
    socket._server = this;
    this.emit('connection', socket);
  }

  address(): BoundAddress | null {
    return this._listener && this._address ? { ...this._address } : null;
  }

  get listening(): boolean {
    return this._listener !== null;
  }

  close(cb?: (err?: Error) => void): this {
    if (typeof cb === 'function') {
      if (!this._listener) this.once('close', () => cb(new codes.ERR_SERVER_NOT_RUNNING()));
      else this.once('close', cb);
    }
    if (this._listener) {
      this._listener.close();
      this._listener = null;
      this._loopHandle?.stop();
    }
    this._emitCloseIfDrained();
    return this;
  }

  _emitCloseIfDrained(): void {
    if (this._listener || this._connections) return;
    this._ctx.rt.nextTick(() => this.emit('close'));
  }

  getConnections(cb: (err: Error | null, count: number) => void): this {
    validateFunction(cb, 'cb');
    this._ctx.rt.nextTick(cb, null, this._connections);
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

  [(Symbol as unknown as { asyncDispose: symbol }).asyncDispose](): Promise<void> {
    if (!this._listener) return Promise.resolve();
    return new Promise((resolve, reject) => this.close((err) => (err ? reject(err) : resolve())));
  }
}

function toNumber(x: unknown): number | false {
  const n = Number(x);
  return n >= 0 ? n : false;
}
