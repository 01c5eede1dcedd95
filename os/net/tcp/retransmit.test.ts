import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Harness, fill } from './testing/harness';
import { ACK } from '../wire/tcp';
import { seqAdd } from './seq';

function setup(config = {}, acceptOpts = {}) {
  const h = new Harness({ timestamps: false, minRto: 200, ...config });
  const { conn, iss, peerIsn } = h.accept({ mss: 1000, ...acceptOpts });
  h.poll();
  return { h, conn, p: peerIsn + 1, l: seqAdd(iss, 1) };
}

const seqs = (out: { seq: number; payload: Uint8Array }[], l: number) => out.filter((s) => s.payload.length).map((s) => s.seq - l);

test('RTO: an unacknowledged segment is retransmitted after the RTO, doubling each time (RFC 6298 5.5)', () => {
  const { h, conn, l } = setup({ maxRetries: 4 });
  // The handshake gave one RTT sample of 0 ms: RTO = max(200, 0 + max(1, 0)) = 200.
  assert.equal(conn.info().rto, 200);
  conn.write(fill(100));
  const start = h.now;
  h.poll();
  const times: number[] = [];
  let err: any;
  conn.onClose = (e) => { err = e; };
  for (let i = 0; i < 200 && !err; i++) for (const s of h.advance(50)) if (s.payload.length) { times.push(h.now - start); assert.equal(s.seq, l); }
  assert.deepEqual(times, [200, 600, 1400, 3000]);
  assert.equal(err?.code, 'ETIMEDOUT', 'after maxRetries retransmissions');
  assert.equal(h.now - start, 6200);
  assert.equal(h.layer.stats.rtoTimeouts, 4);
  assert.equal(h.layer.stats.timeouts, 1);
});

test('RTO: a retransmission timeout goes back to SND.UNA and restarts slow start from 1 segment', () => {
  const { h, conn, p, l } = setup();
  conn.write(fill(10_000));
  assert.equal(seqs(h.poll(), l).length, 10);
  const out = h.advance(200);
  assert.deepEqual(seqs(out, l), [0], 'one segment: cwnd = 1 SMSS (RFC 5681 eq. 4)');
  assert.equal(conn.info().ssthresh, 5000, 'FlightSize/2');
  h.send({ seq: p, ack: l + 1000, flags: ACK });
  assert.deepEqual(seqs(h.poll(), l), [1000, 2000], 'slow start again, from SND.UNA (go-back-N)');
});

test('RTT: measured from a timed segment, never from a retransmitted one (Karn)', () => {
  const { h, conn, p, l } = setup();
  conn.write(fill(100));
  h.poll();
  h.advance(80);
  h.send({ seq: p, ack: l + 100, flags: ACK });
  // Second sample 80 ms after the handshake's 0: SRTT = 0.875*0 + 0.125*80 = 10.
  assert.equal(conn.info().srtt, 10);
  conn.write(fill(100));
  h.poll();
  h.advance(200); // timeout, retransmission
  h.advance(100);
  h.send({ seq: p, ack: l + 200, flags: ACK });
  assert.equal(conn.info().srtt, 10, 'the retransmitted segment gave no sample');
});

test('RTT from timestamps: every ACK of new data gives a sample from TSecr (RFC 7323 4.1)', () => {
  const h = new Harness({ minRto: 200 });
  const { conn, iss, peerIsn, synAck } = h.accept({ mss: 1000, ts: true });
  const p = peerIsn + 1, l = seqAdd(iss, 1);
  conn.write(fill(100));
  const [seg] = h.poll();
  assert.ok(seg.hasTimestamp);
  h.advance(50);
  h.send({ seq: p, ack: l + 100, flags: ACK, ts: [500, seg.tsVal] });
  const srtt = conn.info().srtt;
  assert.ok(srtt > 0 && srtt <= 50, `srtt ${srtt}`);
  assert.equal(synAck.tsEcr, 100, 'the SYN-ACK echoed the SYN\'s TSval');
});

