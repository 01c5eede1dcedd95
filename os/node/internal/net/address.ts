// Address helpers for node:net, node:dgram and node:dns: Node's isIP/isIPv4/isIPv6 (the same
// regular expressions as Node 20's lib/internal/net.js, so the same strings pass), port
// validation (validatePort, ERR_SOCKET_BAD_PORT), and the conversions between the stack's u32
// IPv4 addresses and text. The stack is IPv4 only: IPv6 literals are recognised (isIPv6, dns
// answers) but sockets refuse them with EAFNOSUPPORT, except "::" which means "any address" as on a
// dual-stack host.

import { codes, systemError } from '../../../core/errors';
import { formatIpv4, parseIpv4 } from '../../../net/wire/ipv4';

const v4Seg = '(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])';
const v4Str = `(?:${v4Seg}\\.){3}${v4Seg}`;
const IPV4_RE = new RegExp(`^${v4Str}$`);
const v6Seg = '(?:[0-9a-fA-F]{1,4})';
const IPV6_RE = new RegExp('^(?:' +
  `(?:${v6Seg}:){7}(?:${v6Seg}|:)|` +
  `(?:${v6Seg}:){6}(?:${v4Str}|:${v6Seg}|:)|` +
  `(?:${v6Seg}:){5}(?::${v4Str}|(?::${v6Seg}){1,2}|:)|` +
  `(?:${v6Seg}:){4}(?:(?::${v6Seg}){0,1}:${v4Str}|(?::${v6Seg}){1,3}|:)|` +
  `(?:${v6Seg}:){3}(?:(?::${v6Seg}){0,2}:${v4Str}|(?::${v6Seg}){1,4}|:)|` +
  `(?:${v6Seg}:){2}(?:(?::${v6Seg}){0,3}:${v4Str}|(?::${v6Seg}){1,5}|:)|` +
  `(?:${v6Seg}:){1}(?:(?::${v6Seg}){0,4}:${v4Str}|(?::${v6Seg}){1,6}|:)|` +
  `(?::(?:(?::${v6Seg}){0,5}:${v4Str}|(?::${v6Seg}){1,7}|:))` +
  ')(?:%[0-9a-zA-Z-.:]{1,})?$');

export function isIPv4(s: unknown): boolean {
  return typeof s === 'string' && IPV4_RE.test(s);
}

export function isIPv6(s: unknown): boolean {
  return typeof s === 'string' && IPV6_RE.test(s);
}

export function isIP(s: unknown): 0 | 4 | 6 {
  if (isIPv4(s)) return 4;
  if (isIPv6(s)) return 6;
  return 0;
}

/** u32 -> "a.b.c.d". */
export const ipv4ToString = formatIpv4;

/** "a.b.c.d" -> u32, or undefined. */
export function ipv4FromString(s: string): number | undefined {
  return isIPv4(s) ? parseIpv4(s) : undefined;
}

/** IPv4-mapped IPv6 ("::ffff:1.2.3.4") -> its IPv4 address, else undefined. */
export function unmapIpv4(s: string): number | undefined {
  const m = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(s);
  return m ? ipv4FromString(m[1]) : undefined;
}

/** The IPv6 "any" address in its spellings. */
export function isIpv6Any(s: string): boolean {
  return /^(::|0*:0*:0*:0*:0*:0*:0*:0*|::0)$/.test(s);
}

/** Node's isLegalPort + validatePort: number or numeric string 0..65535 (1.. when !allowZero). */
export function isLegalPort(port: unknown): boolean {
  if ((typeof port !== 'number' && typeof port !== 'string') || (typeof port === 'string' && port.trim().length === 0)) return false;
  return +port === (+port >>> 0) && +port <= 0xffff;
}

export function validatePort(port: unknown, name = 'Port', allowZero = true): number {
  if ((typeof port !== 'number' && typeof port !== 'string') ||
    (typeof port === 'string' && port.trim().length === 0) ||
    +port !== (+port >>> 0) || +port > 0xffff || (port === 0 && !allowZero)) {
    throw new codes.ERR_SOCKET_BAD_PORT(name, port, allowZero);
  }
  return +port | 0;
}

/**
 * Resolves a literal address for a socket operation: IPv4 text -> u32; "::" -> 0 (any);
 * "::ffff:a.b.c.d" -> the IPv4 address. Other IPv6 addresses fail with EAFNOSUPPORT.
 */
export function socketAddress(host: string, syscall: string, port?: number): number {
  const v4 = ipv4FromString(host);
  if (v4 !== undefined) return v4;
  if (isIpv6Any(host)) return 0;
  const mapped = unmapIpv4(host);
  if (mapped !== undefined) return mapped;
  throw systemError('EAFNOSUPPORT', { syscall, address: host, port });
}
