// node:dns over a scripted resolver (the stack's DnsProvider): lookup forms and getaddrinfo
// errors, localhost and literals without the network, resolve* result shapes and c-ares errors,
// promises, Resolver servers and cancel, reverse, lookupService, argument validation.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TestBed, CLIENT } from './internal/net/testing/bed';
import {
  TYPE_A, TYPE_AAAA, TYPE_CNAME, TYPE_MX, TYPE_NS, TYPE_PTR, TYPE_SOA, TYPE_SRV, TYPE_TXT, type DnsRecord,
} from '../net/wire/dns';

function setup() {
  const bed = new TestBed();
  const h = bed.host(CLIENT);
  const rec = (name: string, type: number, data: DnsRecord['data'], ttl = 300): DnsRecord => ({ name, type, class: 1, ttl, data });
  const v6 = new Uint8Array(16); v6[0] = 0x20; v6[1] = 0x01; v6[2] = 0x0d; v6[3] = 0xb8; v6[15] = 1;
  h.dns.zone.set('example.test', [
    rec('example.test', TYPE_A, { kind: 'A', address: 0x5db8d822 }, 120),
    rec('example.test', TYPE_A, { kind: 'A', address: 0x5db8d823 }, 120),
    rec('example.test', TYPE_AAAA, { kind: 'AAAA', address: v6 }),
    rec('example.test', TYPE_MX, { kind: 'MX', preference: 10, exchange: 'mail.example.test' }),
    rec('example.test', TYPE_TXT, { kind: 'TXT', strings: [new Uint8Array([104, 105]), new Uint8Array([33])] }),
    rec('example.test', TYPE_NS, { kind: 'NS', name: 'ns1.example.test' }),
    rec('example.test', TYPE_SOA, { kind: 'SOA', mname: 'ns1.example.test', rname: 'admin.example.test', serial: 7, refresh: 3600, retry: 600, expire: 86400, minimum: 60 }),
  ]);
  h.dns.zone.set('www.example.test', [
    rec('www.example.test', TYPE_CNAME, { kind: 'CNAME', name: 'example.test' }),
    rec('example.test', TYPE_A, { kind: 'A', address: 0x5db8d822 }),
  ]);
  h.dns.zone.set('_sip._tcp.example.test', [rec('_sip._tcp.example.test', TYPE_SRV, { kind: 'SRV', priority: 1, weight: 5, port: 5060, target: 'sip.example.test' })]);
  h.dns.zone.set('34.216.184.93.in-addr.arpa', [rec('34.216.184.93.in-addr.arpa', TYPE_PTR, { kind: 'PTR', name: 'example.test' })]);
  h.dns.zone.set('empty.test', []);
  h.dns.zone.set('broken.test', 'ESERVFAIL');
  h.dns.zone.set('slow.test', 'ETIMEOUT');
  return { bed, h, dns: h.mods.dns };
}

const call = (bed: TestBed, fn: (cb: (...a: any[]) => void) => void) => bed.until(new Promise<any[]>((resolve) => fn((...a) => resolve(a))));

test('lookup: names, all, family, literals and localhost without the network', async () => {
  const { bed, h, dns } = setup();
  assert.deepEqual(await call(bed, (cb) => dns.lookup('example.test', cb)), [null, '93.184.216.34', 4]);
  assert.deepEqual(await call(bed, (cb) => dns.lookup('example.test', { all: true }, cb)), [null, [{ address: '93.184.216.34', family: 4 }, { address: '93.184.216.35', family: 4 }]]);
  assert.deepEqual(await call(bed, (cb) => dns.lookup('example.test', 6, cb)), [null, '2001:db8::1', 6]);
  assert.deepEqual(await call(bed, (cb) => dns.lookup('www.example.test', { family: 'IPv4' }, cb)), [null, '93.184.216.34', 4]);
  h.online = false;
  const before = h.dns.queries.length;
  assert.deepEqual(await call(bed, (cb) => dns.lookup('10.1.2.3', cb)), [null, '10.1.2.3', 4]);
  assert.deepEqual(await call(bed, (cb) => dns.lookup('::1', { all: true }, cb)), [null, [{ address: '::1', family: 6 }]]);
  assert.deepEqual(await call(bed, (cb) => dns.lookup('localhost', cb)), [null, '127.0.0.1', 4]);
  assert.deepEqual(await call(bed, (cb) => dns.lookup('LOCALHOST.', { family: 6 }, cb)), [null, '::1', 6]);
  assert.deepEqual(await call(bed, (cb) => dns.lookup('', cb)), [null, null, 4]);
  assert.equal(h.dns.queries.length, before, 'no queries for literals and localhost');
  const [err] = await call(bed, (cb) => dns.lookup('example.test', cb));
  assert.equal(err.code, 'EAI_AGAIN', 'no network');
  assert.equal(err.message, 'getaddrinfo EAI_AGAIN example.test');
});

