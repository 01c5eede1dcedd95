import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Harness, LOCAL, REMOTE, PORT, PEER_PORT, bytes, text, type Emitted } from './testing/harness';
import { SYN, ACK, RST, FIN, PSH } from '../wire/tcp';
import { seqAdd } from './seq';
import type { TcpConnection } from './connection';

/** Starts an active open to REMOTE:80 and returns the connection and its SYN. */
function activeOpen(h: Harness): { conn: TcpConnection; syn: Emitted } {
  const conn = h.layer.connect(h.now, LOCAL, REMOTE, PORT);
  const out = h.poll();
  assert.equal(out.length, 1);
  return { conn, syn: out[0] };
}

function synAckTo(h: Harness, conn: TcpConnection, syn: Emitted, extra: Partial<Parameters<Harness['send']>[0]> = {}) {
  h.send({ srcPort: PORT, dstPort: conn.localPort, seq: 9000, ack: seqAdd(syn.seq, 1), flags: SYN | ACK, mss: 1460, ...extra });
}

test('active open: SYN offers MSS, window scale, SACK and timestamps; SYN-ACK completes it', () => {
  const h = new Harness();
  const { conn, syn } = activeOpen(h);
  assert.equal(conn.state, 'SYN_SENT');
  assert.equal(syn.flags, SYN);
  assert.equal(syn.src, LOCAL);
  assert.equal(syn.dst, REMOTE);
  assert.equal(syn.dstPort, PORT);
  assert.ok(conn.localPort >= 49152 && conn.localPort <= 65535);
  assert.equal(syn.mss, 1460);
  assert.equal(syn.windowScale, 3, '256 KiB buffer needs a shift of 3');
  assert.equal(syn.sackPermitted, true);
  assert.equal(syn.hasTimestamp, true);
  assert.equal(syn.tsEcr, 0);
  assert.equal(syn.window, 65535, 'a SYN window is never scaled');
  let connected = 0;
  conn.onConnect = () => { connected++; };
  synAckTo(h, conn, syn, { windowScale: 7, sackPermitted: true, ts: [777, syn.tsVal] });
  assert.equal(connected, 1);
  assert.equal(conn.state, 'ESTABLISHED');
  const ack = h.poll();
  assert.equal(ack.length, 1);
  assert.equal(ack[0].flags, ACK);
  assert.equal(ack[0].seq, seqAdd(syn.seq, 1));
  assert.equal(ack[0].ack, 9001);
  assert.equal(ack[0].tsEcr, 777);
  const info = conn.info();
  assert.deepEqual(info.windowScale, [7, 3]);
  assert.equal(info.sack, true);
  assert.equal(info.timestamps, true);
  assert.equal(h.layer.stats.activeOpens, 1);
  assert.equal(h.layer.stats.currentEstablished, 1);
});

test('active open: options the peer does not echo stay off; MSS defaults to 536 (RFC 9293 3.7.1)', () => {
  const h = new Harness();
  const { conn, syn } = activeOpen(h);
  h.send({ srcPort: PORT, dstPort: conn.localPort, seq: 1, ack: seqAdd(syn.seq, 1), flags: SYN | ACK, window: 1000 });
  const info = conn.info();
  assert.equal(info.mss, 536);
  assert.equal(info.sack, false);
  assert.equal(info.timestamps, false);
  assert.deepEqual(info.windowScale, [0, 0]);
  assert.equal(info.sendWindow, 1000);
  conn.write(new Uint8Array(3000));
  const out = h.poll();
  assert.ok(out.every((s) => s.payload.length <= 536), 'every segment within the peer MSS');
  assert.ok(out.every((s) => !s.hasTimestamp && s.windowScale === -1));
  // 536 fit the 1000-byte window; the remaining 464 are less than half the largest window the
  // peer offered, so sender SWS avoidance (RFC 1122 4.2.3.4) holds them back.
  assert.equal(out.reduce((n, s) => n + s.payload.length, 0), 536);
});

