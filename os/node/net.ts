// node:net for one network instance: binds the Socket and Server classes (internal/net/socket.ts,
// server.ts) to the instance's NetContext and adds Node's module-level functions. The classes a
// program sees are subclasses carrying the context as a static symbol, so `new net.Socket()`,
// `class X extends net.Server` and the sockets a server accepts all reach the same stack.

import { BlockList, SocketAddress } from './internal/net/blocklist';
import { isIP, isIPv4, isIPv6 } from './internal/net/address';
import { Socket as SocketBase, kContext, normalizeArgs, type LookupFn } from './internal/net/socket';
import { Server as ServerBase } from './internal/net/server';
import type { NetContext } from './internal/net/provider';
import { validateBoolean, validateInteger } from './internal/validators';

export type NetModule = ReturnType<typeof createNet>;

/** Binds a class to a context under Node's class name. */
export function bindClass<T extends abstract new (...args: any[]) => any>(Base: T, name: string, ctx: unknown): T {
  const Bound = class extends (Base as any) {};
  Object.defineProperty(Bound, 'name', { value: name });
  Object.defineProperty(Bound, kContext, { value: ctx });
  return Bound as unknown as T;
}

export function createNet(base: NetContext, lookup: LookupFn) {
  const ctx = base as NetContext & { lookup: LookupFn; Socket: typeof SocketBase };
  ctx.lookup = lookup;
  const Socket = bindClass(SocketBase, 'Socket', ctx);
  const Server = bindClass(ServerBase, 'Server', ctx);
  ctx.Socket = Socket;
  let autoSelectFamily = true;
  let autoSelectFamilyAttemptTimeout = 250;

  function connect(...args: unknown[]): SocketBase {
    const normalized = normalizeArgs(args);
    const options = normalized[0];
    const socket = new Socket(options);
    if (options.timeout) socket.setTimeout(options.timeout);
    return socket.connect(normalized);
  }

  function createServer(options?: any, connectionListener?: any): ServerBase {
    return new Server(options, connectionListener);
  }

  return {
    Socket,
    Stream: Socket,
    Server,
    connect,
    createConnection: connect,
    createServer,
    isIP,
    isIPv4,
    isIPv6,
    BlockList,
    SocketAddress,
    _normalizeArgs: normalizeArgs,
    getDefaultAutoSelectFamily: () => autoSelectFamily,
    setDefaultAutoSelectFamily: (value: boolean) => { validateBoolean(value, 'value'); autoSelectFamily = value; },
    getDefaultAutoSelectFamilyAttemptTimeout: () => autoSelectFamilyAttemptTimeout,
    setDefaultAutoSelectFamilyAttemptTimeout: (value: number) => {
      validateInteger(value, 'value', 1);
      autoSelectFamilyAttemptTimeout = value < 10 ? 10 : value;
    },
  };
}
