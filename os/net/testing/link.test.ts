import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Simulation, type Endpoint } from './link';
import { PcapWriter, readPcap } from './pcap';
import { Prng } from './prng';
import { toHex } from './hex';
import { addHost, ip } from './harness';

test('pcap: global header and records in libpcap format', () => {
  const w = new PcapWriter();
  w.write(1500.25, new Uint8Array([1, 2, 3]));
  const b = w.bytes();
  assert.equal(toHex(b.subarray(0, 24)), 'd4 c3 b2 a1 02 00 04 00 00 00 00 00 00 00 00 00 ff ff 00 00 01 00 00 00');
  // ts 1 s 500250 us, caplen 3, len 3
  assert.equal(toHex(b.subarray(24, 40)), '01 00 00 00 1a a2 07 00 03 00 00 00 03 00 00 00');
  assert.deepEqual(readPcap(b), [{ timeMs: 1500.25, frame: new Uint8Array([1, 2, 3]) }]);
});

/** Sends `count` numbered frames from one endpoint to the other at 1 ms intervals. */
function blast(seed: number, impairment: object, count: number) {
  const sim = new Simulation({ seed });
  const got: number[] = [];
  let sent = 0;
  const sender: Endpoint = {
    receive() {},
    poll(now, tx) {
      if (sent < count && now >= sent) { const f = new Uint8Array(64); f[14] = sent >> 8; f[15] = sent & 0xff; tx(f); sent++; }
      return sent < count ? sent : undefined;
    },
  };
  const receiver: Endpoint = { receive(_now, f) { got.push((f[14] << 8) | f[15]); }, poll: () => undefined };
  sim.add(sender, 'tx'); sim.add(receiver, 'rx');
  const link = sim.link([sender, receiver], impairment);
  sim.run(count + 1000);
  return { got, link, sim };
}

test('link: impairments happen at about their configured rates and are deterministic per seed', () => {
  const n = 5000;
  const { got, link } = blast(1, { loss: 0.2, duplicate: 0.1, reorder: 0.3, corrupt: 0.1 }, n);
  assert.ok(Math.abs(link.stats.lost / n - 0.2) < 0.03, `lost ${link.stats.lost}`);
  assert.ok(Math.abs(link.stats.duplicated / (n - link.stats.lost) - 0.1) < 0.03);
  assert.ok(link.stats.reordered > 0 && link.stats.corrupted > 0);
  let inversions = 0;
  for (let i = 1; i < got.length; i++) if (got[i] < got[i - 1]) inversions++;
  assert.ok(inversions > 100, 'frames were reordered');
  const again = blast(1, { loss: 0.2, duplicate: 0.1, reorder: 0.3, corrupt: 0.1 }, n);
  assert.deepEqual(again.got, got);
  const other = blast(2, { loss: 0.2 }, n);
  assert.notDeepEqual(other.got, got);
  const clean = blast(3, {}, 100);
  assert.deepEqual(clean.got, Array.from({ length: 100 }, (_, i) => i));
});

test('link: the simulated clock jumps to the next deadline, and a whole run is reproducible', () => {
  const run = () => {
    const sim = new Simulation({ seed: 99 });
    const a = addHost(sim, 'a', '10.1.0.1/24');
    const b = addHost(sim, 'b', '10.1.0.2/24');
    sim.link([a, b], { loss: 0.1, jitterMs: 3 });
    let replies = 0;
    a.onEchoReply = () => { replies++; };
    for (let i = 0; i < 20; i++) { a.ping(sim.now, ip('10.1.0.2'), 1, i); sim.run(1000); }
    return { replies, pcap: sim.pcap.bytes(), now: sim.now };
  };
  const r1 = run();
  const r2 = run();
  assert.ok(r1.replies >= 10);
  assert.equal(r1.now, 20_000);
  assert.deepEqual(r1.pcap, r2.pcap);
  assert.equal(new Prng(5).nextU32(), new Prng(5).nextU32());
});
