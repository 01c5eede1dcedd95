// State machine edges not covered by handshake/close/rst tests: event order, retransmitted FINs,
// window updates (SND.WL1/WL2), timestamps bookkeeping, demultiplexing, SYN-SENT aborts.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Harness, LOCAL, REMOTE, PORT, bytes, text, fill } from './testing/harness';
import { SYN, ACK, RST, FIN, PSH } from '../wire/tcp';
import { seqAdd } from './seq';

function setup(config = {}, acceptOpts = {}) {
  const h = new Harness({ timestamps: false, minRto: 200, ...config });
  const { conn, iss, peerIsn, synAck } = h.accept(acceptOpts);
  const events: string[] = [];
  conn.onData = (b) => events.push(`data:${text(b)}`);
  conn.onEnd = () => events.push('end');
  conn.onClose = (e) => events.push(e ? `close:${(e as { code: string }).code}` : 'close');
  conn.onDrain = () => events.push('drain');
  h.poll();
  return { h, conn, events, synAck, p: peerIsn + 1, l: seqAdd(iss, 1) };
}

test('events come in order data, end, close within one input', () => {
  const { h, conn, events, p, l } = setup();
  conn.shutdown();
  h.poll();
  h.send({ seq: p, ack: l + 1, flags: ACK | FIN | PSH, payload: bytes('last') });
  assert.deepEqual(events, ['data:last', 'end', 'close']);
  assert.equal(conn.state, 'TIME_WAIT');
});

test('a FIN in the third ACK of a passive open: onConnection, then onEnd; state CLOSE_WAIT', () => {
  const h = new Harness({ timestamps: false });
  const seen: string[] = [];
  h.layer.listen(0, PORT, { backlog: 1 }, (c) => {
    seen.push(`connection:${c.state}`);
    c.onEnd = () => seen.push(`end:${c.state}`);
  });
  h.send({ seq: 10, flags: SYN });
  const [sa] = h.poll();
  h.send({ seq: 11, ack: seqAdd(sa.seq, 1), flags: ACK | FIN });
  assert.deepEqual(seen, ['connection:CLOSE_WAIT', 'end:CLOSE_WAIT']);
});

test('FIN_WAIT_1 retransmits its FIN on timeout; LAST_ACK too', () => {
  for (const passive of [false, true]) {
    const { h, conn, p, l } = setup();
    if (passive) { h.send({ seq: p, ack: l, flags: ACK | FIN }); h.poll(); }
    conn.shutdown();
    assert.equal(conn.state, passive ? 'LAST_ACK' : 'FIN_WAIT_1');
    const [fin] = h.poll();
    assert.equal(fin.flags & FIN, FIN);
    const again = h.advance(250).filter((s) => s.flags & FIN);
    assert.equal(again.length, 1, 'FIN retransmitted after the RTO');
    assert.equal(again[0].seq, fin.seq);
  }
});

test('TIME_WAIT answers a stray ACK with nothing and an out-of-window segment with an ACK', () => {
  const { h, conn, p, l } = setup();
  conn.shutdown();
  h.poll();
  h.send({ seq: p, ack: l + 1, flags: ACK | FIN });
  h.poll();
  h.send({ seq: p + 1, ack: l + 1, flags: ACK });
  assert.equal(h.poll().length, 0);
  // In-window text in TIME_WAIT is ignored (RFC 9293 3.10.7.4 seventh); out of window gets an ACK.
  h.send({ seq: p + 5000, ack: l + 1, flags: ACK, payload: bytes('x') });
  assert.equal(h.poll().length, 0);
  h.send({ seq: p + 10_000_000, ack: l + 1, flags: ACK, payload: bytes('x') });
  const [ack] = h.poll();
  assert.equal(ack.ack, p + 1);
  assert.equal(conn.state, 'TIME_WAIT');
});

