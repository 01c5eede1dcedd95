import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Interface, type UpperLayers, type IcmpErrorInfo } from './interface';
import { Prng } from '../testing/prng';
import { ip, macFor, bytesOf } from '../testing/harness';
import { arpFrame, ipFrame, ipv4, udpDatagram, icmpDatagram, fragments, fragment } from '../testing/frames';
import { EthernetFrame, BROADCAST_MAC, ZERO_MAC, ETHERTYPE_ARP, ETHERTYPE_IPV4, formatMac } from '../wire/ethernet';
import { ArpPacket, ArpRepr, ARP_OP_REQUEST, ARP_OP_REPLY } from '../wire/arp';
import { Ipv4Packet, PROTO_UDP, PROTO_ICMP, PROTO_TCP, IPV4_BROADCAST } from '../wire/ipv4';
import { Icmpv4Packet, Icmpv4Repr } from '../wire/icmpv4';

const ME = ip('10.0.0.1');
const PEER = ip('10.0.0.2');
const GW = ip('10.0.0.254');
const myMac = macFor(1);
const peerMac = macFor(2);

interface Recorded { tcp: [number, number, Uint8Array][]; udp: [number, number, Uint8Array, boolean, boolean][]; icmpErrors: IcmpErrorInfo[]; echo: number[] }

function setup(opts: { udpAnswer?: 'delivered' | 'no-socket'; config?: boolean } = {}) {
  const iface = new Interface({ mac: myMac, mtu: 1500, random: new Prng(9).randomFn() });
  const rec: Recorded = { tcp: [], udp: [], icmpErrors: [], echo: [] };
  const upper: UpperLayers = {
    tcp: (_now, src, dst, seg) => { rec.tcp.push([src, dst, seg.slice()]); },
    udp: (_now, src, dst, d, b, u) => { rec.udp.push([src, dst, d.slice(), b, u]); return opts.udpAnswer ?? 'delivered'; },
    icmpError: (_now, info) => { rec.icmpErrors.push(info); },
    echoReply: (_now, _src, _ident, seq) => { rec.echo.push(seq); },
  };
  iface.setUpperLayers(upper);
  if (opts.config !== false) iface.configure(-2000, { address: ME, prefixLength: 24, gateway: GW });
  const flush = (now: number) => {
    const out: Uint8Array[] = [];
    iface.attachTransmit((f) => out.push(f.slice()));
    iface.processLoopback(now);
    const next = iface.pollTimers(now);
    iface.detachTransmit();
    return { out, next };
  };
  if (opts.config !== false) { flush(-2000); flush(0); } // the two RFC 5227 announcements
  return { iface, rec, flush };
}

function arpOf(frame: Uint8Array): ArpRepr {
  const eth = EthernetFrame.checked(frame) as EthernetFrame;
  assert.equal(eth.etherType, ETHERTYPE_ARP);
  return ArpRepr.parse(ArpPacket.checked(eth.payload) as ArpPacket) as ArpRepr;
}

function ipOf(frame: Uint8Array): Ipv4Packet {
  const eth = EthernetFrame.checked(frame) as EthernetFrame;
  assert.equal(eth.etherType, ETHERTYPE_IPV4);
  const p = Ipv4Packet.checked(eth.payload) as Ipv4Packet;
  assert.ok(p.verifyChecksum());
  return p;
}

test('interface: answers ARP requests for its address and learns the asker', () => {
  const { iface, flush } = setup();
  iface.receive(1, arpFrame(BROADCAST_MAC, { operation: ARP_OP_REQUEST, senderMac: peerMac, senderIp: PEER, targetMac: ZERO_MAC, targetIp: ME }));
  const { out } = flush(1);
  assert.equal(out.length, 1);
  assert.equal(formatMac(new EthernetFrame(out[0]).dstMac), formatMac(peerMac));
  assert.deepEqual(arpOf(out[0]), { operation: ARP_OP_REPLY, senderMac: myMac, senderIp: ME, targetMac: peerMac, targetIp: PEER });
  assert.ok(iface.neighbors.has(PEER));
  // A request for someone else is neither answered nor learnt from (RFC 826 merge rule).
  iface.receive(2, arpFrame(BROADCAST_MAC, { operation: ARP_OP_REQUEST, senderMac: macFor(3), senderIp: ip('10.0.0.3'), targetMac: ZERO_MAC, targetIp: ip('10.0.0.9') }));
  assert.equal(flush(2).out.length, 0);
  assert.equal(iface.neighbors.has(ip('10.0.0.3')), false);
});

