// node:tls: loads, so packages that only reference it at load time work, but Nephos has no TLS
// yet: every connect, server and secure context fails with ERR_TLS_NOT_SUPPORTED ("TLS is not
// supported on Nephos yet: <what>"). Constants and checkServerIdentity-free helpers are Node's.

import { codes } from '../core/errors';
import type { NetModule } from './net';

export function createTls(net: NetModule) {
  const fail = (what: string) => (): never => {
    throw new codes.ERR_TLS_NOT_SUPPORTED(what);
  };
  class TLSSocket extends net.Socket {
    constructor(..._args: unknown[]) {
      super();
      throw new codes.ERR_TLS_NOT_SUPPORTED('tls.TLSSocket');
    }
  }
  class Server extends net.Server {
    constructor(..._args: unknown[]) {
      super();
      throw new codes.ERR_TLS_NOT_SUPPORTED('tls.Server');
    }
  }
  class SecureContext {
    constructor() {
      throw new codes.ERR_TLS_NOT_SUPPORTED('tls.SecureContext');
    }
  }
  return {
    CLIENT_RENEG_LIMIT: 3,
    CLIENT_RENEG_WINDOW: 600,
    DEFAULT_CIPHERS: 'TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256:TLS_AES_128_GCM_SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-AES256-GCM-SHA384:DHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-SHA256:DHE-RSA-AES128-SHA256:ECDHE-RSA-AES256-SHA384:DHE-RSA-AES256-SHA384:ECDHE-RSA-AES256-SHA256:DHE-RSA-AES256-SHA256:HIGH:!aNULL:!eNULL:!EXPORT:!DES:!RC4:!MD5:!PSK:!SRP:!CAMELLIA',
    DEFAULT_ECDH_CURVE: 'auto',
    DEFAULT_MIN_VERSION: 'TLSv1.2',
    DEFAULT_MAX_VERSION: 'TLSv1.3',
    rootCertificates: Object.freeze([] as string[]),
    getCiphers: () => [] as string[],
    TLSSocket,
    Server,
    SecureContext,
    connect: fail('tls.connect'),
    createServer: fail('tls.createServer'),
    createSecureContext: fail('tls.createSecureContext'),
    createSecurePair: fail('tls.createSecurePair'),
    checkServerIdentity: fail('tls.checkServerIdentity'),
    convertALPNProtocols: fail('tls.convertALPNProtocols'),
  };
}
