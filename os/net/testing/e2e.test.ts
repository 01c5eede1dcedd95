// End-to-end tests: NetStacks on a simulated link exchange ARP, ICMP echo, UDP, DHCP, DNS and TCP,
// with and without seeded impairments. Times are simulated; assertions on them are regression checks.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdirSync } from 'node:fs';
import { Simulation } from './link';
import { addHost, ip, bytesOf, textOf } from './harness';
import { ScriptedDhcpServer } from './dhcp-server';
import { ScriptedDnsServer } from './dns-server';
import { readPcap } from './pcap';
import { formatIpv4 } from '../wire/ipv4';
import { TYPE_A, TYPE_AAAA, TYPE_CNAME, TYPE_MX, TYPE_TXT, TYPE_SRV, TYPE_NS, TYPE_PTR, TYPE_SOA } from '../wire/dns';
import { parseIpv6 } from '../wire/ipv6';
import type { TcpConnection } from '../tcp/layer';

function dumpPcap(sim: Simulation, name: string): void {
  // Handy when a test fails: NEPHOS_PCAP=1 writes build/pcap/<name>.pcap for Wireshark.
  if (!process.env.NEPHOS_PCAP) return;
  mkdirSync('build/pcap', { recursive: true });
  writeFileSync(`build/pcap/${name}.pcap`, sim.pcap.bytes());
}

test('e2e: ARP resolution and ping', () => {
  const sim = new Simulation({ seed: 1 });
  const a = addHost(sim, 'a', '10.0.0.1/24');
  const b = addHost(sim, 'b', '10.0.0.2/24');
  sim.link([a, b]);
  const replies: number[] = [];
  a.onEchoReply = (_now, src, ident, seq, data) => { assert.equal(src, ip('10.0.0.2')); assert.equal(ident, 7); assert.equal(textOf(data), 'hello'); replies.push(seq); };
  assert.equal(a.ping(sim.now, ip('10.0.0.2'), 7, 1, bytesOf('hello')), undefined);
  assert.ok(sim.runUntil(() => replies.length === 1, 5000));
  // The first ping waited for ARP; the second goes straight out.
  const t = sim.now;
  a.ping(sim.now, ip('10.0.0.2'), 7, 2, bytesOf('hello'));
  assert.ok(sim.runUntil(() => replies.length === 2, 5000));
  assert.ok(sim.now - t <= 2.5, `second ping took ${sim.now - t} ms`);
  assert.equal(a.iface.neighbors.lookup(ip('10.0.0.2'), sim.now)?.[5], b.iface.mac[5]);
  // b learnt a from a's request (RFC 826 merge), so it never had to ask.
  assert.ok(b.iface.neighbors.has(ip('10.0.0.1')));
  const frames = readPcap(sim.pcap.bytes());
  assert.ok(frames.length >= 6); // 2 announcements each, ARP request/reply, 2 pings + 2 replies
  dumpPcap(sim, 'arp-ping');
});

test('e2e: ping to an address nobody has gives up after the ARP retries', () => {
  const sim = new Simulation({ seed: 2 });
  const a = addHost(sim, 'a', '10.0.0.1/24');
  const b = addHost(sim, 'b', '10.0.0.2/24');
  sim.link([a, b]);
  a.ping(sim.now, ip('10.0.0.99'), 1, 1);
  sim.run(10_000);
  assert.equal(a.iface.counters.dropCount('arp-unresolved'), 1);
  assert.equal(a.memoryStats().arpQueuedDatagrams, 0);
});

