// Sequence-number arithmetic modulo 2^32 (RFC 9293 3.4; the comparison rule is RFC 1982's serial
// number arithmetic): a < b when the signed 32-bit difference a - b is negative, which is right as
// long as the two numbers are less than 2^31 apart. TCP guarantees that for every pair it compares
// (windows are at most 2^30, RFC 7323 2.3). Sequence numbers are always kept as u32 (`>>> 0`).

/** a + n mod 2^32, as a u32. */
export function seqAdd(a: number, n: number): number {
  return (a + n) >>> 0;
}

/** The signed distance a - b in sequence space (-2^31 .. 2^31-1). */
export function seqDiff(a: number, b: number): number {
  return (a - b) | 0;
}

export function seqLt(a: number, b: number): boolean {
  return ((a - b) | 0) < 0;
}

export function seqLe(a: number, b: number): boolean {
  return ((a - b) | 0) <= 0;
}

export function seqGt(a: number, b: number): boolean {
  return ((a - b) | 0) > 0;
}

export function seqGe(a: number, b: number): boolean {
  return ((a - b) | 0) >= 0;
}

export function seqMax(a: number, b: number): number {
  return seqLt(a, b) ? b : a;
}

export function seqMin(a: number, b: number): number {
  return seqLt(a, b) ? a : b;
}

/** start <= x < start + len (len >= 0). */
export function seqInWindow(x: number, start: number, len: number): boolean {
  return ((x - start) >>> 0) < len;
}
