import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  TcpPacket, TcpRepr, parseTcp, emitTcp, tcpBufferLen, tcpHeaderLen, tcpOptionsLen,
  FIN, SYN, RST, ACK, URG, PSH,
} from './tcp';

const ip = (a: number, b: number, c: number, d: number) => ((a << 24) | (b << 16) | (c << 8) | d) >>> 0;
const SRC = ip(192, 168, 1, 1);
const DST = ip(192, 168, 1, 2);
const hex = (s: string) => Uint8Array.from(s.replace(/\s+/g, '').match(/../g)!.map((h) => parseInt(h, 16)));

// Fixture from smoltcp's wire/tcp.rs tests (checksum computed by another implementation):
// ports 48896 -> 80, FIN|RST|ACK|URG, window 0x0123, urgent 0x0201, payload aa0000ff.
const SMOLTCP_PACKET = hex('bf000050 01234567 89abcdef 5035 0123 20be 0201 aa0000ff');
// smoltcp's SYN fixture: no ACK, window 0x0123, payload aa0000ff, checksum 0x7a8d.
const SMOLTCP_SYN = hex('bf000050 01234567 00000000 5002 0123 7a8d 0000 aa0000ff');

/** A plain reference checksum (RFC 1071), written independently of checksum.ts. */
function referenceChecksum(seg: Uint8Array, src: number, dst: number): number {
  const words: number[] = [src >>> 16, src & 0xffff, dst >>> 16, dst & 0xffff, 6, seg.length];
  for (let i = 0; i < seg.length; i += 2) words.push((seg[i] << 8) | (i + 1 < seg.length ? seg[i + 1] : 0));
  let s = 0;
  for (const w of words) { s += w; s = (s & 0xffff) + (s >>> 16); }
  return ~s & 0xffff;
}

/** A Linux-style SYN: MSS 1460, SACK-permitted, timestamps, NOP, window scale 7. */
function linuxSyn(): Uint8Array {
  const b = hex(`a2c4 0050 3f1c5b2e 00000000 a002 faf0 0000 0000
    020405b4 0402080a 009a3c2d 00000000 01030307`);
  const c = referenceChecksum(b, SRC, DST);
  b[16] = c >>> 8; b[17] = c & 0xff;
  return b;
}

test('view: decodes every field of a known segment', () => {
  const p = TcpPacket.check(SMOLTCP_PACKET, SRC, DST);
  assert.ok(p instanceof TcpPacket);
  assert.equal(p.srcPort, 48896);
  assert.equal(p.dstPort, 80);
  assert.equal(p.seq, 0x01234567);
  assert.equal(p.ack, 0x89abcdef);
  assert.equal(p.headerLen, 20);
  assert.equal(p.flags, FIN | RST | ACK | URG);
  assert.equal(p.window, 0x0123);
  assert.equal(p.checksum, 0x20be);
  assert.equal(p.urgent, 0x0201);
  assert.deepEqual([...p.payload], [0xaa, 0x00, 0x00, 0xff]);
  assert.equal(p.options.length, 0);
});

test('view: setters and fillChecksum rebuild the known segment byte for byte', () => {
  const b = new Uint8Array(24);
  const p = new TcpPacket(b);
  p.srcPort = 48896; p.dstPort = 80; p.seq = 0x01234567; p.ack = 0x89abcdef;
  p.headerLen = 20; p.flags = FIN | RST | ACK | URG; p.window = 0x0123; p.urgent = 0x0201;
  p.checksum = 0xeeee;
  b.set([0xaa, 0x00, 0x00, 0xff], 20);
  p.fillChecksum(SRC, DST);
  assert.deepEqual(b, SMOLTCP_PACKET);
});

test('repr: parses the SYN fixture and emits it back byte for byte', () => {
  const p = TcpPacket.check(SMOLTCP_SYN, SRC, DST);
  assert.ok(p instanceof TcpPacket);
  const r = parseTcp(p);
  assert.ok(r instanceof TcpRepr);
  assert.equal(r.flags, SYN);
  assert.equal(r.seq, 0x01234567);
  assert.equal(r.window, 0x0123);
  assert.equal(r.mss, 0);
  assert.equal(r.windowScale, -1);
  assert.equal(r.segLen, 5);
  const out = new Uint8Array(tcpBufferLen(r));
  emitTcp(r, out, SRC, DST);
  assert.deepEqual(out, SMOLTCP_SYN);
});

