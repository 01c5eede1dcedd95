// The send side of one connection: the send buffer, the send sequence variables (RFC 9293 3.3.1),
// the peer's window, congestion control and loss recovery. It decides *what* to send next; the
// connection (tcb.ts) builds and emits the segment and runs the timers.
//
// Sequence space (after the SYN is acknowledged):
//
//        una            nxt             dataEnd (= una + buf.length)   [FIN at finSeq = dataEnd]
//   -----|--------------|---------------|----
//         sent, unacked   queued, unsent
//
// - buf holds every byte from SND.UNA on; an ACK dequeues, a retransmission copies from it again.
// - max (SND.MAX, as BSD) is the highest sequence number sent. After a timeout nxt goes back to
//   una (go-back-N, RFC 5681 3.1 / RFC 6298 5.4) while max keeps its value, so ACKs up to max stay
//   acceptable. Data between una and max is outstanding and covered by the retransmission timer
//   (RFC 6298 5.1) even when nxt has moved past it (SACKed data skipped after a timeout).
// - A zero-window probe byte goes past the window without moving nxt or max (so the persist timer,
//   not the retransmission timer, stays in charge); `probeEnd` lets an ACK of it be accepted.
// - Loss recovery (RFC 6582 NewReno; RFC 6675 with SACK): three duplicate ACKs, or with SACK
//   IsLost(SND.UNA), start fast retransmit of the segment at SND.UNA; further retransmissions come
//   from NewReno partial ACKs or, with SACK, from the scoreboard's lost holes while
//   cwnd - pipe >= SMSS. `recover` (RFC 6582) keeps a timeout's go-back-N from triggering a second
//   fast recovery for the same losses. Limited transmit (RFC 3042) sends new data on the first two
//   duplicate ACKs.
// - Spurious fast retransmit (a segment delayed by reordering, not lost): Eifel detection (RFC
//   3522) with timestamps. The first retransmission of a recovery records its TSval; if the first
//   ACK of new data after it echoes an older TSecr, the original segment got there first (the
//   receiver echoes the segment that filled the hole, RFC 7323 4.3), and the window reduction is
//   undone (cwnd and ssthresh as before, recovery left), as RFC 4015's response and Linux's undo
//   do. Without timestamps, or within one timestamp tick, nothing is undone (the safe side).
// - Nagle (RFC 896, RFC 1122 4.2.3.4) and sender silly-window avoidance (RFC 1122 4.2.3.4): a
//   segment shorter than the MSS goes only when it carries all queued data and nothing is
//   unacknowledged (or no-delay is set, or a FIN follows), or when the peer's window limits it and
//   it is at least half the largest window the peer offered. The persist timer overrides both.
// - RTT sampling: with timestamps every ACK of new data gives a sample (RFC 7323 4.1); without
//   them one segment per round trip is timed, never a retransmitted one (Karn, RFC 6298 3).

import { RingBuffer } from './ring';
import { NewReno, initialWindow } from './congestion';
import { Scoreboard } from './sack';
import { RttEstimator, type RttConfig } from './rtt';
import { seqAdd, seqDiff, seqLt, seqLe, seqGt, seqGe, seqMax, seqMin } from './seq';

export class Sender {
  readonly buf: RingBuffer;
  una = 0;
  nxt = 0;
  max = 0;
  /** Peer's receive window in bytes (already scaled), and the largest it offered. */
  wnd = 0;
  maxWnd = 0;
  wl1 = 0;
  wl2 = 0;
  /** Payload of a full-sized segment with our usual options (for cwnd arithmetic). */
  smss: number;
  finQueued = false;
  finSeq = 0;
  finAcked = false;
  /** End of the last zero-window probe: ACKs up to here are acceptable too. */
  probeEnd = 0;
  sackOk = false;
  readonly cc: NewReno;
  readonly sb: Scoreboard;
  readonly rtt: RttEstimator;

  dupAcks = 0;
  inRecovery = false;
  recover = 0;
  /** RFC 6675 HighRxt as an exclusive end: bytes below it were retransmitted in this recovery. */
  rxtHigh = 0;
  /** Retransmit the segment at SND.UNA on the next output (fast retransmit, partial ACK). */
  rxtUnaPending = false;
  /** Eifel (RFC 3522): the window before recovery, and the TSval of its first retransmission. */
  #undoCwnd = 0;
  #undoSsthresh = 0;
  #undoTs = 0;
  #undoWanted = false;
  #undoArmed = false;
  /** Recoveries undone as spurious (the caller counts them). */
  spuriousRecoveries = 0;

