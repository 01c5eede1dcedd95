import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Harness, bytes, text } from './testing/harness';
import { SYN, ACK, RST, FIN, PSH } from '../wire/tcp';
import { seqAdd } from './seq';

/** An established passive connection with event recording. */
function setup(config = {}) {
  const h = new Harness({ timestamps: false, ...config });
  const { conn, iss, peerIsn } = h.accept();
  const events: string[] = [];
  conn.onData = (b) => events.push(`data:${text(b)}`);
  conn.onEnd = () => events.push('end');
  conn.onClose = (e) => events.push(e ? `close:${(e as { code: string }).code}` : 'close');
  conn.onDrain = () => events.push('drain');
  h.poll();
  // p: the peer's next sequence number; l: ours (what the peer acknowledges).
  return { h, conn, events, p: peerIsn + 1, l: seqAdd(iss, 1) };
}

test('active close: FIN_WAIT_1 -> FIN_WAIT_2 -> TIME_WAIT, onClose at TIME_WAIT, gone after 2*MSL', () => {
  const { h, conn, events, p, l } = setup({ msl: 1000 });
  conn.shutdown();
  assert.equal(conn.state, 'FIN_WAIT_1');
  const [fin] = h.poll();
  assert.equal(fin.flags, FIN | ACK);
  assert.equal(fin.seq, l);
  h.send({ seq: p, ack: l + 1, flags: ACK });
  assert.equal(conn.state, 'FIN_WAIT_2');
  h.send({ seq: p, ack: l + 1, flags: ACK | FIN });
  assert.equal(conn.state, 'TIME_WAIT');
  const [ack] = h.poll();
  assert.equal(ack.flags, ACK);
  assert.equal(ack.ack, p + 1);
  assert.deepEqual(events, ['end', 'close']);
  assert.equal(h.layer.stats.timeWait, 1);
  h.advance(1999);
  assert.equal(h.layer.stats.connections, 1, 'still guarding the 4-tuple');
  h.advance(1);
  assert.equal(h.layer.stats.connections, 0);
  assert.equal(h.layer.stats.timeWait, 0);
  assert.deepEqual(events, ['end', 'close'], 'onClose exactly once');
});

test('TIME_WAIT: a retransmitted FIN is ACKed again and restarts the 2*MSL timer', () => {
  const { h, conn, p, l } = setup({ msl: 1000 });
  conn.shutdown();
  h.poll();
  h.send({ seq: p, ack: l + 1, flags: ACK | FIN });
  h.poll();
  h.advance(1500);
  h.send({ seq: p, ack: l + 1, flags: ACK | FIN }); // our ACK was lost; the peer retransmits
  const [ack] = h.poll();
  assert.equal(ack.ack, p + 1);
  h.advance(1999);
  assert.equal(h.layer.stats.connections, 1, 'timer restarted at the retransmission');
  h.advance(2);
  assert.equal(h.layer.stats.connections, 0);
});

test('passive close: CLOSE_WAIT -> LAST_ACK -> CLOSED; data before the FIN is delivered first', () => {
  const { h, conn, events, p, l } = setup();
  h.send({ seq: p, ack: l, flags: ACK | PSH | FIN, payload: bytes('bye') });
  assert.equal(conn.state, 'CLOSE_WAIT');
  assert.deepEqual(events, ['data:bye', 'end']);
  const [ack] = h.poll();
  assert.equal(ack.ack, p + 4, 'FIN acknowledged at once');
  conn.write(bytes('reply'));
  conn.shutdown();
  assert.equal(conn.state, 'LAST_ACK');
  const [out] = h.poll();
  assert.equal(out.flags & FIN, FIN);
  assert.equal(text(out.payload), 'reply');
  h.send({ seq: p + 4, ack: l + 6, flags: ACK });
  assert.equal(conn.state, 'CLOSED');
  h.poll();
  assert.deepEqual(events, ['data:bye', 'end', 'close']);
  assert.equal(h.layer.stats.connections, 0);
  assert.equal(h.layer.stats.currentEstablished, 0);
});

