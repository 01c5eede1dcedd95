import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UdpLayer, UDP_MAX_PAYLOAD } from './udp';
import { Prng } from './testing/prng';
import { ip, bytesOf, textOf } from './testing/harness';
import { UdpPacket, UdpRepr } from './wire/udp';
import { PROTO_UDP } from './wire/ipv4';

const ME = ip('10.0.0.1');
const PEER = ip('10.0.0.2');
const BCAST = ip('10.0.0.255');

function setup() {
  const sent: { src: number; dst: number; datagram: Uint8Array }[] = [];
  const drops: string[] = [];
  const udp = new UdpLayer({
    random: new Prng(3).randomFn(),
    sourceFor: (dst) => (dst === ip('192.0.2.1') ? undefined : ME),
    isLocalAddress: (a) => a === ME,
    isBroadcastAddress: (a) => a === BCAST || a === 0xffffffff,
    output: (_now, src, dst, datagram) => { sent.push({ src, dst, datagram }); return undefined; },
    drop: (r) => drops.push(r),
  });
  return { udp, sent, drops };
}

function datagram(src: number, dst: number, srcPort: number, dstPort: number, text: string): Uint8Array {
  const repr = { srcPort, dstPort, payload: bytesOf(text) };
  const b = new Uint8Array(UdpRepr.bufferLen(repr));
  UdpRepr.emit(repr, new UdpPacket(b), src, dst);
  return b;
}

test('udp: bind rules (any vs specific, ephemeral ports, reuseAddr, EADDRNOTAVAIL)', () => {
  const { udp } = setup();
  const a = udp.bind(0, 5000);
  assert.throws(() => udp.bind(0, 5000), { code: 'EADDRINUSE', syscall: 'bind', message: 'bind EADDRINUSE 0.0.0.0:5000' });
  assert.throws(() => udp.bind(ME, 5000), { code: 'EADDRINUSE' });
  assert.throws(() => udp.bind(ip('10.9.9.9'), 5001), { code: 'EADDRNOTAVAIL' });
  a.close();
  const b = udp.bind(ME, 5000);
  assert.equal(b.localAddress, ME);
  udp.bind(0, 6000, { reuseAddr: true });
  udp.bind(0, 6000, { reuseAddr: true });
  assert.throws(() => udp.bind(0, 6000), { code: 'EADDRINUSE' });
  const ports = new Set<number>();
  for (let i = 0; i < 200; i++) ports.add(udp.bind(0, 0).localPort);
  assert.equal(ports.size, 200);
  assert.ok([...ports].every((p) => p >= 49152 && p <= 65535));
  // Random, not sequential (RFC 6056): consecutive ports are rarely adjacent.
  const list = [...ports];
  let adjacent = 0;
  for (let i = 1; i < list.length; i++) if (Math.abs(list[i] - list[i - 1]) === 1) adjacent++;
  assert.ok(adjacent < 10);
});

test('udp: send builds a checksummed datagram from the chosen source', () => {
  const { udp, sent } = setup();
  const s = udp.bind(0, 4000);
  s.send(0, bytesOf('hello'), 53, PEER);
  assert.equal(sent.length, 1);
  assert.equal(sent[0].src, ME);
  const p = UdpPacket.checked(sent[0].datagram) as UdpPacket;
  assert.equal(p.verifyChecksum(ME, PEER), true);
  assert.deepEqual(UdpRepr.parse(p, ME, PEER), { srcPort: 4000, dstPort: 53, payload: bytesOf('hello') });
  assert.throws(() => s.send(0, bytesOf('x'), 53, BCAST), { code: 'EACCES' });
  s.setBroadcast(true);
  s.send(0, bytesOf('x'), 53, BCAST);
  assert.throws(() => s.send(0, new Uint8Array(UDP_MAX_PAYLOAD + 1), 53, PEER), { code: 'EMSGSIZE' });
  assert.throws(() => s.send(0, bytesOf('x'), 0, PEER), { code: 'EINVAL' });
  assert.throws(() => s.send(0, bytesOf('x'), 53, ip('192.0.2.1')), { code: 'ENETUNREACH' });
  assert.throws(() => s.send(0, bytesOf('x')), { code: 'ERR_SOCKET_DGRAM_NOT_CONNECTED' });
  s.close();
  assert.throws(() => s.send(0, bytesOf('x'), 53, PEER), { code: 'EBADF' });
  assert.equal(PROTO_UDP, 17);
});

test('udp: delivery picks connected, then specific, then any; broadcasts reach all', () => {
  const { udp, drops } = setup();
  const got: string[] = [];
  const any = udp.bind(0, 7000, { reuseAddr: true });
  const specific = udp.bind(ME, 7000, { reuseAddr: true });
  const connected = udp.bind(0, 7000, { reuseAddr: true });
  connected.connect(PEER, 9);
  any.onMessage = (d) => got.push(`any:${textOf(d)}`);
  specific.onMessage = (d) => got.push(`specific:${textOf(d)}`);
  connected.onMessage = (d, r) => got.push(`connected:${textOf(d)}:${r.port}`);
  assert.equal(udp.input(0, PEER, ME, datagram(PEER, ME, 9, 7000, 'a'), false), 'delivered');
  assert.equal(udp.input(0, PEER, ME, datagram(PEER, ME, 10, 7000, 'b'), false), 'delivered');
  specific.close();
  assert.equal(udp.input(0, PEER, ME, datagram(PEER, ME, 10, 7000, 'c'), false), 'delivered');
  assert.equal(udp.input(0, PEER, BCAST, datagram(PEER, BCAST, 10, 7000, 'd'), true), 'delivered');
  assert.deepEqual(got, ['connected:a:9', 'specific:b', 'any:c', 'any:d']);
  assert.equal(udp.input(0, PEER, ME, datagram(PEER, ME, 10, 7001, 'e'), false), 'no-socket');
  const bad = datagram(PEER, ME, 10, 7000, 'f'); bad[8] ^= 1;
  assert.equal(udp.input(0, PEER, ME, bad, false), 'dropped');
  assert.equal(udp.input(0, PEER, ME, bad.subarray(0, 5), false), 'dropped');
  assert.deepEqual(drops, ['udp-bad-checksum', 'udp-truncated']);
});

test('udp: ICMP errors reach only the connected socket they concern', () => {
  const { udp } = setup();
  const c = udp.bind(0, 0);
  c.connect(PEER, 53);
  const other = udp.bind(0, 0);
  const errs: string[] = [];
  c.onError = (e) => errs.push(`${e.code} ${e.message}`);
  other.onError = () => assert.fail('unconnected sockets are not told');
  udp.icmpError(0, { type: 'dst-unreachable', code: 3, nextHopMtu: 0, reporter: PEER, quoted: { src: ME, dst: PEER, protocol: 17, srcPort: c.localPort, dstPort: 53 } });
  udp.icmpError(0, { type: 'dst-unreachable', code: 3, nextHopMtu: 0, reporter: PEER, quoted: { src: ME, dst: PEER, protocol: 17, srcPort: other.localPort, dstPort: 53 } });
  udp.icmpError(0, { type: 'dst-unreachable', code: 1, nextHopMtu: 0, reporter: PEER, quoted: { src: ME, dst: PEER, protocol: 17, srcPort: c.localPort, dstPort: 54 } });
  assert.deepEqual(errs, ['ECONNREFUSED recv ECONNREFUSED 10.0.0.2:53']);
});
