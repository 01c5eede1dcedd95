import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DhcpClient, type DhcpLease } from './client';
import { Prng } from '../testing/prng';
import { ip, macFor } from '../testing/harness';
import { DhcpRepr, BOOTREPLY, DHCPDISCOVER, DHCPOFFER, DHCPREQUEST, DHCPACK, DHCPNAK, DHCPRELEASE } from '../wire/dhcp';
import { IPV4_BROADCAST } from '../wire/ipv4';

const mac = macFor(1);
const SERVER = ip('10.0.2.2');
const ADDR = ip('10.0.2.15');

interface Sent { at: number; msg: DhcpRepr; src: number; dst: number }

function setup(hostname?: string) {
  const leases: (DhcpLease | undefined)[] = [];
  const c = new DhcpClient({ mac, random: new Prng(42).randomFn(), hostname, onLease: (l) => leases.push(l) });
  const sent: Sent[] = [];
  let next: number | undefined;
  const poll = (now: number) => { next = c.poll(now, (msg, src, dst) => sent.push({ at: now, msg, src, dst })); return next; };
  /** Polls at every deadline up to `until`. */
  const runTo = (until: number) => { for (let guard = 0; next !== undefined && next <= until && guard < 1000; guard++) poll(next); };
  return { c, sent, leases, poll, runTo, get next() { return next; } };
}

function reply(req: DhcpRepr, type: number, extra: Partial<DhcpRepr> = {}): DhcpRepr {
  return { op: BOOTREPLY, messageType: type, xid: req.xid, secs: 0, broadcast: req.broadcast, clientMac: mac, clientIp: 0,
    yourIp: type === DHCPNAK ? 0 : ADDR, serverIp: 0, relayIp: 0, serverIdentifier: SERVER, ...extra };
}

test('dhcp client: DISCOVER retransmits with randomised exponential backoff (RFC 2131 4.1)', () => {
  const s = setup('nephos');
  s.c.start(0);
  s.poll(0);
  s.runTo(300_000);
  const d = s.sent.filter((x) => x.msg.messageType === DHCPDISCOVER);
  assert.ok(d.length >= 7);
  const m = d[0].msg;
  assert.equal(d[0].src, 0);
  assert.equal(d[0].dst, IPV4_BROADCAST);
  assert.equal(m.broadcast, true);
  assert.equal(m.hostname, 'nephos');
  assert.deepEqual(m.clientIdentifier, new Uint8Array([1, ...mac]));
  assert.ok(m.parameterRequestList!.includes(1) && m.parameterRequestList!.includes(3) && m.parameterRequestList!.includes(6));
  const gaps = d.slice(1).map((x, i) => x.at - d[i].at);
  const bases = [4000, 8000, 16000, 32000, 64000, 64000];
  for (let i = 0; i < bases.length; i++) assert.ok(Math.abs(gaps[i] - bases[i]) <= 1000, `gap ${i}: ${gaps[i]}`);
  assert.ok(new Set(gaps.map((g, i) => g - bases[i])).size > 1, 'randomised');
  assert.equal(d[2].msg.secs, Math.floor(d[2].at / 1000)); // seconds since the exchange began
  assert.ok(d.every((x) => x.msg.xid === m.xid));
});

test('dhcp client: OFFER -> REQUEST -> ACK binds with T1/T2 defaults', () => {
  const s = setup();
  s.c.start(1000);
  s.poll(1000);
  const discover = s.sent[0].msg;
  assert.equal(s.c.input(1100, reply({ ...discover, xid: discover.xid + 1 }, DHCPOFFER)), 'dhcp-not-ours');
  assert.equal(s.c.input(1100, reply(discover, DHCPACK)), 'dhcp-unexpected');
  assert.equal(s.c.input(1100, reply(discover, DHCPOFFER)), undefined);
  assert.equal(s.c.state, 'requesting');
  s.poll(1100);
  const req = s.sent[1];
  assert.equal(req.msg.messageType, DHCPREQUEST);
  assert.equal(req.msg.requestedIp, ADDR);
  assert.equal(req.msg.serverIdentifier, SERVER);
  assert.equal(req.msg.clientIp, 0);
  assert.equal(req.dst, IPV4_BROADCAST);
  assert.equal(req.msg.xid, discover.xid);
  assert.equal(s.c.input(1200, reply(req.msg, DHCPACK, { leaseTime: 1000, subnetMask: 0xffffff00, routers: [SERVER], dnsServers: [ip('10.0.2.3')], domainName: 'lan' })), undefined);
  assert.equal(s.c.state, 'bound');
  assert.deepEqual(s.leases, [{ address: ADDR, prefixLength: 24, gateway: SERVER, dnsServers: [ip('10.0.2.3')], domainName: 'lan',
    serverId: SERVER, leaseTime: 1000, obtainedAt: 1200, renewAt: 1200 + 500_000, rebindAt: 1200 + 875_000, expiresAt: 1200 + 1_000_000 }]);
  assert.equal(s.poll(1300), 1200 + 500_000);
});

