// node:dns for one network instance, with Node 20's API and error shapes (lib/dns.js,
// lib/internal/dns/*):
// - lookup() is getaddrinfo: IP literals and "localhost" answer without the network; other names
//   ask the stack's resolver for A records (AAAA with family 6). Failures are
//   "getaddrinfo ENOTFOUND name" (errno -3008) or EAI_AGAIN (timeouts, no network), as glibc.
// - resolve*() are c-ares' queries: "queryA ENOTFOUND name" (errno undefined), ENODATA for an
//   empty NOERROR answer, ETIMEOUT, ESERVFAIL, EREFUSED, ECONNREFUSED (no servers / no network).
//   Results have Node's shapes (resolveMx -> [{ exchange, priority }], resolveAny -> typed
//   records, { ttl: true } -> [{ address, ttl }]).
// - Resolver instances carry their own servers (setServers) and timeout/tries; dns.setServers
//   changes the default resolver's, as in Node (lookup keeps using the system's).
// The stack's DnsProvider (internal/net/provider.ts) sends the queries; this file only shapes them.
// A pending query keeps the loop alive. Not supported: resolveCaa and resolveNaptr (ENOTIMP),
// setLocalAddress (accepted, ignored).

import { codes, dnsException } from '../core/errors';
import { formatIpv6, parseIpv6 } from '../net/wire/ipv6';
import {
  TYPE_A, TYPE_AAAA, TYPE_ANY, TYPE_CNAME, TYPE_MX, TYPE_NS, TYPE_PTR, TYPE_SOA, TYPE_SRV, TYPE_TXT,
  type DnsRecord,
} from '../net/wire/dns';
import { invalidArgType, invalidArgValue, validateFunction, validateOneOf, validateString } from './internal/validators';
import { ipv4FromString, ipv4ToString, isIP } from './internal/net/address';
import type { DnsErrorCode, DnsServer, NetContext } from './internal/net/provider';

export type DnsModule = ReturnType<typeof createDns>;

const constants = {
  NODATA: 'ENODATA', FORMERR: 'EFORMERR', SERVFAIL: 'ESERVFAIL', NOTFOUND: 'ENOTFOUND', NOTIMP: 'ENOTIMP',
  REFUSED: 'EREFUSED', BADQUERY: 'EBADQUERY', BADNAME: 'EBADNAME', BADFAMILY: 'EBADFAMILY', BADRESP: 'EBADRESP',
  CONNREFUSED: 'ECONNREFUSED', TIMEOUT: 'ETIMEOUT', EOF: 'EOF', FILE: 'EFILE', NOMEM: 'ENOMEM',
  DESTRUCTION: 'EDESTRUCTION', BADSTR: 'EBADSTR', BADFLAGS: 'EBADFLAGS', NONAME: 'ENONAME', BADHINTS: 'EBADHINTS',
  NOTINITIALIZED: 'ENOTINITIALIZED', LOADIPHLPAPI: 'ELOADIPHLPAPI', ADDRGETNETWORKPARAMS: 'EADDRGETNETWORKPARAMS',
  CANCELLED: 'ECANCELLED',
};
const ADDRCONFIG = 1024;
const ALL = 256;
const V4MAPPED = 2048;

type Callback = (err: Error | null, ...results: any[]) => void;

const RRTYPES: Record<string, [type: number, syscall: string]> = {
  A: [TYPE_A, 'queryA'], AAAA: [TYPE_AAAA, 'queryAaaa'], ANY: [TYPE_ANY, 'queryAny'], CAA: [257, 'queryCaa'],
  CNAME: [TYPE_CNAME, 'queryCname'], MX: [TYPE_MX, 'queryMx'], NAPTR: [35, 'queryNaptr'], NS: [TYPE_NS, 'queryNs'],
  PTR: [TYPE_PTR, 'queryPtr'], SOA: [TYPE_SOA, 'querySoa'], SRV: [TYPE_SRV, 'querySrv'], TXT: [TYPE_TXT, 'queryTxt'],
};

/** Well-known services for lookupService (getnameinfo's /etc/services, the common ones). */
const SERVICES: Record<number, string> = {
  7: 'echo', 20: 'ftp-data', 21: 'ftp', 22: 'ssh', 23: 'telnet', 25: 'smtp', 53: 'domain', 67: 'bootps', 68: 'bootpc',
  69: 'tftp', 80: 'http', 110: 'pop3', 123: 'ntp', 143: 'imap2', 161: 'snmp', 389: 'ldap', 443: 'https', 465: 'submissions',
  514: 'shell', 587: 'submission', 636: 'ldaps', 993: 'imaps', 995: 'pop3s', 3306: 'mysql', 5432: 'postgresql', 6379: 'redis',
};