test('the send window follows SND.WL1/WL2: an older segment does not shrink it (RFC 9293 3.10.7.4)', () => {
  const { h, conn, p, l } = setup({}, { mss: 1000 });
  conn.write(fill(3000));
  h.poll();
  h.send({ seq: p + 10, ack: l + 1000, flags: ACK, window: 20_000, payload: fill(0) });
  assert.equal(conn.info().sendWindow, 20_000);
  // A reordered older segment (lower SEG.SEQ) with a smaller window: ignored.
  h.send({ seq: p, ack: l + 1000, flags: ACK, window: 100 });
  assert.equal(conn.info().sendWindow, 20_000);
  // Same SEG.SEQ and a newer SEG.ACK: taken, even though the window is smaller.
  h.send({ seq: p + 10, ack: l + 2000, flags: ACK, window: 5000 });
  assert.equal(conn.info().sendWindow, 5000);
});

test('the peer shrinking its window stops new data; what was sent is still retransmitted', () => {
  const { h, conn, p, l } = setup({}, { mss: 1000 });
  conn.write(fill(20_000));
  assert.equal(h.poll().length, 10);
  h.send({ seq: p, ack: l + 1000, flags: ACK, window: 2000 });
  const out = h.poll();
  assert.equal(out.length, 0, 'window ends at 3000, already sent up to 10000');
  const rtx = h.advance(250).filter((s) => s.payload.length);
  assert.equal(rtx[0].seq, l + 1000, 'the timer still covers sent data');
});

test('TS.Recent is only taken from a segment covering Last.ACK.sent (RFC 7323 4.3)', () => {
  const h = new Harness({ minRto: 200, delayedAckMs: 40 });
  const { conn, iss, peerIsn, synAck } = h.accept({ ts: true });
  const p = peerIsn + 1, l = seqAdd(iss, 1);
  void conn;
  // Out of order (does not cover Last.ACK.sent = p): its TSval is not echoed.
  h.send({ seq: p + 10, ack: l, flags: ACK, payload: fill(10), ts: [500, synAck.tsVal] });
  let [ack] = h.poll();
  assert.equal(ack.tsEcr, 101, 'still the handshake ACK\'s TSval');
  h.send({ seq: p, ack: l, flags: ACK, payload: fill(10), ts: [400, synAck.tsVal] });
  [ack] = h.poll();
  assert.equal(ack.tsEcr, 400, 'the in-order segment\'s TSval');
});

test('PAWS: TS.Recent older than 24 days is forgotten, not used to drop (RFC 7323 5.5)', () => {
  const h = new Harness();
  const { conn, iss, peerIsn, synAck } = h.accept({ ts: true });
  const got: string[] = [];
  conn.onData = (b) => got.push(text(b));
  h.advance(25 * 24 * 3600 * 1000);
  h.send({ seq: peerIsn + 1, ack: seqAdd(iss, 1), flags: ACK, payload: bytes('late'), ts: [5, synAck.tsVal] });
  assert.deepEqual(got, ['late']);
  assert.equal(h.layer.stats.drops['paws'], 0);
});

test('demultiplexing: the same ports from two remote addresses are two connections', () => {
  const h = new Harness({ timestamps: false });
  const seen: Array<[number, string]> = [];
  h.layer.listen(0, PORT, { backlog: 8 }, (c) => { c.onData = (b) => seen.push([c.remoteAddr, text(b)]); });
  const other = REMOTE + 1;
  for (const src of [REMOTE, other]) h.send({ src, seq: 100, flags: SYN });
  const synAcks = h.poll();
  assert.equal(synAcks.length, 2);
  for (const sa of synAcks) h.send({ src: sa.dst, seq: 101, ack: seqAdd(sa.seq, 1), flags: ACK, payload: bytes(sa.dst === REMOTE ? 'one' : 'two') });
  assert.deepEqual(seen.sort(), [[REMOTE, 'one'], [other, 'two']].sort());
  assert.equal(h.layer.stats.connections, 2);
});

test('specific-address listener: segments to other local addresses do not reach it', () => {
  const h = new Harness();
  const l = h.layer.listen(0x0a0000ff, 8443, { backlog: 1 }, () => {});
  void l;
  h.send({ seq: 1, flags: SYN, dstPort: 8443 }); // to LOCAL, not 10.0.0.255
  const [rst] = h.poll();
  assert.equal(rst.flags, RST | ACK);
});

