// node:https: loads (Agent, globalAgent and Server exist, so packages that subclass or reference
// them at load time work), but Nephos has no TLS yet: requests, servers and TLS connections fail
// with ERR_TLS_NOT_SUPPORTED ("TLS is not supported on Nephos yet: <what>").

import { codes } from '../core/errors';
import type { HttpModule } from './http';

export function createHttps(http: HttpModule) {
  const fail = (what: string) => (): never => {
    throw new codes.ERR_TLS_NOT_SUPPORTED(what);
  };
  class Agent extends (http.Agent as any) {
    constructor(options?: Record<string, unknown>) {
      super(options);
      this.defaultPort = 443;
      this.protocol = 'https:';
      this.maxCachedSessions = (options?.maxCachedSessions as number | undefined) ?? 100;
    }
    createConnection(): never {
      throw new codes.ERR_TLS_NOT_SUPPORTED('https connections');
    }
  }
  Object.defineProperty(Agent, 'name', { value: 'Agent' });
  class Server extends (http.Server as any) {
    constructor(..._args: unknown[]) {
      super();
      throw new codes.ERR_TLS_NOT_SUPPORTED('https.Server');
    }
  }
  Object.defineProperty(Server, 'name', { value: 'Server' });
  return {
    Agent,
    globalAgent: new Agent({ keepAlive: true, scheduling: 'lifo', timeout: 5000 }),
    Server,
    createServer: fail('https.createServer'),
    request: fail('https.request'),
    get: fail('https.get'),
  };
}