test('interface: rejects ARP from group MACs, from ourselves, and counts address conflicts', () => {
  const { iface, flush } = setup();
  iface.receive(1, arpFrame(BROADCAST_MAC, { operation: ARP_OP_REQUEST, senderMac: BROADCAST_MAC, senderIp: PEER, targetMac: ZERO_MAC, targetIp: ME }));
  iface.receive(1, arpFrame(BROADCAST_MAC, { operation: ARP_OP_REQUEST, senderMac: myMac, senderIp: PEER, targetMac: ZERO_MAC, targetIp: ME }));
  iface.receive(1, arpFrame(BROADCAST_MAC, { operation: ARP_OP_REPLY, senderMac: peerMac, senderIp: ME, targetMac: ZERO_MAC, targetIp: ME }));
  assert.equal(flush(1).out.length, 0);
  assert.equal(iface.counters.dropCount('arp-bad-sender'), 1);
  assert.equal(iface.counters.dropCount('arp-own'), 1);
  assert.equal(iface.counters.dropCount('arp-address-conflict'), 1);
});

test('interface: announces a new address twice, 2 s apart (RFC 5227)', () => {
  const iface = new Interface({ mac: myMac, mtu: 1500, random: new Prng(1).randomFn() });
  iface.configure(100, { address: ME, prefixLength: 24 });
  const frames: Uint8Array[] = [];
  iface.attachTransmit((f) => frames.push(f.slice()));
  assert.equal(iface.pollTimers(100), 2100);
  assert.equal(iface.pollTimers(2100), undefined);
  iface.detachTransmit();
  assert.equal(frames.length, 2);
  for (const f of frames) assert.deepEqual(arpOf(f), { operation: ARP_OP_REQUEST, senderMac: myMac, senderIp: ME, targetMac: ZERO_MAC, targetIp: ME });
});

test('interface: resolves the next hop, queues while resolving, retries, then gives up', () => {
  const { iface, flush } = setup();
  assert.equal(iface.sendIpv4(10, 0, ip('8.8.8.8'), PROTO_UDP, bytesOf('a')), undefined);
  assert.equal(iface.sendIpv4(10, 0, ip('8.8.4.4'), PROTO_UDP, bytesOf('b')), undefined);
  let r = flush(10);
  assert.equal(r.out.length, 1); // one request for the gateway, both datagrams wait for it
  assert.equal(arpOf(r.out[0]).targetIp, GW);
  assert.equal(r.next, 1010);
  assert.equal(iface.stats().neighbor.queuedDatagrams, 2);
  // The gateway answers: both go out, to its MAC.
  const gwMac = macFor(254);
  iface.receive(20, arpFrame(myMac, { operation: ARP_OP_REPLY, senderMac: gwMac, senderIp: GW, targetMac: myMac, targetIp: ME }));
  r = flush(20);
  assert.equal(r.out.length, 2);
  for (const f of r.out) assert.equal(formatMac(new EthernetFrame(f).dstMac), formatMac(gwMac));
  assert.deepEqual(r.out.map((f) => ipOf(f).dst), [ip('8.8.8.8'), ip('8.8.4.4')]);
  // An on-link host that never answers: 3 requests 1 s apart, then the queue is dropped.
  iface.sendIpv4(30, 0, ip('10.0.0.77'), PROTO_UDP, bytesOf('c'));
  let requests = 0;
  for (let t = 30; t < 5000; t += 10) requests += flush(t).out.length;
  assert.equal(requests, 3);
  assert.equal(iface.counters.dropCount('arp-unresolved'), 1);
  assert.equal(iface.stats().neighbor.pendingAddresses, 0);
  // No route without a default gateway.
  iface.configure(6000, { address: ME, prefixLength: 24 });
  assert.equal(iface.sendIpv4(6000, 0, ip('8.8.8.8'), PROTO_UDP, bytesOf('d')), 'no-route');
});

