// node:dgram for one network instance, over the stack's UDP layer (os/net/udp.ts, through
// NetProvider.udp), with Node 20's lib/dgram.js semantics:
// - bind([port][, address][, cb]) resolves the address (dns.lookup), binds, then emits
//   'listening'; EADDRINUSE/EADDRNOTAVAIL arrive as 'error' ("bind EADDRINUSE 0.0.0.0:5353").
// - send() binds an unbound socket to an ephemeral port first and queues until then; buffers,
//   strings and lists are sent as one datagram; the callback gets (err, bytes) on the next tick;
//   failures (EACCES without setBroadcast, EMSGSIZE, ENETUNREACH) go to the callback only.
// - connect()/disconnect() set the default peer and filter received datagrams; ICMP errors for
//   a connected socket arrive as 'error' (ECONNREFUSED), as on Linux.
// - 'message' (msg, { address, family, port, size }); close() emits 'close' on the next tick.
// A bound socket keeps the loop alive (ref/unref). udp4 only: udp6 sockets fail to bind with
// EAFNOSUPPORT. Multicast membership is not supported; TTL and buffer sizes are recorded only.

import { EventEmitter } from 'events';
import { Buffer } from 'buffer';
import { codes, errnoException, systemError, type SystemError } from '../core/errors';
import { invalidArgType, validateFunction, validateNumber, validateString } from './internal/validators';
import { ipv4ToString, socketAddress, validatePort } from './internal/net/address';
import type { LookupFn } from './internal/net/socket';
import type { NetContext, NetHandle, UdpSocketLike } from './internal/net/provider';

const UNBOUND = 0;
const BINDING = 1;
const BOUND = 2;
const DISCONNECTED = 0;
const CONNECTING = 1;
const CONNECTED = 2;
const DEFAULT_BUFFER_SIZE = 212_992;

export type DgramModule = ReturnType<typeof createDgram>;

function hostPortError(err: unknown, syscall: string, address: string, port: number): Error {
  const e = err as SystemError;
  if (e && typeof e.errno === 'number' && e.code) return systemError(e.code, { syscall, address, port });
  return err as Error;
}

function toBuffer(b: unknown): Buffer | null {
  if (typeof b === 'string') return Buffer.from(b);
  if (ArrayBuffer.isView(b)) return Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  return null;
}

