// http.Agent (Node 20's _http_agent.js): a pool of client sockets per "host:port:localAddress".
// Requests get a free socket (lifo by default), a new one while under maxSockets/maxTotalSockets,
// or wait in `requests`. When a response ends on a keep-alive connection the socket emits 'free':
// the next waiting request takes it, or it goes to freeSockets (unref'd, with the agent timeout
// or the server's Keep-Alive hint minus one second, so an idle pool never keeps the process
// alive). Node 20's globalAgent keeps connections alive with a 5 s timeout.

import { EventEmitter } from 'events';
import { validateNumber, validateOneOf, validateString } from '../validators';
import type { NetModule } from '../../net';

const HTTP_AGENT_KEEP_ALIVE_TIMEOUT_BUFFER = 1000;
export const kRequestOptions = Symbol('requestOptions');

function freeSocketErrorListener(this: any): void {
  this.destroy();
  this.emit('agentRemove');
}

export function defineAgent(net: NetModule) {
  class Agent extends EventEmitter {
    [key: string]: any;
    static defaultMaxSockets = Infinity;

    constructor(options?: Record<string, any>) {
      super();
      this.defaultPort = 80;
      this.protocol = 'http:';
      this.options = { __proto__: null, ...options };
      if (this.options.noDelay === undefined) this.options.noDelay = true;
      this.options.path = null;
      this.requests = Object.create(null);
      this.sockets = Object.create(null);
      this.freeSockets = Object.create(null);
      this.keepAliveMsecs = this.options.keepAliveMsecs || 1000;
      this.keepAlive = this.options.keepAlive || false;
      this.maxSockets = this.options.maxSockets || (this.constructor as typeof Agent).defaultMaxSockets;
      this.maxFreeSockets = this.options.maxFreeSockets || 256;
      this.scheduling = this.options.scheduling || 'lifo';
      this.maxTotalSockets = this.options.maxTotalSockets;
      this.totalSocketCount = 0;
      validateOneOf(this.scheduling, 'scheduling', ['fifo', 'lifo']);
      if (this.maxTotalSockets !== undefined) validateNumber(this.maxTotalSockets, 'maxTotalSockets', 1);
      else this.maxTotalSockets = Infinity;
      this.on('free', (socket: any, options: any) => this.#onFree(socket, options));
    }

    #onFree(socket: any, options: any): void {
      const name = this.getName(options);
      if (!socket.writable) {
        socket.destroy();
        return;
      }
      const requests = this.requests[name];
      if (requests && requests.length) {
        const req = requests.shift();
        setRequestSocket(this, req, socket);
        if (requests.length === 0) delete this.requests[name];
        return;
      }
      const req = socket._httpMessage;
      if (!req || !req.shouldKeepAlive || !this.keepAlive) {
        socket.destroy();
        return;
      }
      const freeSockets = this.freeSockets[name] || [];
      const freeLen = freeSockets.length;
      let count = freeLen;
      if (this.sockets[name]) count += this.sockets[name].length;
      if (this.totalSocketCount > this.maxTotalSockets || count > this.maxSockets || freeLen >= this.maxFreeSockets || !this.keepSocketAlive(socket)) {
        socket.destroy();
        return;
      }
      this.freeSockets[name] = freeSockets;
      socket._httpMessage = null;
      this.removeSocket(socket, options);
      socket.once('error', freeSocketErrorListener);
      freeSockets.push(socket);
    }

    createConnection(...args: any[]): any {
      return (net.createConnection as any)(...args);
    }

    getName(options: Record<string, any> = {}): string {
      let name = options.host || 'localhost';
      name += ':';
      if (options.port) name += options.port;
      name += ':';
      if (options.localAddress) name += options.localAddress;
      if (options.family === 4 || options.family === 6) name += `:${options.family}`;
      if (options.socketPath) name += `:${options.socketPath}`;
      return name;
    }

    addRequest(req: any, options: any, port?: number, localAddress?: string): void {
      if (typeof options === 'string') options = { host: options, port, localAddress };
      options = { __proto__: null, ...options, ...this.options };
      if (options.socketPath) options.path = options.socketPath;
      normalizeServerName(options, req);
      const name = this.getName(options);
      if (!this.sockets[name]) this.sockets[name] = [];
      const freeSockets = this.freeSockets[name];
      let socket: any;
      if (freeSockets) {
        while (freeSockets.length && freeSockets[0].destroyed) freeSockets.shift();
        socket = this.scheduling === 'fifo' ? freeSockets.shift() : freeSockets.pop();
        if (!freeSockets.length) delete this.freeSockets[name];
      }
      const freeLen = freeSockets ? freeSockets.length : 0;
      const sockLen = freeLen + this.sockets[name].length;
      if (socket) {
        this.reuseSocket(socket, req);
        setRequestSocket(this, req, socket);
        this.sockets[name].push(socket);
      } else if (sockLen < this.maxSockets && this.totalSocketCount < this.maxTotalSockets) {
        this.createSocket(req, options, (err: Error | null, s?: any) => {
          if (err) req.onSocket(s, err);
          else setRequestSocket(this, req, s);
        });
      } else {
        if (!this.requests[name]) this.requests[name] = [];
        req[kRequestOptions] = options;
        this.requests[name].push(req);
      }
    }

    createSocket(req: any, options: any, cb: (err: Error | null, s?: any) => void): void {
      options = { __proto__: null, ...options, ...this.options };
      if (options.socketPath) options.path = options.socketPath;
      normalizeServerName(options, req);
      const name = this.getName(options);
      options._agentKey = name;
      options.encoding = null;
      let called = false;
      const oncreate = (err: Error | null, s?: any) => {
        if (called) return;
        called = true;
        if (err) return cb(err);
        if (!this.sockets[name]) this.sockets[name] = [];
        this.sockets[name].push(s);
        this.totalSocketCount++;
        installListeners(this, s, options);
        cb(null, s);
      };
      if (this.keepAlive) {
        options.keepAlive = this.keepAlive;
        options.keepAliveInitialDelay = this.keepAliveMsecs;
      }
      let newSocket: any;
      try {
        newSocket = this.createConnection(options, oncreate);
      } catch (err) {
        oncreate(err as Error);
        return;
      }
      if (newSocket) oncreate(null, newSocket);
    }

    removeSocket(s: any, options: any): void {
      const name = this.getName(options);
      const sets = [this.sockets];
      if (!s.writable) sets.push(this.freeSockets);
      for (const sockets of sets) {
        if (sockets[name]) {
          const index = sockets[name].indexOf(s);
          if (index !== -1) {
            sockets[name].splice(index, 1);
            if (sockets[name].length === 0) delete sockets[name];
          }
        }
      }
      let req: any;
      if (this.requests[name] && this.requests[name].length) {
        req = this.requests[name][0];
      } else {
        for (const prop of Object.keys(this.requests)) {
          if (this.sockets[prop] && this.sockets[prop].length) break;
          req = this.requests[prop][0];
          options = req[kRequestOptions];
          break;
        }
      }
      if (req && options) {
        req[kRequestOptions] = undefined;
        // A socket of this origin closed while requests wait: open a replacement.
        this.createSocket(req, options, (err, socket) => {
          if (err) req.onSocket(socket, err);
          else socket.emit('free');
        });
      }
    }

    keepSocketAlive(socket: any): boolean {
      socket.setKeepAlive(true, this.keepAliveMsecs);
      socket.unref();
      let agentTimeout = this.options.timeout || 0;
      let canKeepSocketAlive = true;
      const hintHeader = socket._httpMessage?.res?.headers['keep-alive'];
      if (hintHeader) {
        const hint = /^timeout=(\d+)/.exec(hintHeader)?.[1];
        if (hint) {
          // Expire before the server's announced timeout, to avoid racing its close.
          let serverHintTimeout = parseInt(hint, 10) * 1000 - HTTP_AGENT_KEEP_ALIVE_TIMEOUT_BUFFER;
          serverHintTimeout = serverHintTimeout > 0 ? serverHintTimeout : 0;
          if (serverHintTimeout === 0) canKeepSocketAlive = false;
          else if (serverHintTimeout < agentTimeout) agentTimeout = serverHintTimeout;
        }
      }
      if (socket.timeout !== agentTimeout) socket.setTimeout(agentTimeout);
      return canKeepSocketAlive;
    }

    reuseSocket(socket: any, req: any): void {
      socket.removeListener('error', freeSocketErrorListener);
      req.reusedSocket = true;
      socket.ref();
    }

    destroy(): void {
      for (const set of [this.freeSockets, this.sockets]) {
        for (const key of Object.keys(set)) for (const s of set[key].slice()) s.destroy();
      }
    }
  }
  return Agent;
}