test('fast retransmit after three duplicate ACKs, then NewReno recovery (RFC 5681 3.2, RFC 6582)', () => {
  const { h, conn, p, l } = setup();
  conn.write(fill(20_000));
  assert.equal(seqs(h.poll(), l).length, 10);
  // Segment 0 is lost; segments 1, 2, 3 arrive: three duplicate ACKs.
  h.send({ seq: p, ack: l, flags: ACK });
  h.send({ seq: p, ack: l, flags: ACK });
  let out = h.poll();
  assert.deepEqual(seqs(out, l), [10_000, 11_000], 'limited transmit: one new segment per early duplicate (RFC 3042)');
  h.send({ seq: p, ack: l, flags: ACK });
  out = h.poll();
  assert.deepEqual(seqs(out, l), [0], 'fast retransmit of SND.UNA');
  assert.equal(h.layer.stats.fastRetransmits, 1);
  assert.equal(conn.info().ssthresh, 6000, 'FlightSize 12000 / 2');
  assert.equal(conn.info().cwnd, 9000, 'ssthresh + 3 SMSS');
  // More duplicates inflate cwnd; new data goes once cwnd exceeds the flight (12000).
  for (let i = 0; i < 4; i++) h.send({ seq: p, ack: l, flags: ACK });
  out = h.poll();
  assert.deepEqual(seqs(out, l), [12_000]);
  // A partial ACK (segment 0 arrived, 4 is missing too) retransmits the next hole at once.
  h.send({ seq: p, ack: l + 4000, flags: ACK });
  out = h.poll();
  assert.equal(seqs(out, l)[0], 4000, 'partial ACK: retransmit the first unacknowledged segment');
  // The full ACK ends recovery with cwnd = min(ssthresh, FlightSize + SMSS).
  h.send({ seq: p, ack: l + 13_000, flags: ACK });
  assert.ok(conn.info().cwnd <= 6000);
  assert.equal(h.layer.stats.rtoTimeouts, 0, 'recovered without a timeout');
});

test('SACK recovery retransmits only the holes, not the SACKed segments (RFC 6675)', () => {
  const { h, conn, p, l } = setup({}, { sackPermitted: true });
  conn.write(fill(10_000));
  assert.equal(seqs(h.poll(), l).length, 10);
  // Segments 0 and 4 lost; 1-3 and 5-9 arrive: the receiver SACKs them.
  const sackAck = (blocks: number[]) => h.send({ seq: p, ack: l, flags: ACK, sack: blocks.map((b) => l + b) });
  sackAck([1000, 2000]);
  sackAck([1000, 3000]);
  sackAck([1000, 4000]);
  let out = h.poll();
  assert.deepEqual(seqs(out, l), [0], 'IsLost(SND.UNA): 3 segments SACKed above');
  assert.equal(h.layer.stats.sackRecoveries, 1);
  sackAck([5000, 6000, 1000, 4000]);
  sackAck([5000, 7000, 1000, 4000]);
  sackAck([5000, 8000, 1000, 4000]);
  out = h.poll();
  assert.deepEqual(seqs(out, l).filter((s) => s < 10_000), [4000], 'the second hole, once lost');
  sackAck([5000, 10_000, 1000, 4000]);
  out = h.poll();
  assert.ok(seqs(out, l).every((s) => s >= 10_000 || s === 4000), `no SACKed data resent: ${seqs(out, l)}`);
  h.send({ seq: p, ack: l + 10_000, flags: ACK });
  assert.equal(h.layer.stats.rtoTimeouts, 0);
});

test('after a timeout the resend skips data the peer SACKed', () => {
  const { h, conn, p, l } = setup({}, { sackPermitted: true });
  conn.write(fill(5000));
  h.poll();
  // Segments 0 and 1 lost, 2 and 3 received.
  h.send({ seq: p, ack: l, flags: ACK, sack: [l + 2000, l + 4000] });
  h.poll();
  const out = h.advance(250); // RTO
  assert.deepEqual(seqs(out, l), [0]);
  h.send({ seq: p, ack: l + 1000, flags: ACK, sack: [l + 2000, l + 4000] });
  const next = seqs(h.poll(), l);
  assert.deepEqual(next, [1000, 4000], 'go-back-N from SND.UNA, skipping [2000, 4000)');
});

test('no second fast recovery for the losses of a timeout (RFC 6582 section 4, "recover")', () => {
  const { h, conn, p, l } = setup();
  conn.write(fill(10_000));
  h.poll();
  h.advance(200); // timeout: recover = SND.MAX
  for (let i = 0; i < 3; i++) h.send({ seq: p, ack: l, flags: ACK });
  h.poll();
  assert.equal(h.layer.stats.fastRetransmits, 0);
});