test('interface: answers pings, not to broadcast, and reports echo replies', () => {
  const { iface, rec, flush } = setup();
  iface.neighbors.fill(PEER, peerMac, 0);
  const req = icmpDatagram(PEER, ME, { type: 'echo-request', ident: 5, seq: 9, data: bytesOf('payload') });
  iface.receive(1, ipFrame(myMac, peerMac, req));
  const { out } = flush(1);
  assert.equal(out.length, 1);
  const reply = ipOf(out[0]);
  assert.equal(reply.src, ME); assert.equal(reply.dst, PEER); assert.equal(reply.protocol, PROTO_ICMP);
  assert.deepEqual(Icmpv4Repr.parse(new Icmpv4Packet(reply.payload)), { type: 'echo-reply', ident: 5, seq: 9, data: bytesOf('payload') });
  iface.receive(2, ipFrame(BROADCAST_MAC, peerMac, icmpDatagram(PEER, IPV4_BROADCAST, { type: 'echo-request', ident: 5, seq: 10, data: bytesOf('x') })));
  assert.equal(flush(2).out.length, 0);
  assert.equal(iface.counters.dropCount('icmp-echo-broadcast'), 1);
  iface.receive(3, ipFrame(myMac, peerMac, icmpDatagram(PEER, ME, { type: 'echo-reply', ident: 5, seq: 11, data: bytesOf('') })));
  assert.deepEqual(rec.echo, [11]);
});

test('interface: port unreachable for closed UDP ports, rate limited, never for broadcasts', () => {
  const { iface, flush } = setup({ udpAnswer: 'no-socket' });
  iface.neighbors.fill(PEER, peerMac, 0);
  const probe = udpDatagram(PEER, ME, 1234, 9, bytesOf('hello'));
  iface.receive(1, ipFrame(myMac, peerMac, probe));
  const { out } = flush(1);
  assert.equal(out.length, 1);
  const err = Icmpv4Repr.parse(new Icmpv4Packet(ipOf(out[0]).payload));
  assert.ok(typeof err !== 'string' && err.type === 'dst-unreachable');
  assert.equal(err.code, 3);
  assert.deepEqual(err.original, probe); // the whole (short) datagram is quoted
  // A burst of 100 gets the bucket's 10 minus the one already sent; 1 s later 10 more are allowed.
  for (let i = 0; i < 100; i++) iface.receive(2, ipFrame(myMac, peerMac, probe));
  assert.equal(flush(2).out.length, 9);
  assert.equal(iface.counters.dropCount('icmp-rate-limited'), 91);
  for (let i = 0; i < 100; i++) iface.receive(1002, ipFrame(myMac, peerMac, probe));
  assert.equal(flush(1002).out.length, 10);
  // Broadcast datagrams (IP or link level) never get an ICMP error (RFC 1122 3.2.2).
  iface.receive(5000, ipFrame(BROADCAST_MAC, peerMac, udpDatagram(PEER, IPV4_BROADCAST, 1, 9, bytesOf('b'))));
  iface.receive(5000, ipFrame(BROADCAST_MAC, peerMac, udpDatagram(PEER, ME, 1, 9, bytesOf('b'))));
  assert.equal(flush(5000).out.length, 0);
});

test('interface: ICMP errors quoting our datagrams reach the upper layer', () => {
  const { iface, rec } = setup();
  const ours = udpDatagram(ME, ip('10.0.0.5'), 40000, 53, bytesOf('query'));
  iface.receive(1, ipFrame(myMac, peerMac, icmpDatagram(PEER, ME, { type: 'dst-unreachable', code: 3, nextHopMtu: 0, original: ours.subarray(0, 28) })));
  assert.equal(rec.icmpErrors.length, 1);
  assert.deepEqual(rec.icmpErrors[0].quoted, { src: ME, dst: ip('10.0.0.5'), protocol: PROTO_UDP, srcPort: 40000, dstPort: 53 });
  // Not ours: dropped.
  const theirs = udpDatagram(ip('10.0.0.7'), ip('10.0.0.5'), 1, 53, bytesOf('q'));
  iface.receive(2, ipFrame(myMac, peerMac, icmpDatagram(PEER, ME, { type: 'dst-unreachable', code: 3, nextHopMtu: 0, original: theirs.subarray(0, 28) })));
  assert.equal(rec.icmpErrors.length, 1);
  assert.equal(iface.counters.dropCount('icmp-error-not-ours'), 1);
});