test('simultaneous close: FIN crosses FIN, CLOSING -> TIME_WAIT', () => {
  const { h, conn, events, p, l } = setup();
  conn.shutdown();
  h.poll();
  h.send({ seq: p, ack: l, flags: ACK | FIN }); // their FIN does not acknowledge ours
  assert.equal(conn.state, 'CLOSING');
  const [ack] = h.poll();
  assert.equal(ack.ack, p + 1);
  h.send({ seq: p + 1, ack: l + 1, flags: ACK });
  assert.equal(conn.state, 'TIME_WAIT');
  assert.deepEqual(events, ['end', 'close']);
});

test('FIN_WAIT_1: a FIN that also acknowledges ours goes straight to TIME_WAIT', () => {
  const { h, conn, p, l } = setup();
  conn.shutdown();
  h.poll();
  h.send({ seq: p, ack: l + 1, flags: ACK | FIN });
  assert.equal(conn.state, 'TIME_WAIT');
});

test('FIN arriving before the data that precedes it waits for that data', () => {
  const { h, conn, events, p, l } = setup();
  h.send({ seq: p + 5, ack: l, flags: ACK | FIN, payload: bytes('world') });
  assert.equal(conn.state, 'ESTABLISHED');
  assert.deepEqual(events, []);
  const [dup] = h.poll();
  assert.equal(dup.ack, p, 'out of order: immediate duplicate ACK');
  h.send({ seq: p, ack: l, flags: ACK, payload: bytes('hello') });
  assert.equal(conn.state, 'CLOSE_WAIT');
  assert.deepEqual(events, ['data:helloworld', 'end']);
  const [ack] = h.poll();
  assert.equal(ack.ack, p + 11);
});

test('half close: after shutdown() data keeps arriving; write() then throws EPIPE', () => {
  const { h, conn, events, p, l } = setup();
  conn.shutdown();
  h.poll();
  h.send({ seq: p, ack: l + 1, flags: ACK, payload: bytes('still') });
  h.send({ seq: p + 5, ack: l + 1, flags: ACK, payload: bytes(' here') });
  assert.deepEqual(events, ['data:still', 'data: here']);
  assert.throws(() => conn.write(bytes('x')), { code: 'EPIPE' });
  assert.equal(conn.state, 'FIN_WAIT_2');
});

test('close() with unread data sends RST instead of FIN (RFC 9293 3.10.4, as Linux)', () => {
  const { h, conn, events, p, l } = setup();
  conn.setReading(false);
  h.send({ seq: p, ack: l, flags: ACK, payload: bytes('unread') });
  h.poll();
  conn.close();
  const [rst] = h.poll();
  assert.equal(rst.flags & RST, RST);
  assert.equal(rst.seq, l);
  assert.equal(conn.state, 'CLOSED');
  assert.deepEqual(events, ['close'], 'no data after close, one onClose without error');
  assert.equal(h.layer.stats.connections, 0);
});

test('data arriving after close() is answered with RST (no one will read it)', () => {
  const { h, conn, events, p, l } = setup();
  conn.close();
  h.poll(); // FIN
  h.send({ seq: p, ack: l + 1, flags: ACK });
  assert.equal(conn.state, 'FIN_WAIT_2');
  h.send({ seq: p, ack: l + 1, flags: ACK, payload: bytes('late') });
  const out = h.poll();
  assert.ok(out.some((s) => s.flags & RST));
  assert.equal(conn.state, 'CLOSED');
  assert.deepEqual(events, ['close']);
});

test('an orphaned FIN_WAIT_2 gives up after finWait2Timeout', () => {
  const { h, conn, events, p, l } = setup({ finWait2Timeout: 5000 });
  conn.close();
  h.poll();
  h.send({ seq: p, ack: l + 1, flags: ACK });
  assert.equal(conn.state, 'FIN_WAIT_2');
  h.advance(4999);
  assert.equal(h.layer.stats.connections, 1);
  h.advance(2);
  assert.equal(h.layer.stats.connections, 0);
  assert.deepEqual(events, ['close']);
});

