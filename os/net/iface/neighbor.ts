// The neighbour cache: IPv4 address -> Ethernet address, filled by ARP (RFC 826), with the packets
// waiting for a resolution.
//
// Invariants and bounds (all memory here is bounded whatever arrives from the network):
// - at most `capacity` resolved entries; inserting beyond evicts the least recently confirmed one;
// - at most `maxPendingAddresses` addresses being resolved, each holding at most
//   `maxQueuedPerAddress` datagrams, and at most `maxQueuedBytes` queued in all; beyond that the
//   oldest queued datagram is dropped (RFC 1122 section 2.3.2.2: "SHOULD save at least one (the
//   latest) packet"), and a new address beyond the limit drops the new datagram;
// - a resolution sends up to `maxRequests` requests `requestIntervalMs` apart, then gives up and
//   drops its queue (counted by the caller through `onFailed`).
// Entries live `lifetimeMs` after their last confirmation. An expired entry stays usable while it is
// revalidated (RFC 1122 section 2.3.2.1 suggests revalidating instead of flushing, so a busy
// connection does not stall every minute); if revalidation fails the entry is removed.
// The cache is sans-IO: `poll(now, ...)` says which requests to send and returns the next deadline.

export interface NeighborOptions {
  capacity?: number;
  lifetimeMs?: number;
  requestIntervalMs?: number;
  maxRequests?: number;
  maxPendingAddresses?: number;
  maxQueuedPerAddress?: number;
  maxQueuedBytes?: number;
}

interface Entry { mac: Uint8Array; expiresAt: number }
interface Pending {
  queue: Uint8Array[];
  bytes: number;
  requestsSent: number;
  nextRequestAt: number;
  /** True when revalidating a cached entry rather than resolving a new one. */
  refresh: boolean;
}

export interface NeighborStats { entries: number; pendingAddresses: number; queuedDatagrams: number; queuedBytes: number }

export class NeighborCache {
  readonly capacity: number;
  readonly lifetimeMs: number;
  readonly requestIntervalMs: number;
  readonly maxRequests: number;
  readonly maxPendingAddresses: number;
  readonly maxQueuedPerAddress: number;
  readonly maxQueuedBytes: number;
  #entries = new Map<number, Entry>();
  #pending = new Map<number, Pending>();
  #queuedBytes = 0;
  #queuedDatagrams = 0;

  constructor(opts: NeighborOptions = {}) {
    this.capacity = opts.capacity ?? 256;
    this.lifetimeMs = opts.lifetimeMs ?? 60_000;
    this.requestIntervalMs = opts.requestIntervalMs ?? 1000;
    this.maxRequests = opts.maxRequests ?? 3;
    this.maxPendingAddresses = opts.maxPendingAddresses ?? 16;
    this.maxQueuedPerAddress = opts.maxQueuedPerAddress ?? 8;
    this.maxQueuedBytes = opts.maxQueuedBytes ?? 256 * 1024;
  }

  /** The MAC for `ip`, or undefined when it must be resolved first. */
  lookup(ip: number, now: number): Uint8Array | undefined {
    const e = this.#entries.get(ip);
    if (!e) return undefined;
    if (now >= e.expiresAt && !this.#pending.has(ip) && this.#pending.size < this.maxPendingAddresses) {
      this.#pending.set(ip, { queue: [], bytes: 0, requestsSent: 0, nextRequestAt: now, refresh: true });
    }
    return e.mac;
  }

