import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Harness, bytes, text, fill } from './testing/harness';
import { ACK, PSH, FIN } from '../wire/tcp';
import { seqAdd } from './seq';

function setup(config = {}, acceptOpts = {}) {
  const h = new Harness({ timestamps: false, ...config });
  const { conn, iss, peerIsn, synAck } = h.accept(acceptOpts);
  const got: Uint8Array[] = [];
  conn.onData = (b) => got.push(b);
  h.poll();
  const received = () => text(concat(got));
  return { h, conn, got, received, synAck, p: peerIsn + 1, l: seqAdd(iss, 1) };
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) { out.set(p, o); o += p.length; }
  return out;
}

test('in-order data: delivered immediately, ACK delayed up to delayedAckMs (RFC 1122 4.2.3.2)', () => {
  const { h, received, p, l } = setup({ delayedAckMs: 40 });
  h.send({ seq: p, ack: l, flags: ACK | PSH, payload: bytes('abc') });
  assert.equal(received(), 'abc');
  assert.equal(h.poll().length, 0, 'no immediate ACK for one small segment');
  const out = h.advance(39);
  assert.equal(out.length, 0);
  const [ack] = h.advance(1);
  assert.equal(ack.ack, p + 3);
  assert.equal(h.layer.stats.delayedAcks, 1);
});

test('delayed ACK: at least every second full-sized segment is acknowledged at once (RFC 5681 4.2)', () => {
  const { h, p, l } = setup({ delayedAckMs: 200 }, { mss: 1000 });
  h.send({ seq: p, ack: l, flags: ACK, payload: fill(1000) });
  assert.equal(h.poll().length, 0);
  h.send({ seq: p + 1000, ack: l, flags: ACK, payload: fill(1000) });
  const [ack] = h.poll();
  assert.equal(ack.ack, p + 2000);
  h.send({ seq: p + 2000, ack: l, flags: ACK, payload: fill(1000) });
  assert.equal(h.poll().length, 0, 'the count restarts after each ACK');
});

test('a batch of segments (input several times, then one poll) still gets an ACK per two full segments, each with its own number', () => {
  const { h, p, l } = setup({ delayedAckMs: 200 }, { mss: 1000 });
  for (let k = 0; k < 6; k++) h.send({ seq: p + 1000 * k, ack: l, flags: ACK, payload: fill(1000) });
  const acks = h.poll();
  assert.deepEqual(acks.map((a) => a.ack), [p + 2000, p + 4000, p + 6000]);
});

test('a batch with a hole: one duplicate ACK per out-of-order segment, SACK blocks growing (RFC 5681 4.2, RFC 2018 4)', () => {
  const { h, p, l } = setup({ delayedAckMs: 200 }, { mss: 1000, sackPermitted: true });
  for (let k = 1; k <= 4; k++) h.send({ seq: p + 1000 * k, ack: l, flags: ACK, payload: fill(1000) }); // the first is lost
  const acks = h.poll();
  assert.deepEqual(acks.map((a) => a.ack), [p, p, p, p], 'four duplicate ACKs: enough for the sender\'s fast retransmit');
  assert.deepEqual(acks.map((a) => a.sackBlocks.slice(0, 2)), [1, 2, 3, 4].map((k) => [p + 1000, p + 1000 + 1000 * k]));
});

test('out-of-order, overlapping and duplicate segments are reassembled exactly once', () => {
  const { h, received, got, p, l } = setup();
  const msg = 'The quick brown fox jumps over the lazy dog';
  const seg = (from: number, to: number) => h.send({ seq: p + from, ack: l, flags: ACK, payload: bytes(msg.slice(from, to)) });
  seg(10, 20);
  seg(30, 43);
  seg(15, 35); // overlaps both
  seg(30, 43); // duplicate
  assert.equal(received(), '', 'nothing before the first byte');
  seg(0, 12); // overlaps the first out-of-order range
  assert.equal(received(), msg);
  assert.equal(got.length, 1, 'one delivery of the whole reassembled run');
  seg(0, 43); // full duplicate
  assert.equal(received(), msg);
  const out = h.poll();
  assert.equal(out[out.length - 1].ack, p + msg.length);
});

