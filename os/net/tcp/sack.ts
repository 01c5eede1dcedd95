// Selective acknowledgment (RFC 2018) on both sides.
//
// Sender: `Scoreboard` keeps the ranges the peer has SACKed above SND.UNA (RFC 6675 section 3's
// scoreboard), sorted, disjoint and bounded in number. It answers RFC 6675's questions:
// - IsLost(seq) (section 4): more than (DupThresh - 1) * SMSS SACKed bytes above seq, or DupThresh
//   discontiguous SACKed ranges above it. Every byte of one hole has the same ranges above it, so
//   lost-ness is decided per hole.
// - SetPipe() (section 4): bytes in flight = unSACKed bytes not considered lost, plus bytes
//   retransmitted during this recovery (below HighRxt).
// - NextSeg() (section 4): rule 1, the first lost hole byte above HighRxt; rule 3 (when no new data
//   can go), the first unSACKed byte above HighRxt below the highest SACKed byte.
// Blocks that are not within (SND.UNA, SND.MAX] are ignored (RFC 2018 section 8 lets a sender
// ignore nonsense; D-SACK blocks below SND.UNA, RFC 2883, are not used).
//
// Receiver: `ReceiverSack` chooses the blocks to send (RFC 2018 section 4): the first block holds
// the most recently received segment, the others repeat the most recently reported ranges, and a
// block never covers bytes at or below RCV.NXT. Ranges come from the reassembly Assembler.

import { seqLt, seqLe, seqGt, seqAdd, seqDiff, seqMax } from './seq';
import type { Assembler } from './assembler';

export const DUP_THRESH = 3;

export class Scoreboard {
  readonly maxRanges: number;
  #r: number[] = [];
  /** Result of `nextSeg`: [holeStart, holeEnd). */
  holeStart = 0;
  holeEnd = 0;

  constructor(maxRanges = 32) {
    this.maxRanges = maxRanges;
  }