test('shutdown() only (not close) keeps FIN_WAIT_2 open without a timeout', () => {
  const { h, conn, p, l } = setup({ finWait2Timeout: 5000 });
  conn.shutdown();
  h.poll();
  h.send({ seq: p, ack: l + 1, flags: ACK });
  h.advance(60_000);
  assert.equal(conn.state, 'FIN_WAIT_2');
});

test('shutdown() during the handshake sends the FIN once established', () => {
  const h = new Harness({ timestamps: false });
  const conn = h.layer.connect(h.now, 0x0a000001, 0x0a000002, 80);
  const [syn] = h.poll();
  conn.write(bytes('req'));
  conn.shutdown();
  assert.equal(h.poll().length, 0, 'nothing before the SYN-ACK');
  h.send({ srcPort: 80, dstPort: conn.localPort, seq: 7, ack: seqAdd(syn.seq, 1), flags: SYN | ACK, mss: 1000 });
  assert.equal(conn.state, 'FIN_WAIT_1');
  const out = h.poll();
  const data = out.find((s) => s.payload.length > 0)!;
  assert.equal(text(data.payload), 'req');
  assert.equal(data.flags & FIN, FIN, 'FIN rides on the last data segment');
});

test('abort(): RST with SND.NXT, onClose without error on the next poll, write refused', () => {
  const { h, conn, events, l } = setup();
  conn.write(bytes('abc'));
  h.poll();
  conn.abort();
  assert.deepEqual(events, [], 'no callback from inside abort()');
  const [rst] = h.poll();
  assert.equal(rst.flags, RST | ACK);
  assert.equal(rst.seq, l + 3);
  assert.deepEqual(events, ['close']);
  assert.throws(() => conn.write(bytes('x')), { code: 'EPIPE' });
  assert.equal(h.layer.stats.connections, 0);
  conn.abort(); // idempotent
  assert.equal(h.poll().length, 0);
});

test('TIME_WAIT: a new SYN with a higher sequence number reuses the 4-tuple (RFC 9293 3.6.1)', () => {
  const { h, conn, p, l } = setup({ msl: 30_000 });
  conn.shutdown();
  h.poll();
  h.send({ seq: p, ack: l + 1, flags: ACK | FIN });
  h.poll();
  assert.equal(conn.state, 'TIME_WAIT');
  const before = h.accepted.length;
  // An old duplicate SYN (lower sequence number) does not.
  h.send({ seq: p - 100, flags: SYN });
  const oldOut = h.poll();
  assert.ok(oldOut.every((s) => !(s.flags & SYN)));
  h.send({ seq: p + 1000, flags: SYN, mss: 1460 });
  const [sa] = h.poll();
  assert.equal(sa.flags, SYN | ACK);
  assert.ok(((sa.seq - l) | 0) > 65536, 'new ISN above the old connection\'s sequence space');
  h.send({ seq: p + 1001, ack: sa.seq + 1, flags: ACK });
  assert.equal(h.accepted.length, before + 1);
  assert.equal(h.accepted[before].state, 'ESTABLISHED');
});

test('TIME_WAIT connections are bounded: the oldest is dropped beyond maxTimeWait', () => {
  const h = new Harness({ timestamps: false, maxTimeWait: 2 });
  for (let i = 0; i < 4; i++) {
    const { conn, iss, peerIsn } = h.accept({ srcPort: 41000 + i });
    conn.shutdown();
    h.poll();
    h.send({ srcPort: 41000 + i, seq: peerIsn + 1, ack: seqAdd(iss, 2), flags: ACK | FIN });
    h.poll();
  }
  assert.equal(h.layer.stats.timeWait, 2);
  assert.equal(h.layer.stats.connections, 2);
});
