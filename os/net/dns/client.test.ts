import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DnsResolver } from './client';
import { DnsCache } from './cache';
import { answerChain, toNodeResult, reverseName, negativeTtl, querySyscall } from './records';
import { UdpLayer } from '../udp';
import { Prng } from '../testing/prng';
import { ip, bytesOf } from '../testing/harness';
import { UdpPacket, UdpRepr } from '../wire/udp';
import { DnsPacket, DnsRepr, CLASS_IN, TYPE_A, TYPE_CNAME, TYPE_SOA, TYPE_TXT, RCODE_SERVFAIL, type DnsRecord } from '../wire/dns';
import { parseIpv6 } from '../wire/ipv6';

const ME = ip('10.0.0.10');
const S1 = ip('10.0.0.53');
const S2 = ip('10.0.0.54');

/** A resolver on a UdpLayer whose output is captured; `answer` turns a captured query into a reply. */
function setup(servers = [S1, S2]) {
  const queries: { dst: number; srcPort: number; repr: DnsRepr }[] = [];
  const udp = new UdpLayer({
    random: new Prng(5).randomFn(), sourceFor: () => ME, isLocalAddress: (a) => a === ME, isBroadcastAddress: () => false,
    output: (_now, _src, dst, datagram) => {
      const p = UdpPacket.checked(datagram) as UdpPacket;
      queries.push({ dst, srcPort: p.srcPort, repr: DnsRepr.parse(new DnsPacket(p.payload)) as DnsRepr });
      return undefined;
    },
    drop: () => {},
  });
  const r = new DnsResolver({ udp, random: new Prng(6).randomFn(), servers: servers.map((address) => ({ address, port: 53 })) });
  const answer = (now: number, q: (typeof queries)[number], patch: Partial<DnsRepr>, from = q.dst, fromPort = 53) => {
    const repr: DnsRepr = { ...q.repr, response: true, recursionAvailable: true, ...patch };
    const body = new Uint8Array(DnsRepr.bufferLen(repr));
    DnsRepr.emit(repr, new DnsPacket(body));
    const u = { srcPort: fromPort, dstPort: q.srcPort, payload: body };
    const d = new Uint8Array(UdpRepr.bufferLen(u));
    UdpRepr.emit(u, new UdpPacket(d), from, ME);
    return udp.input(now, from, ME, d, false);
  };
  return { r, udp, queries, answer };
}

const a = (name: string, addr: string, ttl = 100): DnsRecord => ({ name, type: TYPE_A, class: CLASS_IN, ttl, data: { kind: 'A', address: ip(addr) } });

test('dns client: callbacks run from poll, never synchronously', () => {
  const { r, queries, answer } = setup();
  const events: string[] = [];
  r.resolve(0, 'localhost', 'A', {}, (err, res) => events.push(`local ${err} ${res}`));
  r.resolve(0, 'a.test', 'A', {}, (err, res) => events.push(`net ${err} ${res}`));
  assert.deepEqual(events, []);
  r.poll(0);
  assert.deepEqual(events, ['local null 127.0.0.1']);
  answer(5, queries[0], { answers: [a('a.test', '1.2.3.4')] });
  assert.equal(events.length, 1);
  r.poll(5);
  assert.deepEqual(events, ['local null 127.0.0.1', 'net null 1.2.3.4']);
});

test('dns client: identical queries in flight share one packet; cancel fails them with ECANCELLED', () => {
  const { r, queries } = setup();
  const got: string[] = [];
  for (let i = 0; i < 3; i++) r.resolve(0, 'same.test', 'A', {}, (err) => got.push(err!.code));
  r.resolve(0, 'SAME.test.', 'A', {}, (err) => got.push(err!.code));
  assert.equal(queries.length, 1);
  r.cancel();
  r.poll(0);
  assert.deepEqual(got, ['ECANCELLED', 'ECANCELLED', 'ECANCELLED', 'ECANCELLED']);
  assert.equal(r.inFlight, 0);
});

test('dns client: ignores answers from the wrong port or for another question', () => {
  const { r, queries, answer } = setup();
  let result: unknown;
  r.resolve(0, 'x.test', 'A', {}, (_e, res) => { result = res; });
  const q = queries[0];
  assert.equal(answer(1, q, { answers: [a('x.test', '6.6.6.6')] }, S1, 5353), 'no-socket'); // connected socket filters it
  answer(1, q, { questions: [{ name: 'y.test', type: TYPE_A, class: CLASS_IN }], answers: [a('y.test', '6.6.6.6')] });
  answer(1, q, { id: (q.repr.id + 1) & 0xffff, answers: [a('x.test', '6.6.6.6')] });
  r.poll(1);
  assert.equal(result, undefined);
  assert.equal(r.stats.responsesIgnored, 2);
  answer(2, q, { answers: [a('x.test', '7.7.7.7')] });
  r.poll(2);
  assert.deepEqual(result, ['7.7.7.7']);
});

