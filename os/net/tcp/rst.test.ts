import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Harness, bytes, text } from './testing/harness';
import { SYN, ACK, RST, FIN } from '../wire/tcp';
import { seqAdd } from './seq';

function setup(config = {}) {
  const h = new Harness({ timestamps: false, ...config });
  const { conn, iss, peerIsn } = h.accept();
  const events: string[] = [];
  conn.onData = (b) => events.push(`data:${text(b)}`);
  conn.onEnd = () => events.push('end');
  conn.onClose = (e) => events.push(e ? `close:${(e as { code: string }).code}` : 'close');
  h.poll();
  return { h, conn, events, p: peerIsn + 1, l: seqAdd(iss, 1) };
}

test('RST exactly at RCV.NXT resets an established connection: ECONNRESET', () => {
  const { h, conn, events, p } = setup();
  h.send({ seq: p, flags: RST });
  assert.equal(conn.state, 'CLOSED');
  h.poll();
  assert.deepEqual(events, ['close:ECONNRESET']);
  assert.equal(h.layer.stats.resetsIn, 1);
  assert.equal(h.layer.stats.establishedResets, 1);
  assert.equal(h.layer.stats.connections, 0);
  assert.equal(h.layer.stats.currentEstablished, 0);
});

test('RST in the window but not exact gets a challenge ACK and changes nothing (RFC 5961 3.2)', () => {
  const { h, conn, events, p, l } = setup();
  h.send({ seq: p + 100, flags: RST });
  assert.equal(conn.state, 'ESTABLISHED');
  const [ack] = h.poll();
  assert.equal(ack.flags, ACK);
  assert.equal(ack.seq, l);
  assert.equal(ack.ack, p);
  assert.equal(h.layer.stats.challengeAcks, 1);
  assert.deepEqual(events, []);
  // The peer answers the challenge with an exact RST, which is honoured.
  h.send({ seq: p, flags: RST });
  h.poll();
  assert.deepEqual(events, ['close:ECONNRESET']);
});

test('RST outside the window is dropped silently', () => {
  const { h, conn, p } = setup();
  h.send({ seq: p - 1, flags: RST });
  h.send({ seq: p + 10_000_000, flags: RST });
  assert.equal(conn.state, 'ESTABLISHED');
  assert.equal(h.poll().length, 0);
  assert.equal(h.layer.stats.drops['rst-ignored'], 2);
});

test('SYN on an established connection gets a challenge ACK, never a reset (RFC 5961 4.2)', () => {
  const { h, conn, p, l } = setup();
  for (const seq of [p, p + 50, p - 1000]) {
    h.send({ seq, flags: SYN });
    const out = h.poll();
    assert.equal(out.length, 1, `SYN at ${seq - p}`);
    assert.equal(out[0].flags, ACK);
    assert.equal(out[0].seq, l);
    assert.equal(out[0].ack, p);
  }
  assert.equal(conn.state, 'ESTABLISHED');
  assert.equal(h.layer.stats.drops['syn-in-window'], 3);
});

test('challenge ACKs are rate limited for the whole layer (RFC 5961 section 7)', () => {
  const { h, p } = setup({ challengeAckLimit: 3 });
  let acks = 0;
  for (let i = 0; i < 10; i++) { h.send({ seq: p + 1 + i, flags: RST }); acks += h.poll().length; }
  assert.equal(acks, 3);
  h.advance(1000);
  h.send({ seq: p + 1, flags: RST });
  assert.equal(h.poll().length, 1, 'a new second, a new budget');
});

test('RST in SYN-RECEIVED (passive) removes the half-open connection silently', () => {
  const h = new Harness();
  let handed = 0;
  h.layer.listen(0, 80, { backlog: 4 }, () => { handed++; });
  h.send({ seq: 100, flags: SYN });
  h.poll();
  assert.equal(h.layer.stats.connections, 1);
  h.send({ seq: 101, flags: RST });
  h.poll();
  assert.equal(h.layer.stats.connections, 0);
  assert.equal(handed, 0);
});

test('RST in CLOSING, LAST_ACK and TIME_WAIT closes without an error', () => {
  for (const target of ['CLOSING', 'LAST_ACK', 'TIME_WAIT']) {
    const { h, conn, events, p, l } = setup();
    if (target === 'LAST_ACK') {
      h.send({ seq: p, ack: l, flags: ACK | FIN });
      conn.shutdown();
      h.poll();
      h.send({ seq: p + 1, flags: RST });
    } else if (target === 'CLOSING') {
      conn.shutdown();
      h.poll();
      h.send({ seq: p, ack: l, flags: ACK | FIN });
      h.poll();
      h.send({ seq: p + 1, flags: RST });
    } else {
      conn.shutdown();
      h.poll();
      h.send({ seq: p, ack: l + 1, flags: ACK | FIN });
      h.poll();
      assert.equal(conn.state, 'TIME_WAIT');
      h.send({ seq: p + 1, flags: RST });
    }
    h.poll();
    assert.equal(conn.state, 'CLOSED', target);
    assert.ok(!events.some((e) => e.startsWith('close:')), `${target}: ${events}`);
    assert.equal(h.layer.stats.connections, 0, target);
  }
});