test('lookup errors: ENOTFOUND (errno -3008) for unknown and empty names, EAI_AGAIN for timeouts', async () => {
  const { bed, dns } = setup();
  const [e1] = await call(bed, (cb) => dns.lookup('missing.test', cb));
  assert.equal(e1.code, 'ENOTFOUND');
  assert.equal(e1.errno, -3008);
  assert.equal(e1.syscall, 'getaddrinfo');
  assert.equal(e1.hostname, 'missing.test');
  assert.equal(e1.message, 'getaddrinfo ENOTFOUND missing.test');
  const [e2] = await call(bed, (cb) => dns.lookup('empty.test', cb));
  assert.equal(e2.code, 'ENOTFOUND');
  const [e3] = await call(bed, (cb) => dns.lookup('slow.test', cb));
  assert.equal(e3.code, 'EAI_AGAIN');
  assert.equal(e3.errno, -3001);
});

test('resolve* shapes and c-ares errors', async () => {
  const { bed, dns } = setup();
  assert.deepEqual(await call(bed, (cb) => dns.resolve4('example.test', cb)), [null, ['93.184.216.34', '93.184.216.35']]);
  assert.deepEqual(await call(bed, (cb) => dns.resolve4('example.test', { ttl: true }, cb)), [null, [{ address: '93.184.216.34', ttl: 120 }, { address: '93.184.216.35', ttl: 120 }]]);
  assert.deepEqual(await call(bed, (cb) => dns.resolve6('example.test', cb)), [null, ['2001:db8::1']]);
  assert.deepEqual(await call(bed, (cb) => dns.resolve('example.test', 'MX', cb)), [null, [{ exchange: 'mail.example.test', priority: 10 }]]);
  assert.deepEqual(await call(bed, (cb) => dns.resolveTxt('example.test', cb)), [null, [['hi', '!']]]);
  assert.deepEqual(await call(bed, (cb) => dns.resolveNs('example.test', cb)), [null, ['ns1.example.test']]);
  assert.deepEqual(await call(bed, (cb) => dns.resolveCname('www.example.test', cb)), [null, ['example.test']]);
  assert.deepEqual(await call(bed, (cb) => dns.resolveSrv('_sip._tcp.example.test', cb)), [null, [{ name: 'sip.example.test', port: 5060, priority: 1, weight: 5 }]]);
  assert.deepEqual(await call(bed, (cb) => dns.resolveSoa('example.test', cb)), [null, { nsname: 'ns1.example.test', hostmaster: 'admin.example.test', serial: 7, refresh: 3600, retry: 600, expire: 86400, minttl: 60 }]);
  const [, any] = await call(bed, (cb) => dns.resolveAny('example.test', cb));
  assert.deepEqual(any.map((r: any) => r.type), ['A', 'A', 'AAAA', 'MX', 'TXT', 'NS', 'SOA']);
  assert.deepEqual(await call(bed, (cb) => dns.reverse('93.184.216.34', cb)), [null, ['example.test']]);
  const [nf] = await call(bed, (cb) => dns.resolve4('missing.test', cb));
  assert.equal(nf.code, 'ENOTFOUND');
  assert.equal(nf.errno, undefined);
  assert.equal(nf.syscall, 'queryA');
  assert.equal(nf.message, 'queryA ENOTFOUND missing.test');
  const [nd] = await call(bed, (cb) => dns.resolveMx('empty.test', cb));
  assert.equal(nd.code, 'ENODATA');
  assert.equal(nd.syscall, 'queryMx');
  const [sf] = await call(bed, (cb) => dns.resolve4('broken.test', cb));
  assert.equal(sf.code, 'ESERVFAIL');
  const [to] = await call(bed, (cb) => dns.resolve4('slow.test', cb));
  assert.equal(to.code, 'ETIMEOUT');
  const [rv] = await call(bed, (cb) => dns.reverse('10.9.9.9', cb));
  assert.equal(rv.code, 'ENOTFOUND');
  assert.equal(rv.syscall, 'getHostByAddr');
  const [ca] = await call(bed, (cb) => dns.resolveCaa('example.test', cb));
  assert.equal(ca.code, 'ENOTIMP');
});