test('interface: IPv4 input checks', () => {
  const { iface, rec } = setup();
  const good = udpDatagram(PEER, ME, 1, 2, bytesOf('x'));
  const bad = good.slice(); bad[10] ^= 0xff;
  iface.receive(1, ipFrame(myMac, peerMac, bad));
  assert.equal(iface.counters.dropCount('ipv4-bad-checksum'), 1);
  iface.receive(1, ipFrame(myMac, peerMac, udpDatagram(PEER, ip('10.0.0.3'), 1, 2, bytesOf('x'))));
  assert.equal(iface.counters.dropCount('ipv4-not-for-us'), 1);
  iface.receive(1, ipFrame(myMac, peerMac, udpDatagram(ip('127.0.0.1'), ME, 1, 2, bytesOf('x'))));
  iface.receive(1, ipFrame(myMac, peerMac, udpDatagram(ip('224.0.0.1'), ME, 1, 2, bytesOf('x'))));
  assert.equal(iface.counters.dropCount('ipv4-bad-source'), 2);
  iface.receive(1, ipFrame(macFor(77), peerMac, good));
  assert.equal(iface.counters.dropCount('eth-not-for-us'), 1);
  iface.receive(1, ipFrame(myMac, peerMac, ipv4({ src: PEER, dst: IPV4_BROADCAST, protocol: PROTO_TCP }, new Uint8Array(20))));
  assert.equal(iface.counters.dropCount('tcp-not-unicast'), 1);
  // TTL 1 is still delivered to a host (RFC 1122 3.2.1.7).
  iface.receive(1, ipFrame(myMac, peerMac, ipv4({ src: PEER, dst: ME, protocol: PROTO_TCP, ttl: 1 }, new Uint8Array(20))));
  assert.equal(rec.tcp.length, 1);
  // Link padding after the datagram is ignored.
  const padded = new Uint8Array(good.length + 10); padded.set(good);
  iface.receive(1, ipFrame(myMac, peerMac, padded));
  assert.equal(rec.udp.length, 1);
  assert.equal(rec.udp[0][2].length, 9);
});

test('interface: reassembles fragments in any order; overlap drops the datagram', () => {
  const { iface, rec } = setup();
  const payload = new Uint8Array(3000).map((_, i) => i & 0xff);
  const whole = udpDatagram(PEER, ME, 1000, 2000, payload);
  const frags = fragments(whole, 1200);
  assert.equal(frags.length, 3);
  for (const f of [frags[2], frags[0], frags[1]]) iface.receive(1, ipFrame(myMac, peerMac, f));
  assert.equal(rec.udp.length, 1);
  assert.deepEqual(rec.udp[0][2], whole.subarray(20));
  // Duplicates of a completed datagram's fragments start a new (never completed) datagram, which
  // times out; then the overlapping case.
  const fields = { src: PEER, dst: ME, protocol: PROTO_UDP, ident: 77 };
  iface.receive(2, ipFrame(myMac, peerMac, fragment(fields, 0, true, new Uint8Array(16))));
  iface.receive(2, ipFrame(myMac, peerMac, fragment(fields, 8, false, new Uint8Array(16))));
  assert.equal(iface.counters.dropCount('frag-overlap'), 1);
  iface.receive(2, ipFrame(myMac, peerMac, fragment(fields, 16, false, new Uint8Array(8))));
  assert.equal(iface.counters.dropCount('frag-overlap'), 2); // poisoned until it times out
  assert.equal(rec.udp.length, 1);
});

