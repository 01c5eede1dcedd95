// createNetModules: the node:net, http, https, tls, dgram, dns, dns/promises modules and the
// fetch globals of one network instance, built on first use (each getter evaluates its module
// once). The modules share one NetContext, so http.Server is a net.Server of the same stack and
// net.connect resolves names through the same node:dns.

import type { NetContext, NetProvider, NetRuntime } from './provider';
import { createNet, type NetModule } from '../../net';
import { createDns, type DnsModule } from '../../dns';

export interface NetModules {
  readonly net: NetModule;
  readonly dns: DnsModule;
  readonly dnsPromises: DnsModule['promises'];
  readonly http: any;
  readonly https: any;
  readonly tls: any;
  readonly dgram: any;
  /** fetch, Headers, Request, Response, FormData and the web streams, for the globals. */
  readonly fetch: any;
}

export function createNetModules(provider: () => NetProvider | undefined, rt: NetRuntime): NetModules {
  const ctx: NetContext = { rt, provider };
  let net: NetModule | undefined;
  let dns: DnsModule | undefined;
  let http: any;
  let https: any;
  let tls: any;
  let dgram: any;
  let fetch: any;
  const mods: NetModules = {
    get dns() { return (dns ??= createDns(ctx)); },
    get dnsPromises() { return mods.dns.promises; },
    get net() { return (net ??= createNet({ ...ctx }, mods.dns.lookup)); },
    get http() {
      if (!http) {
        const { createHttp } = require('../../http') as typeof import('../../http');
        http = createHttp(ctx, mods.net);
      }
      return http;
    },
    get https() {
      if (!https) {
        const { createHttps } = require('../../https') as typeof import('../../https');
        https = createHttps(mods.http);
      }
      return https;
    },
    get tls() {
      if (!tls) {
        const { createTls } = require('../../tls') as typeof import('../../tls');
        tls = createTls(mods.net);
      }
      return tls;
    },
    get dgram() {
      if (!dgram) {
        const { createDgram } = require('../../dgram') as typeof import('../../dgram');
        dgram = createDgram(ctx, mods.dns.lookup);
      }
      return dgram;
    },
    get fetch() {
      if (!fetch) {
        const { createFetch } = require('../fetch/fetch') as typeof import('../fetch/fetch');
        fetch = createFetch(mods.http, rt);
      }
      return fetch;
    },
  };
  return mods;
}
