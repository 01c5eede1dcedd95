// The resolver's cache: answers keyed by (type, name), kept for their TTL (RFC 1035 section 7.4),
// negative answers (NXDOMAIN, NODATA) for the SOA-derived negative TTL (RFC 2308 section 5), both
// capped by `maxTtlSeconds`. At most `capacity` entries; inserting beyond evicts the least recently
// used one (Map order, refreshed on every hit). A TTL of 0 is never cached (RFC 1035 section 3.2.1).

import type { DnsRecord } from '../wire/dns';

export interface CachedAnswer {
  /** undefined for a positive answer, else the c-ares code (ENOTFOUND, ENODATA). */
  error?: string;
  records: DnsRecord[];
  /** Monotonic ms. */
  expiresAt: number;
}

export class DnsCache {
  #entries = new Map<string, CachedAnswer>();

  constructor(readonly capacity = 256, readonly maxTtlSeconds = 3600) {}

  static key(type: number, name: string): string {
    return `${type}|${name.toLowerCase().replace(/\.$/, '')}`;
  }

  get(key: string, now: number): CachedAnswer | undefined {
    const e = this.#entries.get(key);
    if (!e) return undefined;
    this.#entries.delete(key);
    if (now >= e.expiresAt) return undefined;
    this.#entries.set(key, e);
    return e;
  }

  put(key: string, now: number, ttlSeconds: number, records: DnsRecord[], error?: string): void {
    const ttl = Math.min(ttlSeconds, this.maxTtlSeconds);
    if (!(ttl > 0) || this.capacity <= 0) return;
    this.#entries.delete(key);
    while (this.#entries.size >= this.capacity) {
      const oldest = this.#entries.keys().next();
      if (oldest.done) break;
      this.#entries.delete(oldest.value);
    }
    const e: CachedAnswer = { records, expiresAt: now + ttl * 1000 };
    if (error) e.error = error;
    this.#entries.set(key, e);
  }

  clear(): void { this.#entries.clear(); }
  get size(): number { return this.#entries.size; }
}