test('e2e: UDP request/response, port unreachable, connected sockets see ECONNREFUSED', () => {
  const sim = new Simulation({ seed: 3 });
  const a = addHost(sim, 'a', '10.0.0.1/24');
  const b = addHost(sim, 'b', '10.0.0.2/24');
  sim.link([a, b]);
  const server = b.udp.bind(0, 7000);
  server.onMessage = (data, rinfo, now) => server.send(now, bytesOf(textOf(data).toUpperCase()), rinfo.port, rinfo.address);
  const client = a.udp.bind(0, 0);
  assert.ok(client.localPort >= 49152);
  const got: string[] = [];
  client.onMessage = (data, rinfo) => { assert.equal(rinfo.address, ip('10.0.0.2')); assert.equal(rinfo.port, 7000); got.push(textOf(data)); };
  client.send(sim.now, bytesOf('ping'), 7000, ip('10.0.0.2'));
  assert.ok(sim.runUntil(() => got.length === 1, 5000));
  assert.deepEqual(got, ['PING']);
  // A large datagram is fragmented on the way out and reassembled on the way in.
  const big = new Uint8Array(5000).map((_, i) => 97 + (i % 26));
  client.send(sim.now, big, 7000, ip('10.0.0.2'));
  assert.ok(sim.runUntil(() => got.length === 2, 5000));
  assert.equal(got[1], textOf(big).toUpperCase());
  // Nothing on port 7001: ICMP port unreachable comes back; a connected socket reports it.
  const c2 = a.udp.bind(0, 0);
  c2.connect(ip('10.0.0.2'), 7001);
  const errors: string[] = [];
  c2.onError = (err) => errors.push(err.code);
  c2.send(sim.now, bytesOf('x'));
  assert.ok(sim.runUntil(() => errors.length === 1, 5000));
  assert.deepEqual(errors, ['ECONNREFUSED']);
  assert.equal(b.iface.counters.dropCount('udp-no-socket'), 1);
  dumpPcap(sim, 'udp');
});

test('e2e: UDP broadcast needs the broadcast flag and reaches every host', () => {
  const sim = new Simulation({ seed: 4 });
  const a = addHost(sim, 'a', '10.0.0.1/24');
  const b = addHost(sim, 'b', '10.0.0.2/24');
  const c = addHost(sim, 'c', '10.0.0.3/24');
  sim.link([a, b, c]);
  const seen: string[] = [];
  for (const [name, s] of [['b', b], ['c', c]] as const) s.udp.bind(0, 9999).onMessage = (d) => seen.push(`${name}:${textOf(d)}`);
  const sock = a.udp.bind(0, 0);
  assert.throws(() => sock.send(sim.now, bytesOf('hi'), 9999, ip('255.255.255.255')), { code: 'EACCES' });
  sock.setBroadcast(true);
  sock.send(sim.now, bytesOf('hi'), 9999, ip('255.255.255.255'));
  sock.send(sim.now, bytesOf('sub'), 9999, ip('10.0.0.255'));
  sim.run(100);
  assert.deepEqual(seen.sort(), ['b:hi', 'b:sub', 'c:hi', 'c:sub']);
});

test('e2e: DHCP obtains a lease, renews at T1, and the stack uses the address', () => {
  const sim = new Simulation({ seed: 5 });
  const server = addHost(sim, 'server', '10.0.2.2/24');
  const client = addHost(sim, 'client', { kind: 'dhcp', hostname: 'nephos' });
  sim.link([server, client]);
  const dhcpd = new ScriptedDhcpServer(server, { serverAddress: ip('10.0.2.2'), prefixLength: 24, poolStart: ip('10.0.2.15'), poolSize: 10,
    router: ip('10.0.2.2'), dnsServers: [ip('10.0.2.3')], leaseTime: 600 });
  const changes: (string | undefined)[] = [];
  client.onConfigChange = (c) => changes.push(c && `${formatIpv4(c.address)}/${c.prefixLength}`);
  assert.ok(sim.runUntil(() => client.config !== undefined, 10_000));
  const cfg = client.config!;
  assert.equal(formatIpv4(cfg.address), '10.0.2.15');
  assert.equal(cfg.prefixLength, 24);
  assert.equal(cfg.gateway, ip('10.0.2.2'));
  assert.deepEqual(cfg.dnsServers, [ip('10.0.2.3')]);
  assert.equal(cfg.source, 'dhcp');
  assert.equal(client.dhcp!.state, 'bound');
  assert.deepEqual(client.dns.getServers(), [{ address: ip('10.0.2.3'), port: 53 }]);
  assert.equal(dhcpd.received[0].hostname, 'nephos');
  // The new address answers pings.
  let pong = false;
  server.onEchoReply = () => { pong = true; };
  server.ping(sim.now, ip('10.0.2.15'), 1, 1);
  assert.ok(sim.runUntil(() => pong, 5000));
  // T1 = 300 s: a unicast REQUEST renews the lease.
  const before = dhcpd.received.length;
  const obtained = cfg.lease!.obtainedAt;
  assert.ok(sim.runUntil(() => client.config!.lease!.obtainedAt > obtained, 400_000));
  assert.ok(sim.now >= obtained + 300_000);
  assert.equal(dhcpd.received.length, before + 1);
  assert.equal(dhcpd.received[before].clientIp, ip('10.0.2.15'));
  assert.equal(client.dhcp!.state, 'bound');
  dumpPcap(sim, 'dhcp');
});

