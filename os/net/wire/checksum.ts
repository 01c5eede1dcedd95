// The Internet checksum (RFC 1071): the 16-bit one's complement of the one's complement sum.
// `sum` accumulates 16-bit big-endian words; `fold` reduces to 16 bits; a packet verifies when the
// checksum over the whole header (checksum field included) folds to 0xffff.

export type SumFn = (bytes: Uint8Array, start: number, end: number, acc: number) => number;

/**
 * The summing loop is the network stack's hottest code on an interpreter (about two thirds of TCP's
 * time): boot installs the kernel's native version (op_net_checksum, same result) for ranges long
 * enough to pay for the call. Unit tests run the TypeScript one.
 */
let nativeSum: SumFn | undefined;
const NATIVE_MIN = 48;

export function useNativeSum(fn: SumFn | undefined): void {
  nativeSum = fn;
}

/** Adds bytes[start, end) as big-endian 16-bit words to `acc` (an odd tail byte is padded with zero). */
export function sum(bytes: Uint8Array, start = 0, end = bytes.length, acc = 0): number {
  if (nativeSum !== undefined && end - start >= NATIVE_MIN) return nativeSum(bytes, start, end, acc);
  return sumTs(bytes, start, end, acc);
}

/** The TypeScript implementation (reference for the native one). */
export function sumTs(bytes: Uint8Array, start = 0, end = bytes.length, acc = 0): number {
  let i = start;
  // Sum in 32-bit chunks of two words; fold periodically so acc stays an exact integer.
  for (; i + 1 < end; i += 2) {
    acc += (bytes[i] << 8) | bytes[i + 1];
    if (acc > 0x7fffffff) acc = (acc & 0xffff) + (acc >>> 16);
  }
  if (i < end) acc += bytes[i] << 8;
  return acc;
}

export function fold(acc: number): number {
  while (acc > 0xffff) acc = (acc & 0xffff) + Math.floor(acc / 0x10000);
  return acc;
}

/** The checksum value to store in a header: ~fold(sum), with 0 kept as 0 (RFC 1071). */
export function finish(acc: number): number {
  return ~fold(acc) & 0xffff;
}

/** Sum of the IPv4 pseudo-header (RFC 793 section 3.1, RFC 768) for TCP/UDP checksums. */
export function pseudoHeaderSum(src: number, dst: number, protocol: number, length: number): number {
  return (src >>> 16) + (src & 0xffff) + (dst >>> 16) + (dst & 0xffff) + protocol + length;
}
