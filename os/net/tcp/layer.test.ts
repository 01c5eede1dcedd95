import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Harness, LOCAL, REMOTE, PORT, bytes, text, fill, buildSegment } from './testing/harness';
import { SYN, ACK, RST, FIN, PSH } from '../wire/tcp';
import { TcpLayer } from './layer';
import { Prng } from './testing/prng';
import { seqAdd } from './seq';

test('keep-alive: off by default; probes <SEQ=SND.UNA-1> after idle, then every interval (RFC 1122 4.2.3.6)', () => {
  const h = new Harness({ timestamps: false, keepAliveInterval: 1000, keepAliveCount: 3 });
  const { conn, iss, peerIsn } = h.accept();
  const p = peerIsn + 1, l = seqAdd(iss, 1);
  h.poll();
  assert.equal(h.advance(10_000_000).length, 0, 'no probes by default');
  // Enabled on a connection idle for hours: the first probe still waits one idle period (Linux).
  conn.setKeepAlive(true, 5000);
  const start = h.now;
  let out = h.advance(4999);
  assert.equal(out.length, 0);
  out = h.advance(1);
  assert.equal(out.length, 1);
  assert.equal(out[0].seq, seqAdd(l, -1));
  assert.equal(out[0].payload.length, 0);
  assert.equal(h.now - start, 5000);
  // The peer answers: the connection is alive, the idle period restarts.
  h.send({ seq: p, ack: l, flags: ACK });
  out = h.advance(4999);
  assert.equal(out.length, 0);
  assert.equal(h.advance(1).length, 1);
  assert.equal(h.layer.stats.keepAliveProbes, 2);
});

test('keep-alive: count unanswered probes end the connection with ETIMEDOUT', () => {
  const h = new Harness({ timestamps: false, keepAliveInterval: 1000, keepAliveCount: 3 });
  const { conn } = h.accept();
  let err: any;
  conn.onClose = (e) => { err = e; };
  conn.setKeepAlive(true, 2000);
  const probes: number[] = [];
  const start = h.now;
  for (let i = 0; i < 100 && !err; i++) for (const s of h.advance(100)) if (!s.payload.length && !(s.flags & RST)) probes.push(h.now - start);
  assert.deepEqual(probes, [2000, 3000, 4000]);
  assert.equal(err?.code, 'ETIMEDOUT');
  assert.equal(h.now - start, 5000);
});

test('keep-alive: data received resets the idle timer; setKeepAlive(false) stops probing', () => {
  const h = new Harness({ timestamps: false });
  const { conn, iss, peerIsn } = h.accept();
  conn.setKeepAlive(true, 1000);
  h.advance(900);
  h.send({ seq: peerIsn + 1, ack: seqAdd(iss, 1), flags: ACK | PSH, payload: bytes('x') });
  const out = h.advance(900).filter((s) => s.seq === iss);
  assert.equal(out.length, 0, 'no probe: something arrived 900 ms ago');
  conn.setKeepAlive(false);
  assert.equal(h.advance(100_000).filter((s) => s.seq === iss).length, 0);
});

test('PAWS: a segment with an older timestamp is dropped and answered with an ACK (RFC 7323 5.3)', () => {
  const h = new Harness();
  const { conn, iss, peerIsn, synAck } = h.accept({ ts: true });
  const p = peerIsn + 1, l = seqAdd(iss, 1);
  const got: string[] = [];
  conn.onData = (b) => got.push(text(b));
  h.send({ seq: p, ack: l, flags: ACK, payload: bytes('new'), ts: [1000, synAck.tsVal] });
  h.poll();
  h.send({ seq: p + 3, ack: l, flags: ACK, payload: bytes('old'), ts: [900, synAck.tsVal] });
  const [ack] = h.poll();
  assert.deepEqual(got, ['new']);
  assert.equal(ack.ack, p + 3);
  assert.equal(ack.tsEcr, 1000, 'TS.Recent echoed');
  assert.equal(h.layer.stats.drops['paws'], 1);
  // Timestamps that wrap modulo 2^32 still count as newer.
  h.send({ seq: p + 3, ack: l, flags: ACK, payload: bytes('ok'), ts: [1000 + 0x7fffffff, synAck.tsVal] });
  assert.deepEqual(got, ['new', 'ok']);
  // A RST is exempt from PAWS (RFC 7323 5.3 R1).
  h.send({ seq: p + 5, flags: RST, ts: [1, 0] });
  assert.equal(conn.state, 'CLOSED');
});