test('e2e: DHCP retransmits with backoff, falls back to rebinding, and loses an expired lease', () => {
  const sim = new Simulation({ seed: 6 });
  const server = addHost(sim, 'server', '10.0.2.2/24');
  const client = addHost(sim, 'client', { kind: 'dhcp' });
  sim.link([server, client]);
  const dhcpd = new ScriptedDhcpServer(server, { serverAddress: ip('10.0.2.2'), prefixLength: 24, poolStart: ip('10.0.2.50'), poolSize: 1, leaseTime: 120 });
  dhcpd.dropIncoming = 2; // two DISCOVERs unanswered: retransmissions after ~4 s and ~8 s
  assert.ok(sim.runUntil(() => client.config !== undefined, 60_000));
  const discovers = dhcpd.received.filter((m) => m.messageType === 1);
  assert.equal(discovers.length, 3);
  assert.ok(sim.now > 10_000 && sim.now < 16_000, `bound at ${sim.now}`);
  // Server goes silent: renewing at 60 s, rebinding at 105 s, expiry at 120 s.
  dhcpd.silent = true;
  const bound = client.config!.lease!.obtainedAt;
  assert.ok(sim.runUntil(() => client.dhcp!.state === 'rebinding', 200_000));
  assert.ok(Math.abs(sim.now - (bound + 105_000)) < 1);
  assert.ok(sim.runUntil(() => client.config === undefined, 200_000));
  assert.ok(Math.abs(sim.now - (bound + 120_000)) < 1);
  assert.equal(client.dhcp!.state, 'selecting');
  // The server comes back: the client starts over and gets an address again.
  dhcpd.silent = false;
  assert.ok(sim.runUntil(() => client.config !== undefined, 120_000));
});

test('e2e: DHCP NAK restarts discovery', () => {
  const sim = new Simulation({ seed: 7 });
  const server = addHost(sim, 'server', '10.0.2.2/24');
  const client = addHost(sim, 'client', { kind: 'dhcp' });
  sim.link([server, client]);
  const dhcpd = new ScriptedDhcpServer(server, { serverAddress: ip('10.0.2.2'), prefixLength: 24, poolStart: ip('10.0.2.60'), poolSize: 1 });
  dhcpd.nakNext = true;
  assert.ok(sim.runUntil(() => client.config !== undefined, 30_000));
  const types = dhcpd.received.map((m) => m.messageType);
  assert.deepEqual(types, [1, 3, 1, 3]);
});

function dnsSetup(seed: number, impairment = {}) {
  const sim = new Simulation({ seed });
  const server = addHost(sim, 'dns', '10.0.0.53/24');
  const client = addHost(sim, 'client', { kind: 'static', address: ip('10.0.0.10'), prefixLength: 24, dnsServers: [ip('10.0.0.53')] });
  sim.link([server, client], impairment);
  const dns = new ScriptedDnsServer(server);
  dns.add('example.test', TYPE_A, { kind: 'A', address: ip('192.0.2.1') }, 120)
    .add('example.test', TYPE_A, { kind: 'A', address: ip('192.0.2.2') }, 60)
    .add('example.test', TYPE_AAAA, { kind: 'AAAA', address: parseIpv6('2001:db8::1')! })
    .add('www.example.test', TYPE_CNAME, { kind: 'CNAME', name: 'example.test' })
    .add('example.test', TYPE_MX, { kind: 'MX', preference: 10, exchange: 'mx.example.test' })
    .add('example.test', TYPE_TXT, { kind: 'TXT', strings: [bytesOf('v=spf1'), bytesOf(' -all')] })
    .add('_http._tcp.example.test', TYPE_SRV, { kind: 'SRV', priority: 1, weight: 5, port: 8080, target: 'example.test' })
    .add('example.test', TYPE_NS, { kind: 'NS', name: 'ns.example.test' })
    .add('1.2.0.192.in-addr.arpa', TYPE_PTR, { kind: 'PTR', name: 'example.test' })
    .add('example.test', TYPE_SOA, { kind: 'SOA', mname: 'ns.example.test', rname: 'admin.example.test', serial: 7, refresh: 1, retry: 2, expire: 3, minimum: 4 });
  return { sim, server, client, dns };
}

function ask<T>(sim: Simulation, start: (cb: (err: any, r?: T) => void) => void, timeoutMs = 60_000): { err: any; result: T | undefined } {
  let out: { err: any; result: T | undefined } | undefined;
  start((err, result) => { out = { err, result }; });
  assert.ok(sim.runUntil(() => out !== undefined, timeoutMs), 'no answer');
  return out!;
}