  timing = false;
  timedSeq = 0;
  timedAt = 0;

  // The segment chosen by `next` (valid when it returns true).
  segSeq = 0;
  segLen = 0;
  segFin = false;
  segRetransmit = false;

  constructor(capacity: number, smss: number, rtt: RttConfig, maxSackRanges = 32) {
    this.buf = new RingBuffer(capacity);
    this.smss = smss;
    this.cc = new NewReno(smss);
    this.sb = new Scoreboard(maxSackRanges);
    this.rtt = new RttEstimator(rtt);
  }

  /** Data transfer starts at `seq` (ISS + 1, once the SYN is acknowledged). */
  start(seq: number): void {
    this.una = this.nxt = this.max = this.recover = this.rxtHigh = this.probeEnd = seq;
  }

  /** Sets the segment size negotiated at the handshake; the initial window follows it. */
  setSmss(smss: number): void {
    this.smss = smss;
    this.cc.smss = smss;
    this.cc.cwnd = initialWindow(smss);
  }

  /** Sequence number after the last queued byte. */
  get dataEnd(): number { return seqAdd(this.una, this.buf.length); }
  /** Bytes sent and not acknowledged, counting a FIN as one (RFC 5681 FlightSize uses max). */
  get flight(): number { return seqDiff(this.max, this.una); }
  /** Anything sent and not acknowledged, which the retransmission timer must cover. */
  get outstanding(): boolean { return seqLt(this.una, this.max); }
  /** The highest acceptable SEG.ACK: SND.MAX, or the end of a zero-window probe. */
  get ackLimit(): number { return seqMax(this.max, this.probeEnd); }
  /** Data or a FIN still waits to be sent for the first time. */
  get hasUnsent(): boolean {
    return seqLt(this.nxt, this.dataEnd) || (this.finQueued && !this.finAcked && seqLe(this.nxt, this.finSeq));
  }

  /** Queues a FIN after the data written so far (shutdown). */
  queueFin(): void {
    if (this.finQueued) return;
    this.finQueued = true;
    this.finSeq = this.dataEnd;
  }