test('repr: decodes a Linux SYN with MSS, SACK-permitted, timestamps and window scale', () => {
  const bytes = linuxSyn();
  const p = TcpPacket.check(bytes, SRC, DST);
  assert.ok(p instanceof TcpPacket);
  const r = parseTcp(p) as TcpRepr;
  assert.equal(r.srcPort, 41668);
  assert.equal(r.dstPort, 80);
  assert.equal(r.seq, 0x3f1c5b2e);
  assert.equal(r.flags, SYN);
  assert.equal(r.window, 64240);
  assert.equal(r.mss, 1460);
  assert.equal(r.sackPermitted, true);
  assert.equal(r.hasTimestamp, true);
  assert.equal(r.tsVal, 0x009a3c2d);
  assert.equal(r.tsEcr, 0);
  assert.equal(r.windowScale, 7);
  assert.equal(r.payload.length, 0);
  // Re-emitting gives the same bytes: same option order and padding as Linux.
  const out = new Uint8Array(tcpBufferLen(r));
  emitTcp(r, out, SRC, DST);
  assert.deepEqual(out, bytes);
});

test('repr: round trip of every option, SACK blocks included, through emit then parse', () => {
  const r = new TcpRepr();
  r.srcPort = 1; r.dstPort = 65535; r.seq = 0xffffffff; r.ack = 0x80000000; r.flags = ACK | PSH;
  r.window = 0xffff; r.hasTimestamp = true; r.tsVal = 0xdeadbeef; r.tsEcr = 7;
  r.sackCount = 3;
  r.sackBlocks = [10, 20, 0xfffffff0, 0x10, 100, 200, 0, 0];
  r.payload = new Uint8Array([1, 2, 3]);
  assert.equal(tcpOptionsLen(r), 40);
  const out = new Uint8Array(tcpBufferLen(r));
  emitTcp(r, out, DST, SRC);
  assert.equal(referenceChecksum(out, DST, SRC), 0, 'checksum verifies with an independent sum');
  const back = parseTcp(TcpPacket.check(out, DST, SRC) as TcpPacket) as TcpRepr;
  assert.equal(back.seq, 0xffffffff);
  assert.equal(back.ack, 0x80000000);
  assert.equal(back.flags, ACK | PSH);
  assert.equal(back.tsVal, 0xdeadbeef);
  assert.equal(back.tsEcr, 7);
  assert.equal(back.sackCount, 3);
  assert.deepEqual(back.sackBlocks.slice(0, 6), [10, 20, 0xfffffff0, 0x10, 100, 200]);
  assert.deepEqual([...back.payload], [1, 2, 3]);
});

test('repr: SACK blocks that do not fit in 40 option bytes are left out, not overflowed', () => {
  const r = new TcpRepr();
  r.hasTimestamp = true;
  r.sackCount = 4;
  r.sackBlocks = [1, 2, 3, 4, 5, 6, 7, 8];
  assert.equal(tcpHeaderLen(r), 60);
  const out = new Uint8Array(tcpBufferLen(r));
  emitTcp(r, out, SRC, DST);
  const back = parseTcp(new TcpPacket(out)) as TcpRepr;
  assert.equal(back.sackCount, 3);
  // Without timestamps all 4 fit (4 + 32 = 36 bytes).
  r.hasTimestamp = false;
  assert.equal(tcpOptionsLen(r), 36);
});

test('repr: SACK-permitted without timestamps is padded with NOPs', () => {
  const r = new TcpRepr();
  r.flags = SYN; r.mss = 536; r.sackPermitted = true; r.windowScale = 0;
  const out = new Uint8Array(tcpBufferLen(r));
  emitTcp(r, out, SRC, DST);
  assert.deepEqual([...out.subarray(20)], [2, 4, 2, 24, 1, 1, 4, 2, 1, 3, 3, 0]);
  const back = parseTcp(new TcpPacket(out)) as TcpRepr;
  assert.equal(back.mss, 536);
  assert.equal(back.sackPermitted, true);
  assert.equal(back.windowScale, 0);
  assert.equal(back.hasTimestamp, false);
});

/** A segment with the given option bytes (padded to 4) and a valid checksum. */
function withOptions(opts: number[], payload: number[] = []): Uint8Array {
  const padded = [...opts];
  while (padded.length % 4) padded.push(0);
  const b = new Uint8Array(20 + padded.length + payload.length);
  const p = new TcpPacket(b);
  p.srcPort = 1000; p.dstPort = 2000; p.headerLen = 20 + padded.length; p.flags = SYN;
  b.set(padded, 20);
  b.set(payload, 20 + padded.length);
  p.fillChecksum(SRC, DST);
  return b;
}

function parseBytes(b: Uint8Array): TcpRepr | string {
  const p = TcpPacket.check(b, SRC, DST);
  return typeof p === 'string' ? p : parseTcp(p);
}

test('options: unknown kinds are skipped by their length; EOL ends the list', () => {
  // kind 30 (MPTCP) with 6 bytes, then MSS, then EOL followed by garbage that must be ignored.
  const r = parseBytes(withOptions([30, 6, 1, 2, 3, 4, 2, 4, 0x05, 0xb4, 0, 99, 99, 99])) as TcpRepr;
  assert.ok(r instanceof TcpRepr);
  assert.equal(r.mss, 1460);
});