  get isEmpty(): boolean { return this.#r.length === 0; }
  get rangeCount(): number { return this.#r.length >> 1; }
  rangeLeft(i: number): number { return this.#r[2 * i]; }
  rangeRight(i: number): number { return this.#r[2 * i + 1]; }

  clear(): void { this.#r.length = 0; }

  /** The highest SACKed sequence number + 1, or `una` when nothing is SACKed. */
  highSacked(una: number): number {
    return this.#r.length ? this.#r[this.#r.length - 1] : una;
  }

  sackedBytes(): number {
    let n = 0;
    for (let k = 0; k < this.#r.length; k += 2) n += seqDiff(this.#r[k + 1], this.#r[k]);
    return n;
  }

  /**
   * Records one SACK block [left, right). Returns true when it SACKed bytes not SACKed before.
   * Ignored unless una < left < right <= max.
   */
  add(left: number, right: number, una: number, max: number): boolean {
    if (!(seqLt(una, left) && seqLt(left, right) && seqLe(right, max))) return false;
    const r = this.#r;
    let i = 0;
    while (i < r.length && seqLt(r[i + 1], left)) i += 2;
    let j = i;
    let ms = left, me = right;
    let covered = false;
    while (j < r.length && seqLe(r[j], right)) {
      if (seqLe(r[j], left) && seqLe(right, r[j + 1])) covered = true;
      if (seqLt(r[j], ms)) ms = r[j];
      if (seqGt(r[j + 1], me)) me = r[j + 1];
      j += 2;
    }
    if (covered) return false;
    if (j === i) {
      r.splice(i, 0, left, right);
      // Over the bound: forget the highest range; ranges near SND.UNA matter most for recovery.
      if (r.length > 2 * this.maxRanges) r.length = 2 * this.maxRanges;
    } else {
      r.splice(i, j - i, ms, me);
    }
    return true;
  }

  /** Drops what the cumulative ACK now covers. */
  advance(una: number): void {
    const r = this.#r;
    let k = 0;
    while (k < r.length && seqLe(r[k + 1], una)) k += 2;
    if (k) r.splice(0, k);
    if (r.length && seqLt(r[0], una)) r[0] = una;
  }

  /** If seq is SACKed, the end of its range; otherwise seq. */
  skipSacked(seq: number): number {
    const r = this.#r;
    for (let k = 0; k < r.length; k += 2) {
      if (seqLe(r[k], seq) && seqLt(seq, r[k + 1])) return r[k + 1];
      if (seqGt(r[k], seq)) break;
    }
    return seq;
  }

  /** The start of the first SACKed range above seq, or `limit` if none comes before it. */
  nextSackedAfter(seq: number, limit: number): number {
    const r = this.#r;
    for (let k = 0; k < r.length; k += 2) if (seqGt(r[k], seq)) return seqLt(r[k], limit) ? r[k] : limit;
    return limit;
  }

  /** RFC 6675 IsLost(seq). */
  isLost(seq: number, smss: number): boolean {
    const r = this.#r;
    let bytes = 0, ranges = 0;
    for (let k = r.length - 2; k >= 0; k -= 2) {
      if (seqLe(r[k + 1], seq)) break;
      ranges++;
      bytes += seqDiff(r[k + 1], seqMax(r[k], seqAdd(seq, 1)));
    }
    return ranges >= DUP_THRESH || bytes > (DUP_THRESH - 1) * smss;
  }

  /** RFC 6675 SetPipe(): an estimate of the bytes in flight between una and nxt. */
  pipe(una: number, nxt: number, rxtHigh: number, smss: number): number {
    const r = this.#r;
    let pipe = 0;
    let prev = una;
    let aboveBytes = this.sackedBytes();
    let aboveRanges = r.length >> 1;
    for (let k = 0; k < r.length; k += 2) {
      const lost = aboveRanges >= DUP_THRESH || aboveBytes > (DUP_THRESH - 1) * smss;
      const holeLen = seqDiff(r[k], prev);
      if (!lost) pipe += holeLen;
      pipe += overlap(prev, r[k], una, rxtHigh);
      aboveBytes -= seqDiff(r[k + 1], r[k]);
      aboveRanges--;
      prev = r[k + 1];
    }
    if (seqLt(prev, nxt)) pipe += seqDiff(nxt, prev) + overlap(prev, nxt, una, rxtHigh);
    return pipe;
  }

  /**
   * RFC 6675 NextSeg() rules 1 and 3 over the holes: sets holeStart/holeEnd to the first hole
   * bytes at or above rxtHigh that are lost (rule 1) or, when `rule3`, merely unSACKed below the
   * highest SACKed byte. Returns false when there is none.
   */
  nextSeg(una: number, rxtHigh: number, smss: number, rule3: boolean): boolean {
    const r = this.#r;
    let prev = una;
    let aboveBytes = this.sackedBytes();
    let aboveRanges = r.length >> 1;
    let rule3Found = false;
    let r3s = 0, r3e = 0;
    for (let k = 0; k < r.length; k += 2) {
      const lost = aboveRanges >= DUP_THRESH || aboveBytes > (DUP_THRESH - 1) * smss;
      const start = seqMax(prev, rxtHigh);
      if (seqLt(start, r[k])) {
        if (lost) { this.holeStart = start; this.holeEnd = r[k]; return true; }
        if (!rule3Found) { rule3Found = true; r3s = start; r3e = r[k]; }
      }
      aboveBytes -= seqDiff(r[k + 1], r[k]);
      aboveRanges--;
      prev = r[k + 1];
    }
    if (rule3 && rule3Found) { this.holeStart = r3s; this.holeEnd = r3e; return true; }
    return false;
  }
}

// Length of [a, b) ∩ [c, d) in sequence space.
function overlap(a: number, b: number, c: number, d: number): number {
  const s = seqLt(a, c) ? c : a;
  const e = seqLt(b, d) ? b : d;
  return seqLt(s, e) ? seqDiff(e, s) : 0;
}

/** The receiver's list of SACK blocks to report, most recent first (RFC 2018 section 4). */
export class ReceiverSack {
  /** Absolute [left, right) pairs, most recently reported first. */
  readonly blocks: number[] = [];
  readonly maxBlocks: number;

  constructor(maxBlocks = 4) {
    this.maxBlocks = maxBlocks;
  }

  get count(): number { return this.blocks.length >> 1; }

  /**
   * Refreshes the list from the assembler (offsets relative to rcvNxt). `arrived` is the sequence
   * number of an out-of-order segment that just arrived, or undefined after in-order data.
   */
  update(asm: Assembler, rcvNxt: number, arrived?: number): void {
    const old = this.blocks.slice();
    this.blocks.length = 0;
    if (asm.isEmpty) return;
    if (arrived !== undefined) this.#push(asm, rcvNxt, arrived);
    for (let k = 0; k < old.length && this.blocks.length < 2 * this.maxBlocks; k += 2) this.#push(asm, rcvNxt, old[k]);
    // Fill remaining slots with ranges not yet listed (lowest first), so nothing known is hidden.
    for (let i = 0; i < asm.rangeCount && this.blocks.length < 2 * this.maxBlocks; i++) {
      this.#push(asm, rcvNxt, seqAdd(rcvNxt, asm.rangeStart(i)));
    }
  }

  clear(): void { this.blocks.length = 0; }

  // Adds the assembler range containing `seq`, if any and not already listed.
  #push(asm: Assembler, rcvNxt: number, seq: number): void {
    if (this.blocks.length >= 2 * this.maxBlocks) return;
    const off = seqDiff(seq, rcvNxt);
    if (off <= 0) return;
    const i = asm.find(off);
    if (i < 0) return;
    const left = seqAdd(rcvNxt, asm.rangeStart(i));
    for (let k = 0; k < this.blocks.length; k += 2) if (this.blocks[k] === left) return;
    this.blocks.push(left, seqAdd(rcvNxt, asm.rangeEnd(i)));
  }
}
