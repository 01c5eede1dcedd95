// The flood's frame builders against the guest's own stack, in process (no VM): the SYNs are
// valid (the stack answers them with SYN-ACKs), and every malformed kind is refused and counted
// as a drop, never thrown. A cross-check of two independent encoders and a guard that the flood
// test really sends what it claims to.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NetStack } from '../../os/net/stack';
import { Prng } from '../../os/net/testing/prng';
import { arpRequest, checksum, ipU32, MALFORMED_KINDS, malformed, macBytes, synFlood, type WireEnds } from './frames';

const ends: WireEnds = { vmMac: '52:54:00:12:34:56', vmIp: '10.77.0.2', srcMac: '02:00:00:00:00:01', srcIp: '10.77.0.1' };

function stack(): { s: NetStack; out: Buffer[] } {
  const rng = new Prng(9);
  const s = new NetStack({
    device: { mac: macBytes(ends.vmMac), mtu: 1500 },
    random: rng.randomFn(),
    config: { kind: 'static', address: ipU32(ends.vmIp), prefixLength: 24, gateway: ipU32('10.77.0.1') },
  });
  s.tcp.listen(0, 8080, { backlog: 128 }, () => {});
  const out: Buffer[] = [];
  // The gateway introduces itself (the guest learns a sender that asks for its address).
  s.receive(0, arpRequest(ends.srcMac, ends.srcIp, ends.vmIp));
  s.poll(0, (f) => void out.push(Buffer.from(f)));
  out.length = 0;
  return { s, out };
}

test('checksum: RFC 1071 example and odd lengths', () => {
  // RFC 1071 section 3's example words 0001 f203 f4f5 f6f7 sum to 0xddf2 (checksum 0x220d).
  assert.equal(checksum(Buffer.from('0001f203f4f5f6f7', 'hex')), 0x220d);
  assert.equal(checksum(Buffer.from([0xff])), ~0xff00 & 0xffff);
  assert.equal(checksum(Buffer.alloc(0)), 0xffff);
});

test('synFlood: the guest stack takes every SYN as valid (no drops) and answers', () => {
  const { s, out } = stack();
  let n = 0;
  for (const f of synFlood(new Prng(1), ends, 8080, 64)) {
    s.receive(1000 + n, f);
    n++;
  }
  s.poll(2000, (f) => void out.push(Buffer.from(f)));
  assert.deepEqual(s.counters.drops, {});
  // SYN-ACKs (flags 0x12) to the off-link sources go out via the gateway at once; the on-link
  // ones wait for ARP (requests go out instead).
  const synAcks = out.filter((f) => f.readUInt16BE(12) === 0x0800 && f[23] === 6 && f[14 + 20 + 13] === 0x12);
  const arps = out.filter((f) => f.readUInt16BE(12) === 0x0806);
  assert.ok(synAcks.length >= 48, `SYN-ACKs: ${synAcks.length}`);
  assert.ok(arps.length >= 1, 'ARP requests for the on-link sources');
});

test('every malformed kind is dropped and counted by the guest stack, none answered, none thrown', () => {
  for (const kind of MALFORMED_KINDS) {
    const { s, out } = stack();
    const rng = new Prng(5);
    const dropsNow = () => Object.values(s.counters.drops).reduce((a, b) => a + b, 0) + Object.values(s.tcp.stats.drops).reduce((a, b) => a + b, 0);
    const before = dropsNow();
    const frames = 40;
    for (let i = 0; i < frames; i++) s.receive(1000 + i, malformed(kind, rng, ends));
    s.poll(2000, (f) => void out.push(Buffer.from(f)));
    const c = s.counters;
    const drops = dropsNow() - before;
    const mem = s.memoryStats();
    if (kind.startsWith('fragment-never') || kind === 'fragment-overlapping') {
      // Held for reassembly (bounded), or poisoned by overlap: not answered either way.
      assert.ok(mem.reassemblyDatagrams <= 16, `${kind}: ${mem.reassemblyDatagrams} datagrams held`);
    } else {
      assert.equal(drops, frames, `${kind}: ${drops} of ${frames} counted as drops (${JSON.stringify(c.drops)} ${JSON.stringify(s.tcp.stats.drops)})`);
    }
    const answers = out.filter((f) => f.readUInt16BE(12) === 0x0800 && f[23] === 6);
    assert.equal(answers.length, 0, `${kind}: a TCP answer to a malformed frame`);
  }
});