test('dns.promises and promises.Resolver', async () => {
  const { bed, dns } = setup();
  assert.deepEqual(await bed.until(dns.promises.lookup('example.test')), { address: '93.184.216.34', family: 4 });
  assert.deepEqual(await bed.until(dns.promises.lookup('example.test', { all: true })), [{ address: '93.184.216.34', family: 4 }, { address: '93.184.216.35', family: 4 }]);
  assert.deepEqual(await bed.until(dns.promises.resolve4('example.test')), ['93.184.216.34', '93.184.216.35']);
  assert.deepEqual(await bed.until(dns.promises.resolve('example.test', 'NS')), ['ns1.example.test']);
  await assert.rejects(bed.until(dns.promises.resolve4('missing.test')), { code: 'ENOTFOUND', syscall: 'queryA' });
  await assert.rejects(bed.until(dns.promises.lookup('missing.test')), { code: 'ENOTFOUND', syscall: 'getaddrinfo' });
  const r = new dns.promises.Resolver();
  assert.deepEqual(await bed.until(r.resolveMx('example.test')), [{ exchange: 'mail.example.test', priority: 10 }]);
  assert.deepEqual(await bed.until(dns.promises.lookupService('127.0.0.1', 22)), { hostname: 'localhost', service: 'ssh' });
});

test('servers: getServers/setServers, per-Resolver servers and options, cancel', async () => {
  const { bed, h, dns } = setup();
  assert.deepEqual(dns.getServers(), ['10.0.0.53']);
  assert.throws(() => dns.setServers(['1.2.3']), { code: 'ERR_INVALID_IP_ADDRESS' });
  dns.setServers(['8.8.8.8', '9.9.9.9:5353']);
  assert.deepEqual(dns.getServers(), ['8.8.8.8', '9.9.9.9:5353']);
  await call(bed, (cb) => dns.resolve4('example.test', cb));
  assert.deepEqual(h.dns.queries[h.dns.queries.length - 1].opts.servers, [{ address: 0x08080808, port: 53 }, { address: 0x09090909, port: 5353 }]);
  await call(bed, (cb) => dns.lookup('example.test', cb));
  assert.equal(h.dns.queries[h.dns.queries.length - 1].opts.servers, undefined, 'lookup uses the system servers');
  const r = new dns.Resolver({ timeout: 100, tries: 2 });
  assert.deepEqual(r.getServers(), ['10.0.0.53']);
  const started = bed.now;
  const [err] = await call(bed, (cb) => r.resolve4('slow.test', cb));
  assert.equal(err.code, 'ETIMEOUT');
  assert.ok(bed.now - started <= 300);
  const pending = call(bed, (cb) => r.resolve4('example.test', cb));
  r.cancel();
  const [c] = await pending;
  assert.equal(c.code, 'ECANCELLED');
});

test('argument validation and module surface', () => {
  const { dns } = setup();
  assert.throws(() => dns.lookup('x', { family: 5 }, () => {}), { code: 'ERR_INVALID_ARG_VALUE' });
  assert.throws(() => dns.lookup('x', 5 as any, () => {}), { code: 'ERR_INVALID_ARG_VALUE' });
  assert.throws(() => dns.lookup(1 as any, () => {}), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => dns.lookup('x', {}), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => dns.resolve('x', 'BOGUS', () => {}), { code: 'ERR_INVALID_ARG_VALUE', message: "The argument 'rrtype' is invalid. Received 'BOGUS'" });
  assert.throws(() => dns.lookupService('x', 80, () => {}), { code: 'ERR_INVALID_ARG_VALUE' });
  assert.equal(dns.NOTFOUND, 'ENOTFOUND');
  assert.equal(dns.ADDRCONFIG, 1024);
  assert.equal(dns.getDefaultResultOrder(), 'verbatim');
  dns.setDefaultResultOrder('ipv4first');
  assert.equal(dns.getDefaultResultOrder(), 'ipv4first');
  for (const m of ['resolve4', 'resolve6', 'resolveAny', 'resolveCname', 'resolveMx', 'resolveNs', 'resolvePtr', 'resolveSoa', 'resolveSrv', 'resolveTxt', 'reverse', 'lookup', 'lookupService']) {
    assert.equal(typeof dns[m], 'function', m);
    if (m !== 'lookupService') assert.equal(typeof (dns.promises as any)[m], 'function', `promises.${m}`);
  }
});