test('SYN flood: with the half-open queue full, SYN cookies let legitimate clients connect (RFC 4987)', () => {
  const h = new Harness({ timestamps: true });
  const handed: number[] = [];
  h.layer.listen(0, PORT, { backlog: 8 }, (c) => handed.push(c.remotePort));
  // 500 spoofed SYNs from random addresses that never answer.
  const rng = new Prng(99);
  for (let i = 0; i < 500; i++) h.send({ src: 0x0b000000 + i, srcPort: 1024 + rng.int(60000), seq: rng.u32(), flags: SYN, mss: 1460 });
  h.poll();
  assert.equal(h.layer.stats.connections, 8, 'state only for the backlog');
  assert.equal(h.layer.stats.synCookiesSent, 492);
  // A legitimate client: SYN, cookie SYN-ACK, ACK with data.
  h.send({ srcPort: 33333, seq: 7000, flags: SYN, mss: 1200, windowScale: 6, sackPermitted: true, ts: [42, 0] });
  const [sa] = h.poll();
  assert.equal(sa.flags, SYN | ACK);
  assert.equal(sa.windowScale, 3);
  assert.equal(sa.tsEcr, 42);
  h.send({ srcPort: 33333, seq: 7001, ack: seqAdd(sa.seq, 1), flags: ACK | PSH, payload: bytes('GET /'), ts: [43, sa.tsVal] });
  assert.deepEqual(handed, [33333]);
  assert.equal(h.layer.stats.synCookiesAccepted, 1);
  const out = h.poll();
  assert.equal(out[out.length - 1].ack, 7006, 'the data in the cookie ACK was taken');
  assert.equal(out[out.length - 1].tsEcr, 43);
  // The connection rebuilt from the cookie kept the SYN's options.
  // (window scale 6 from the SYN applies to the window the client sends)
  // The spoofed half-open connections expire; the cookies left nothing behind.
  h.advance(120_000);
  assert.equal(h.layer.stats.connections, 1);
});

test('SYN flood with cookies off: SYNs beyond the backlog are dropped and counted', () => {
  const h = new Harness({ synCookies: false });
  h.layer.listen(0, PORT, { backlog: 2 }, () => {});
  for (let i = 0; i < 5; i++) h.send({ srcPort: 2000 + i, seq: 1, flags: SYN });
  const out = h.poll();
  assert.equal(out.length, 2);
  assert.equal(h.layer.stats.drops['backlog-full'], 3);
});

test('a forged cookie ACK creates nothing and is answered with RST', () => {
  const h = new Harness();
  h.layer.listen(0, PORT, { backlog: 1 }, () => { assert.fail('no connection expected'); });
  const rng = new Prng(5);
  for (let i = 0; i < 1000; i++) h.send({ srcPort: 3000 + i, seq: rng.u32(), ack: rng.u32(), flags: ACK });
  const out = h.poll();
  assert.equal(out.length, 1000);
  assert.ok(out.every((s) => s.flags === RST));
  assert.equal(h.layer.stats.drops['bad-cookie'], 1000);
  assert.equal(h.layer.stats.connections, 0);
});

