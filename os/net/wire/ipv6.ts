// IPv6 address helpers only (RFC 4291 section 2.2 text forms, RFC 5952 canonical output).
// The stack does not send or receive IPv6 packets yet; DNS needs these for AAAA records, literal
// addresses in lookups and ip6.arpa reverse names. Addresses are 16-byte Uint8Arrays.

import { parseIpv4 } from './ipv4';

/** Parses "2001:db8::1", "::", "::ffff:1.2.3.4"; returns undefined for anything else (no zone ids). */
export function parseIpv6(text: string): Uint8Array | undefined {
  if (text.length === 0 || text.length > 45) return undefined;
  let head = text;
  let v4: number | undefined;
  const lastColon = text.lastIndexOf(':');
  if (lastColon >= 0 && text.indexOf('.', lastColon) > 0) {
    v4 = parseIpv4(text.slice(lastColon + 1));
    if (v4 === undefined) return undefined;
    head = text.slice(0, lastColon + 1) + '0:0'; // placeholder groups, replaced below
  }
  const halves = head.split('::');
  if (halves.length > 2) return undefined;
  const parseGroups = (s: string): number[] | undefined => {
    if (s === '') return [];
    const out: number[] = [];
    for (const g of s.split(':')) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
      out.push(parseInt(g, 16));
    }
    return out;
  };
  const left = parseGroups(halves[0]);
  const right = halves.length === 2 ? parseGroups(halves[1]) : [];
  if (!left || !right) return undefined;
  let groups: number[];
  if (halves.length === 2) {
    const missing = 8 - left.length - right.length;
    if (missing < 1) return undefined;
    groups = left.concat(new Array<number>(missing).fill(0), right);
  } else {
    groups = left;
  }
  if (groups.length !== 8) return undefined;
  const out = new Uint8Array(16);
  for (let i = 0; i < 8; i++) { out[2 * i] = groups[i] >> 8; out[2 * i + 1] = groups[i] & 0xff; }
  if (v4 !== undefined) { out[12] = v4 >>> 24; out[13] = (v4 >>> 16) & 0xff; out[14] = (v4 >>> 8) & 0xff; out[15] = v4 & 0xff; }
  return out;
}

/** RFC 5952 section 4: lower case, no leading zeros, the longest run (length >= 2, first if tied)
 * of zero groups as "::", IPv4-mapped addresses with a dotted quad. */
export function formatIpv6(addr: Uint8Array): string {
  const g: number[] = [];
  for (let i = 0; i < 8; i++) g.push((addr[2 * i] << 8) | addr[2 * i + 1]);
  if (g[0] === 0 && g[1] === 0 && g[2] === 0 && g[3] === 0 && g[4] === 0 && g[5] === 0xffff) {
    return `::ffff:${addr[12]}.${addr[13]}.${addr[14]}.${addr[15]}`;
  }
  let bestStart = -1, bestLen = 0;
  for (let i = 0; i < 8;) {
    if (g[i] !== 0) { i++; continue; }
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLen && j - i >= 2) { bestStart = i; bestLen = j - i; }
    i = j;
  }
  const hex = (xs: number[]) => xs.map((x) => x.toString(16)).join(':');
  if (bestStart < 0) return hex(g);
  return `${hex(g.slice(0, bestStart))}::${hex(g.slice(bestStart + bestLen))}`;
}
