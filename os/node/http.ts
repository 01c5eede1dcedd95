// node:http for one network instance: the classes of internal/http/ bound to the instance's
// context (http.Server extends this instance's net.Server), Node 20's module functions and
// constants. See internal/http/parser.ts for what the parser accepts and refuses.

import { contextOf } from './internal/net/socket';
import type { NetContext } from './internal/net/provider';
import { bindClass, type NetModule } from './net';
import { IncomingMessage as IncomingMessageBase } from './internal/http/incoming';
import { OutgoingMessage as OutgoingMessageBase } from './internal/http/outgoing';
import { ServerResponse as ServerResponseBase, defineServer } from './internal/http/server';
import { defineAgent } from './internal/http/agent';
import { defineClientRequest } from './internal/http/client';
import { METHODS, STATUS_CODES, validateHeaderName, validateHeaderValue } from './internal/http/common';
import { DEFAULT_MAX_HEADER_SIZE } from './internal/http/parser';
import { validateInteger } from './internal/validators';

export type HttpModule = ReturnType<typeof createHttp>;

export function createHttp(_ctx: NetContext, net: NetModule) {
  // The net module's bound classes carry the full context (lookup, Socket): share it.
  const ctx = contextOf(net.Socket);
  const IncomingMessage = bindClass(IncomingMessageBase, 'IncomingMessage', ctx);
  const OutgoingMessage = bindClass(OutgoingMessageBase, 'OutgoingMessage', ctx);
  const ServerResponse = bindClass(ServerResponseBase, 'ServerResponse', ctx);
  const Agent = bindClass(defineAgent(net), 'Agent', ctx);
  let globalAgent: any = new Agent({ keepAlive: true, scheduling: 'lifo', timeout: 5000 });
  const ClientRequest = bindClass(defineClientRequest({
    globalAgent: () => globalAgent,
    createConnection: (...args: any[]) => (net.createConnection as any)(...args),
    IncomingMessage,
  }), 'ClientRequest', ctx);
  const Server = defineServer(net, { IncomingMessage, ServerResponse });

  function createServer(opts?: any, requestListener?: any) {
    return new Server(opts, requestListener);
  }

  function request(url: any, options?: any, cb?: any) {
    return new ClientRequest(url, options, cb);
  }

  function get(url: any, options?: any, cb?: any) {
    const req = request(url, options, cb);
    req.end();
    return req;
  }

  const mod = {
    METHODS: METHODS.slice().sort(),
    STATUS_CODES,
    Agent,
    ClientRequest,
    IncomingMessage,
    OutgoingMessage,
    Server,
    ServerResponse,
    createServer,
    request,
    get,
    validateHeaderName,
    validateHeaderValue,
    maxHeaderSize: DEFAULT_MAX_HEADER_SIZE,
    setMaxIdleHTTPParsers(max: number) {
      validateInteger(max, 'max', 1);
    },
    get globalAgent() { return globalAgent; },
    set globalAgent(value: any) { globalAgent = value; },
  };
  return mod;
}
