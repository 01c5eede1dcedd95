// The impairment relay's parts without a VM: fault decisions (rates, seeds, independence),
// the delay line's ordering, and two relays' worth of UDP plumbing on 127.0.0.1.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSocket } from 'node:dgram';
import { DelayLine, Impairer, Relay } from './relay';

const frame = (n: number) => {
  const f = Buffer.alloc(100);
  f.writeUInt32BE(n, 20);
  return f;
};

test('Impairer: each fault happens at about its rate, and the same seed gives the same decisions', () => {
  const cfg = { loss: 0.05, duplicate: 0.02, corrupt: 0.03, reorder: 0.04, delayMs: 20, reorderDelayMs: 8 };
  const a = new Impairer(cfg, 42);
  const b = new Impairer(cfg, 42);
  const trace = (imp: Impairer) => {
    const out: string[] = [];
    for (let i = 0; i < 20000; i++) out.push(imp.decide(frame(i)).map((d) => `${d.delayMs}:${d.frame.toString('hex', 14, 40)}`).join('|'));
    return out;
  };
  const ta = trace(a);
  assert.deepEqual(ta, trace(b));
  const c = a.counters;
  assert.equal(c.frames, 20000);
  const near = (got: number, rate: number, n: number) => Math.abs(got / n - rate) < 0.01;
  assert.ok(near(c.dropped, 0.05, 20000), `dropped ${c.dropped}`);
  assert.ok(near(c.duplicated, 0.02, 20000 - c.dropped), `duplicated ${c.duplicated}`);
  assert.ok(near(c.corrupted, 0.03, 20000), `corrupted ${c.corrupted}`);
  assert.ok(near(c.reordered, 0.04, 20000), `reordered ${c.reordered}`);
  // Another seed decides differently.
  assert.notDeepEqual(trace(new Impairer(cfg, 43)), ta);
});

test('Impairer: corruption flips exactly one bit after the Ethernet header; delays are delay or delay + reorder', () => {
  const imp = new Impairer({ corrupt: 1, reorder: 0.5, delayMs: 20, reorderDelayMs: 8 }, 7);
  for (let i = 0; i < 500; i++) {
    const f = frame(i);
    const [d] = imp.decide(f);
    assert.ok(d.frame !== f, 'a corrupted frame is a copy');
    let bits = 0;
    for (let j = 0; j < f.length; j++) {
      const x = f[j] ^ d.frame[j];
      if (x) assert.ok(j >= 14, `flip at ${j} is inside the Ethernet header`);
      bits += x.toString(2).replace(/0/g, '').length;
    }
    assert.equal(bits, 1);
    assert.ok(d.delayMs === 20 || d.delayMs === 28, String(d.delayMs));
  }
});

test('Impairer: zero rates pass every frame through untouched, at once', () => {
  const imp = new Impairer({}, 1);
  for (let i = 0; i < 1000; i++) {
    const f = frame(i);
    assert.deepEqual(imp.decide(f), [{ delayMs: 0, frame: f }]);
  }
  assert.equal(imp.counters.dropped + imp.counters.duplicated + imp.counters.corrupted + imp.counters.reordered, 0);
});

test('DelayLine: frames come out in due order; a held-back frame is overtaken', async () => {
  const got: number[] = [];
  const line = new DelayLine((f) => got.push(f.readUInt32BE(20)));
  try {
    line.push(30, frame(1));
    line.push(90, frame(2)); // reordered: due after 3 and 4
    line.push(30, frame(3));
    line.push(35, frame(4));
    line.push(0, frame(5)); // due now: delivered by the next timer, ahead of the others
    assert.equal(line.length, 5);
    await new Promise((r) => setTimeout(r, 60));
    assert.deepEqual(got, [5, 1, 3, 4]);
    await new Promise((r) => setTimeout(r, 60));
    assert.deepEqual(got, [5, 1, 3, 4, 2]);
    assert.equal(line.length, 0);
  } finally {
    line.close();
  }
});

function udpEnd(): Promise<{ port: number; got: Buffer[]; send(b: Buffer, port: number): void; close(): void }> {
  return new Promise((resolve) => {
    const s = createSocket('udp4');
    const got: Buffer[] = [];
    s.on('message', (m) => got.push(m));
    s.bind(0, '127.0.0.1', () => resolve({ port: s.address().port, got, send: (b, port) => s.send(b, port, '127.0.0.1'), close: () => s.close() }));
  });
}

test('Relay: forwards both ways between two UDP ends, drops what it is told to, injects towards the VM side', async () => {
  const vm = await udpEnd();
  const wire = await udpEnd();
  const relay = await Relay.open({ seed: 3, fromVm: { loss: 1 } });
  try {
    relay.connect({ vmPort: vm.port, wirePort: wire.port });
    const sniffed: number[] = [];
    relay.onToVm = (f) => sniffed.push(f.readUInt32BE(20));
    for (let i = 0; i < 50; i++) wire.send(frame(i), relay.wireSidePort);
    for (let i = 0; i < 20; i++) vm.send(frame(1000 + i), relay.vmSidePort);
    const deadline = Date.now() + 3000;
    while ((vm.got.length < 50 || relay.counters.fromVm.frames < 20) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    assert.deepEqual(vm.got.map((f) => f.readUInt32BE(20)), [...Array(50).keys()]);
    assert.equal(relay.counters.fromVm.dropped, 20);
    assert.equal(wire.got.length, 0);
    const n = await relay.inject((function* () { for (let i = 0; i < 100; i++) yield frame(5000 + i); })(), { batch: 16 });
    assert.equal(n, 100);
    while (vm.got.length < 150 && Date.now() < deadline + 3000) await new Promise((r) => setTimeout(r, 10));
    assert.equal(vm.got.length, 150);
    assert.equal(relay.counters.toVm.injected, 100);
    assert.equal(sniffed.length, 50, 'injected frames are not seen as arriving from the wire');
  } finally {
    await relay.close();
    vm.close();
    wire.close();
  }
});
