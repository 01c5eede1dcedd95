import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Scoreboard, ReceiverSack } from './sack';
import { NewReno, initialWindow } from './congestion';
import { Assembler } from './assembler';

const MSS = 1000;

function ranges(sb: Scoreboard): number[] {
  const out: number[] = [];
  for (let i = 0; i < sb.rangeCount; i++) out.push(sb.rangeLeft(i), sb.rangeRight(i));
  return out;
}

test('scoreboard: merges blocks, ignores blocks outside (una, max], reports new information', () => {
  const sb = new Scoreboard();
  const una = 1000, max = 11000;
  assert.equal(sb.add(3000, 4000, una, max), true);
  assert.equal(sb.add(3000, 4000, una, max), false, 'nothing new');
  assert.equal(sb.add(3500, 3900, una, max), false, 'covered');
  assert.equal(sb.add(4000, 5000, una, max), true, 'adjacent merges');
  assert.equal(sb.add(7000, 8000, una, max), true);
  assert.deepEqual(ranges(sb), [3000, 5000, 7000, 8000]);
  assert.equal(sb.add(500, 900, una, max), false, 'below una (a D-SACK) is ignored');
  assert.equal(sb.add(1000, 2000, una, max), false, 'left edge must be above una');
  assert.equal(sb.add(10000, 12000, una, max), false, 'beyond SND.MAX is ignored');
  assert.equal(sb.add(5000, 4000, una, max), false, 'inverted');
  assert.equal(sb.sackedBytes(), 3000);
  assert.equal(sb.highSacked(una), 8000);
});

test('scoreboard: works across the sequence wrap and trims on cumulative ACK', () => {
  const sb = new Scoreboard();
  const una = 0xfffff000;
  sb.add(0xfffff800, 0x400, una, 0x2000);
  sb.add(0x800, 0xc00, una, 0x2000);
  assert.deepEqual(ranges(sb), [0xfffff800, 0x400, 0x800, 0xc00]);
  sb.advance(0x200);
  assert.deepEqual(ranges(sb), [0x200, 0x400, 0x800, 0xc00]);
  sb.advance(0x900);
  assert.deepEqual(ranges(sb), [0x900, 0xc00]);
  sb.advance(0xc00);
  assert.equal(sb.isEmpty, true);
});

test('scoreboard: bounded number of ranges keeps the lowest', () => {
  const sb = new Scoreboard(3);
  for (let i = 0; i < 6; i++) sb.add(2000 + i * 2000, 2500 + i * 2000, 1000, 100000);
  assert.equal(sb.rangeCount, 3);
  assert.deepEqual(ranges(sb), [2000, 2500, 4000, 4500, 6000, 6500]);
});

test('scoreboard: IsLost needs 3 ranges or more than 2*SMSS SACKed above (RFC 6675)', () => {
  const sb = new Scoreboard();
  const una = 0;
  sb.add(1000, 2000, una, 20000); // one segment sacked above the hole [0,1000)
  assert.equal(sb.isLost(0, MSS), false);
  sb.add(3000, 4000, una, 20000);
  assert.equal(sb.isLost(0, MSS), false, '2 ranges, 2000 bytes');
  sb.add(5000, 6000, una, 20000);
  assert.equal(sb.isLost(0, MSS), true, '3 discontiguous ranges');
  assert.equal(sb.isLost(2500, MSS), false, 'only 2 ranges above the second hole');
  const big = new Scoreboard();
  big.add(1000, 3001, una, 20000);
  assert.equal(big.isLost(0, MSS), true, '2001 bytes > 2*SMSS');
});

test('scoreboard: pipe counts unSACKed bytes not lost plus retransmissions (RFC 6675 SetPipe)', () => {
  const sb = new Scoreboard();
  // Sent [0, 10000); SACKed [1000,2000) [3000,4000) [5000,6000); holes [0,1000) lost (3 ranges
  // above), [2000,3000) and [4000,5000) not lost; tail [6000,10000) in flight.
  sb.add(1000, 2000, 0, 10000);
  sb.add(3000, 4000, 0, 10000);
  sb.add(5000, 6000, 0, 10000);
  assert.equal(sb.pipe(0, 10000, 0, MSS), 1000 + 1000 + 4000);
  // After retransmitting [0, 1000): that counts again.
  assert.equal(sb.pipe(0, 10000, 1000, MSS), 7000);
});

