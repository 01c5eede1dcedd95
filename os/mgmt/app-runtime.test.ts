import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TcpTracker } from './app-runtime';
import { Harness } from '../net/tcp/testing/harness';
import { ACK, FIN } from '../net/wire/tcp';
import { seqAdd } from '../net/tcp/seq';

function trackedHarness() {
  const h = new Harness({ timestamps: false, msl: 100 });
  const tracker = new TcpTracker(h.layer);
  (h as unknown as { layer: unknown }).layer = tracker.layer; // the app's view of the stack
  return { h, tracker };
}

test('the tracker holds an open connection and forgets it when it closes', () => {
  const { h, tracker } = trackedHarness();
  const closes: string[] = [];
  for (let i = 0; i < 3; i++) {
    const { conn, iss, peerIsn } = h.accept({ srcPort: 40000 + i });
    conn.onClose = (e) => closes.push(e ? `err ${e.code}` : 'clean');
    assert.equal(tracker.connections.size, 1);
    // The peer closes; we answer with our FIN; its ACK ends the connection (LAST-ACK -> CLOSED).
    h.send({ seq: peerIsn + 1, ack: seqAdd(iss, 1), flags: ACK | FIN, srcPort: 40000 + i });
    h.poll();
    conn.close();
    h.poll();
    h.send({ seq: peerIsn + 2, ack: seqAdd(iss, 2), flags: ACK, srcPort: 40000 + i });
    h.poll();
    assert.equal(tracker.connections.size, 0, `connection ${i} still tracked after it closed`);
  }
  assert.deepEqual(closes, ['clean', 'clean', 'clean']);
  assert.equal(h.layer.stats.connections, 0);
});

test('closeAll aborts what is open without calling the old handlers', () => {
  const { h, tracker } = trackedHarness();
  const { conn } = h.accept();
  let called = false;
  conn.onClose = () => { called = true; };
  assert.equal(tracker.closeAll(), 2); // the listener and the connection
  h.poll();
  assert.equal(called, false);
  assert.equal(tracker.connections.size, 0);
  assert.equal(h.layer.stats.connections, 0);
});