test('e2e: DNS resolves every record type node:dns asks for', () => {
  const { sim, client, dns } = dnsSetup(8);
  const r = (type: any, name = 'example.test', opts = {}) => ask<any>(sim, (cb) => client.dns.resolve(sim.now, name, type, opts, cb));
  assert.deepEqual(r('A').result, ['192.0.2.1', '192.0.2.2']);
  assert.deepEqual(r('AAAA').result, ['2001:db8::1']);
  assert.deepEqual(r('A', 'www.example.test').result, ['192.0.2.1', '192.0.2.2']);
  assert.deepEqual(r('CNAME', 'www.example.test').result, ['example.test']);
  assert.deepEqual(r('MX').result, [{ exchange: 'mx.example.test', priority: 10 }]);
  assert.deepEqual(r('TXT').result, [['v=spf1', ' -all']]);
  assert.deepEqual(r('SRV', '_http._tcp.example.test').result, [{ name: 'example.test', port: 8080, priority: 1, weight: 5 }]);
  assert.deepEqual(r('NS').result, ['ns.example.test']);
  assert.deepEqual(r('SOA').result, { nsname: 'ns.example.test', hostmaster: 'admin.example.test', serial: 7, refresh: 1, retry: 2, expire: 3, minttl: 4 });
  client.dns.clearCache();
  assert.deepEqual(r('A', 'example.test', { ttl: true }).result, [{ address: '192.0.2.1', ttl: 120 }, { address: '192.0.2.2', ttl: 60 }]);
  assert.deepEqual(ask<string[]>(sim, (cb) => client.dns.reverse(sim.now, '192.0.2.1', cb)).result, ['example.test']);
  // Errors, shaped as Node's.
  const nx = r('A', 'nope.test').err;
  assert.equal(nx.code, 'ENOTFOUND'); assert.equal(nx.syscall, 'queryA'); assert.equal(nx.hostname, 'nope.test');
  assert.equal(nx.message, 'queryA ENOTFOUND nope.test');
  assert.equal(r('PTR').err.code, 'ENODATA');
  // Every query used a random id and a fresh ephemeral port.
  const ids = new Set(dns.questions.map((q) => q.id));
  const ports = new Set(dns.questions.map((q) => q.port));
  assert.ok(ids.size >= dns.questions.length - 1 && ports.size >= dns.questions.length - 1);
  assert.ok([...ports].every((p) => p >= 49152));
});

test('e2e: DNS cache honours TTLs and negative answers', () => {
  const { sim, client, dns } = dnsSetup(9);
  const q = (name: string) => ask<any>(sim, (cb) => client.dns.resolve(sim.now, name, 'A', { ttl: true }, cb));
  q('example.test');
  assert.equal(dns.questions.length, 1);
  sim.run(30_000);
  const cached = q('example.test').result;
  assert.equal(dns.questions.length, 1); // from the cache
  assert.ok(cached[0].ttl <= 30 && cached[0].ttl >= 29, `remaining ttl ${cached[0].ttl}`);
  sim.run(31_000); // the 60 s minimum TTL has passed
  q('example.test');
  assert.equal(dns.questions.length, 2);
  // NXDOMAIN is cached for the SOA minimum (60 s here).
  assert.equal(q('gone.test').err.code, 'ENOTFOUND');
  assert.equal(q('gone.test').err.code, 'ENOTFOUND');
  assert.equal(dns.questions.length, 3);
  sim.run(61_000);
  q('gone.test');
  assert.equal(dns.questions.length, 4);
});

