// IPv4 fragment reassembly (RFC 791 section 3.2 "reassembly", RFC 815 for the hole bookkeeping idea,
// RFC 5722's rule applied to IPv4: overlapping fragments discard the whole datagram).
//
// A datagram is identified by (source, destination, protocol, identification) (RFC 791 section 2.3).
// Each one in progress keeps its fragments sorted by offset; since overlaps are refused, "complete"
// is simply "the last fragment has been seen and the received byte count equals the total".
//
// Safety rules (each a counted drop, returned as the reason string):
// - a non-final fragment must carry a multiple of 8 bytes (the offset unit), and no fragment may end
//   past 65535 bytes of datagram ('frag-bad-length', 'frag-too-long');
// - a fragment overlapping another one, or disagreeing on where the datagram ends, poisons the
//   datagram: its fragments are freed and later fragments of it are dropped until its timer expires
//   ('frag-overlap', 'frag-inconsistent'); an exact duplicate (same offset and length, as a
//   duplicating network produces) is ignored and the first copy kept ('frag-duplicate');
// - memory is bounded: at most `maxDatagrams` in progress and `maxBytes` of stored fragments
//   (payload plus a fixed per-fragment overhead, so floods of tiny fragments are bounded too) and
//   `maxFragments` per datagram; to make room the oldest datagram in progress is evicted;
// - every datagram in progress is dropped `timeoutMs` after its first fragment (RFC 791 suggests a
//   15 s lower bound; Linux uses 30 s). If its first fragment had arrived the caller may send ICMP
//   time exceeded, code 1 (RFC 792; RFC 1122 section 3.3.2), quoting that fragment.

import { Ipv4Packet } from '../wire/ipv4';

export interface ReassemblyOptions {
  maxDatagrams?: number;
  maxBytes?: number;
  maxFragments?: number;
  timeoutMs?: number;
}

/** Accounted per stored fragment in addition to its payload. */
const FRAGMENT_OVERHEAD = 64;

interface Fragment { offset: number; data: Uint8Array }
interface Slot {
  fragments: Fragment[];
  /** Payload bytes after reassembly, known once the fragment without MF arrived. */
  totalLen: number;
  received: number;
  bytes: number;
  deadline: number;
  poisoned: boolean;
  /** The first fragment's header and first 8 payload bytes (for ICMP quoting and the final header). */
  first?: Uint8Array;
  firstHeaderLen: number;
}

export interface ReassemblyStats { datagrams: number; bytes: number; fragments: number }

export class Reassembler {
  readonly maxDatagrams: number;
  readonly maxBytes: number;
  readonly maxFragments: number;
  readonly timeoutMs: number;
  #slots = new Map<string, Slot>();
  #bytes = 0;
  /** Datagrams evicted to make room, for the counters. */
  evicted = 0;

  constructor(opts: ReassemblyOptions = {}) {
    this.maxDatagrams = opts.maxDatagrams ?? 16;
    this.maxBytes = opts.maxBytes ?? 256 * 1024;
    this.maxFragments = opts.maxFragments ?? 128;
    this.timeoutMs = opts.timeoutMs ?? 30_000;
  }