test('RST in FIN_WAIT_1/2 and CLOSE_WAIT resets with ECONNRESET when the application still holds it', () => {
  for (const target of ['FIN_WAIT_1', 'FIN_WAIT_2', 'CLOSE_WAIT']) {
    const { h, conn, events, p, l } = setup();
    let next = p;
    if (target === 'CLOSE_WAIT') { h.send({ seq: p, ack: l, flags: ACK | FIN }); next = p + 1; }
    else {
      conn.shutdown();
      h.poll();
      if (target === 'FIN_WAIT_2') h.send({ seq: p, ack: l + 1, flags: ACK });
    }
    assert.equal(conn.state, target);
    h.send({ seq: next, flags: RST });
    h.poll();
    assert.ok(events.includes('close:ECONNRESET'), `${target}: ${events}`);
  }
});

test('a segment outside the receive window is answered with an ACK and dropped', () => {
  const { h, conn, events, p, l } = setup();
  h.send({ seq: p + 10_000_000, ack: l, flags: ACK, payload: bytes('far') });
  const [ack] = h.poll();
  assert.equal(ack.ack, p);
  assert.deepEqual(events, []);
  // An old duplicate (entirely below RCV.NXT) is also answered, so a peer whose ACK was lost recovers.
  h.send({ seq: p, ack: l, flags: ACK, payload: bytes('new') });
  h.poll();
  h.send({ seq: p, ack: l, flags: ACK, payload: bytes('new') });
  const [dup] = h.poll();
  assert.equal(dup.ack, p + 3);
  assert.deepEqual(events, ['data:new']);
  assert.equal(h.layer.stats.drops['out-of-window'], 2);
  assert.equal(conn.state, 'ESTABLISHED');
});

test('out-of-window pure ACKs are answered at most once per interval (no ACK loops)', () => {
  const { h, p, l } = setup({ outOfWindowAckInterval: 500 });
  let replies = 0;
  for (let i = 0; i < 5; i++) { h.send({ seq: p + 10_000_000, ack: l, flags: ACK }); replies += h.poll().length; }
  assert.equal(replies, 1);
  h.advance(500);
  h.send({ seq: p + 10_000_000, ack: l, flags: ACK });
  assert.equal(h.poll().length, 1);
});

test('an ACK for data never sent is answered with an ACK and the segment dropped', () => {
  const { h, conn, events, p, l } = setup();
  h.send({ seq: p, ack: l + 1000, flags: ACK, payload: bytes('data') });
  const [ack] = h.poll();
  assert.equal(ack.ack, p, 'the data was not taken');
  assert.deepEqual(events, []);
  assert.equal(h.layer.stats.drops['bad-ack'], 1);
  assert.equal(conn.state, 'ESTABLISHED');
});

test('an ACK older than SND.UNA - MAX.SND.WND is dropped (RFC 5961 5.2)', () => {
  const { h, conn, events, p, l } = setup();
  conn.write(new Uint8Array(1000));
  h.poll();
  h.send({ seq: p, ack: l + 1000, flags: ACK });
  // Window 65535: an ACK 100000 below SND.UNA is too old to be a late duplicate.
  h.send({ seq: p, ack: l - 100_000, flags: ACK, payload: bytes('inject') });
  h.poll();
  assert.deepEqual(events, []);
  assert.equal(h.layer.stats.drops['bad-ack'], 1);
  // A merely old ACK inside that range is fine and its data is taken.
  h.send({ seq: p, ack: l + 10, flags: ACK, payload: bytes('ok') });
  assert.deepEqual(events, ['data:ok']);
});

test('a segment without ACK on a synchronized connection is dropped', () => {
  const { h, events, p } = setup();
  h.send({ seq: p, flags: 0, payload: bytes('noack') });
  assert.deepEqual(events, []);
  assert.equal(h.layer.stats.drops['no-ack'], 1);
});

test('after a reset, segments for the old 4-tuple are answered with RST <SEQ=SEG.ACK>', () => {
  const { h, p, l } = setup();
  h.send({ seq: p, flags: RST });
  h.poll();
  h.send({ seq: p, ack: l, flags: ACK, payload: bytes('zombie') });
  const [rst] = h.poll();
  assert.equal(rst.flags, RST);
  assert.equal(rst.seq, l);
});
