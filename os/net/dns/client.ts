// A sans-IO DNS stub resolver over UDP (RFC 1035 section 7; RFC 1123 section 6.1.3; RFC 5452 for
// spoofing resistance), shaped for node:dns.
//
// Each query attempt opens a UDP socket on a fresh random ephemeral port, connected to the server
// (so ICMP port unreachable comes back as ECONNREFUSED), with a random 16-bit id (RFC 5452 section
// 9.2). A response is accepted only from the server's address and port (the connected socket), with
// the same id, QR set and the same question (name case-insensitively, type, class; RFC 5452 section
// 4); anything else is ignored and counted. Attempts rotate through the servers as c-ares does: attempt
// k goes to server k mod n and waits `timeoutMs * 2^floor(k / n)`; after `tries` rounds the query
// fails with ETIMEOUT. SERVFAIL, REFUSED, NOTIMP, FORMERR and ECONNREFUSED move on to the next
// attempt at once; NXDOMAIN ends the query (ENOTFOUND), as does an answer without records of the
// type (ENODATA). Identical queries in flight are shared.
//
// Answers and negative answers are cached (cache.ts). `localhost` and `*.localhost` (RFC 6761
// section 6.3) and IP literals are answered locally. Callbacks always run from `poll()` (never
// synchronously from the call that asked), so callers see one order of events; `wake` tells the
// glue a poll is due.
//
// Errors are Node's (os/core/errors.ts dnsException): resolve*: `queryA ENOTFOUND name` with c-ares
// codes; lookup: getaddrinfo's ENOTFOUND (errno EAI_NONAME) or EAI_AGAIN for temporary failures;
// reverse: `getHostByAddr`.
//
// Not implemented: TCP fallback for truncated answers (TC; the truncated answer is used as is), EDNS0,
// search domains and ndots (names are always absolute), /etc/hosts, DNSSEC, IDN conversion (node:dns
// does toASCII before calling), and chasing a CNAME the server did not resolve itself.

import { DnsPacket, DnsRepr, buildQuery, sameName, DNS_PORT, CLASS_IN, RCODE_NOERROR, RCODE_NXDOMAIN, RCODE_SERVFAIL,
  RCODE_REFUSED, RCODE_NOTIMP, RCODE_FORMERR, type DnsRecord } from '../wire/dns';
import { parseIpv4, formatIpv4 } from '../wire/ipv4';
import { parseIpv6, formatIpv6 } from '../wire/ipv6';
import { dnsException, type SystemError } from '../../core/errors';
import type { UdpLayer, UdpSocket } from '../udp';
import { DnsCache } from './cache';
import { RECORD_TYPES, answerChain, toNodeResult, negativeTtl, querySyscall, reverseName, type RecordType } from './records';

export type { RecordType } from './records';

export interface DnsServer { address: number; port: number }

export interface DnsResolverOptions {
  udp: UdpLayer;
  random(n: number): Uint8Array;
  servers?: DnsServer[];
  /** First attempt's timeout (default 2000 ms, c-ares's). */
  timeoutMs?: number;
  /** Rounds over all servers before ETIMEOUT (default 4, c-ares's). */
  tries?: number;
  cacheSize?: number;
  maxCacheTtlSeconds?: number;
  /** At most this many queries in flight; beyond, queries fail with ENOMEM (default 1024). */
  maxInFlight?: number;
  /** Called when a callback became ready outside poll (the glue should poll soon). */
  wake?(): void;
}

export interface LookupAddress { address: string; family: 4 | 6 }
/** lookup() always returns every address (IPv4 first); node:dns takes the first unless `all`. */
export interface LookupOptions { family?: 0 | 4 | 6; /** AI_ADDRCONFIG: no AAAA query when family is 0. */ addrconfig?: boolean }
export interface DnsStats { queries: number; cacheHits: number; responsesIgnored: number; timeouts: number }

type QueryDone = (code: string | undefined, records: DnsRecord[], ttlOf: (r: DnsRecord) => number) => void;

interface Query {
  key: string;
  name: string;
  type: number;
  waiters: QueryDone[];
  attempt: number;
  id: number;
  socket: UdpSocket | undefined;
  deadline: number;
  lastError: string;
}