test('out-of-order data is ACKed at once with SACK blocks, most recent first (RFC 2018 4)', () => {
  const { h, p, l } = setup({}, { sackPermitted: true });
  h.send({ seq: p + 100, ack: l, flags: ACK, payload: fill(50) });
  let [ack] = h.poll();
  assert.equal(ack.ack, p);
  assert.deepEqual(ack.sackBlocks.slice(0, 2 * ack.sackCount), [p + 100, p + 150]);
  h.send({ seq: p + 300, ack: l, flags: ACK, payload: fill(50) });
  [ack] = h.poll();
  assert.deepEqual(ack.sackBlocks.slice(0, 2 * ack.sackCount), [p + 300, p + 350, p + 100, p + 150]);
  h.send({ seq: p + 150, ack: l, flags: ACK, payload: fill(50) }); // extends the first range
  [ack] = h.poll();
  assert.deepEqual(ack.sackBlocks.slice(0, 2 * ack.sackCount), [p + 100, p + 200, p + 300, p + 350]);
  h.send({ seq: p, ack: l, flags: ACK, payload: fill(200) }); // fills the hole up to 200
  [ack] = h.poll();
  assert.equal(ack.ack, p + 200);
  assert.deepEqual(ack.sackBlocks.slice(0, 2 * ack.sackCount), [p + 300, p + 350]);
});

test('reassembly is bounded: a segment needing one hole too many is dropped and counted', () => {
  const { h, received, p, l } = setup({ maxReassemblyRanges: 3 });
  for (let i = 1; i <= 4; i++) h.send({ seq: p + i * 100, ack: l, flags: ACK, payload: fill(10) });
  assert.equal(h.layer.stats.drops['reassembly-full'], 1);
  h.send({ seq: p, ack: l, flags: ACK, payload: fill(100) });
  assert.equal(received().length, 110, 'the first range joined; the dropped one is simply missing');
});

test('receive window shrinks while the application does not read, down to zero; data past it is dropped', () => {
  const { h, conn, received, p, l } = setup({ receiveBufferSize: 4000, windowScaling: false });
  conn.setReading(false);
  h.send({ seq: p, ack: l, flags: ACK, payload: fill(1500) });
  h.send({ seq: p + 1500, ack: l, flags: ACK, payload: fill(1500, 1500) });
  let out = h.poll();
  assert.equal(out[out.length - 1].window, 1000);
  h.send({ seq: p + 3000, ack: l, flags: ACK, payload: fill(1500, 3000) }); // only 1000 fit
  out = h.advance(200);
  const last = out[out.length - 1];
  assert.equal(last.ack, p + 4000);
  assert.equal(last.window, 0, 'zero window advertised');
  // A zero-window probe is answered with an ACK and the byte is not taken.
  h.send({ seq: p + 4000, ack: l, flags: ACK, payload: fill(1, 4000) });
  const [probeAck] = h.poll();
  assert.equal(probeAck.ack, p + 4000);
  assert.equal(probeAck.window, 0);
  assert.equal(received(), '', 'nothing delivered while reading is off');
  // Reading resumes: everything is delivered and a window update goes out.
  conn.setReading(true);
  out = h.poll();
  assert.equal(received().length, 4000);
  assert.ok(out.length === 1 && out[0].window === 4000, 'window update after the buffer drained');
});

test('receiver SWS avoidance: the window opens only in steps of min(buffer/2, MSS) (RFC 1122 4.2.3.3)', () => {
  const { h, conn, p, l } = setup({ receiveBufferSize: 10_000, windowScaling: false }, { mss: 1000 });
  conn.setReading(false);
  h.send({ seq: p, ack: l, flags: ACK, payload: fill(9800) });
  const out = h.advance(100);
  assert.equal(out[out.length - 1].window, 200, 'what is free now is still announced');
  // Reading is what opens the window; it is covered above. Here: a small free area does not grow.
  h.send({ seq: p + 9800, ack: l, flags: ACK, payload: fill(100) });
  const [ack] = h.advance(100);
  assert.equal(ack.window, 100);
});