test('abort() and close() in SYN_SENT: no segment, onClose once without error', () => {
  for (const op of ['abort', 'close'] as const) {
    const h = new Harness();
    const conn = h.layer.connect(h.now, LOCAL, REMOTE, PORT);
    const closes: unknown[] = [];
    conn.onClose = (e) => closes.push(e);
    h.poll();
    conn[op]();
    assert.equal(h.poll().length, 0);
    assert.deepEqual(closes, [undefined], op);
    assert.equal(h.layer.stats.connections, 0);
    assert.equal(h.advance(10_000).length, 0, 'no SYN retransmission afterwards');
  }
});

test('simultaneous open: RST in SYN-RECEIVED refuses the active side with ECONNREFUSED', () => {
  const h = new Harness();
  const conn = h.layer.connect(h.now, LOCAL, REMOTE, PORT, 5555);
  h.poll();
  let err: any;
  conn.onClose = (e) => { err = e; };
  h.send({ srcPort: PORT, dstPort: 5555, seq: 300, flags: SYN });
  h.poll();
  h.send({ srcPort: PORT, dstPort: 5555, seq: 301, flags: RST });
  h.poll();
  assert.equal(err?.code, 'ECONNREFUSED');
});

test('a duplicate SYN-ACK after ESTABLISHED (our ACK was lost) is answered with an ACK', () => {
  const h = new Harness({ timestamps: false });
  const conn = h.layer.connect(h.now, LOCAL, REMOTE, PORT);
  const [syn] = h.poll();
  const synAck = { srcPort: PORT, dstPort: conn.localPort, seq: 9000, ack: seqAdd(syn.seq, 1), flags: SYN | ACK, mss: 1460 };
  h.send(synAck);
  h.poll();
  h.send(synAck);
  const out = h.poll();
  assert.equal(out.length, 1);
  assert.equal(out[0].flags, ACK, 'an ACK, not a reset (RFC 5961 4.2 challenge ACK)');
  assert.equal(out[0].ack, 9001);
  assert.equal(conn.state, 'ESTABLISHED');
});

test('a retransmitted SYN-ACK reaching SYN-RECEIVED (passive side) does not create a second connection', () => {
  const h = new Harness({ timestamps: false });
  let handed = 0;
  h.layer.listen(0, PORT, { backlog: 2 }, () => { handed++; });
  h.send({ seq: 50, flags: SYN });
  const [sa] = h.poll();
  h.send({ seq: 50, ack: seqAdd(sa.seq, 1), flags: SYN | ACK });
  h.poll();
  assert.equal(h.layer.stats.connections, 1);
  assert.equal(handed, 1, 'the SYN-ACK acknowledged our SYN: established');
});

test('bytesRead, bytesWritten and bufferedAmount follow the transfer', () => {
  const { h, conn, p, l } = setup({}, { mss: 1000 });
  conn.write(fill(2500));
  h.poll();
  assert.equal(conn.bytesWritten, 2500);
  assert.equal(conn.bufferedAmount, 2500);
  h.send({ seq: p, ack: l + 2000, flags: ACK, payload: fill(700) });
  assert.equal(conn.bufferedAmount, 500);
  assert.equal(conn.bytesRead, 700);
  h.poll(); // the 500-byte tail, held by Nagle until now
  const info = conn.info();
  assert.equal(info.state, 'ESTABLISHED');
  assert.equal(info.mss, 1000);
  assert.equal(info.unacked, 500);
});

test('setReading(false) holds data; resuming delivers it in one piece and the FIN after it', () => {
  const { h, conn, events, p, l } = setup();
  conn.setReading(false);
  h.send({ seq: p, ack: l, flags: ACK, payload: bytes('one ') });
  h.send({ seq: p + 4, ack: l, flags: ACK | FIN, payload: bytes('two') });
  assert.deepEqual(events, []);
  assert.equal(conn.state, 'CLOSE_WAIT');
  conn.setReading(true);
  assert.deepEqual(events, [], 'delivery happens from poll(), not inside setReading()');
  h.poll();
  assert.deepEqual(events, ['data:one two', 'end']);
});