test('e2e: DNS retries, fails over to the next server, times out like c-ares, ignores spoofed answers', () => {
  const { sim, server, client, dns } = dnsSetup(10);
  // One dropped query: the retry after 2 s succeeds.
  dns.dropNext = 1;
  const t0 = sim.now;
  assert.deepEqual(ask<any>(sim, (cb) => client.dns.resolve(sim.now, 'example.test', 'A', {}, cb)).result, ['192.0.2.1', '192.0.2.2']);
  assert.ok(sim.now - t0 >= 2000 && sim.now - t0 < 2100);
  // A spoofed answer with the wrong id is ignored.
  client.dns.clearCache();
  dns.spoofFirst = true;
  assert.deepEqual(ask<any>(sim, (cb) => client.dns.resolve(sim.now, 'example.test', 'A', {}, cb)).result, ['192.0.2.1', '192.0.2.2']);
  assert.ok(client.dns.stats.responsesIgnored >= 1);
  // A dead first server (no host at that address answers ARP) and a live second one.
  client.setDnsServers([ip('10.0.0.99'), ip('10.0.0.53')]);
  client.dns.clearCache();
  const t1 = sim.now;
  assert.deepEqual(ask<any>(sim, (cb) => client.dns.resolve(sim.now, 'example.test', 'AAAA', {}, cb)).result, ['2001:db8::1']);
  assert.ok(sim.now - t1 >= 2000 && sim.now - t1 < 2100);
  // A server that answers ICMP port unreachable (host up, nothing on 53): ECONNREFUSED at once.
  const other = addHost(sim, 'other', '10.0.0.54/24');
  sim.link([other, client]);
  client.setDnsServers([ip('10.0.0.54')]);
  const refused = ask<any>(sim, (cb) => client.dns.resolve(sim.now, 'x.test', 'A', {}, cb));
  assert.equal(refused.err.code, 'ECONNREFUSED');
  // Everything dead: 4 tries x 2 servers with doubling timeouts, then ETIMEOUT (resolve) and
  // EAI_AGAIN (lookup).
  client.setDnsServers([ip('10.0.0.53'), ip('10.0.0.98')]);
  dns.dead = true;
  const t2 = sim.now;
  const timeout = ask<any>(sim, (cb) => client.dns.resolve(sim.now, 'y.test', 'A', {}, cb), 200_000);
  assert.equal(timeout.err.code, 'ETIMEOUT');
  assert.equal(timeout.err.message, 'queryA ETIMEOUT y.test');
  assert.ok(Math.abs(sim.now - t2 - 2 * (2000 + 4000 + 8000 + 16000)) < 50, `timed out after ${sim.now - t2}`);
  const lookup = ask<any>(sim, (cb) => client.dns.lookup(sim.now, 'z.test', {}, cb), 200_000);
  assert.equal(lookup.err.code, 'EAI_AGAIN');
  assert.equal(lookup.err.errno, -3001);
  assert.equal(lookup.err.syscall, 'getaddrinfo');
  void server;
});

test('e2e: DNS lookup answers literals and localhost locally and orders IPv4 first', () => {
  const { sim, client, dns } = dnsSetup(11);
  const l = (host: string, opts = {}) => ask<any>(sim, (cb) => client.dns.lookup(sim.now, host, opts, cb));
  assert.deepEqual(l('10.1.2.3').result, [{ address: '10.1.2.3', family: 4 }]);
  assert.deepEqual(l('::1').result, [{ address: '::1', family: 6 }]);
  assert.deepEqual(l('localhost', { addrconfig: true }).result, [{ address: '127.0.0.1', family: 4 }]);
  assert.deepEqual(l('api.localhost', { family: 6 }).result, [{ address: '::1', family: 6 }]);
  assert.equal(dns.questions.length, 0);
  assert.deepEqual(l('example.test').result, [{ address: '192.0.2.1', family: 4 }, { address: '192.0.2.2', family: 4 }, { address: '2001:db8::1', family: 6 }]);
  assert.deepEqual(l('example.test', { family: 4 }).result, [{ address: '192.0.2.1', family: 4 }, { address: '192.0.2.2', family: 4 }]);
  const nx = l('missing.test').err;
  assert.equal(nx.code, 'ENOTFOUND'); assert.equal(nx.errno, -3008); assert.equal(nx.message, 'getaddrinfo ENOTFOUND missing.test');
});

test('e2e: DNS over an impaired link (loss, duplication, reordering, corruption)', () => {
  const { sim, client } = dnsSetup(12, { loss: 0.2, duplicate: 0.2, reorder: 0.2, corrupt: 0.1, jitterMs: 5 });
  for (let i = 0; i < 20; i++) {
    client.dns.clearCache();
    const r = ask<any>(sim, (cb) => client.dns.resolve(sim.now, 'www.example.test', 'A', {}, cb), 120_000);
    assert.deepEqual(r.result, ['192.0.2.1', '192.0.2.2'], `round ${i}: ${r.err?.code}`);
  }
});