export class DnsResolver {
  #opts: DnsResolverOptions;
  #servers: DnsServer[];
  #timeoutMs: number;
  #tries: number;
  #maxInFlight: number;
  #cache: DnsCache;
  #inFlight = new Map<string, Query>();
  #ready: (() => void)[] = [];
  readonly stats: DnsStats = { queries: 0, cacheHits: 0, responsesIgnored: 0, timeouts: 0 };

  constructor(opts: DnsResolverOptions) {
    this.#opts = opts;
    this.#servers = (opts.servers ?? []).slice();
    this.#timeoutMs = opts.timeoutMs ?? 2000;
    this.#tries = opts.tries ?? 4;
    this.#maxInFlight = opts.maxInFlight ?? 1024;
    this.#cache = new DnsCache(opts.cacheSize ?? 256, opts.maxCacheTtlSeconds ?? 3600);
  }

  getServers(): DnsServer[] { return this.#servers.map((s) => ({ ...s })); }
  setServers(servers: DnsServer[]): void { this.#servers = servers.map((s) => ({ address: s.address >>> 0, port: s.port || DNS_PORT })); }
  clearCache(): void { this.#cache.clear(); }
  get cacheSize(): number { return this.#cache.size; }
  get inFlight(): number { return this.#inFlight.size; }

  // ---------------------------------------------------------------- node:dns shaped API

  /** dns.resolve(name, type[, { ttl }]): calls back from a later poll with Node's result shape. */
  resolve(now: number, name: string, type: RecordType, options: { ttl?: boolean }, callback: (err: SystemError | null, result?: any) => void): void {
    const syscall = querySyscall(type);
    const local = this.#localAnswer(name, type);
    if (local) { this.#defer(() => callback(null, local)); return; }
    this.#query(now, name, RECORD_TYPES[type], (code, records, ttlOf) => {
      if (code) { callback(dnsException(code, syscall, name)); return; }
      callback(null, toNodeResult(type, records, options.ttl === true, ttlOf));
    });
  }

  resolveAsync(now: number, name: string, type: RecordType, options: { ttl?: boolean } = {}): Promise<any> {
    return new Promise((resolve, reject) => this.resolve(now, name, type, options, (err, r) => err ? reject(err) : resolve(r)));
  }

  /** dns.lookup semantics (getaddrinfo): IPv4 first, IP literals and localhost locally. */
  lookup(now: number, hostname: string, options: LookupOptions, callback: (err: SystemError | null, addresses?: LookupAddress[]) => void): void {
    const family = options.family ?? 0;
    const fail = (code: string) => this.#defer(() => callback(dnsException(code, 'getaddrinfo', hostname)));
    const v4 = parseIpv4(hostname);
    if (v4 !== undefined) { this.#defer(() => callback(null, [{ address: hostname, family: 4 }])); return; }
    const v6 = parseIpv6(hostname);
    if (v6) { this.#defer(() => callback(null, [{ address: formatIpv6(v6), family: 6 }])); return; }
    if (isLocalhost(hostname)) {
      const out: LookupAddress[] = [];
      if (family !== 6) out.push({ address: '127.0.0.1', family: 4 });
      if (family === 6 || (family === 0 && !options.addrconfig)) out.push({ address: '::1', family: 6 });
      this.#defer(() => callback(null, out));
      return;
    }
    if (hostname === '') { fail('EAI_NONAME'); return; }
    const wanted: number[] = family === 4 ? [RECORD_TYPES.A] : family === 6 ? [RECORD_TYPES.AAAA] :
      options.addrconfig ? [RECORD_TYPES.A] : [RECORD_TYPES.A, RECORD_TYPES.AAAA];
    const results: (LookupAddress[] | string)[] = new Array(wanted.length);
    let left = wanted.length;
    wanted.forEach((type, i) => {
      this.#query(now, hostname, type, (code, records) => {
        results[i] = code ?? records.map((r) => r.data.kind === 'A' ? { address: formatIpv4(r.data.address), family: 4 as const }
          : { address: formatIpv6((r.data as { address: Uint8Array }).address), family: 6 as const });
        if (--left) return;
        const addresses = results.flatMap((r) => typeof r === 'string' ? [] : r);
        if (addresses.length) { callback(null, addresses); return; }
        // glibc: a temporary failure anywhere makes the whole lookup temporary (EAI_AGAIN).
        const temporary = results.some((r) => r !== 'ENOTFOUND' && r !== 'ENODATA' && r !== 'EBADNAME' && typeof r === 'string');
        callback(dnsException(temporary ? 'EAI_AGAIN' : 'EAI_NONAME', 'getaddrinfo', hostname));
      });
    });
  }

  /** dns.reverse(ip): PTR names for an address. */
  reverse(now: number, ip: string, callback: (err: SystemError | null, hostnames?: string[]) => void): void {
    const v4 = parseIpv4(ip);
    const addr = v4 !== undefined ? v4 : parseIpv6(ip);
    if (addr === undefined) { this.#defer(() => callback(dnsException('EINVAL', 'getHostByAddr', ip))); return; }
    this.#query(now, reverseName(addr), RECORD_TYPES.PTR, (code, records) => {
      if (code) { callback(dnsException(code, 'getHostByAddr', ip)); return; }
      callback(null, toNodeResult('PTR', records, false, () => 0) as string[]);
    });
  }

  /** Fails every query in flight with ECANCELLED (resolver.cancel()). */
  cancel(): void {
    for (const q of Array.from(this.#inFlight.values())) this.#finish(q, 'ECANCELLED', []);
  }

  // ---------------------------------------------------------------- queries

  #localAnswer(name: string, type: RecordType): unknown {
    if (!isLocalhost(name)) return undefined;
    if (type === 'A') return ['127.0.0.1'];
    if (type === 'AAAA') return ['::1'];
    return undefined;
  }

  /**
   * One raw query (the answer section's records for `type`, CNAME chains followed), for node:dns's
   * resolve*() and Resolver. `done` runs from poll() with an error code (ENOTFOUND, ENODATA,
   * ETIMEOUT, ...) or undefined; cancel() drops the callback (the query itself may finish and be
   * cached).
   */
  query(now: number, name: string, type: number, done: (code: string | undefined, records: DnsRecord[]) => void): { cancel(): void } {
    let live = true;
    this.#query(now, name, type, (code, records) => {
      if (live) done(code, records);
    });
    return { cancel: () => { live = false; } };
  }

  #defer(fn: () => void): void {
    this.#ready.push(fn);
    this.#opts.wake?.();
  }

  #query(now: number, name: string, type: number, done: QueryDone): void {
    const key = DnsCache.key(type, name);
    const hit = this.#cache.get(key, now);
    if (hit) {
      this.stats.cacheHits++;
      const remaining = Math.floor((hit.expiresAt - now) / 1000);
      this.#defer(() => done(hit.error, hit.records, (r) => Math.min(r.ttl, remaining)));
      return;
    }
    const existing = this.#inFlight.get(key);
    if (existing) { existing.waiters.push(done); return; }
    if (this.#inFlight.size >= this.#maxInFlight) { this.#defer(() => done('ENOMEM', [], () => 0)); return; }
    const probe = buildQuery(0, name, type);
    if (typeof probe === 'string') { this.#defer(() => done('EBADNAME', [], () => 0)); return; }
    this.stats.queries++;
    const q: Query = { key, name, type, waiters: [done], attempt: -1, id: 0, socket: undefined, deadline: now, lastError: 'ECONNREFUSED' };
    this.#inFlight.set(key, q);
    this.#nextAttempt(now, q);
  }

  #nextAttempt(now: number, q: Query): void {
    q.socket?.close();
    q.socket = undefined;
    const servers = this.#servers;
    // A query that failed at once for every server (no route, refused) stops rather than spinning.
    while (++q.attempt < this.#tries * servers.length) {
      const server = servers[q.attempt % servers.length];
      const r = this.#opts.random(2);
      q.id = (r[0] << 8) | r[1];
      q.deadline = now + this.#timeoutMs * 2 ** Math.floor(q.attempt / servers.length);
      let socket: UdpSocket;
      try {
        socket = this.#opts.udp.bind(0, 0);
        socket.connect(server.address, server.port);
        q.socket = socket;
        socket.onMessage = (data, _rinfo, at) => this.#response(at, q, socket, data);
        socket.onError = (err, at) => {
          if (q.socket !== socket) return;
          if (err.code === 'ECONNREFUSED') q.lastError = 'ECONNREFUSED';
          this.#nextAttempt(at, q);
        };
        socket.send(now, buildQuery(q.id, q.name, q.type) as Uint8Array);
        return;
      } catch (e) {
        // No route or address yet, or no free port: this attempt failed at once.
        q.socket?.close();
        q.socket = undefined;
        q.lastError = 'ECONNREFUSED';
      }
    }
    this.#finish(q, q.lastError, []);
  }

  #response(now: number, q: Query, socket: UdpSocket, data: Uint8Array): void {
    if (q.socket !== socket) return;
    const packet = DnsPacket.checked(data);
    const msg = typeof packet === 'string' ? packet : DnsRepr.parse(packet);
    if (typeof msg === 'string' || msg.id !== q.id || !msg.response || msg.opcode !== 0 || msg.questions.length !== 1 ||
        !sameName(msg.questions[0].name, q.name) || msg.questions[0].type !== q.type || msg.questions[0].class !== CLASS_IN) {
      // Malformed or not an answer to this question: keep waiting (RFC 5452 section 4).
      this.stats.responsesIgnored++;
      return;
    }
    switch (msg.rcode) {
      case RCODE_NOERROR: {
        const { records, chain } = answerChain(msg.answers, q.name, q.type);
        if (!records.length) {
          this.#cache.put(q.key, now, negativeTtl(msg.authorities), [], 'ENODATA');
          this.#finish(q, 'ENODATA', []);
          return;
        }
        let ttl = Infinity;
        for (const r of records) ttl = Math.min(ttl, r.ttl);
        for (const r of chain) ttl = Math.min(ttl, r.ttl);
        this.#cache.put(q.key, now, ttl, records);
        this.#finish(q, undefined, records);
        return;
      }
      case RCODE_NXDOMAIN:
        this.#cache.put(q.key, now, negativeTtl(msg.authorities), [], 'ENOTFOUND');
        this.#finish(q, 'ENOTFOUND', []);
        return;
      default:
        q.lastError = msg.rcode === RCODE_SERVFAIL ? 'ESERVFAIL' : msg.rcode === RCODE_REFUSED ? 'EREFUSED'
          : msg.rcode === RCODE_NOTIMP ? 'ENOTIMP' : msg.rcode === RCODE_FORMERR ? 'EFORMERR' : 'EBADRESP';
        this.#nextAttempt(now, q);
    }
  }