test('dns client: SERVFAIL moves to the next server at once; the last error is reported', () => {
  const { r, queries, answer } = setup();
  let err: any;
  r.resolve(0, 'sf.test', 'TXT', {}, (e) => { err = e; });
  for (let i = 0; i < 8; i++) {
    const q = queries[i];
    assert.equal(q.dst, i % 2 === 0 ? S1 : S2);
    answer(i, q, { rcode: RCODE_SERVFAIL });
  }
  r.poll(10);
  assert.equal(err.code, 'ESERVFAIL');
  assert.equal(err.syscall, 'queryTxt');
  assert.equal(queries.length, 8);
});

test('dns client: bad names, no servers, too many in flight', () => {
  const { r } = setup([]);
  const codes: string[] = [];
  r.resolve(0, 'a..b', 'A', {}, (e) => codes.push(e!.code));
  r.resolve(0, 'ok.test', 'A', {}, (e) => codes.push(e!.code));
  r.poll(0);
  assert.deepEqual(codes, ['EBADNAME', 'ECONNREFUSED']);
  const small = new DnsResolver({ udp: setup().udp, random: new Prng(1).randomFn(), servers: [{ address: S1, port: 53 }], maxInFlight: 2 });
  const c2: string[] = [];
  for (let i = 0; i < 3; i++) small.resolve(0, `n${i}.test`, 'A', {}, (e) => c2.push(e ? e.code : 'ok'));
  small.poll(0);
  assert.deepEqual(c2, ['ENOMEM']);
});

test('dns records: CNAME chains, Node shapes, reverse names, negative TTL, syscalls', () => {
  const cname = (from: string, to: string, ttl = 50): DnsRecord => ({ name: from, type: TYPE_CNAME, class: CLASS_IN, ttl, data: { kind: 'CNAME', name: to } });
  const answers = [cname('www.x', 'cdn.x'), cname('cdn.x', 'edge.y', 20), a('edge.y', '9.9.9.9'), a('other', '1.1.1.1')];
  const r = answerChain(answers, 'WWW.x', TYPE_A);
  assert.deepEqual(r.records.map((x) => x.name), ['edge.y']);
  assert.equal(r.chain.length, 2);
  assert.deepEqual(answerChain([cname('a', 'b'), cname('b', 'a')], 'a', TYPE_A).records, []); // loop: bounded
  assert.deepEqual(toNodeResult('A', [a('x', '1.2.3.4', 30)], true, (x) => x.ttl), [{ address: '1.2.3.4', ttl: 30 }]);
  const txt: DnsRecord = { name: 'x', type: TYPE_TXT, class: CLASS_IN, ttl: 1, data: { kind: 'TXT', strings: [bytesOf('a'), new Uint8Array([0xe9])] } };
  assert.deepEqual(toNodeResult('TXT', [txt], false, () => 0), [['a', '\u00e9']]);
  assert.equal(reverseName(ip('192.0.2.1')), '1.2.0.192.in-addr.arpa');
  assert.equal(reverseName(parseIpv6('2001:db8::1')!), '1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa');
  const soa: DnsRecord = { name: 'x', type: TYPE_SOA, class: CLASS_IN, ttl: 900, data: { kind: 'SOA', mname: 'a', rname: 'b', serial: 1, refresh: 1, retry: 1, expire: 1, minimum: 300 } };
  assert.equal(negativeTtl([soa]), 300);
  assert.equal(negativeTtl([]), 0);
  assert.deepEqual(['A', 'AAAA', 'CNAME', 'SRV'].map((t) => querySyscall(t as any)), ['queryA', 'queryAaaa', 'queryCname', 'querySrv']);
});

test('dns cache: TTL expiry, LRU bound, TTL caps, zero TTL not cached', () => {
  const c = new DnsCache(2, 100);
  c.put('a', 0, 10, []);
  c.put('b', 0, 1000, []);
  assert.equal(c.get('b', 99_999)?.expiresAt, 100_000); // capped to 100 s
  c.get('a', 1); // a is now the most recent
  c.put('c', 1, 10, []);
  assert.equal(c.get('b', 2), undefined); // evicted (least recently used)
  assert.ok(c.get('a', 2));
  assert.equal(c.get('a', 10_000), undefined); // expired
  c.put('z', 0, 0, []);
  assert.equal(c.get('z', 0), undefined);
  assert.equal(DnsCache.key(1, 'Example.COM.'), '1|example.com');
});