  /**
   * Processes SEG.ACK, the window and SACK blocks of an acceptable segment (RFC 9293 3.10.7.4
   * "fifth, check the ACK field"; the caller has checked SEG.ACK <= SND.MAX).
   * Returns the number of sequence numbers newly acknowledged (0 for duplicates).
   */
  onAck(now: number, tsNow: number, ack: number, wnd: number, seq: number, dataLen: number, synFin: boolean,
    sackBlocks: number[], sackCount: number, tsEcr: number | undefined): number {
    let newSack = false;
    if (this.sackOk) {
      for (let k = 0; k < sackCount; k++) {
        if (this.sb.add(sackBlocks[2 * k], sackBlocks[2 * k + 1], this.una, this.max)) newSack = true;
      }
    }
    let acked = 0;
    if (seqGt(ack, this.una)) {
      if (this.#undoArmed) {
        this.#undoArmed = false;
        // RFC 3522 2: spurious if the ACK echoes a timestamp older than the retransmission's.
        if (this.inRecovery && tsEcr !== undefined && tsEcr !== 0 && ((tsEcr - this.#undoTs) | 0) < 0) {
          this.inRecovery = false;
          this.rxtUnaPending = false;
          this.recover = ack;
          this.cc.cwnd = Math.max(this.cc.cwnd, this.#undoCwnd);
          this.cc.ssthresh = Math.max(this.cc.ssthresh, this.#undoSsthresh);
          this.spuriousRecoveries++;
        }
      }
      acked = seqDiff(ack, this.una);
      this.buf.dequeue(Math.min(acked, this.buf.length));
      if (this.finQueued && seqGt(ack, this.finSeq)) this.finAcked = true;
      this.una = ack;
      if (seqLt(this.nxt, ack)) this.nxt = ack;
      if (seqLt(this.max, ack)) this.max = ack;
      this.sb.advance(ack);
      if (tsEcr !== undefined && tsEcr !== 0) {
        const r = (tsNow - tsEcr) | 0;
        if (r >= 0) this.rtt.sample(r);
      } else if (this.timing && seqGe(ack, this.timedSeq)) {
        this.rtt.sample(now - this.timedAt);
      }
      if (this.timing && seqGe(ack, this.timedSeq)) this.timing = false;
      if (this.inRecovery) {
        if (seqGe(ack, this.recover)) {
          this.inRecovery = false;
          this.rxtUnaPending = false;
          this.cc.onExitRecovery(this.flight);
        } else if (!this.sackOk) {
          // RFC 6582 3.2 step 5: retransmit the next unacknowledged segment, deflate.
          this.cc.onPartialAck(acked);
          this.rxtUnaPending = true;
        } else {
          this.rxtHigh = seqMax(this.rxtHigh, ack);
        }
      } else {
        this.cc.onAck(acked);
      }
      this.dupAcks = 0;
    } else if (ack === this.una && this.outstanding) {
      // RFC 5681 section 2 "duplicate acknowledgment"; with SACK, new SACK information (RFC 6675).
      const dup = (dataLen === 0 && !synFin && wnd === this.wnd) || newSack;
      if (dup) {
        this.dupAcks++;
        if (this.inRecovery) {
          if (!this.sackOk) this.cc.onDupAckInRecovery();
        } else if ((this.dupAcks >= 3 || (this.sackOk && this.sb.isLost(this.una, this.smss))) && seqGe(ack, this.recover)) {
          this.#enterRecovery();
        }
      }
    }
    // RFC 9293 3.10.7.4: update the window if the segment is newer than the last update.
    if (seqGe(ack, this.una) && (seqLt(this.wl1, seq) || (this.wl1 === seq && seqLe(this.wl2, ack)))) {
      this.wnd = wnd;
      this.wl1 = seq;
      this.wl2 = ack;
      if (wnd > this.maxWnd) this.maxWnd = wnd;
    }
    return acked;
  }

  #enterRecovery(): void {
    this.#undoCwnd = this.cc.cwnd;
    this.#undoSsthresh = this.cc.ssthresh;
    this.#undoWanted = true;
    this.#undoArmed = false;
    this.inRecovery = true;
    this.recover = this.max;
    this.rxtHigh = this.una;
    this.cc.onEnterRecovery(this.flight, this.sackOk);
    this.rxtUnaPending = true;
  }

  /**
   * RFC 6298 5.4-5.6 and RFC 5681 eq. 4: the retransmission timer expired. `consecutive` counts
   * expiries without progress. The first resend still skips what the peer SACKed (as Linux);
   * from the second on the scoreboard is forgotten (RFC 2018 section 8), in case the receiver
   * reneged on data it had SACKed.
   */
  onTimeout(consecutive: number): void {
    if (consecutive > 1) this.sb.clear();
    this.cc.onTimeout(this.flight);
    this.rtt.backOff();
    this.inRecovery = false;
    this.rxtUnaPending = false;
    this.#undoWanted = this.#undoArmed = false;
    this.dupAcks = 0;
    this.recover = this.max; // RFC 6582 section 4
    this.rxtHigh = this.una;
    this.nxt = this.una; // go back N; the scoreboard still skips what the peer has SACKed
    this.timing = false; // Karn: the timed segment will be retransmitted
  }

  /**
   * Chooses the next segment (segSeq/segLen/segFin/segRetransmit). `maxSeg` is the payload room of
   * a segment with this connection's options; `force` bypasses Nagle/SWS and lets at least one
   * byte go past a closed window (persist timer, RFC 9293 3.8.6.1). Returns false when nothing
   * should be sent now.
   */
  next(maxSeg: number, noDelay: boolean, force: boolean): boolean {
    const una = this.una;
    const dataEnd = this.dataEnd;
    if (this.rxtUnaPending) {
      this.rxtUnaPending = false;
      const len = Math.min(maxSeg, seqDiff(dataEnd, una));
      const fin = this.finQueued && !this.finAcked && seqAdd(una, len) === this.finSeq && seqGt(this.max, this.finSeq);
      if (len > 0 || fin) return this.#choose(una, len, fin, true);
    }
    let allowance: number;
    if (this.inRecovery && this.sackOk) {
      const pipe = this.sb.pipe(una, this.nxt, this.rxtHigh, this.smss);
      allowance = this.cc.cwnd - pipe;
      if (allowance < this.smss && !force) return false;
      if (this.sb.nextSeg(una, this.rxtHigh, this.smss, false)) return this.#hole(maxSeg);
    } else {
      const limited = !this.inRecovery && this.dupAcks > 0 && this.dupAcks < 3 ? this.dupAcks * this.smss : 0;
      allowance = this.cc.cwnd + limited - seqDiff(this.nxt, una);
    }
    let s = this.nxt;
    if (seqLt(s, this.max) && !this.sb.isEmpty) {
      const skipped = this.sb.skipSacked(s);
      if (skipped !== s) { s = seqMin(skipped, dataEnd); this.nxt = seqMax(this.nxt, s); }
    }
    const available = Math.max(0, seqDiff(dataEnd, s));
    const wndRoom = seqDiff(seqAdd(una, this.wnd), s);
    let len = Math.min(available, maxSeg, wndRoom, allowance);
    if (seqLt(s, this.max) && !this.sb.isEmpty) len = Math.min(len, seqDiff(this.sb.nextSackedAfter(s, dataEnd), s));
    if (force && len <= 0 && available > 0 && wndRoom <= 0) len = 1; // zero-window probe byte
    if (len < 0) len = 0;
    const finRoom = force || seqLt(this.finSeq, seqAdd(una, Math.max(this.wnd, 1)));
    const fin = this.finQueued && !this.finAcked && seqAdd(s, len) === this.finSeq && seqLe(s, this.finSeq) && finRoom;
    if (len === 0 && !fin) {
      if (this.inRecovery && this.sackOk && this.sb.nextSeg(una, this.rxtHigh, this.smss, true)) return this.#hole(maxSeg);
      return false;
    }
    if (!force && len > 0 && !fin && seqGe(s, this.max) && len < maxSeg) {
      if (len < available) {
        // Limited by window or cwnd: sender SWS avoidance (RFC 1122 4.2.3.4 (c)).
        if (!(len === wndRoom && len >= this.maxWnd / 2)) return false;
      } else if (!noDelay && !this.finQueued && seqLt(una, this.max)) {
        return false; // Nagle: a small segment waits while data is unacknowledged
      }
    }
    return this.#choose(s, len, fin, seqLt(s, this.max));
  }

  #hole(maxSeg: number): boolean {
    const s = this.sb.holeStart;
    const len = Math.min(maxSeg, seqDiff(this.sb.holeEnd, s), seqDiff(this.dataEnd, s));
    if (len <= 0) return false;
    return this.#choose(s, len, false, true);
  }

  #choose(seq: number, len: number, fin: boolean, retransmit: boolean): boolean {
    this.segSeq = seq;
    this.segLen = len;
    this.segFin = fin;
    this.segRetransmit = retransmit;
    return true;
  }

  /**
   * Records that the chosen segment went out. `probe`: a window probe, nxt and max do not move.
   * `tsVal`: the timestamp it carried, when timestamps are on.
   */
  sent(now: number, probe: boolean, timestamps: boolean, tsVal = 0): void {
    const end = seqAdd(this.segSeq, this.segLen + (this.segFin ? 1 : 0));
    if (this.segRetransmit && this.#undoWanted && this.inRecovery) {
      this.#undoWanted = false;
      if (timestamps) { this.#undoTs = tsVal; this.#undoArmed = true; }
    }
    if (this.segRetransmit) {
      if (this.timing && seqLt(this.segSeq, this.timedSeq)) this.timing = false;
      if (this.inRecovery && this.sackOk) this.rxtHigh = seqMax(this.rxtHigh, end);
    } else if (!this.timing && !timestamps && !probe) {
      this.timing = true;
      this.timedSeq = end;
      this.timedAt = now;
    }
    if (probe) { if (seqGt(end, this.probeEnd)) this.probeEnd = end; return; }
    if (seqGt(end, this.nxt)) this.nxt = end;
    if (seqGt(end, this.max)) this.max = end;
  }

  /** Offset into buf of sequence number seq. */
  offsetOf(seq: number): number {
    return seqDiff(seq, this.una);
  }
}