function tcpTransfer(seed: number, impairment: object, size: number) {
  const sim = new Simulation({ seed });
  const a = addHost(sim, 'a', '10.0.0.1/24');
  const b = addHost(sim, 'b', '10.0.0.2/24');
  sim.link([a, b], impairment);
  const payload = new Uint8Array(size);
  for (let i = 0; i < size; i++) payload[i] = (i * 31 + (i >> 8)) & 0xff;
  const received: Uint8Array[] = [];
  let ended = false;
  let closed = 0;
  b.tcp.listen(0, 8080, { backlog: 8 }, (c: TcpConnection) => {
    c.onData = (bytes) => received.push(bytes);
    c.onEnd = () => { ended = true; c.shutdown(); };
    c.onClose = (err) => { assert.equal(err, undefined); closed++; };
  });
  const c = a.tcp.connect(sim.now, a.config!.address, ip('10.0.0.2'), 8080);
  let sent = 0;
  const pump = () => {
    while (sent < size) {
      const n = c.write(payload.subarray(sent, Math.min(size, sent + 16384)));
      sent += n;
      if (n === 0) return;
    }
    c.shutdown();
  };
  c.onConnect = pump;
  c.onDrain = pump;
  c.onClose = (err) => { assert.equal(err, undefined); closed++; };
  // Simulated time, so a long limit costs nothing: at 30% loss RTO backoff (up to 60 s a step)
  // dominates and 100 KB takes 5-40 simulated minutes depending on the seed; what is checked here
  // is that every byte arrives, not how fast.
  assert.ok(sim.runUntil(() => closed === 2, 3 * 3600_000), `transfer did not finish: ${received.reduce((n, r) => n + r.length, 0)} of ${size}`);
  const all = new Uint8Array(size);
  let o = 0;
  for (const r of received) { all.set(r, o); o += r.length; }
  assert.equal(o, size);
  assert.ok(ended);
  assert.deepEqual(all, payload);
  return { sim, a, b };
}

test('e2e: TCP transfer through ARP and IPv4', () => {
  const { sim, a } = tcpTransfer(13, {}, 1 << 20);
  assert.equal(a.iface.counters.totalDrops(), 0);
  dumpPcap(sim, 'tcp');
});

test('e2e: TCP transfer over an impaired link', () => {
  const profiles = [
    [14, { loss: 0.05, reorder: 0.1, duplicate: 0.05, jitterMs: 3 }, 500_000],
    [15, { loss: 0.1, reorder: 0.1, duplicate: 0.05, corrupt: 0.05, jitterMs: 2 }, 300_000],
    [16, { loss: 0.3 }, 100_000],
    [17, { corrupt: 0.3, duplicate: 0.3, reorder: 0.3 }, 200_000],
  ] as const;
  for (const [seed, imp, size] of profiles) {
    const { a, b } = tcpTransfer(seed, imp, size);
    if ('corrupt' in imp) {
      // Corrupted frames were caught (by a checksum or a header check) and counted, never delivered.
      const drops = a.iface.counters.totalDrops() + b.iface.counters.totalDrops() + (a.tcp.stats.drops['bad-checksum'] ?? 0) + (b.tcp.stats.drops['bad-checksum'] ?? 0);
      assert.ok(drops > 0);
    }
  }
});

test('e2e: TCP and UDP over loopback (our own address and 127.0.0.1)', () => {
  const sim = new Simulation({ seed: 16 });
  const a = addHost(sim, 'a', '10.0.0.1/24');
  sim.link([a]);
  let echoed = '';
  a.tcp.listen(0, 80, { backlog: 4 }, (c) => { c.onData = (b) => c.write(b); c.onEnd = () => c.shutdown(); });
  for (const dst of ['10.0.0.1', '127.0.0.1']) {
    echoed = '';
    let done = false;
    const c = a.tcp.connect(sim.now, dst === '127.0.0.1' ? ip(dst) : a.config!.address, ip(dst), 80);
    c.onConnect = () => { c.write(bytesOf(`hi ${dst}`)); c.shutdown(); };
    c.onData = (b) => { echoed += textOf(b); };
    c.onClose = () => { done = true; };
    assert.ok(sim.runUntil(() => done, 10_000));
    assert.equal(echoed, `hi ${dst}`);
  }
  const u = a.udp.bind(0, 5353);
  let got = '';
  u.onMessage = (d, r) => { got = `${textOf(d)} from ${formatIpv4(r.address)}`; };
  a.udp.bind(0, 0).send(sim.now, bytesOf('loop'), 5353, ip('127.0.0.1'));
  sim.run(10);
  assert.equal(got, 'loop from 127.0.0.1');
  // Only the gratuitous ARP announcements touched the wire.
  const frames = readPcap(sim.pcap.bytes());
  assert.ok(frames.length >= 1);
  assert.ok(frames.every((f) => f.frame[12] === 0x08 && f.frame[13] === 0x06));
});