test('window scaling: the peer\'s window is shifted by its scale, ours by our scale (RFC 7323)', () => {
  const { h, conn, p, l } = setup({ receiveBufferSize: 1 << 20 }, { windowScale: 4, window: 1000 });
  assert.deepEqual(conn.info().windowScale, [4, 5]);
  // The SYN's 1000 was not scaled; the handshake's final ACK (window 1000 too) was: 1000 << 4.
  assert.equal(conn.info().sendWindow, 16_000);
  h.send({ seq: p, ack: l, flags: ACK, window: 10 });
  assert.equal(conn.info().sendWindow, 160);
  h.send({ seq: p, ack: l, flags: ACK, payload: fill(10) });
  const [ack] = h.advance(100);
  assert.equal(ack.window, Math.floor(((1 << 20) - 0) / 32), 'our window, scaled by 2^5, after delivery');
});

test('sender: MSS respected on every segment, window and cwnd limit the flight, ACKs clock more out', () => {
  const { h, conn, p, l } = setup({}, { mss: 1000 });
  conn.write(fill(50_000));
  let out = h.poll();
  assert.ok(out.every((s) => s.payload.length <= 1000));
  assert.equal(out.length, 10, 'initial window: 10 segments (RFC 6928)');
  assert.equal(out[out.length - 1].flags & PSH, 0, 'PSH only when the queue empties');
  h.send({ seq: p, ack: l + 2000, flags: ACK });
  out = h.poll();
  // Slow start counts the 2000 bytes acknowledged: cwnd 12000 - 8000 in flight = 4 segments.
  assert.equal(out.length, 4);
  assert.equal(out[0].seq, l + 10_000);
});

test('zero window: the persist timer probes with one byte, backing off; probes keep the connection', () => {
  const { h, conn, p, l } = setup({ minRto: 200, maxRetries: 3 }, { mss: 1000 });
  conn.write(fill(3000));
  h.poll();
  h.send({ seq: p, ack: l + 3000, flags: ACK, window: 0 });
  conn.write(fill(500));
  assert.equal(h.poll().length, 0, 'nothing goes into a closed window');
  const probes: number[] = [];
  const start = h.now;
  for (let t = 0; t < 60; t++) {
    for (const s of h.advance(100)) {
      if (s.payload.length === 1) {
        probes.push(h.now - start);
        assert.equal(s.seq, l + 3000);
        // The peer answers every probe: still a zero window.
        h.send({ seq: p, ack: l + 3000, flags: ACK, window: 0 });
      }
    }
  }
  assert.ok(probes.length >= 4, `probes: ${probes}`);
  for (let i = 2; i < probes.length; i++) assert.ok(probes[i] - probes[i - 1] >= probes[i - 1] - probes[i - 2], 'backoff');
  assert.equal(conn.state, 'ESTABLISHED', 'answered probes never time out (RFC 1122 4.2.2.17)');
  assert.ok(h.layer.stats.windowProbes >= 4);
  // The window opens: the data goes.
  h.send({ seq: p, ack: l + 3000, flags: ACK, window: 10_000 });
  const out = h.poll();
  assert.equal(out.reduce((n, s) => n + s.payload.length, 0), 500);
});

test('zero window: a probe the peer accepts advances SND.UNA', () => {
  const { h, conn, p, l } = setup({ minRto: 200 }, { mss: 1000 });
  conn.write(fill(100));
  h.poll();
  h.send({ seq: p, ack: l + 100, flags: ACK, window: 0 });
  conn.write(fill(10, 100));
  const probe = h.advance(300).find((s) => s.payload.length === 1)!;
  assert.ok(probe);
  h.send({ seq: p, ack: l + 101, flags: ACK, window: 5000 }); // the window had opened: byte taken
  const out = h.poll();
  assert.equal(out[0].seq, l + 101);
  assert.equal(out[0].payload.length, 9);
});