test('onDrain fires once per exhaustion, after the ACK that freed room', () => {
  const { h, conn, events, p, l } = setup({ sendBufferSize: 2000 }, { mss: 1000 });
  assert.equal(conn.write(fill(2000)), 2000);
  assert.equal(conn.write(fill(1)), 0);
  h.poll();
  h.send({ seq: p, ack: l + 1000, flags: ACK });
  h.send({ seq: p, ack: l + 2000, flags: ACK });
  assert.deepEqual(events, ['drain']);
});

test('keep-alive probes are not sent while data is outstanding (the RTO covers that)', () => {
  const { h, conn } = setup({ keepAliveInterval: 100, maxRetries: 20, maxRto: 400 });
  conn.setKeepAlive(true, 100);
  conn.write(fill(10));
  const out = h.advance(2000);
  assert.ok(out.length > 0);
  assert.ok(out.every((s) => s.payload.length === 10), 'only retransmissions, no keep-alive probes');
  assert.equal(h.layer.stats.keepAliveProbes, 0);
});

test('our receive window is advertised scaled and rounded down to the scale unit', () => {
  const { h, conn, p, l } = setup({ receiveBufferSize: 100_000 }, { windowScale: 0 });
  assert.deepEqual(conn.info().windowScale, [0, 1]);
  conn.setReading(false);
  h.send({ seq: p, ack: l, flags: ACK, payload: fill(1001) });
  const out = h.advance(100);
  // Free: 98999 bytes -> 49499 units of 2 bytes (98998), never more than is free.
  assert.equal(out[out.length - 1].window, 49_499);
});

test('a FIN repeated at a different position is ignored after the first', () => {
  const { h, conn, events, p, l } = setup();
  h.send({ seq: p + 10, ack: l, flags: ACK | FIN }); // FIN at p+10, data missing
  h.send({ seq: p + 20, ack: l, flags: ACK | FIN }); // a later, bogus FIN position
  h.send({ seq: p, ack: l, flags: ACK, payload: fill(10) });
  assert.equal(conn.state, 'CLOSE_WAIT');
  assert.deepEqual(events.filter((e) => e === 'end'), ['end']);
  const out = h.poll();
  assert.equal(out[out.length - 1].ack, p + 11);
});

test('the SWS override: with a window too small to send under SWS rules, the persist timer sends anyway', () => {
  const { h, conn, p, l } = setup({}, { mss: 1000 });
  conn.write(fill(1000));
  h.poll();
  // The peer offered 65535 before; now only 300 bytes while 800 wait: held back by SWS avoidance.
  h.send({ seq: p, ack: l + 1000, flags: ACK, window: 300 });
  conn.write(fill(800));
  assert.equal(h.poll().length, 0);
  const out = h.advance(1000).filter((s) => s.payload.length);
  assert.ok(out.length >= 1);
  assert.equal(out[0].payload.length, 300, 'the override sends what fits');
});

test('RST after close(): the connection ends quietly (the application already let go)', () => {
  const { h, conn, events, p, l } = setup();
  conn.close();
  h.poll();
  h.send({ seq: p, ack: l + 1, flags: ACK });
  assert.equal(conn.state, 'FIN_WAIT_2');
  h.send({ seq: p, flags: RST });
  h.poll();
  assert.deepEqual(events, ['close']);
  assert.equal(h.layer.stats.connections, 0);
});

test('a retransmission whose data is old but whose FIN is new: the FIN is taken', () => {
  const { h, conn, events, p, l } = setup();
  h.send({ seq: p, ack: l, flags: ACK, payload: bytes('data') });
  h.send({ seq: p, ack: l, flags: ACK | FIN, payload: bytes('data') });
  assert.deepEqual(events, ['data:data', 'end']);
  assert.equal(conn.state, 'CLOSE_WAIT');
  const out = h.poll();
  assert.equal(out[out.length - 1].ack, p + 5);
});

test('stateless replies are bounded between polls; the excess is dropped and counted', () => {
  const h = new Harness();
  for (let i = 0; i < 1100; i++) h.send({ seq: i, flags: SYN, dstPort: 9 });
  assert.equal(h.poll().length, 1024);
  assert.equal(h.layer.stats.drops['reply-queue-full'], 76);
  assert.equal(h.layer.stats.drops['no-socket'], 1100);
});