  /**
   * Adds a checked fragment. Returns the reassembled datagram (a fresh buffer whose header has no
   * fragment fields and a valid checksum), undefined while incomplete, or a drop reason.
   */
  add(now: number, ip: Ipv4Packet): Uint8Array | string | undefined {
    const offset = ip.fragmentOffset;
    const data = ip.payload;
    const more = ip.moreFragments;
    if (more && (data.length === 0 || data.length % 8 !== 0)) return 'frag-bad-length';
    if (ip.headerLen + offset + data.length > 65535) return 'frag-too-long';
    const key = `${ip.src}:${ip.dst}:${ip.protocol}:${ip.ident}`;
    let slot = this.#slots.get(key);
    if (!slot) {
      while (this.#slots.size >= this.maxDatagrams && this.#evictOldest()) { /* make room */ }
      slot = { fragments: [], totalLen: -1, received: 0, bytes: 0, deadline: now + this.timeoutMs, poisoned: false, firstHeaderLen: 0 };
      this.#slots.set(key, slot);
    }
    if (slot.poisoned) return 'frag-overlap';
    const end = offset + data.length;
    if (!more) {
      if (slot.totalLen >= 0 && slot.totalLen !== end) return this.#poison(slot, 'frag-inconsistent');
      for (const f of slot.fragments) if (f.offset + f.data.length > end) return this.#poison(slot, 'frag-inconsistent');
      slot.totalLen = end;
    } else if (slot.totalLen >= 0 && end > slot.totalLen) {
      return this.#poison(slot, 'frag-inconsistent');
    }
    // Find the insertion point and check both neighbours for overlap.
    let i = 0;
    while (i < slot.fragments.length && slot.fragments[i].offset < offset) i++;
    const prev = slot.fragments[i - 1];
    const next = slot.fragments[i];
    if (next && next.offset === offset && next.data.length === data.length) return 'frag-duplicate';
    if ((prev && prev.offset + prev.data.length > offset) || (next && next.offset < end)) return this.#poison(slot, 'frag-overlap');
    if (slot.fragments.length >= this.maxFragments) return this.#poison(slot, 'frag-too-many');
    const cost = data.length + FRAGMENT_OVERHEAD;
    while (this.#bytes + cost > this.maxBytes && this.#evictOldest(slot)) { /* make room */ }
    if (this.#bytes + cost > this.maxBytes) return 'frag-memory';
    slot.fragments.splice(i, 0, { offset, data: data.slice() });
    slot.received += data.length;
    slot.bytes += cost;
    this.#bytes += cost;
    if (offset === 0) {
      slot.firstHeaderLen = ip.headerLen;
      slot.first = ip.buffer.slice(0, ip.headerLen + Math.min(8, data.length));
    }
    if (slot.totalLen < 0 || slot.received !== slot.totalLen || !slot.first) return undefined;
    return this.#complete(key, slot);
  }

  #complete(key: string, slot: Slot): Uint8Array | string {
    this.#remove(key, slot);
    const hl = slot.firstHeaderLen;
    if (hl + slot.totalLen > 65535) return 'frag-too-long';
    const out = new Uint8Array(hl + slot.totalLen);
    out.set(slot.first!.subarray(0, hl));
    for (const f of slot.fragments) out.set(f.data, hl + f.offset);
    const view = new Ipv4Packet(out);
    view.totalLength = out.length;
    view.setFragment(view.dontFragment, false, 0);
    view.fillChecksum();
    return out;
  }

  #poison(slot: Slot, reason: string): string {
    this.#bytes -= slot.bytes;
    slot.fragments = []; slot.bytes = 0; slot.received = 0; slot.first = undefined;
    slot.poisoned = true;
    return reason;
  }

  #remove(key: string, slot: Slot): void {
    this.#bytes -= slot.bytes;
    this.#slots.delete(key);
  }

  /** Evicts the oldest datagram other than `keep`; returns false when there is none. */
  #evictOldest(keep?: Slot): boolean {
    for (const [key, slot] of this.#slots) {
      if (slot === keep) continue;
      this.#remove(key, slot);
      this.evicted++;
      return true;
    }
    return false;
  }

  /** Drops datagrams past their deadline, calling `onTimeout` for each with the quoted first fragment
   * (header + 8 bytes) when it had arrived (else undefined). Returns the next deadline. */
  expire(now: number, onTimeout: (quoted: Uint8Array | undefined) => void): number | undefined {
    let next: number | undefined;
    for (const [key, slot] of this.#slots) {
      if (now >= slot.deadline) {
        this.#remove(key, slot);
        onTimeout(slot.poisoned ? undefined : slot.first);
      } else if (next === undefined || slot.deadline < next) {
        next = slot.deadline;
      }
    }
    return next;
  }

  stats(): ReassemblyStats {
    let fragments = 0;
    for (const s of this.#slots.values()) fragments += s.fragments.length;
    return { datagrams: this.#slots.size, bytes: this.#bytes, fragments };
  }
}