test('retransmission limit during data transfer: onClose(ETIMEDOUT) and the peer gets nothing more', () => {
  const { h, conn } = setup({ maxRetries: 2 });
  let err: any;
  conn.onClose = (e) => { err = e; };
  conn.write(fill(10));
  h.poll();
  h.advance(10_000);
  assert.equal(err?.code, 'ETIMEDOUT');
  assert.equal(err?.syscall, 'read');
  assert.equal(h.layer.stats.connections, 0);
  assert.equal(h.advance(10_000).length, 0);
});

test('restart after idle: cwnd falls back to the initial window (RFC 5681 4.1)', () => {
  const { h, conn, p, l } = setup();
  conn.write(fill(30_000));
  // ACK exactly what was sent until everything is acknowledged: cwnd grows past the IW.
  for (let out = h.poll(); out.length; out = h.poll()) {
    const last = out[out.length - 1];
    h.send({ seq: p, ack: last.seq + last.payload.length, flags: ACK });
  }
  assert.equal(conn.bufferedAmount, 0);
  assert.ok(conn.info().cwnd > 10_000);
  h.advance(5000);
  conn.write(fill(30_000));
  assert.equal(seqs(h.poll(), l).length, 10);
});

test('a receiver that reneges on SACKed data still gets it: SACK information is dropped on the second timeout', () => {
  const { h, conn, p, l } = setup({}, { sackPermitted: true });
  conn.write(fill(4000));
  h.poll();
  h.send({ seq: p, ack: l, flags: ACK, sack: [l + 2000, l + 4000] });
  h.poll();
  // The peer acknowledges the first two segments but has discarded [2000, 4000) (reneged).
  let out = h.advance(250);
  h.send({ seq: p, ack: l + 2000, flags: ACK });
  out = h.poll();
  assert.deepEqual(seqs(out, l), [], 'first resend skipped the SACKed range; nothing else to send');
  // The timer still runs (SND.UNA < SND.MAX); the first expiry without progress keeps the SACK
  // information, the second forgets it and resends.
  out = h.advance(3000);
  assert.ok(seqs(out, l).includes(2000), `after the next timeouts [2000, 4000) is resent: ${seqs(out, l)}`);
  h.send({ seq: p, ack: l + 4000, flags: ACK });
  assert.equal(conn.bufferedAmount, 0);
});

/** Sends 10 segments, lets them age 50 ms, then 3 SACKs make segment 0 "lost": fast retransmit. */
function reordered() {
  const { h, conn, p, l } = setup({ timestamps: true }, { sackPermitted: true, ts: true });
  conn.write(fill(10_000));
  const first = h.poll();
  const originalTs = first[0].tsVal;
  const seg = first[0].payload.length; // the MSS less the timestamp option
  const sent = first[first.length - 1].seq + first[first.length - 1].payload.length - l;
  h.advance(50);
  const sackAck = (n: number) => h.send({ seq: p, ack: l, flags: ACK, sack: [l + seg, l + seg * (n + 1)], ts: [200, originalTs] });
  const cwndBefore = conn.info().cwnd;
  sackAck(1); sackAck(2); sackAck(3);
  const rxt = h.poll().filter((s) => s.payload.length && s.seq === l);
  assert.equal(rxt.length, 1, 'fast retransmit of segment 0');
  assert.ok(conn.info().cwnd < cwndBefore, 'window reduced on entering recovery');
  return { h, conn, p, l, originalTs, rxtTs: rxt[0].tsVal, cwndBefore, sent };
}

test('Eifel (RFC 3522): an ACK echoing the original\'s timestamp shows the retransmit was spurious; the reduction is undone', () => {
  const { h, conn, p, l, originalTs, rxtTs, cwndBefore, sent } = reordered();
  assert.ok(rxtTs > originalTs);
  // The delayed original filled the hole: the receiver echoes its (older) timestamp.
  h.send({ seq: p, ack: l + sent, flags: ACK, ts: [201, originalTs] });
  h.poll();
  assert.equal(h.layer.stats.spuriousRecoveries, 1);
  assert.ok(conn.info().cwnd >= cwndBefore, `cwnd ${conn.info().cwnd} restored to at least ${cwndBefore}`);
});

test('Eifel: an ACK echoing the retransmission\'s timestamp (a real loss) keeps the reduction', () => {
  const { h, conn, p, l, rxtTs, cwndBefore, sent } = reordered();
  h.send({ seq: p, ack: l + sent, flags: ACK, ts: [201, rxtTs] });
  h.poll();
  assert.equal(h.layer.stats.spuriousRecoveries, 0);
  assert.ok(conn.info().cwnd < cwndBefore);
});