function latin1(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i += 4096) s += String.fromCharCode.apply(null, Array.from(b.subarray(i, i + 4096)));
  return s;
}

/** Shapes the answer records of one query type the way Node's cares_wrap does. */
function shape(rrtype: string, records: DnsRecord[], ttl: boolean): unknown {
  const out: any[] = [];
  for (const r of records) {
    const d = r.data;
    switch (rrtype) {
      case 'A': if (d.kind === 'A') out.push(ttl ? { address: ipv4ToString(d.address), ttl: r.ttl } : ipv4ToString(d.address)); break;
      case 'AAAA': if (d.kind === 'AAAA') out.push(ttl ? { address: formatIpv6(d.address), ttl: r.ttl } : formatIpv6(d.address)); break;
      case 'CNAME': if (d.kind === 'CNAME') out.push(d.name); break;
      case 'NS': if (d.kind === 'NS') out.push(d.name); break;
      case 'PTR': if (d.kind === 'PTR') out.push(d.name); break;
      case 'MX': if (d.kind === 'MX') out.push({ exchange: d.exchange, priority: d.preference }); break;
      case 'TXT': if (d.kind === 'TXT') out.push(d.strings.map(latin1)); break;
      case 'SRV': if (d.kind === 'SRV') out.push({ name: d.target, port: d.port, priority: d.priority, weight: d.weight }); break;
      case 'SOA':
        if (d.kind === 'SOA') return { nsname: d.mname, hostmaster: d.rname, serial: d.serial, refresh: d.refresh, retry: d.retry, expire: d.expire, minttl: d.minimum };
        break;
      case 'ANY': {
        const any = anyRecord(r);
        if (any) out.push(any);
        break;
      }
    }
  }
  if (rrtype === 'SOA') return undefined;
  return out;
}

function anyRecord(r: DnsRecord): object | undefined {
  const d = r.data;
  switch (d.kind) {
    case 'A': return { address: ipv4ToString(d.address), ttl: r.ttl, type: 'A' };
    case 'AAAA': return { address: formatIpv6(d.address), ttl: r.ttl, type: 'AAAA' };
    case 'CNAME': return { value: d.name, type: 'CNAME' };
    case 'NS': return { value: d.name, type: 'NS' };
    case 'PTR': return { value: d.name, type: 'PTR' };
    case 'MX': return { exchange: d.exchange, priority: d.preference, type: 'MX' };
    case 'TXT': return { entries: d.strings.map(latin1), type: 'TXT' };
    case 'SRV': return { name: d.target, port: d.port, priority: d.priority, weight: d.weight, type: 'SRV' };
    case 'SOA': return { nsname: d.mname, hostmaster: d.rname, serial: d.serial, refresh: d.refresh, retry: d.retry, expire: d.expire, minttl: d.minimum, type: 'SOA' };
    default: return undefined;
  }
}

/** in-addr.arpa / ip6.arpa name for reverse lookups (RFC 1035 3.5, RFC 3596 2.5). */
function reverseName(ip: string): string | undefined {
  const v4 = ipv4FromString(ip);
  if (v4 !== undefined) return `${v4 & 0xff}.${(v4 >>> 8) & 0xff}.${(v4 >>> 16) & 0xff}.${v4 >>> 24}.in-addr.arpa`;
  const v6 = parseIpv6(ip);
  if (!v6) return undefined;
  const nibbles: string[] = [];
  for (let i = 15; i >= 0; i--) nibbles.push((v6[i] & 0xf).toString(16), (v6[i] >> 4).toString(16));
  return `${nibbles.join('.')}.ip6.arpa`;
}

/** "1.2.3.4", "1.2.3.4:5353", "[::1]:53", "::1" -> server entries (IPv4 only is usable). */
function parseServer(s: unknown, i: number): DnsServer | null {
  if (typeof s !== 'string') throw invalidArgType(`servers[${i}]`, 'string', s);
  let host = s;
  let port = 53;
  const v6 = /^\[([^\]]+)\](?::(\d+))?$/.exec(s);
  if (v6) { host = v6[1]; if (v6[2]) port = Number(v6[2]); }
  else if (isIP(s) !== 6) {
    const m = /^([^:]+):(\d+)$/.exec(s);
    if (m) { host = m[1]; port = Number(m[2]); }
  }
  if (!isIP(host)) throw new codes.ERR_INVALID_IP_ADDRESS(s);
  const v4 = ipv4FromString(host);
  return v4 === undefined ? null : { address: v4, port };
}

