import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NetStack } from './stack';
import { Prng } from './testing/prng';
import { ip, macFor, bytesOf, textOf } from './testing/harness';
import { arpFrame, ipFrame, udpDatagram, icmpDatagram, fragment, ipv4 } from './testing/frames';
import { BROADCAST_MAC, ZERO_MAC, EthernetFrame, ETHERTYPE_IPV4 } from './wire/ethernet';
import { ARP_OP_REQUEST } from './wire/arp';
import { Ipv4Packet, PROTO_UDP, PROTO_TCP, PROTO_ICMP } from './wire/ipv4';
import { Icmpv4Packet, Icmpv4Repr } from './wire/icmpv4';

const ME = ip('10.0.0.1');
const PEER = ip('10.0.0.2');
const myMac = macFor(1);
const peerMac = macFor(2);

function newStack(seed = 1) {
  return new NetStack({ device: { mac: myMac, mtu: 1500 }, random: new Prng(seed).randomFn(),
    config: { kind: 'static', address: ME, prefixLength: 24, gateway: ip('10.0.0.254'), dnsServers: [ip('10.0.0.53')] } });
}

/** A TCP SYN from PEER:port to ME:80 (checksum filled). */
function syn(srcPort: number, seq: number): Uint8Array {
  const t = new Uint8Array(20);
  t[0] = srcPort >> 8; t[1] = srcPort & 0xff; t[2] = 0; t[3] = 80;
  t[4] = seq >>> 24; t[5] = (seq >>> 16) & 0xff; t[6] = (seq >>> 8) & 0xff; t[7] = seq & 0xff;
  t[12] = 0x50; t[13] = 0x02; t[14] = 0xff; t[15] = 0xff;
  let acc = (PEER >>> 16) + (PEER & 0xffff) + (ME >>> 16) + (ME & 0xffff) + PROTO_TCP + 20;
  for (let i = 0; i < 20; i += 2) acc += (t[i] << 8) | t[i + 1];
  while (acc > 0xffff) acc = (acc & 0xffff) + (acc >>> 16);
  const c = ~acc & 0xffff;
  t[16] = c >> 8; t[17] = c & 0xff;
  return ipv4({ src: PEER, dst: ME, protocol: PROTO_TCP }, t);
}

test('stack: static configuration, accessors, routes', () => {
  const s = newStack();
  assert.deepEqual(s.config, { source: 'static', address: ME, prefixLength: 24, gateway: ip('10.0.0.254'), dnsServers: [ip('10.0.0.53')] });
  assert.equal(s.routes.nextHop(ip('1.1.1.1')), ip('10.0.0.254'));
  assert.deepEqual(s.dns.getServers(), [{ address: ip('10.0.0.53'), port: 53 }]);
  s.setDnsServers([ip('9.9.9.9')]);
  assert.deepEqual(s.dns.getServers(), [{ address: ip('9.9.9.9'), port: 53 }]);
  s.setStaticConfig(10, undefined);
  assert.equal(s.config, undefined);
  assert.equal(s.routes.list().length, 0);
  assert.throws(() => s.udp.bind(0, 0).send(10, bytesOf('x'), 1, PEER), { code: 'ENETUNREACH' });
  const snap = s.counters;
  assert.equal(typeof snap.rxPackets, 'number');
  assert.deepEqual(snap.drops, {});
});

test('stack: poll reports deadlines and flushes replies produced by receive', () => {
  const s = newStack();
  const out: Uint8Array[] = [];
  const next = s.poll(0, (f) => out.push(f.slice()));
  assert.equal(out.length, 1); // the first RFC 5227 announcement
  assert.equal(next, 2000);
  s.receive(5, arpFrame(BROADCAST_MAC, { operation: ARP_OP_REQUEST, senderMac: peerMac, senderIp: PEER, targetMac: ZERO_MAC, targetIp: ME }));
  s.receive(5, ipFrame(myMac, peerMac, icmpDatagram(PEER, ME, { type: 'echo-request', ident: 1, seq: 1, data: bytesOf('abc') })));
  out.length = 0;
  s.poll(5, (f) => out.push(f.slice()));
  assert.equal(out.length, 2); // ARP reply, echo reply
  s.ping(6, PEER, 1, 1);
  assert.throws(() => s.poll(6, () => s.poll(6, () => {})), /re-entered/);
  assert.equal(s.poll(7, () => {}), 2000); // and the stack is usable afterwards
});