function normalizeServerName(options: any, req: any): void {
  if (!options.servername && options.servername !== '') options.servername = calculateServerName(options, req);
}

function calculateServerName(options: any, req: any): string {
  let servername = options.host;
  const hostHeader = req.getHeader('host');
  if (hostHeader) {
    validateString(hostHeader, 'options.headers.host');
    if (hostHeader[0] === '[') {
      const index = hostHeader.indexOf(']');
      servername = index === -1 ? hostHeader : hostHeader.substring(1, index);
    } else {
      servername = hostHeader.split(':', 1)[0];
    }
  }
  if (/^[0-9.]+$/.test(servername) || (typeof servername === 'string' && servername.includes(':'))) servername = '';
  return servername;
}

function installListeners(agent: any, s: any, options: any): void {
  function onFree() { agent.emit('free', s, options); }
  s.on('free', onFree);
  function onClose() {
    agent.totalSocketCount--;
    agent.removeSocket(s, options);
  }
  s.on('close', onClose);
  function onTimeout() {
    const sockets = agent.freeSockets;
    if (Object.keys(sockets).some((name) => sockets[name].includes(s))) s.destroy();
  }
  s.on('timeout', onTimeout);
  function onRemove() {
    agent.totalSocketCount--;
    agent.removeSocket(s, options);
    s.removeListener('close', onClose);
    s.removeListener('free', onFree);
    s.removeListener('timeout', onTimeout);
    s.removeListener('agentRemove', onRemove);
  }
  s.on('agentRemove', onRemove);
}

function setRequestSocket(agent: any, req: any, socket: any): void {
  req.onSocket(socket);
  const agentTimeout = agent.options.timeout || 0;
  if (req.timeout === undefined || req.timeout === agentTimeout) return;
  socket.setTimeout(req.timeout);
}