export function createDgram(ctx: NetContext, lookup: LookupFn) {
  const rt = ctx.rt;

  class Socket extends EventEmitter {
    type: string;
    #udp: UdpSocketLike | null = null;
    #closed = false;
    #bindState = UNBOUND;
    #connectState = DISCONNECTED;
    #queue: (() => void)[] | undefined;
    #reuseAddr: boolean;
    #handle: NetHandle | null = null;
    #refed = true;
    #ttl = 64;
    #recvBufferSize: number | undefined;
    #sendBufferSize: number | undefined;
    #lookup: LookupFn;

    constructor(type: any, listener?: (msg: Buffer, rinfo: object) => void) {
      super();
      let options: any;
      if (type !== null && typeof type === 'object') {
        options = type;
        type = options.type;
      }
      if (type !== 'udp4' && type !== 'udp6') throw new codes.ERR_SOCKET_BAD_TYPE();
      this.type = type;
      this.#lookup = options?.lookup ?? lookup;
      if (options?.lookup !== undefined) validateFunction(options.lookup, 'lookup');
      this.#reuseAddr = !!options?.reuseAddr;
      this.#recvBufferSize = options?.recvBufferSize;
      this.#sendBufferSize = options?.sendBufferSize;
      if (typeof listener === 'function') this.on('message', listener);
      const signal = options?.signal;
      if (signal !== undefined) {
        const onAborted = () => { if (!this.#closed) this.close(); };
        if (signal.aborted) onAborted();
        else {
          signal.addEventListener('abort', onAborted, { once: true });
          this.once('close', () => signal.removeEventListener('abort', onAborted));
        }
      }
    }

    #healthCheck(): void {
      if (this.#closed) throw new codes.ERR_SOCKET_DGRAM_NOT_RUNNING();
    }

    bind(port?: any, address?: any, ...rest: any[]): this {
      this.#healthCheck();
      if (this.#bindState !== UNBOUND) throw new codes.ERR_SOCKET_ALREADY_BOUND();
      this.#bindState = BINDING;
      const args = [port, address, ...rest];
      const cb = args.filter((a) => a !== undefined).pop();
      if (typeof cb === 'function') {
        const onListening = () => { this.removeListener('error', removeListeners); cb.call(this); };
        const removeListeners = () => { this.removeListener('error', removeListeners); this.removeListener('listening', onListening); };
        this.on('error', removeListeners);
        this.on('listening', onListening);
      }
      let addr: string;
      if (port !== null && typeof port === 'object') {
        if (typeof port.fd === 'number' && port.fd > 0) throw new codes.ERR_NOT_SUPPORTED_ON_NEPHOS('dgram bind({ fd })');
        addr = port.address || '';
        port = port.port;
      } else {
        addr = typeof address === 'function' ? '' : address;
      }
      if (typeof port === 'function') port = 0;
      if (!addr) addr = this.type === 'udp4' ? '0.0.0.0' : '::';
      this.#lookup(addr, { family: this.type === 'udp4' ? 4 : 6 }, (err, ip) => {
        if (this.#closed) return;
        if (err) {
          this.#bindState = UNBOUND;
          this.emit('error', err);
          return;
        }
        const p = ctx.provider();
        const portNum = port ? +port : 0;
        try {
          if (this.type === 'udp6') throw systemError('EAFNOSUPPORT', { syscall: 'bind', address: ip!, port: portNum });
          if (!p || !p.udp) throw systemError('EADDRNOTAVAIL', { syscall: 'bind', address: ip!, port: portNum });
          const a = socketAddress(ip!, 'bind', portNum);
          this.#udp = p.udp.bind(a, portNum, { reuseAddr: this.#reuseAddr });
        } catch (e) {
          this.#bindState = UNBOUND;
          this.emit('error', hostPortError(e, 'bind', ip!, portNum));
          return;
        }
        this.#startListening();
      });
      return this;
    }

    #startListening(): void {
      const u = this.#udp!;
      u.onMessage = (data, rinfo) => {
        this.emit('message', Buffer.from(data), { address: ipv4ToString(rinfo.address), family: 'IPv4', port: rinfo.port, size: rinfo.size });
      };
      u.onError = (err) => {
        this.emit('error', errnoException(err.code, 'recvmsg'));
      };
      this.#bindState = BOUND;
      this.#handle ??= rt.handle();
      if (!this.#refed) this.#handle.unref();
      this.#handle.start();
      this.emit('listening');
    }

    #enqueue(fn: () => void): void {
      if (this.#queue === undefined) {
        this.#queue = [];
        const onError = () => { this.removeListener('listening', onListening); this.#queue = undefined; };
        const onListening = () => {
          this.removeListener(EventEmitter.errorMonitor as unknown as string, onError);
          const q = this.#queue ?? [];
          this.#queue = undefined;
          for (const f of q) f();
        };
        this.once(EventEmitter.errorMonitor as unknown as string, onError);
        this.once('listening', onListening);
      }
      this.#queue.push(fn);
    }

    connect(port: any, address?: any, callback?: any): void {
      port = validatePort(port, 'Port', false);
      if (typeof address === 'function') {
        callback = address;
        address = '';
      } else if (address === undefined) {
        address = '';
      }
      validateString(address, 'address');
      if (this.#connectState !== DISCONNECTED) throw new codes.ERR_SOCKET_DGRAM_IS_CONNECTED();
      this.#connectState = CONNECTING;
      if (this.#bindState === UNBOUND) this.bind({ port: 0, exclusive: true }, null);
      if (this.#bindState !== BOUND) {
        this.#enqueue(() => this.#connect(port, address, callback));
        return;
      }
      this.#connect(port, address, callback);
    }

    #connect(port: number, address: string, callback?: (err?: Error) => void): void {
      if (callback) this.once('connect', callback);
      this.#lookup(address || (this.type === 'udp4' ? '127.0.0.1' : '::1'), { family: 4 }, (ex, ip) => {
        if (!this.#udp) return;
        if (!ex) {
          try {
            this.#udp.connect(socketAddress(ip!, 'connect', port), port);
          } catch (e) {
            ex = hostPortError(e, 'connect', address, port);
          }
        }
        if (ex) {
          this.#connectState = DISCONNECTED;
          const err = ex;
          rt.nextTick(() => {
            if (callback) {
              this.removeListener('connect', callback);
              callback(err);
            } else {
              this.emit('error', err);
            }
          });
          return;
        }
        this.#connectState = CONNECTED;
        rt.nextTick(() => this.emit('connect'));
      });
    }

    disconnect(): void {
      if (this.#connectState !== CONNECTED) throw new codes.ERR_SOCKET_DGRAM_NOT_CONNECTED();
      this.#udp!.disconnect();
      this.#connectState = DISCONNECTED;
    }

    sendto(buffer: any, offset: number, length: number, port: number, address: string, callback?: any): void {
      validateNumber(offset, 'offset');
      validateNumber(length, 'length');
      validateNumber(port, 'port');
      validateString(address, 'address');
      this.send(buffer, offset, length, port, address, callback);
    }

    send(buffer: any, offset?: any, length?: any, port?: any, address?: any, callback?: any): void {
      let list: Buffer[];
      const connected = this.#connectState === CONNECTED;
      if (!connected) {
        if (address || (port && typeof port !== 'function')) {
          buffer = sliceBuffer(buffer, offset, length);
        } else {
          callback = port;
          port = offset;
          address = length;
        }
      } else {
        if (typeof length === 'number') {
          buffer = sliceBuffer(buffer, offset, length);
          if (typeof port === 'function') {
            callback = port;
            port = null;
          }
        } else {
          callback = offset;
        }
        if (port || address) throw new codes.ERR_SOCKET_DGRAM_IS_CONNECTED();
      }
      if (!Array.isArray(buffer)) {
        const b = toBuffer(buffer);
        if (!b) throw invalidArgType('buffer', ['Buffer', 'TypedArray', 'DataView', 'string'], buffer);
        list = [b];
      } else {
        list = [];
        for (const item of buffer) {
          const b = toBuffer(item);
          if (!b) throw invalidArgType('buffer list arguments', ['Buffer', 'TypedArray', 'DataView', 'string'], buffer);
          list.push(b);
        }
      }
      if (!connected) port = validatePort(port, 'Port', false);
      if (typeof callback !== 'function') callback = undefined;
      if (typeof address === 'function') {
        callback = address;
        address = undefined;
      } else if (address != null) {
        validateString(address, 'address');
      }
      this.#healthCheck();
      if (this.#bindState === UNBOUND) this.bind({ port: 0, exclusive: true }, null);
      if (list.length === 0) list.push(Buffer.alloc(0));
      if (this.#bindState !== BOUND) {
        this.#enqueue(() => this.send(list, port, address, callback));
        return;
      }
      const doSend = (ex: Error | null, ip?: string) => {
        if (ex) {
          if (callback) rt.nextTick(callback, ex);
          else rt.nextTick(() => this.emit('error', ex));
          return;
        }
        const u = this.#udp;
        if (!u) return;
        const data = list.length === 1 ? list[0] : Buffer.concat(list);
        const p = ctx.provider();
        try {
          if (connected) u.send(p ? p.now() : 0, data);
          else u.send(p ? p.now() : 0, data, port, socketAddress(ip!, 'send', port));
        } catch (e) {
          if (callback) rt.nextTick(callback, hostPortError(e, 'send', address ?? '', port));
          return;
        }
        if (callback) rt.nextTick(callback, null, data.length);
      };
      if (!connected) this.#lookup(address || '127.0.0.1', { family: 4 }, (err, ip) => doSend(err, ip));
      else doSend(null, undefined);
    }

    close(callback?: () => void): this {
      if (typeof callback === 'function') this.on('close', callback);
      if (this.#queue !== undefined) {
        this.#queue.push(() => this.close());
        return this;
      }
      this.#healthCheck();
      this.#closed = true;
      if (this.#udp) {
        this.#udp.onMessage = undefined;
        this.#udp.onError = undefined;
        this.#udp.close();
        this.#udp = null;
      }
      this.#handle?.stop();
      rt.nextTick(() => this.emit('close'));
      return this;
    }

    address(): { address: string; family: string; port: number } {
      this.#healthCheck();
      const u = this.#udp;
      if (!u) throw errnoException('EBADF', 'getsockname');
      return { address: ipv4ToString(u.localAddress), family: 'IPv4', port: u.localPort };
    }

    remoteAddress(): { address: string; family: string; port: number } {
      this.#healthCheck();
      if (this.#connectState !== CONNECTED) throw new codes.ERR_SOCKET_DGRAM_NOT_CONNECTED();
      const u = this.#udp as UdpSocketLike & { remoteAddress: number; remotePort: number };
      return { address: ipv4ToString(u.remoteAddress), family: 'IPv4', port: u.remotePort };
    }

    setBroadcast(flag: boolean): void {
      if (!this.#udp) throw errnoException('EBADF', 'setBroadcast');
      this.#udp.setBroadcast(!!flag);
    }

    setTTL(ttl: number): number {
      validateNumber(ttl, 'ttl');
      if (!(ttl >= 1 && ttl <= 255)) throw errnoException('EINVAL', 'setTTL');
      this.#ttl = ttl;
      return ttl;
    }

    setMulticastTTL(ttl: number): number {
      validateNumber(ttl, 'ttl');
      return ttl;
    }

    setMulticastLoopback(flag: boolean): boolean {
      return flag;
    }

    setMulticastInterface(iface: string): void {
      validateString(iface, 'interfaceAddress');
    }

    addMembership(): void {
      throw new codes.ERR_NOT_SUPPORTED_ON_NEPHOS('dgram multicast (addMembership)');
    }

    dropMembership(): void {
      throw new codes.ERR_NOT_SUPPORTED_ON_NEPHOS('dgram multicast (dropMembership)');
    }

    addSourceSpecificMembership(): void {
      throw new codes.ERR_NOT_SUPPORTED_ON_NEPHOS('dgram multicast (addSourceSpecificMembership)');
    }

    dropSourceSpecificMembership(): void {
      throw new codes.ERR_NOT_SUPPORTED_ON_NEPHOS('dgram multicast (dropSourceSpecificMembership)');
    }

    ref(): this {
      this.#refed = true;
      this.#handle?.ref();
      return this;
    }

    unref(): this {
      this.#refed = false;
      this.#handle?.unref();
      return this;
    }

    #bufferSize(size: number, recv: boolean): number {
      if (size !== 0 && !(Number.isInteger(size) && size > 0 && size <= 0xffffffff)) throw new codes.ERR_SOCKET_BAD_BUFFER_SIZE();
      if (!this.#udp) throw new codes.ERR_SOCKET_BUFFER_SIZE('EBADF');
      if (size > 0) {
        // Linux doubles the value to allow for bookkeeping overhead (socket(7)).
        if (recv) this.#recvBufferSize = size * 2;
        else this.#sendBufferSize = size * 2;
      }
      return (recv ? this.#recvBufferSize : this.#sendBufferSize) ?? DEFAULT_BUFFER_SIZE;
    }

    setRecvBufferSize(size: number): void { this.#bufferSize(size, true); }
    setSendBufferSize(size: number): void { this.#bufferSize(size, false); }
    getRecvBufferSize(): number { return this.#bufferSize(0, true); }
    getSendBufferSize(): number { return this.#bufferSize(0, false); }
    getSendQueueSize(): number { return 0; }
    getSendQueueCount(): number { return 0; }

    get ttl(): number { return this.#ttl; }
  }
  Object.defineProperty(Socket, 'name', { value: 'Socket' });

  function sliceBuffer(buffer: any, offset: number, length: number): Buffer {
    if (typeof buffer === 'string') buffer = Buffer.from(buffer);
    else if (!ArrayBuffer.isView(buffer)) throw invalidArgType('buffer', ['Buffer', 'TypedArray', 'DataView', 'string'], buffer);
    offset = offset >>> 0;
    length = length >>> 0;
    if (offset > buffer.byteLength) throw new codes.ERR_BUFFER_OUT_OF_BOUNDS('offset');
    if (offset + length > buffer.byteLength) throw new codes.ERR_BUFFER_OUT_OF_BOUNDS('length');
    return Buffer.from(buffer.buffer, buffer.byteOffset + offset, length);
  }

  function createSocket(type: any, listener?: (msg: Buffer, rinfo: object) => void): Socket {
    return new Socket(type, listener);
  }

  return { Socket, createSocket };
}