test('scoreboard: NextSeg picks lost holes above HighRxt first, then rule 3 holes', () => {
  const sb = new Scoreboard();
  sb.add(1000, 2000, 0, 10000);
  sb.add(3000, 4000, 0, 10000);
  sb.add(5000, 6000, 0, 10000);
  assert.equal(sb.nextSeg(0, 0, MSS, false), true);
  assert.deepEqual([sb.holeStart, sb.holeEnd], [0, 1000]);
  assert.equal(sb.nextSeg(0, 500, MSS, false), true, 'continues inside a partly retransmitted hole');
  assert.deepEqual([sb.holeStart, sb.holeEnd], [500, 1000]);
  assert.equal(sb.nextSeg(0, 1000, MSS, false), false, 'remaining holes are not lost');
  assert.equal(sb.nextSeg(0, 1000, MSS, true), true, 'rule 3');
  assert.deepEqual([sb.holeStart, sb.holeEnd], [2000, 3000]);
  assert.equal(sb.nextSeg(0, 6000, MSS, true), false, 'nothing unSACKed below the highest SACK');
  assert.equal(sb.skipSacked(1500), 2000);
  assert.equal(sb.skipSacked(2500), 2500);
  assert.equal(sb.nextSackedAfter(2000, 9000), 3000);
  assert.equal(sb.nextSackedAfter(5000, 9000), 9000);
});

test('receiver SACK: first block holds the latest segment, then the previously reported ones', () => {
  const asm = new Assembler();
  const rs = new ReceiverSack(3);
  const rcvNxt = 1000;
  asm.add(1000, 100); // [2000, 2100)
  rs.update(asm, rcvNxt, 2000);
  assert.deepEqual(rs.blocks, [2000, 2100]);
  asm.add(3000, 100); // [4000, 4100)
  rs.update(asm, rcvNxt, 4000);
  assert.deepEqual(rs.blocks, [4000, 4100, 2000, 2100]);
  asm.add(2000, 100); // [3000, 3100)
  rs.update(asm, rcvNxt, 3000);
  assert.deepEqual(rs.blocks, [3000, 3100, 4000, 4100, 2000, 2100]);
  asm.add(5000, 100); // a fourth range; only 3 blocks are reported
  rs.update(asm, rcvNxt, 6000);
  assert.deepEqual(rs.blocks, [6000, 6100, 3000, 3100, 4000, 4100]);
  // A segment extending [2000,2100) makes that block first and reports it merged.
  asm.add(1100, 900); // [2100, 3000) joins [2000,2100) and [3000,3100)
  rs.update(asm, rcvNxt, 2100);
  assert.deepEqual(rs.blocks, [2000, 3100, 6000, 6100, 4000, 4100]);
});

test('receiver SACK: blocks at or below RCV.NXT disappear after in-order data', () => {
  const asm = new Assembler();
  const rs = new ReceiverSack(4);
  asm.add(100, 100);
  rs.update(asm, 0, 100);
  asm.add(0, 100);
  const n = asm.popFront();
  assert.equal(n, 200);
  rs.update(asm, 200);
  assert.deepEqual(rs.blocks, []);
});

test('NewReno: IW10, slow start per ACK, congestion avoidance by byte counting', () => {
  assert.equal(initialWindow(1460), 14600);
  assert.equal(initialWindow(536), 5360);
  assert.equal(initialWindow(9000), 18000);
  const cc = new NewReno(MSS);
  assert.equal(cc.cwnd, 10 * MSS);
  cc.onAck(MSS);
  assert.equal(cc.cwnd, 11 * MSS);
  cc.onAck(5 * MSS); // a stretch ACK counts every byte it acknowledges (RFC 3465, Linux)
  assert.equal(cc.cwnd, 16 * MSS);
  cc.ssthresh = 18 * MSS;
  cc.onAck(5 * MSS);
  assert.equal(cc.cwnd, 18 * MSS, 'slow start stops at ssthresh');
  for (let i = 0; i < 17; i++) cc.onAck(MSS);
  assert.equal(cc.cwnd, 18 * MSS, 'not yet a full window acknowledged');
  cc.onAck(MSS);
  assert.equal(cc.cwnd, 19 * MSS);
});

test('NewReno: timeout and recovery windows (RFC 5681 eq. 4, RFC 6582)', () => {
  const cc = new NewReno(MSS);
  cc.cwnd = 20 * MSS;
  cc.onTimeout(20 * MSS);
  assert.equal(cc.ssthresh, 10 * MSS);
  assert.equal(cc.cwnd, MSS);
  cc.onTimeout(MSS);
  assert.equal(cc.ssthresh, 2 * MSS, 'never below 2 SMSS');
  cc.onEnterRecovery(16 * MSS, false);
  assert.equal(cc.ssthresh, 8 * MSS);
  assert.equal(cc.cwnd, 11 * MSS);
  cc.onDupAckInRecovery();
  assert.equal(cc.cwnd, 12 * MSS);
  cc.onPartialAck(3 * MSS);
  assert.equal(cc.cwnd, 10 * MSS);
  cc.onExitRecovery(4 * MSS);
  assert.equal(cc.cwnd, 5 * MSS);
  cc.onEnterRecovery(16 * MSS, true);
  assert.equal(cc.cwnd, 8 * MSS, 'SACK recovery uses pipe, no inflation');
  cc.cwnd = 40 * MSS;
  cc.onIdleRestart();
  assert.equal(cc.cwnd, 10 * MSS);
});