  has(ip: number): boolean { return this.#entries.has(ip); }
  isPending(ip: number): boolean { return this.#pending.has(ip); }

  /** Records a confirmed mapping; returns the datagrams that were waiting for it (to send now). */
  fill(ip: number, mac: Uint8Array, now: number): Uint8Array[] {
    this.#entries.delete(ip); // re-insert so Map order is least recently confirmed first
    if (this.#entries.size >= this.capacity) {
      const oldest = this.#entries.keys().next();
      if (!oldest.done) this.#entries.delete(oldest.value);
    }
    this.#entries.set(ip, { mac: mac.slice(0, 6), expiresAt: now + this.lifetimeMs });
    const p = this.#pending.get(ip);
    if (!p) return [];
    this.#pending.delete(ip);
    this.#queuedBytes -= p.bytes;
    this.#queuedDatagrams -= p.queue.length;
    return p.queue;
  }

  /** RFC 826's merge step: update only an address we already know or are resolving. */
  update(ip: number, mac: Uint8Array, now: number): Uint8Array[] | undefined {
    if (!this.#entries.has(ip) && !this.#pending.has(ip)) return undefined;
    return this.fill(ip, mac, now);
  }

  /** Queues a datagram (the caller's copy) until `ip` resolves; returns a drop reason if it cannot. */
  enqueue(ip: number, datagram: Uint8Array, now: number): string | undefined {
    let p = this.#pending.get(ip);
    if (!p) {
      if (this.#pending.size >= this.maxPendingAddresses) return 'arp-too-many-pending';
      p = { queue: [], bytes: 0, requestsSent: 0, nextRequestAt: now, refresh: false };
      this.#pending.set(ip, p);
    }
    if (datagram.length > this.maxQueuedBytes) return 'arp-queue-full';
    let dropped: string | undefined;
    // Make room: the oldest datagram of this address first, then of any address.
    while (p.queue.length >= this.maxQueuedPerAddress || this.#queuedBytes + datagram.length > this.maxQueuedBytes) {
      const victim = p.queue.length ? p : this.#largestQueue();
      if (!victim) break;
      const old = victim.queue.shift()!;
      victim.bytes -= old.length; this.#queuedBytes -= old.length; this.#queuedDatagrams--;
      dropped = 'arp-queue-full';
    }
    p.queue.push(datagram);
    p.bytes += datagram.length; this.#queuedBytes += datagram.length; this.#queuedDatagrams++;
    return dropped;
  }

  #largestQueue(): Pending | undefined {
    let best: Pending | undefined;
    for (const p of this.#pending.values()) if (p.queue.length && (!best || p.bytes > best.bytes)) best = p;
    return best;
  }

  /**
   * Sends due requests through `request(ip)`; gives up on addresses that did not answer, reporting the
   * number of datagrams dropped through `onFailed`. Returns the next time it needs to run.
   */
  poll(now: number, request: (ip: number) => void, onFailed: (ip: number, droppedDatagrams: number) => void): number | undefined {
    let next: number | undefined;
    for (const [ip, p] of this.#pending) {
      if (now >= p.nextRequestAt) {
        if (p.requestsSent >= this.maxRequests) {
          this.#pending.delete(ip);
          this.#queuedBytes -= p.bytes; this.#queuedDatagrams -= p.queue.length;
          if (p.refresh) this.#entries.delete(ip);
          onFailed(ip, p.queue.length);
          continue;
        }
        p.requestsSent++;
        p.nextRequestAt = now + this.requestIntervalMs;
        request(ip);
      }
      if (next === undefined || p.nextRequestAt < next) next = p.nextRequestAt;
    }
    return next;
  }

  /** Forgets everything (address change); queued datagrams are dropped. */
  clear(): void {
    this.#entries.clear(); this.#pending.clear();
    this.#queuedBytes = 0; this.#queuedDatagrams = 0;
  }

  entries(): { ip: number; mac: Uint8Array; expiresAt: number }[] {
    return Array.from(this.#entries, ([ip, e]) => ({ ip, mac: e.mac, expiresAt: e.expiresAt }));
  }

  stats(): NeighborStats {
    return { entries: this.#entries.size, pendingAddresses: this.#pending.size, queuedDatagrams: this.#queuedDatagrams, queuedBytes: this.#queuedBytes };
  }
}
