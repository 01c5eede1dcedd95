import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Reassembler } from './reassembly';
import { Ipv4Packet, PROTO_UDP } from '../wire/ipv4';
import { fragment } from '../testing/frames';
import { ip } from '../testing/harness';

const fields = { src: ip('10.0.0.2'), dst: ip('10.0.0.1'), protocol: PROTO_UDP, ident: 1 };
const data = (n: number, seed = 0) => new Uint8Array(n).map((_, i) => (i + seed) & 0xff);
const frag = (offset: number, more: boolean, bytes: Uint8Array, ident = 1) => new Ipv4Packet(fragment({ ...fields, ident }, offset, more, bytes));

test('reassembly: in order, reversed, and with exact duplicates', () => {
  for (const order of [[0, 1, 2], [2, 1, 0], [1, 2, 1, 0]]) {
    const r = new Reassembler();
    const parts = [frag(0, true, data(16)), frag(16, true, data(16, 16)), frag(32, false, data(5, 32))];
    let out: Uint8Array | string | undefined;
    for (const i of order) out = r.add(0, parts[i]) ?? out;
    assert.ok(out instanceof Uint8Array);
    const p = new Ipv4Packet(out);
    assert.equal(p.verifyChecksum(), true);
    assert.equal(p.isFragment, false);
    assert.equal(p.totalLength, 20 + 37);
    assert.deepEqual(p.payload, data(37));
    assert.deepEqual(r.stats(), { datagrams: 0, bytes: 0, fragments: 0 });
  }
  const r = new Reassembler();
  r.add(0, frag(0, true, data(16)));
  assert.equal(r.add(0, frag(0, true, data(16))), 'frag-duplicate');
});

test('reassembly: refuses bad lengths, overlaps and inconsistent ends', () => {
  const r = new Reassembler();
  assert.equal(r.add(0, frag(0, true, data(10))), 'frag-bad-length');
  assert.equal(r.add(0, frag(65528, false, data(16))), 'frag-too-long');
  assert.equal(r.add(0, frag(0, true, data(16), 2)), undefined);
  assert.equal(r.add(0, frag(8, true, data(16), 2)), 'frag-overlap');
  assert.equal(r.add(0, frag(24, false, data(8), 2)), 'frag-overlap'); // poisoned
  assert.equal(r.stats().bytes, 0);
  assert.equal(r.add(0, frag(32, false, data(8), 3)), undefined);
  assert.equal(r.add(0, frag(16, false, data(8), 3)), 'frag-inconsistent');
  assert.equal(r.add(0, frag(64, true, data(8), 4)), undefined);
  assert.equal(r.add(0, frag(16, false, data(8), 4)), 'frag-inconsistent');
});

test('reassembly: memory and datagram count stay bounded, the oldest is evicted', () => {
  const r = new Reassembler({ maxDatagrams: 4, maxBytes: 10_000, maxFragments: 8 });
  for (let id = 0; id < 100; id++) r.add(id, frag(0, true, data(1000), id));
  assert.equal(r.stats().datagrams, 4);
  assert.ok(r.stats().bytes <= 10_000);
  assert.equal(r.evicted, 96);
  for (let i = 0; i < 20; i++) r.add(200, frag(8 * 2 * i, true, data(8), 500));
  assert.equal(r.add(200, frag(8 * 2 * 30, true, data(8), 500)), 'frag-overlap'); // poisoned by frag-too-many
  const big = new Reassembler({ maxBytes: 3000 });
  big.add(0, frag(0, true, data(1400), 1));
  big.add(0, frag(0, true, data(1400), 2));
  assert.equal(big.stats().datagrams, 2);
  big.add(0, frag(0, true, data(1400), 3)); // evicts ident 1 to make room
  assert.equal(big.stats().datagrams, 2);
  assert.ok(big.stats().bytes <= 3000);
});

test('reassembly: expiry reports the first fragment only when it arrived', () => {
  const r = new Reassembler({ timeoutMs: 1000 });
  r.add(0, frag(0, true, data(16), 1));
  r.add(500, frag(16, true, data(16), 2));
  const quoted: (number | undefined)[] = [];
  assert.equal(r.expire(999, () => quoted.push(0)), 1000);
  assert.equal(r.expire(1000, (q) => quoted.push(q?.length)), 1500);
  assert.deepEqual(quoted.slice(), [28]); // header + 8 bytes
  const last: number | undefined = r.expire(1500, (q) => quoted.push(q?.length));
  assert.equal(last, undefined);
  assert.deepEqual(quoted, [28, undefined]);
});