test('interface: fragment reassembly times out with ICMP time exceeded if the first fragment came', () => {
  const { iface, flush } = setup();
  iface.neighbors.fill(PEER, peerMac, 0);
  const fields = { src: PEER, dst: ME, protocol: PROTO_UDP, ident: 5 };
  iface.receive(10, ipFrame(myMac, peerMac, fragment(fields, 0, true, new Uint8Array(64))));
  iface.receive(10, ipFrame(myMac, peerMac, fragment({ ...fields, ident: 6 }, 64, true, new Uint8Array(64))));
  assert.equal(iface.stats().reassembly.datagrams, 2);
  const before = flush(29_000);
  assert.equal(before.out.length, 0);
  assert.equal(before.next, 30_010);
  const { out } = flush(30_010);
  assert.equal(iface.stats().reassembly.datagrams, 0);
  assert.equal(iface.counters.dropCount('frag-timeout'), 2);
  assert.equal(out.length, 1); // only the datagram whose first fragment arrived
  const m = Icmpv4Repr.parse(new Icmpv4Packet(ipOf(out[0]).payload));
  assert.ok(typeof m !== 'string' && m.type === 'time-exceeded' && m.code === 1);
});

test('interface: fragments large datagrams on output; DF refuses them', () => {
  const { iface, flush } = setup();
  iface.neighbors.fill(PEER, peerMac, 0);
  const payload = new Uint8Array(4000).map((_, i) => (i * 7) & 0xff);
  assert.equal(iface.sendIpv4(1, 0, PEER, PROTO_UDP, payload), undefined);
  const { out } = flush(1);
  assert.equal(out.length, 3);
  const parts = out.map(ipOf);
  assert.deepEqual(parts.map((p) => [p.fragmentOffset, p.moreFragments, p.totalLength]), [[0, true, 1500], [1480, true, 1500], [2960, false, 1060]]);
  assert.ok(parts.every((p) => p.ident === parts[0].ident));
  const joined = new Uint8Array(4000);
  for (const p of parts) joined.set(p.payload, p.fragmentOffset);
  assert.deepEqual(joined, payload);
  assert.equal(iface.sendIpv4(1, 0, PEER, PROTO_UDP, payload, true), 'too-big');
  assert.equal(iface.sendIpv4(1, 0, PEER, PROTO_UDP, new Uint8Array(65536)), 'too-big');
});

test('interface: unconfigured, it hands UDP to the DHCP path and sends from 0.0.0.0 to broadcast', () => {
  const { iface, rec, flush } = setup({ config: false });
  iface.receive(1, ipFrame(myMac, peerMac, udpDatagram(PEER, ip('10.0.0.50'), 67, 68, bytesOf('offer'))));
  assert.equal(rec.udp.length, 1);
  assert.equal(rec.udp[0][4], true); // unconfigured
  iface.receive(1, ipFrame(myMac, peerMac, ipv4({ src: PEER, dst: ip('10.0.0.50'), protocol: PROTO_TCP }, new Uint8Array(20))));
  assert.equal(rec.tcp.length, 0);
  assert.equal(iface.sendIpv4(1, 0, IPV4_BROADCAST, PROTO_UDP, bytesOf('discover')), undefined);
  assert.equal(iface.sendIpv4(1, 0, PEER, PROTO_UDP, bytesOf('x')), 'no-address');
  const { out } = flush(1);
  assert.equal(out.length, 1);
  assert.equal(formatMac(new EthernetFrame(out[0]).dstMac), 'ff:ff:ff:ff:ff:ff');
  assert.equal(ipOf(out[0]).src, 0);
});

test('interface: the owned-headroom path writes headers in front of the payload without copying', () => {
  const { iface } = setup();
  iface.neighbors.fill(PEER, peerMac, 0);
  const buf = new Uint8Array(34 + 10);
  const seg = buf.subarray(34);
  seg.set(bytesOf('0123456789'));
  let sent: Uint8Array | undefined;
  iface.attachTransmit((f) => { sent = f; });
  assert.equal(iface.sendIpv4Owned(1, ME, PEER, PROTO_TCP, seg), undefined);
  iface.detachTransmit();
  assert.ok(sent);
  assert.equal(sent!.buffer, buf.buffer); // the same memory: no copy
  assert.equal(sent!.length, 44);
  assert.equal(ipOf(sent!).protocol, PROTO_TCP);
});