test('bad checksums, truncation and bad options are dropped and counted, never thrown', () => {
  const h = new Harness();
  h.layer.listen(0, PORT, { backlog: 1 }, () => {});
  const good = buildSegment({ seq: 1, flags: SYN });
  const bad = good.slice();
  bad[4] ^= 1;
  h.sendRaw(bad);
  h.sendRaw(good.subarray(0, 10));
  const offset = good.slice();
  offset[12] = 0xf0;
  h.sendRaw(offset);
  h.send({ seq: 1, flags: SYN, mss: 1460 });
  assert.equal(h.layer.stats.drops['bad-checksum'], 1);
  assert.equal(h.layer.stats.drops['truncated'], 1);
  assert.equal(h.layer.stats.drops['bad-offset'], 1);
  assert.equal(h.layer.stats.segmentsIn, 4);
});

test('fuzz: random bytes and mutated segments never throw out of input() or poll()', () => {
  const h = new Harness();
  const { iss, peerIsn } = h.accept();
  const rng = new Prng(1234);
  const base = buildSegment({ seq: peerIsn + 1, ack: seqAdd(iss, 1), flags: ACK, payload: fill(40), ts: [5, 5], sack: [1, 2] });
  for (let i = 0; i < 5000; i++) {
    let b: Uint8Array;
    if (i % 3 === 0) b = rng.bytes(rng.int(80));
    else {
      b = base.slice();
      for (let k = 0; k < 1 + rng.int(4); k++) b[rng.int(b.length)] = rng.u32() & 0xff;
      if (i % 3 === 1) {
        // Fix the checksum so the mutation reaches the state machine.
        b[16] = b[17] = 0;
        let s = (REMOTE >>> 16) + (REMOTE & 0xffff) + (LOCAL >>> 16) + (LOCAL & 0xffff) + 6 + b.length;
        for (let j = 0; j < b.length; j += 2) s += (b[j] << 8) | (j + 1 < b.length ? b[j + 1] : 0);
        while (s > 0xffff) s = (s & 0xffff) + (s >>> 16);
        const c = ~s & 0xffff;
        b[16] = c >>> 8; b[17] = c & 0xff;
      }
    }
    h.sendRaw(b);
    if (i % 50 === 0) h.advance(10);
  }
  h.advance(600_000);
  assert.ok(h.layer.stats.segmentsIn >= 5000);
});

test('headroom: emitted segments leave room for lower-layer headers in front', () => {
  const h = new Harness({ headroom: 34 });
  const seen: Uint8Array[] = [];
  h.layer.listen(0, PORT, { backlog: 1 }, () => {});
  h.send({ seq: 1, flags: SYN });
  h.layer.poll(h.now, (_s, _d, seg) => seen.push(seg));
  assert.equal(seen.length, 1);
  assert.equal(seen[0].byteOffset, 34);
  assert.equal(seen[0].buffer.byteLength, 34 + seen[0].length);
});

test('wake(): API calls that leave work for poll() call it; input() and poll() do not', () => {
  const h = new Harness();
  const { conn } = h.accept();
  h.poll();
  const before = h.wakes;
  conn.write(bytes('x'));
  assert.ok(h.wakes > before);
  const w = h.wakes;
  h.poll();
  assert.equal(h.wakes, w);
  h.layer.connect(h.now, LOCAL, REMOTE, 81);
  assert.ok(h.wakes > w, 'connect wakes (the SYN goes from poll)');
});

test('poll() returns the earliest deadline, or undefined when nothing is pending', () => {
  const h = new Harness({ delayedAckMs: 40, timestamps: false });
  assert.equal(h.layer.poll(h.now, () => {}), undefined);
  const { iss, peerIsn } = h.accept();
  h.poll();
  h.send({ seq: peerIsn + 1, ack: seqAdd(iss, 1), flags: ACK, payload: bytes('x') });
  assert.equal(h.layer.poll(h.now, () => {}), h.now + 40);
});