function formatServer(s: DnsServer): string {
  return s.port === 53 ? ipv4ToString(s.address) : `${ipv4ToString(s.address)}:${s.port}`;
}

export function createDns(ctx: NetContext) {
  const rt = ctx.rt;
  let defaultResultOrder: 'verbatim' | 'ipv4first' = 'verbatim';
  const dnsProvider = () => ctx.provider()?.dns;

  /** Runs one query, keeping the loop alive while it is pending. */
  function query(name: string, rrtype: string, opts: { servers?: DnsServer[]; timeout?: number; tries?: number },
    done: (err: DnsErrorCode | null, records?: DnsRecord[]) => void): { cancel(): void } {
    const p = dnsProvider();
    if (!p) {
      rt.nextTick(done, 'ECONNREFUSED');
      return { cancel() {} };
    }
    const handle = rt.handle();
    handle.start();
    let finished = false;
    const q = p.query(name, RRTYPES[rrtype][0], opts, (err, records) => {
      if (finished) return;
      finished = true;
      handle.stop();
      done(err, records);
    });
    return {
      cancel() {
        if (finished) return;
        finished = true;
        handle.stop();
        q.cancel();
        rt.nextTick(done, 'ECANCELLED');
      },
    };
  }

  // ---- lookup (getaddrinfo) ----

  function lookup(hostname: string, options?: any, callback?: Callback): object {
    let hints = 0;
    let family = 0;
    let all = false;
    let order = defaultResultOrder as string;
    if (hostname) validateString(hostname, 'hostname');
    if (typeof options === 'function') {
      callback = options;
      family = 0;
    } else if (typeof options === 'number') {
      validateFunction(callback, 'callback');
      validateOneOf(options, 'family', [0, 4, 6]);
      family = options;
    } else if (options !== undefined && typeof options !== 'object') {
      validateFunction(arguments.length === 2 ? options : callback, 'callback');
      throw invalidArgType('options', ['integer', 'object'], options);
    } else {
      validateFunction(callback, 'callback');
      if (options?.hints != null) {
        if (typeof options.hints !== 'number') throw invalidArgType('options.hints', 'number', options.hints);
        hints = options.hints >>> 0;
        if ((hints & ~(ADDRCONFIG | ALL | V4MAPPED)) !== 0) throw invalidArgValue('hints', hints);
      }
      if (options?.family != null) {
        switch (options.family) {
          case 'IPv4': family = 4; break;
          case 'IPv6': family = 6; break;
          default: validateOneOf(options.family, 'options.family', [0, 4, 6]); family = options.family;
        }
      }
      if (options?.all != null) all = !!options.all;
      if (options?.verbatim != null) order = options.verbatim ? 'verbatim' : 'ipv4first';
      if (options?.order != null) { validateOneOf(options.order, 'options.order', ['ipv4first', 'ipv6first', 'verbatim']); order = options.order; }
    }
    void hints; void order;
    const cb = callback!;
    if (!hostname) {
      if (all) rt.nextTick(cb, null, []);
      else rt.nextTick(cb, null, null, family === 6 ? 6 : 4);
      return {};
    }
    const matched = isIP(hostname);
    if (matched) {
      if (all) rt.nextTick(cb, null, [{ address: hostname, family: matched }]);
      else rt.nextTick(cb, null, hostname, matched);
      return {};
    }
    const name = hostname.toLowerCase().replace(/\.$/, '');
    if (name === 'localhost' || name.endsWith('.localhost')) {
      const address = family === 6 ? '::1' : '127.0.0.1';
      const fam = family === 6 ? 6 : 4;
      if (all) rt.nextTick(cb, null, [{ address, family: fam }]);
      else rt.nextTick(cb, null, address, fam);
      return {};
    }
    const rrtype = family === 6 ? 'AAAA' : 'A';
    query(hostname, rrtype, {}, (err, records) => {
      let addresses: string[] = [];
      if (!err) addresses = shape(rrtype, records ?? [], false) as string[];
      if (err || addresses.length === 0) {
        const code = !err || err === 'ENOTFOUND' || err === 'ENODATA' || err === 'EBADNAME' ? 'EAI_NONAME' : 'EAI_AGAIN';
        cb(dnsException(code, 'getaddrinfo', hostname));
        return;
      }
      const fam = family === 6 ? 6 : 4;
      if (all) cb(null, addresses.map((address) => ({ address, family: fam })));
      else cb(null, addresses[0], fam);
    });
    return {};
  }

  function lookupService(address: string, port: number, callback: Callback): object {
    if (arguments.length !== 3) throw new codes.ERR_MISSING_ARGS('address', 'port', 'callback');
    validateString(address, 'address');
    if (isIP(address) === 0) throw invalidArgValue('address', address);
    if (typeof port !== 'number' && typeof port !== 'string' || !(+port >= 0 && +port <= 65535 && +port === Math.floor(+port))) {
      throw new codes.ERR_SOCKET_BAD_PORT('port', port, true);
    }
    validateFunction(callback, 'callback');
    const service = SERVICES[+port] ?? String(+port);
    if (address === '127.0.0.1' || address === '::1') {
      rt.nextTick(callback, null, 'localhost', service);
      return {};
    }
    query(reverseName(address)!, 'PTR', {}, (err, records) => {
      const names = err ? [] : (shape('PTR', records ?? [], false) as string[]);
      callback(null, names[0] ?? address, service);
    });
    return {};
  }

  // ---- resolver (c-ares) ----

  class Resolver {
    [method: string]: any;
    #servers: DnsServer[] | null = null;
    readonly #timeout: number | undefined;
    readonly #tries: number | undefined;
    readonly #pending = new Set<{ cancel(): void }>();

    constructor(options: { timeout?: number; tries?: number } = {}) {
      if (options.timeout !== undefined && options.timeout !== -1) this.#timeout = options.timeout;
      if (options.tries !== undefined) this.#tries = options.tries;
    }

    cancel(): void {
      for (const q of Array.from(this.#pending)) q.cancel();
    }

    getServers(): string[] {
      return (this.#servers ?? dnsProvider()?.servers() ?? []).map(formatServer);
    }

    setServers(servers: string[]): void {
      if (!Array.isArray(servers)) throw invalidArgType('servers', 'Array', servers);
      const parsed: DnsServer[] = [];
      servers.forEach((s, i) => {
        const p = parseServer(s, i);
        if (p) parsed.push(p);
      });
      this.#servers = parsed;
    }

    setLocalAddress(ipv4?: string, ipv6?: string): void {
      if (ipv4 !== undefined) validateString(ipv4, 'ipv4');
      if (ipv6 !== undefined) validateString(ipv6, 'ipv6');
    }

    resolve(hostname: string, rrtype?: any, callback?: Callback): object {
      let type = 'A';
      if (typeof rrtype === 'string') type = rrtype;
      else if (typeof rrtype === 'function') callback = rrtype;
      else if (rrtype !== undefined) throw invalidArgType('rrtype', 'string', rrtype);
      if (!(type in RRTYPES)) throw invalidArgValue('rrtype', type);
      return this._query(type, hostname, {}, callback);
    }

    reverse(ip: string, callback: Callback): object {
      validateString(ip, 'name');
      validateFunction(callback, 'callback');
      const name = reverseName(ip);
      if (!name) {
        rt.nextTick(callback, dnsException('EINVAL', 'getHostByAddr', ip));
        return {};
      }
      return this.#run('PTR', name, false, (err, r) => {
        if (err) callback(dnsException(err === 'ENODATA' ? 'ENOTFOUND' : err, 'getHostByAddr', ip));
        else callback(null, r);
      });
    }

    /** @internal resolve4 & co. */
    _query(rrtype: string, hostname: string, options: any, callback?: Callback): object {
      if (typeof options === 'function') { callback = options; options = {}; }
      validateString(hostname, 'name');
      validateFunction(callback, 'callback');
      const cb = callback!;
      const syscall = RRTYPES[rrtype][1];
      if (rrtype === 'CAA' || rrtype === 'NAPTR') {
        rt.nextTick(cb, dnsException('ENOTIMP', syscall, hostname));
        return {};
      }
      return this.#run(rrtype, hostname, !!options?.ttl, (err, r) => {
        if (err) cb(dnsException(err, syscall, hostname));
        else cb(null, r);
      });
    }

    #run(rrtype: string, name: string, ttl: boolean, done: (err: string | null, result?: unknown) => void): object {
      const opts = { servers: this.#servers ?? undefined, timeout: this.#timeout, tries: this.#tries };
      const q = query(name, rrtype, opts, (err, records) => {
        this.#pending.delete(q);
        if (err) { done(err); return; }
        const result = shape(rrtype, records ?? [], ttl);
        if (result === undefined || (Array.isArray(result) && result.length === 0)) done('ENODATA');
        else done(null, result);
      });
      this.#pending.add(q);
      return {};
    }
  }

  const methods: [string, string][] = [
    ['resolve4', 'A'], ['resolve6', 'AAAA'], ['resolveAny', 'ANY'], ['resolveCaa', 'CAA'], ['resolveCname', 'CNAME'],
    ['resolveMx', 'MX'], ['resolveNaptr', 'NAPTR'], ['resolveNs', 'NS'], ['resolvePtr', 'PTR'], ['resolveSoa', 'SOA'],
    ['resolveSrv', 'SRV'], ['resolveTxt', 'TXT'],
  ];
  for (const [method, rrtype] of methods) {
    Object.defineProperty(Resolver.prototype, method, {
      value: function (this: Resolver, hostname: string, options: any, callback?: Callback) {
        return this._query(rrtype, hostname, options, callback);
      },
      writable: true, configurable: true, enumerable: false,
    });
  }

  const defaultResolver = new Resolver();

  // ---- promises ----

  function promisifyResolver(r: Resolver): Record<string, Function> {
    const out: Record<string, Function> = {};
    for (const [method] of methods) {
      out[method] = (hostname: string, options?: any) => new Promise((resolve, reject) => {
        (r as any)[method](hostname, options ?? {}, (err: Error | null, res: unknown) => (err ? reject(err) : resolve(res)));
      });
    }
    out.resolve = (hostname: string, rrtype?: string) => new Promise((resolve, reject) => {
      r.resolve(hostname, rrtype ?? 'A', (err, res) => (err ? reject(err) : resolve(res)));
    });
    out.reverse = (ip: string) => new Promise((resolve, reject) => {
      r.reverse(ip, (err, res) => (err ? reject(err) : resolve(res)));
    });
    return out;
  }

  class PromisesResolver {
    [method: string]: any;
    readonly #r: Resolver;
    constructor(options?: { timeout?: number; tries?: number }) {
      this.#r = new Resolver(options);
      Object.assign(this, promisifyResolver(this.#r));
    }
    cancel(): void { this.#r.cancel(); }
    getServers(): string[] { return this.#r.getServers(); }
    setServers(servers: string[]): void { this.#r.setServers(servers); }
    setLocalAddress(ipv4?: string, ipv6?: string): void { this.#r.setLocalAddress(ipv4, ipv6); }
  }

  const setDefaultResultOrder = (order: string) => {
    validateOneOf(order, 'dnsOrder', ['verbatim', 'ipv4first']);
    defaultResultOrder = order as 'verbatim' | 'ipv4first';
  };
  const getDefaultResultOrder = () => defaultResultOrder;
  const getServers = () => defaultResolver.getServers();
  const setServers = (servers: string[]) => defaultResolver.setServers(servers);

  const promises: Record<string, any> & { lookup: Function; Resolver: typeof PromisesResolver } = {
    ...constants,
    Resolver: PromisesResolver,
    ...promisifyResolver(defaultResolver),
    lookup(hostname: string, options?: any): Promise<any> {
      return new Promise((resolve, reject) => {
        const all = typeof options === 'object' && options?.all;
        lookup(hostname, options ?? {}, (err, address, family) => {
          if (err) reject(err);
          else resolve(all ? address : { address, family });
        });
      });
    },
    lookupService(address: string, port: number): Promise<{ hostname: string; service: string }> {
      return new Promise((resolve, reject) => {
        lookupService(address, port, (err, hostname, service) => (err ? reject(err) : resolve({ hostname, service })));
      });
    },
    getServers,
    setServers,
    getDefaultResultOrder,
    setDefaultResultOrder,
  };

  const module: Record<string, any> = {
    ...constants,
    ADDRCONFIG, ALL, V4MAPPED,
    Resolver,
    lookup,
    lookupService,
    getServers,
    setServers,
    getDefaultResultOrder,
    setDefaultResultOrder,
    resolve: (hostname: string, rrtype?: any, cb?: Callback) => defaultResolver.resolve(hostname, rrtype, cb),
    reverse: (ip: string, cb: Callback) => defaultResolver.reverse(ip, cb),
    promises,
  };
  for (const [method] of methods) module[method] = (...args: any[]) => (defaultResolver as any)[method](...args);
  return module as {
    lookup: typeof lookup;
    lookupService: typeof lookupService;
    Resolver: typeof Resolver;
    promises: typeof promises;
    [key: string]: any;
  };
}