test('passive open: SYN-ACK echoes only offered options; the connection is handed over on the ACK', () => {
  const h = new Harness();
  let handed = 0;
  h.layer.listen(0, PORT, { backlog: 4 }, () => { handed++; });
  h.send({ seq: 100, flags: SYN, mss: 1400, windowScale: 2, sackPermitted: true, ts: [50, 0] });
  const [sa] = h.poll();
  assert.equal(sa.flags, SYN | ACK);
  assert.equal(sa.ack, 101);
  assert.equal(sa.mss, 1460);
  assert.equal(sa.windowScale, 3);
  assert.equal(sa.sackPermitted, true);
  assert.equal(sa.hasTimestamp, true);
  assert.equal(sa.tsEcr, 50);
  assert.equal(handed, 0, 'not before the handshake completes');
  assert.equal(h.layer.stats.passiveOpens, 1);
  h.send({ seq: 101, ack: seqAdd(sa.seq, 1), flags: ACK, ts: [51, sa.tsVal] });
  assert.equal(handed, 1);
  assert.equal(h.layer.stats.currentEstablished, 1);

  const h2 = new Harness();
  h2.layer.listen(0, PORT, { backlog: 4 }, () => {});
  h2.send({ seq: 100, flags: SYN });
  const [plain] = h2.poll();
  assert.equal(plain.windowScale, -1);
  assert.equal(plain.sackPermitted, false);
  assert.equal(plain.hasTimestamp, false);
  assert.equal(plain.mss, 1460, 'our MSS is always sent');
});

test('passive open: data carried by the SYN and by the third ACK is delivered after onConnection', () => {
  const h = new Harness();
  const events: string[] = [];
  h.layer.listen(0, PORT, { backlog: 4 }, (c) => {
    events.push('connection');
    c.onData = (b) => events.push(`data:${text(b)}`);
  });
  h.send({ seq: 100, flags: SYN, payload: bytes('syn-data ') });
  const [sa] = h.poll();
  assert.equal(sa.ack, 110, 'the SYN data is acknowledged');
  h.send({ seq: 110, ack: seqAdd(sa.seq, 1), flags: ACK | PSH, payload: bytes('more') });
  assert.deepEqual(events, ['connection', 'data:syn-data more']);
});

test('simultaneous open (RFC 9293 figure 8): SYN crosses SYN, both reach ESTABLISHED', () => {
  const h = new Harness();
  const conn = h.layer.connect(h.now, LOCAL, REMOTE, PORT, 5555);
  const [syn] = h.poll();
  let connected = 0;
  conn.onConnect = () => connected++;
  // The peer's own SYN crosses ours.
  h.send({ srcPort: PORT, dstPort: 5555, seq: 300, flags: SYN, mss: 1460 });
  assert.equal(conn.state, 'SYN_RECEIVED');
  const [synAck] = h.poll();
  assert.equal(synAck.flags, SYN | ACK);
  assert.equal(synAck.seq, syn.seq, 'same ISS');
  assert.equal(synAck.ack, 301);
  // The peer's SYN-ACK (repeating its SYN) acknowledges ours.
  h.send({ srcPort: PORT, dstPort: 5555, seq: 300, ack: seqAdd(syn.seq, 1), flags: SYN | ACK, mss: 1460 });
  assert.equal(conn.state, 'ESTABLISHED');
  assert.equal(connected, 1);
  conn.write(bytes('x'));
  const [data] = h.poll();
  assert.equal(data.seq, seqAdd(syn.seq, 1));
  assert.equal(data.ack, 301);
});

test('SYN retransmission backs off 1, 2, 4 s ... and ends with ETIMEDOUT after synRetries', () => {
  const h = new Harness({ synRetries: 3 });
  const start = h.now;
  const { conn } = activeOpen(h);
  let err: any;
  conn.onClose = (e) => { err = e; };
  const times: number[] = [];
  for (let i = 0; i < 100 && !err; i++) {
    const out = h.advance(500);
    for (const s of out) if (s.flags === SYN) times.push(h.now - start);
  }
  assert.deepEqual(times, [1000, 3000, 7000]);
  assert.equal(err?.code, 'ETIMEDOUT');
  assert.equal(h.now - start, 15_000, 'the last wait is 8 s');
  assert.equal(err?.syscall, 'connect');
  assert.equal(conn.state, 'CLOSED');
  assert.equal(h.layer.stats.connections, 0);
  assert.equal(h.layer.stats.failedAttempts, 1);
});

test('after a retransmitted SYN the data RTO starts at 3 s (RFC 6298 5.7)', () => {
  const h = new Harness({ timestamps: false });
  const { conn, syn } = activeOpen(h);
  h.advance(1000); // SYN retransmitted once
  synAckTo(h, conn, syn);
  assert.equal(conn.info().rto, 3000);
});