test('dhcp client: renewing (unicast), rebinding (broadcast), expiry', () => {
  const s = setup();
  s.c.start(0); s.poll(0);
  s.c.input(0, reply(s.sent[0].msg, DHCPOFFER)); s.poll(0);
  s.c.input(0, reply(s.sent[1].msg, DHCPACK, { leaseTime: 1000, renewalTime: 400, rebindingTime: 800 }));
  s.poll(0);
  s.runTo(1_100_000);
  const after = s.sent.slice(2);
  // RENEWING from T1 = 400 s, retransmitting after max(half the time left to T2, 60 s): 400, 600, 700, 760.
  // REBINDING from T2 = 800 s, the same towards expiry: 800, 900, 960.
  const renew = after.filter((x) => x.dst === SERVER);
  const rebind = after.filter((x) => x.dst === IPV4_BROADCAST && x.msg.messageType === DHCPREQUEST);
  assert.deepEqual(renew.map((x) => x.at), [400_000, 600_000, 700_000, 760_000]);
  for (const r of renew) { assert.equal(r.msg.clientIp, ADDR); assert.equal(r.src, ADDR); assert.equal(r.msg.serverIdentifier, undefined); assert.equal(r.msg.requestedIp, undefined); }
  assert.deepEqual(rebind.map((x) => x.at), [800_000, 900_000, 960_000]);
  assert.ok(rebind.every((x) => x.msg.xid === renew[0].msg.xid));
  // Expiry at 1000 s: the lease is gone and discovery starts over.
  assert.equal(s.leases[s.leases.length - 1], undefined);
  assert.equal(s.c.lease, undefined);
  assert.ok(after.some((x) => x.at === 1_000_000 && x.msg.messageType === DHCPDISCOVER));
});

test('dhcp client: an ACK while renewing extends the lease; NAK restarts; REQUESTING gives up', () => {
  const s = setup();
  s.c.start(0); s.poll(0);
  s.c.input(0, reply(s.sent[0].msg, DHCPOFFER)); s.poll(0);
  s.c.input(0, reply(s.sent[1].msg, DHCPACK, { leaseTime: 100 }));
  s.poll(0);
  s.runTo(50_000);
  const renew = s.sent[s.sent.length - 1];
  assert.equal(s.c.state, 'renewing');
  s.c.input(50_100, reply(renew.msg, DHCPACK, { leaseTime: 100, clientIp: ADDR }));
  assert.equal(s.c.state, 'bound');
  assert.equal(s.c.lease!.expiresAt, 150_100);
  // NAK while renewing: address given up, DISCOVER after 1 s.
  s.poll(50_100);
  s.runTo(100_200);
  assert.equal(s.c.state, 'renewing');
  s.c.input(100_200, reply(s.sent[s.sent.length - 1].msg, DHCPNAK));
  assert.equal(s.c.lease, undefined);
  assert.equal(s.c.state, 'selecting');
  assert.equal(s.poll(100_200), 101_200);
  // Offers keep coming but no ACK: after 4 REQUESTs, back to DISCOVER.
  s.poll(101_200);
  const d = s.sent[s.sent.length - 1].msg;
  assert.equal(d.messageType, DHCPDISCOVER);
  s.c.input(101_300, reply(d, DHCPOFFER));
  s.poll(101_300);
  s.runTo(200_000);
  const types = s.sent.slice(s.sent.indexOf(s.sent.find((x) => x.msg === d)!) + 1).map((x) => x.msg.messageType);
  assert.deepEqual(types.slice(0, 5), [DHCPREQUEST, DHCPREQUEST, DHCPREQUEST, DHCPREQUEST, DHCPDISCOVER]);
});

test('dhcp client: odd leases (no mask, T2 > lease, infinite) and RELEASE', () => {
  const s = setup();
  s.c.start(0); s.poll(0);
  s.c.input(0, reply(s.sent[0].msg, DHCPOFFER)); s.poll(0);
  s.c.input(0, reply(s.sent[1].msg, DHCPACK, { leaseTime: 100, renewalTime: 500, rebindingTime: 900, yourIp: ip('172.16.5.5') }));
  const l = s.c.lease!;
  assert.equal(l.prefixLength, 16); // class B fallback
  assert.equal(l.rebindAt, 87_000); // T2 beyond the lease is replaced by floor(0.875 * lease) s
  assert.ok(l.renewAt <= l.rebindAt);
  const inf = setup();
  inf.c.start(0); inf.poll(0);
  inf.c.input(0, reply(inf.sent[0].msg, DHCPOFFER)); inf.poll(0);
  inf.c.input(0, reply(inf.sent[1].msg, DHCPACK, { leaseTime: 0xffffffff }));
  assert.equal(inf.c.lease!.expiresAt, Infinity);
  assert.equal(inf.poll(1), undefined);
  inf.c.stop(true);
  inf.poll(2);
  const rel = inf.sent[inf.sent.length - 1];
  assert.equal(rel.msg.messageType, DHCPRELEASE);
  assert.equal(rel.msg.clientIp, ADDR);
  assert.equal(rel.dst, SERVER);
  assert.equal(inf.c.state, 'stopped');
  assert.equal(inf.leases[inf.leases.length - 1], undefined);
});
