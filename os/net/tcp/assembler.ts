// Out-of-order reassembly bookkeeping (as smoltcp's storage/assembler.rs): which byte ranges past
// the next expected byte (RCV.NXT) have arrived. The bytes themselves sit in the receive ring
// buffer at their offset; this only tracks presence.
//
// Ranges are offsets relative to RCV.NXT, kept sorted, disjoint and non-adjacent in a flat array
// [start0, end0, start1, end1, ...]. Their number is bounded (`maxRanges`): a segment that would
// need one more range is refused (the caller drops it and counts it; the sender will retransmit),
// so a peer cannot make reassembly cost unbounded memory or time.
//
// A typical use: `asm.add(off, len)`; `n = asm.popFront()` gives the bytes that became contiguous
// at offset 0 and shifts the remaining ranges down by n.

export class Assembler {
  readonly maxRanges: number;
  #r: number[] = [];

  constructor(maxRanges = 32) {
    this.maxRanges = maxRanges;
  }

  get isEmpty(): boolean { return this.#r.length === 0; }
  get rangeCount(): number { return this.#r.length >> 1; }
  rangeStart(i: number): number { return this.#r[2 * i]; }
  rangeEnd(i: number): number { return this.#r[2 * i + 1]; }
  /** End of the highest range (0 when empty). */
  get highest(): number { return this.#r.length ? this.#r[this.#r.length - 1] : 0; }

  /** Records [offset, offset+len) as present. Returns false (and changes nothing) when the range
   *  would exceed maxRanges. */
  add(offset: number, len: number): boolean {
    if (len <= 0) return true;
    const r = this.#r;
    const s = offset;
    const e = offset + len;
    // First range that ends at or after s (touching counts: merge adjacent ranges).
    let i = 0;
    while (i < r.length && r[i + 1] < s) i += 2;
    // Ranges from i that start at or before e all merge with [s, e).
    let j = i;
    let ms = s, me = e;
    while (j < r.length && r[j] <= e) {
      if (r[j] < ms) ms = r[j];
      if (r[j + 1] > me) me = r[j + 1];
      j += 2;
    }
    const merged = (j - i) >> 1;
    if (merged === 0) {
      if ((r.length >> 1) >= this.maxRanges) return false;
      r.splice(i, 0, s, e);
    } else {
      r.splice(i, j - i, ms, me);
    }
    return true;
  }

  /** If a range starts at 0, removes it and returns its length, shifting the others down. */
  popFront(): number {
    const r = this.#r;
    if (r.length === 0 || r[0] !== 0) return 0;
    const n = r[1];
    r.splice(0, 2);
    for (let k = 0; k < r.length; k++) r[k] -= n;
    return n;
  }

  /** Index of the range containing offset, or -1. */
  find(offset: number): number {
    const r = this.#r;
    for (let k = 0; k < r.length; k += 2) if (r[k] <= offset && offset < r[k + 1]) return k >> 1;
    return -1;
  }

  clear(): void {
    this.#r.length = 0;
  }
}