test('SYN-SENT: RST with an acceptable ACK refuses the connection; other RSTs are ignored', () => {
  const h = new Harness();
  const { conn, syn } = activeOpen(h);
  let err: any;
  conn.onClose = (e) => { err = e; };
  h.send({ srcPort: PORT, dstPort: conn.localPort, seq: 0, flags: RST }); // no ACK: ignored
  h.send({ srcPort: PORT, dstPort: conn.localPort, seq: 0, ack: seqAdd(syn.seq, 5), flags: RST | ACK }); // bad ACK
  h.poll();
  assert.equal(conn.state, 'SYN_SENT');
  h.send({ srcPort: PORT, dstPort: conn.localPort, seq: 0, ack: seqAdd(syn.seq, 1), flags: RST | ACK });
  h.poll();
  assert.equal(err?.code, 'ECONNREFUSED');
  assert.match(err.message, /connect ECONNREFUSED 10\.0\.0\.2:80/);
  assert.equal(conn.state, 'CLOSED');
});

test('SYN-SENT: a segment acknowledging something we never sent is answered <SEQ=SEG.ACK><CTL=RST>', () => {
  const h = new Harness();
  const { conn, syn } = activeOpen(h);
  h.send({ srcPort: PORT, dstPort: conn.localPort, seq: 1, ack: seqAdd(syn.seq, 100), flags: ACK });
  const out = h.poll();
  assert.equal(out.length, 1);
  assert.equal(out[0].flags, RST);
  assert.equal(out[0].seq, seqAdd(syn.seq, 100));
  assert.equal(conn.state, 'SYN_SENT');
  assert.equal(h.layer.stats.drops['bad-ack'], 1);
  // A segment with neither SYN nor RST is dropped.
  h.send({ srcPort: PORT, dstPort: conn.localPort, seq: 1, flags: PSH, payload: bytes('x') });
  assert.equal(h.layer.stats.drops['syn-sent-junk'], 1);
});

test('SYN-ACK is retransmitted with backoff, and a half-open connection expires silently', () => {
  const h = new Harness({ synAckRetries: 2 });
  let handed = 0;
  h.layer.listen(0, PORT, { backlog: 4 }, () => { handed++; });
  h.send({ seq: 100, flags: SYN });
  const start = h.now;
  const times: number[] = [];
  for (const s of h.advance(20_000)) if (s.flags === (SYN | ACK)) times.push(h.now - start);
  assert.equal(times.length, 3);
  assert.equal(h.layer.stats.connections, 0, 'forgotten after synAckRetries');
  assert.equal(handed, 0);
  // The retransmissions were 1 s then 2 s apart (check with a fresh run recording times).
  const h2 = new Harness({ synAckRetries: 2 });
  h2.layer.listen(0, PORT, { backlog: 4 }, () => {});
  h2.send({ seq: 100, flags: SYN });
  const t0 = h2.now;
  const seen: number[] = h2.poll().filter((s) => s.flags === (SYN | ACK)).map(() => 0);
  for (let i = 0; i < 100; i++) for (const s of h2.advance(100)) if (s.flags === (SYN | ACK)) seen.push(h2.now - t0);
  assert.deepEqual(seen, [0, 1000, 3000]);
});

test('a retransmitted SYN in SYN-RECEIVED is answered with the same SYN-ACK', () => {
  const h = new Harness();
  h.layer.listen(0, PORT, { backlog: 4 }, () => {});
  h.send({ seq: 100, flags: SYN });
  const [first] = h.poll();
  h.send({ seq: 100, flags: SYN });
  const [again] = h.poll();
  assert.equal(again.flags, SYN | ACK);
  assert.equal(again.seq, first.seq);
  assert.equal(h.layer.stats.connections, 1, 'no second connection');
});

test('SYN-RECEIVED: an ACK that does not acknowledge our SYN gets a RST; the connection waits on', () => {
  const h = new Harness();
  let handed = 0;
  h.layer.listen(0, PORT, { backlog: 4 }, () => { handed++; });
  h.send({ seq: 100, flags: SYN });
  const [sa] = h.poll();
  h.send({ seq: 101, ack: seqAdd(sa.seq, 7), flags: ACK });
  const [rst] = h.poll();
  assert.equal(rst.flags, RST);
  assert.equal(rst.seq, seqAdd(sa.seq, 7));
  h.send({ seq: 101, ack: seqAdd(sa.seq, 1), flags: ACK });
  assert.equal(handed, 1);
});

test('connect: explicit port in use is EADDRINUSE; bad ports are ERR_SOCKET_BAD_PORT', () => {
  const h = new Harness();
  h.layer.connect(h.now, LOCAL, REMOTE, PORT, 6000);
  assert.throws(() => h.layer.connect(h.now, LOCAL, REMOTE, PORT, 6000), { code: 'EADDRINUSE' });
  assert.throws(() => h.layer.connect(h.now, LOCAL, REMOTE, 0), { code: 'ERR_SOCKET_BAD_PORT' });
  assert.throws(() => h.layer.connect(h.now, LOCAL, REMOTE, 70000), { code: 'ERR_SOCKET_BAD_PORT' });
  assert.throws(() => h.layer.connect(h.now, LOCAL, REMOTE, 80, 1.5), { code: 'ERR_SOCKET_BAD_PORT' });
  // The same local port to another remote port is a different 4-tuple.
  h.layer.connect(h.now, LOCAL, REMOTE, PORT + 1, 6000);
});