test('zero window: unanswered probes end the connection with ETIMEDOUT after maxRetries', () => {
  const { h, conn, p, l } = setup({ minRto: 200, maxRetries: 2 });
  let err: any;
  conn.onClose = (e) => { err = e; };
  conn.write(fill(10));
  h.poll();
  h.send({ seq: p, ack: l + 10, flags: ACK, window: 0 });
  conn.write(fill(10));
  h.advance(30_000);
  assert.equal(err?.code, 'ETIMEDOUT');
});

test('Nagle: a second small write waits for the ACK of the first; setNoDelay sends at once (RFC 896)', () => {
  const { h, conn, p, l } = setup();
  conn.write(bytes('a'));
  assert.equal(h.poll().length, 1);
  conn.write(bytes('b'));
  conn.write(bytes('c'));
  assert.equal(h.poll().length, 0, 'small data waits while data is unacknowledged');
  h.send({ seq: p, ack: l + 1, flags: ACK });
  const [seg] = h.poll();
  assert.equal(text(seg.payload), 'bc', 'coalesced');
  conn.setNoDelay(true);
  conn.write(bytes('d'));
  assert.equal(h.poll().length, 1, 'no delay: sent although "bc" is unacknowledged');
});

test('Nagle and delayed ACK interplay: the held segment goes when the delayed ACK arrives', () => {
  // Both ends are this stack: the receiver delays its ACK (40 ms), the sender holds its second
  // small segment until that ACK. The classic request/response stall, bounded by delayedAckMs.
  const { h, conn, p, l } = setup({ delayedAckMs: 40 });
  conn.write(bytes('head'));
  conn.write(bytes('tail'));
  const first = h.poll();
  assert.equal(first.length, 1);
  assert.equal(text(first[0].payload), 'headtail', 'written before the poll: one segment');
  conn.write(bytes('more'));
  assert.equal(h.advance(39).length, 0, 'held by Nagle while unacknowledged');
  h.send({ seq: p, ack: l + 8, flags: ACK }); // the peer's delayed ACK at 40 ms
  const [next] = h.poll();
  assert.equal(text(next.payload), 'more');
});

test('write() takes what fits and onDrain fires when the send buffer frees', () => {
  const { h, conn, p, l } = setup({ sendBufferSize: 5000 }, { mss: 1000 });
  let drains = 0;
  conn.onDrain = () => { drains++; };
  assert.equal(conn.write(fill(3000)), 3000);
  assert.equal(conn.write(fill(3000)), 2000);
  assert.equal(conn.write(fill(1)), 0);
  assert.equal(conn.writableSpace, 0);
  h.poll();
  assert.equal(conn.bufferedAmount, 5000);
  h.send({ seq: p, ack: l + 1000, flags: ACK });
  assert.equal(drains, 1);
  assert.equal(conn.writableSpace, 1000);
  assert.equal(conn.bytesWritten, 5000);
});

test('sequence numbers wrap past 2^32 in both directions mid-transfer', () => {
  const h = new Harness({ timestamps: false });
  const { conn, iss, peerIsn } = h.accept({ peerIsn: 0xffffff00, mss: 100 });
  let got = 0;
  conn.onData = (b) => { for (let i = 0; i < b.length; i++) assert.equal(b[i], (got + i) & 0xff); got += b.length; };
  let p = peerIsn + 1;
  for (let i = 0; i < 6; i++) {
    h.send({ seq: p >>> 0, ack: seqAdd(iss, 1), flags: ACK, payload: fill(100, i * 100) });
    p += 100;
  }
  assert.equal(got, 600);
  const out = h.poll();
  assert.equal(out[out.length - 1].ack, (peerIsn + 601) >>> 0);
  assert.ok(out[out.length - 1].ack < 0x1000, 'wrapped');
});

test('FIN after data past the window is not taken; the in-window part is', () => {
  const { h, conn, received, p, l } = setup({ receiveBufferSize: 100, windowScaling: false });
  assert.equal(conn.info().receiveWindow, 100);
  h.send({ seq: p, ack: l, flags: ACK | FIN, payload: fill(150) });
  assert.equal(received().length, 100);
  assert.equal(conn.state, 'ESTABLISHED', 'the FIN lay beyond the window');
  const out = h.poll();
  assert.equal(out[out.length - 1].ack, p + 100);
});