test('stack: thousands of random and mutated frames are counted drops; memory stays bounded; the stack still answers', () => {
  const s = newStack(7);
  const rnd = new Prng(2024);
  s.tcp.listen(0, 80, { backlog: 16 }, () => {});
  s.udp.bind(0, 7).onMessage = () => {};
  let transmitted = 0;
  const tx = () => { transmitted++; };
  s.receive(0, arpFrame(BROADCAST_MAC, { operation: ARP_OP_REQUEST, senderMac: peerMac, senderIp: PEER, targetMac: ZERO_MAC, targetIp: ME }));
  const valid = (): Uint8Array => {
    switch (rnd.int(8)) {
      case 0: return arpFrame(BROADCAST_MAC, { operation: ARP_OP_REQUEST, senderMac: macFor(100 + rnd.int(1000)), senderIp: ip('10.0.0.0') + 3 + rnd.int(250), targetMac: ZERO_MAC, targetIp: ME });
      case 1: return ipFrame(myMac, peerMac, icmpDatagram(PEER, ME, { type: 'echo-request', ident: rnd.int(65536), seq: rnd.int(65536), data: rnd.bytes(rnd.int(100)) }));
      case 2: return ipFrame(myMac, peerMac, udpDatagram(PEER, ME, 1000 + rnd.int(1000), rnd.chance(0.5) ? 7 : 9, rnd.bytes(rnd.int(200))));
      case 3: return ipFrame(myMac, peerMac, syn(1024 + rnd.int(60000), rnd.nextU32()));
      case 4: // first fragments of datagrams that never complete
        return ipFrame(myMac, peerMac, fragment({ src: PEER, dst: ME, protocol: PROTO_UDP, ident: rnd.int(65536) }, 8 * rnd.int(100), true, rnd.bytes(8 * (1 + rnd.int(180)))));
      case 5: return ipFrame(myMac, peerMac, udpDatagram(ip('10.0.0.53'), ME, 53, 49152 + rnd.int(16384), rnd.bytes(rnd.int(300))));
      case 6: return ipFrame(BROADCAST_MAC, peerMac, udpDatagram(PEER, 0xffffffff, 67, 68, rnd.bytes(rnd.int(400))));
      default: return rnd.bytes(rnd.int(1600));
    }
  };
  const mutate = (f: Uint8Array): Uint8Array => {
    const g = f.slice();
    switch (rnd.int(6)) {
      case 0: return g.subarray(0, rnd.int(g.length + 1)); // truncated anywhere
      case 1: for (let i = 0; i < 1 + rnd.int(4); i++) g[rnd.int(g.length)] = rnd.int(256); return g; // bad checksums etc.
      case 2: if (g.length > 18) { g[16] = 0xff; g[17] = 0xff; } return g; // IPv4 total length 65535
      case 3: if (g.length > 14) g[14] = 0x40 | rnd.int(16); return g; // absurd IHL
      case 4: if (g.length > 40) { g[38] = rnd.int(256); g[39] = rnd.int(256); } return g; // UDP length
      default: return g;
    }
  };
  let now = 0;
  const N = 20_000;
  for (let i = 0; i < N; i++) {
    const f = valid();
    s.receive(now, rnd.chance(0.6) ? mutate(f) : f);
    if (i % 50 === 0) {
      // The application keeps sending to addresses nobody answers for, filling the ARP queues.
      try { s.udp.bind(0, 0).send(now, rnd.bytes(rnd.int(1400)), 9, ip('10.0.0.0') + 3 + rnd.int(250)); } catch { /* ENOBUFS-like drops are fine */ }
      s.poll(now, tx);
      now += 7;
      const m = s.memoryStats();
      assert.ok(m.reassemblyDatagrams <= 16 && m.reassemblyBytes <= 256 * 1024, JSON.stringify(m));
      assert.ok(m.neighborEntries <= 256 && m.arpPendingAddresses <= 16 && m.arpQueuedBytes <= 256 * 1024, JSON.stringify(m));
      assert.ok(m.egressQueued <= 256 && m.loopbackQueued === 0, JSON.stringify(m));
    }
  }
  const c = s.counters;
  assert.equal(c.rxPackets, N + 1);
  assert.ok(s.iface.counters.totalDrops() > N / 4, 'most mutated frames were counted as drops');
  assert.ok(s.iface.reassembler.evicted > 0, 'the fragment flood hit the reassembly bounds');
  for (const reason of ['eth-truncated', 'ipv4-bad-checksum', 'ipv4-truncated', 'ipv4-bad-header-length', 'udp-bad-checksum', 'arp-too-many-pending'])
    assert.ok((c.drops[reason] ?? 0) > 0, `no ${reason} drops: ${JSON.stringify(c.drops)}`);
  // Let every timer run out: reassembly buffers and ARP queues empty themselves.
  for (let t = now; t < now + 120_000; t += 500) s.poll(t, tx);
  now += 120_000;
  const m = s.memoryStats();
  assert.ok((s.counters.drops['frag-timeout'] ?? 0) > 0);
  assert.equal(m.reassemblyDatagrams, 0);
  assert.equal(m.reassemblyBytes, 0);
  assert.equal(m.arpQueuedDatagrams, 0);
  assert.ok(transmitted > 0);
  // Still alive: a ping gets its answer.
  s.receive(now, ipFrame(myMac, peerMac, icmpDatagram(PEER, ME, { type: 'echo-request', ident: 42, seq: 1, data: bytesOf('alive') })));
  s.receive(now, arpFrame(BROADCAST_MAC, { operation: ARP_OP_REQUEST, senderMac: peerMac, senderIp: PEER, targetMac: ZERO_MAC, targetIp: ME }));
  const replies: Uint8Array[] = [];
  s.poll(now, (f) => replies.push(f.slice()));
  const echo = replies.map((f) => new EthernetFrame(f)).filter((e) => e.etherType === ETHERTYPE_IPV4).map((e) => new Ipv4Packet(e.payload)).find((p) => p.protocol === PROTO_ICMP);
  assert.ok(echo, 'echo reply sent');
  const r = Icmpv4Repr.parse(new Icmpv4Packet(echo.payload));
  assert.ok(typeof r !== 'string' && r.type === 'echo-reply' && textOf(r.data) === 'alive');
});