test('options: a window scale above 14 is used as 14 (RFC 7323 2.3)', () => {
  const r = parseBytes(withOptions([1, 3, 3, 20])) as TcpRepr;
  assert.equal(r.windowScale, 14);
});

test('options: malformed lengths refuse the segment', () => {
  assert.equal(parseBytes(withOptions([30, 0])), 'bad-option', 'length 0');
  assert.equal(parseBytes(withOptions([30, 1, 1, 1])), 'bad-option', 'length 1');
  assert.equal(parseBytes(withOptions([1, 1, 1, 30, 9, 0, 0, 0])), 'bad-option', 'runs past the header');
  assert.equal(parseBytes(withOptions([1, 1, 1, 2])), 'bad-option', 'kind with no length byte');
  assert.equal(parseBytes(withOptions([2, 3, 5])), 'bad-option', 'MSS of length 3');
  assert.equal(parseBytes(withOptions([3, 4, 1, 0])), 'bad-option', 'window scale of length 4');
  assert.equal(parseBytes(withOptions([4, 3, 0])), 'bad-option', 'SACK-permitted of length 3');
  assert.equal(parseBytes(withOptions([8, 8, 0, 0, 0, 0, 0, 0])), 'bad-option', 'timestamps of length 8');
  assert.equal(parseBytes(withOptions([5, 2])), 'bad-option', 'SACK with no block');
  assert.equal(parseBytes(withOptions([5, 9, 0, 0, 0, 0, 0, 0, 0])), 'bad-option', 'SACK not 2+8n');
  const fiveBlocks = [5, 42, ...new Array(40).fill(0)];
  // 42 bytes do not fit in 40 option bytes at all: runs past the header.
  assert.equal(parseBytes(withOptions(fiveBlocks.slice(0, 40))), 'bad-option');
});

test('check: truncated buffers and impossible data offsets are refused without throwing', () => {
  for (let n = 0; n < 20; n++) assert.equal(TcpPacket.check(SMOLTCP_PACKET.subarray(0, n), SRC, DST), 'truncated');
  const low = SMOLTCP_PACKET.slice();
  low[12] = 0x40; // 16 bytes < 20
  assert.equal(TcpPacket.check(low, SRC, DST), 'bad-offset');
  const high = SMOLTCP_PACKET.slice();
  high[12] = 0x70; // 28 bytes > 24-byte buffer
  assert.equal(TcpPacket.check(high, SRC, DST), 'bad-offset');
  const max = new Uint8Array(40);
  max[12] = 0xf0; // 60 bytes > 40
  assert.equal(TcpPacket.check(max, SRC, DST), 'bad-offset');
  const huge = new Uint8Array(0x10000);
  huge[12] = 0x50;
  assert.equal(TcpPacket.check(huge, SRC, DST), 'too-long');
});

test('check: a flipped bit anywhere, or the wrong addresses, fails the checksum', () => {
  for (let i = 0; i < SMOLTCP_PACKET.length; i++) {
    if (i === 12) continue; // the data offset byte is refused earlier for some values
    const b = SMOLTCP_PACKET.slice();
    b[i] ^= 0x10;
    assert.equal(TcpPacket.check(b, SRC, DST), 'bad-checksum', `byte ${i}`);
  }
  assert.equal(TcpPacket.check(SMOLTCP_PACKET, SRC, ip(192, 168, 1, 3)), 'bad-checksum');
  assert.equal(TcpPacket.check(SMOLTCP_PACKET, DST, SRC) instanceof TcpPacket, true, 'swapped addresses sum the same');
});

test('check: odd-length segments checksum with a zero pad byte', () => {
  const r = new TcpRepr();
  r.flags = ACK; r.payload = new Uint8Array([0xab, 0xcd, 0xef]);
  const out = new Uint8Array(tcpBufferLen(r));
  emitTcp(r, out, SRC, DST);
  assert.equal(referenceChecksum(out, SRC, DST), 0);
  assert.ok(TcpPacket.check(out, SRC, DST) instanceof TcpPacket);
});

test('parse: fuzzed option bytes never throw and always give a repr or a reason', () => {
  let x = 12345;
  const rnd = () => { x ^= x << 13; x ^= x >>> 17; x ^= x << 5; return (x >>> 0) / 2 ** 32; };
  for (let n = 0; n < 3000; n++) {
    const len = Math.floor(rnd() * 41);
    const opts: number[] = [];
    for (let i = 0; i < len; i++) opts.push(rnd() < 0.5 ? [0, 1, 2, 3, 4, 5, 8][Math.floor(rnd() * 7)] : Math.floor(rnd() * 256));
    const r = parseBytes(withOptions(opts.slice(0, 40)));
    assert.ok(r instanceof TcpRepr || r === 'bad-option');
  }
});
