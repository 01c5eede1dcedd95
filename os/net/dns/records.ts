// Answers as node:dns returns them (doc/api/dns.md): resolve4 -> ['1.2.3.4'] or, with { ttl: true },
// [{ address, ttl }]; resolveMx -> [{ exchange, priority }]; resolveTxt -> [['chunk', ...]];
// resolveSrv -> [{ name, port, priority, weight }]; resolveSoa -> { nsname, hostmaster, serial,
// refresh, retry, expire, minttl }; CNAME, NS and PTR -> names. TXT bytes become a string one byte
// per character (Latin-1), as Node's c-ares binding does (OneByteString).
//
// `answerChain` picks, from a response's answer section, the records of the asked type owned by the
// end of the CNAME chain that starts at the question name (RFC 1034 section 3.6.2, at most 8 links),
// and the chain's own records so the smallest TTL of the whole chain bounds caching.

import { type DnsRecord, TYPE_A, TYPE_AAAA, TYPE_CNAME, TYPE_MX, TYPE_NS, TYPE_PTR, TYPE_SOA, TYPE_SRV, TYPE_TXT, sameName, CLASS_IN } from '../wire/dns';
import { formatIpv4 } from '../wire/ipv4';
import { formatIpv6 } from '../wire/ipv6';

export type RecordType = 'A' | 'AAAA' | 'CNAME' | 'MX' | 'NS' | 'PTR' | 'SOA' | 'SRV' | 'TXT';

export const RECORD_TYPES: Record<RecordType, number> = {
  A: TYPE_A, AAAA: TYPE_AAAA, CNAME: TYPE_CNAME, MX: TYPE_MX, NS: TYPE_NS, PTR: TYPE_PTR, SOA: TYPE_SOA, SRV: TYPE_SRV, TXT: TYPE_TXT,
};

/** The syscall Node names in resolve errors: queryA, queryAaaa, queryCname, ... */
export function querySyscall(type: RecordType): string {
  return 'query' + type[0] + type.slice(1).toLowerCase();
}

const MAX_CHAIN = 8;

export function answerChain(answers: DnsRecord[], qname: string, qtype: number): { records: DnsRecord[]; chain: DnsRecord[] } {
  let target = qname;
  const chain: DnsRecord[] = [];
  for (let hops = 0; ; hops++) {
    const records = answers.filter((r) => r.type === qtype && r.class === CLASS_IN && sameName(r.name, target));
    if (records.length || qtype === TYPE_CNAME || hops >= MAX_CHAIN) return { records, chain };
    const cname = answers.find((r) => r.type === TYPE_CNAME && sameName(r.name, target));
    if (!cname || cname.data.kind !== 'CNAME') return { records, chain };
    chain.push(cname);
    target = cname.data.name;
  }
}

function latin1(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 4096) s += String.fromCharCode.apply(null, Array.from(bytes.subarray(i, i + 4096)));
  return s;
}

/** Converts records to Node's shapes; `ttl(r)` gives the TTL to report (remaining time for cache hits). */
export function toNodeResult(type: RecordType, records: DnsRecord[], withTtl: boolean, ttl: (r: DnsRecord) => number): unknown {
  const out: unknown[] = [];
  for (const r of records) {
    const d = r.data;
    switch (d.kind) {
      case 'A': out.push(withTtl ? { address: formatIpv4(d.address), ttl: ttl(r) } : formatIpv4(d.address)); break;
      case 'AAAA': out.push(withTtl ? { address: formatIpv6(d.address), ttl: ttl(r) } : formatIpv6(d.address)); break;
      case 'CNAME': case 'NS': case 'PTR': out.push(d.name); break;
      case 'MX': out.push({ exchange: d.exchange, priority: d.preference }); break;
      case 'TXT': out.push(d.strings.map(latin1)); break;
      case 'SRV': out.push({ name: d.target, port: d.port, priority: d.priority, weight: d.weight }); break;
      case 'SOA':
        return { nsname: d.mname, hostmaster: d.rname, serial: d.serial, refresh: d.refresh, retry: d.retry, expire: d.expire, minttl: d.minimum };
      default: break;
    }
  }
  return type === 'SOA' ? undefined : out;
}

/** RFC 2308 section 5: a negative answer is cached for min(SOA TTL, SOA minimum). */
export function negativeTtl(authorities: DnsRecord[]): number {
  for (const r of authorities) if (r.data.kind === 'SOA') return Math.min(r.ttl, r.data.minimum);
  return 0;
}

/** The reverse-lookup name for an address (RFC 1035 section 3.5 in-addr.arpa, RFC 3596 ip6.arpa). */
export function reverseName(address: number | Uint8Array): string {
  if (typeof address === 'number') {
    return `${address & 0xff}.${(address >>> 8) & 0xff}.${(address >>> 16) & 0xff}.${address >>> 24}.in-addr.arpa`;
  }
  const nibbles: string[] = [];
  for (let i = 15; i >= 0; i--) nibbles.push((address[i] & 0xf).toString(16), (address[i] >> 4).toString(16));
  return `${nibbles.join('.')}.ip6.arpa`;
}