  #finish(q: Query, code: string | undefined, records: DnsRecord[]): void {
    if (this.#inFlight.get(q.key) !== q) return;
    this.#inFlight.delete(q.key);
    q.socket?.close();
    q.socket = undefined;
    for (const w of q.waiters) this.#ready.push(() => w(code, records, (r) => r.ttl));
    this.#opts.wake?.();
  }

  /** Runs timeouts and ready callbacks; returns the next deadline. Call it after input, on wake and
   * when the returned time comes. */
  poll(now: number): number | undefined {
    for (const q of Array.from(this.#inFlight.values())) {
      if (now >= q.deadline) {
        this.stats.timeouts++;
        q.lastError = 'ETIMEOUT';
        this.#nextAttempt(now, q);
      }
    }
    // Callbacks may start new queries (which may complete locally): run until none are ready,
    // bounded so a callback loop cannot hang the caller.
    for (let rounds = 0; this.#ready.length && rounds < 64; rounds++) {
      const ready = this.#ready;
      this.#ready = [];
      for (const fn of ready) fn();
    }
    if (this.#ready.length) return now;
    let next: number | undefined;
    for (const q of this.#inFlight.values()) if (next === undefined || q.deadline < next) next = q.deadline;
    return next;
  }
}

function isLocalhost(name: string): boolean {
  const n = name.toLowerCase().replace(/\.$/, '');
  return n === 'localhost' || n.endsWith('.localhost');
}