test('callbacks may close connections re-entrantly; each connection sees onClose exactly once', () => {
  const h = new Harness({ timestamps: false });
  const { conn, iss, peerIsn } = h.accept();
  const events: string[] = [];
  conn.onData = (b) => { events.push(`data:${text(b)}`); conn.abort(); conn.close(); conn.abort(); };
  conn.onEnd = () => events.push('end');
  conn.onClose = (e) => events.push(e ? 'close:err' : 'close');
  h.send({ seq: peerIsn + 1, ack: seqAdd(iss, 1), flags: ACK | FIN, payload: bytes('x') });
  const out = h.poll();
  assert.deepEqual(events, ['data:x', 'close']);
  assert.equal(out.filter((s) => s.flags & RST).length, 1);
  assert.equal(h.layer.stats.connections, 0);
});

test('an exception from a callback propagates and leaves the layer consistent', () => {
  const h = new Harness({ timestamps: false });
  const { conn, iss, peerIsn } = h.accept();
  conn.onData = () => { throw new Error('app bug'); };
  assert.throws(() => h.send({ seq: peerIsn + 1, ack: seqAdd(iss, 1), flags: ACK, payload: bytes('x') }), /app bug/);
  conn.onData = () => {};
  h.send({ seq: peerIsn + 2, ack: seqAdd(iss, 1), flags: ACK, payload: bytes('y') });
  const out = h.advance(100);
  assert.equal(out[out.length - 1].ack, peerIsn + 3);
});

test('stats: counters track segments, opens and current connections back to zero', () => {
  const h = new Harness({ timestamps: false, msl: 100 });
  const { conn, iss, peerIsn } = h.accept();
  h.poll();
  const s = h.layer.stats;
  assert.equal(s.segmentsIn, 2);
  assert.equal(s.segmentsOut, 1);
  assert.equal(s.passiveOpens, 1);
  assert.equal(s.currentEstablished, 1);
  conn.close();
  h.poll();
  h.send({ seq: peerIsn + 1, ack: seqAdd(iss, 2), flags: ACK | FIN });
  h.advance(1000);
  assert.equal(s.currentEstablished, 0);
  assert.equal(s.connections, 0);
  assert.equal(s.timeWait, 0);
});

test('config: invalid buffer sizes and port ranges are refused', () => {
  const random = new Prng(1).randomFn();
  assert.throws(() => new TcpLayer({ random, receiveBufferSize: 0 }), RangeError);
  assert.throws(() => new TcpLayer({ random, receiveBufferSize: 2 ** 31 }), RangeError);
  assert.throws(() => new TcpLayer({ random, ephemeralPortMin: 60000, ephemeralPortMax: 50000 }), RangeError);
  const small = new TcpLayer({ random, mtu: 576 });
  small.listen(0, 1, { backlog: 1 }, () => {});
  let mss = 0;
  small.input(0, REMOTE, LOCAL, buildSegment({ seq: 1, flags: SYN, dstPort: 1 }));
  small.poll(0, (_s, _d, seg) => { mss = (seg[22] << 8) | seg[23]; });
  assert.equal(mss, 536, 'MSS from the MTU: 576 - 40');
});

test('TIME_WAIT: a connection that leaves it is not kept reachable by the layer', async () => {
  const { setFlagsFromString } = await import('node:v8');
  const { runInNewContext } = await import('node:vm');
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const h = new Harness({ timestamps: false, msl: 100 });
  let ref!: WeakRef<object>;
  (() => {
    const { conn, iss, peerIsn } = h.accept();
    h.poll();
    conn.close(); // we close first: this side ends in TIME_WAIT
    h.poll();
    h.send({ seq: peerIsn + 1, ack: seqAdd(iss, 2), flags: ACK | FIN });
    h.poll();
    assert.equal(h.layer.stats.timeWait, 1);
    ref = new WeakRef(conn);
    h.accepted.length = 0;
  })();
  h.advance(1000); // past 2*MSL: TIME_WAIT ends and nothing else enters it
  assert.equal(h.layer.stats.timeWait, 0);
  assert.equal(h.layer.stats.connections, 0);
  h.emitted.length = 0;
  await new Promise((r) => setImmediate(r));
  gc();
  assert.equal(ref.deref(), undefined, 'the closed connection is still reachable');
});