test('ephemeral ports: distinct for one destination, in range, and exhaustion is EADDRNOTAVAIL', () => {
  const h = new Harness({ ephemeralPortMin: 50000, ephemeralPortMax: 50009 });
  const ports = new Set<number>();
  for (let i = 0; i < 10; i++) ports.add(h.layer.connect(h.now, LOCAL, REMOTE, PORT).localPort);
  assert.equal(ports.size, 10);
  for (const p of ports) assert.ok(p >= 50000 && p <= 50009);
  assert.throws(() => h.layer.connect(h.now, LOCAL, REMOTE, PORT), { code: 'EADDRNOTAVAIL' });
  // Another destination may reuse the same local ports.
  h.layer.connect(h.now, LOCAL, REMOTE, PORT + 1);
});

test('listen: EADDRINUSE for overlapping addresses; port 0 picks a free port; close frees it', () => {
  const h = new Harness();
  const l = h.layer.listen(0, 8080, { backlog: 1 }, () => {});
  assert.throws(() => h.layer.listen(0, 8080, { backlog: 1 }, () => {}), { code: 'EADDRINUSE', syscall: 'listen' });
  assert.throws(() => h.layer.listen(LOCAL, 8080, { backlog: 1 }, () => {}), { code: 'EADDRINUSE' });
  const specific = h.layer.listen(LOCAL, 9090, { backlog: 1 }, () => {});
  h.layer.listen(0x0a000009, 9090, { backlog: 1 }, () => {}); // another address, same port: fine
  assert.throws(() => h.layer.listen(0, 9090, { backlog: 1 }, () => {}), { code: 'EADDRINUSE' });
  specific.close();
  const any = h.layer.listen(0, 0, { backlog: 1 }, () => {});
  assert.ok(any.port >= 49152);
  l.close();
  h.layer.listen(0, 8080, { backlog: 1 }, () => {});
});

test('a SYN to a port nobody listens on is refused with <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>', () => {
  const h = new Harness();
  h.send({ seq: 1000, flags: SYN, dstPort: 81, payload: bytes('abc') });
  const [rst] = h.poll();
  assert.equal(rst.flags, RST | ACK);
  assert.equal(rst.seq, 0);
  assert.equal(rst.ack, 1004);
  assert.equal(rst.srcPort, 81);
  assert.equal(rst.dstPort, PEER_PORT);
  assert.equal(h.layer.stats.drops['no-socket'], 1);
  assert.equal(h.layer.stats.resetsOut, 1);
  // A RST to nowhere is not answered (no RST war).
  h.send({ seq: 1000, flags: RST, dstPort: 81 });
  assert.equal(h.poll().length, 0);
  // FIN without ACK: SEG.LEN counts the FIN.
  h.send({ seq: 5, flags: FIN, dstPort: 81 });
  assert.equal(h.poll()[0].ack, 6);
});

test('listener: ACK without a valid cookie is answered with RST; RST is ignored', () => {
  const h = new Harness();
  h.layer.listen(0, PORT, { backlog: 4 }, () => {});
  h.send({ seq: 1, ack: 12345, flags: ACK });
  const [rst] = h.poll();
  assert.equal(rst.flags, RST);
  assert.equal(rst.seq, 12345);
  assert.equal(h.layer.stats.drops['bad-cookie'], 1);
  h.send({ seq: 1, flags: RST });
  assert.equal(h.poll().length, 0);
  h.send({ seq: 1, flags: PSH, payload: bytes('junk') });
  assert.equal(h.layer.stats.drops['listen-junk'], 1);
});

test('closing a listener resets a connection that completes its handshake afterwards', () => {
  const h = new Harness();
  let handed = 0;
  const l = h.layer.listen(0, PORT, { backlog: 4 }, () => { handed++; });
  h.send({ seq: 100, flags: SYN });
  const [sa] = h.poll();
  l.close();
  h.send({ seq: 101, ack: seqAdd(sa.seq, 1), flags: ACK });
  const out = h.poll();
  assert.equal(handed, 0);
  assert.ok(out.some((s) => s.flags & RST));
  assert.equal(h.layer.stats.connections, 0);
});
