// The receive side of one connection: the receive buffer, reassembly, the receive sequence
// variables (RFC 9293 3.3.1), the window we advertise, SACK blocks to report, delayed ACK and
// timestamp state.
//
// - RCV.NXT is `nxt`. The window we last advertised ends at `advEdge` (RCV.NXT + RCV.WND); the
//   acceptability test (RFC 9293 3.10.7.4) and trimming use it. It never moves left except by
//   window-scale rounding (RFC 7323 2.4), so every byte we allowed has room: the buffer's free
//   space is at least advEdge - nxt at all times.
// - Out-of-order bytes are written straight into the ring past its data; the Assembler tracks
//   them and reassembly is a commit (no second copy). A FIN beyond RCV.NXT is remembered and takes
//   effect when the data before it arrives.
// - Receiver silly-window avoidance (RFC 1122 4.2.3.3): the right edge moves only by at least
//   min(buffer/2, MSS); until then the previous edge is re-advertised.
// - Delayed ACK (RFC 1122 4.2.3.2, RFC 5681 4.2): ACK at least every second full-sized segment,
//   within `delayedAckMs`; immediately for out-of-order data, for data that fills a hole, and for
//   a FIN.
// - Timestamps (RFC 7323 4.3): TS.Recent is taken from a segment covering Last.ACK.sent, and
//   echoed in TSecr; PAWS (section 5) compares SEG.TSval with it.

import { RingBuffer } from './ring';
import { Assembler } from './assembler';
import { ReceiverSack } from './sack';
import { seqAdd, seqDiff, seqLt, seqLe, seqGt } from './seq';

export class Receiver {
  readonly ring: RingBuffer;
  readonly asm: Assembler;
  readonly sack: ReceiverSack;
  irs = 0;
  nxt = 0;
  advEdge = 0;
  /** Shift we apply to the windows we advertise (RFC 7323 Rcv.Wind.Shift). */
  wscale = 0;
  /** Our estimate of the peer's full segment size, for SWS and delayed ACK. */
  mss: number;
  /** A FIN was seen at finSeq but data before it is missing. */
  finPending = false;
  finSeq = 0;
  finReceived = false;
  /** In-order bytes received since the last ACK we sent. */
  unackedBytes = 0;
  tsRecent = 0;
  tsRecentAt = 0;
  hasTsRecent = false;
  lastAckSent = 0;

  constructor(capacity: number, mss: number, maxRanges: number, maxSackBlocks: number) {
    this.ring = new RingBuffer(capacity);
    this.asm = new Assembler(maxRanges);
    this.sack = new ReceiverSack(maxSackBlocks);
    this.mss = mss;
  }

  /** The SYN at `irs` arrived: RCV.NXT = IRS + 1. */
  start(irs: number): void {
    this.irs = irs;
    this.nxt = this.advEdge = this.lastAckSent = seqAdd(irs, 1);
  }

  /** RCV.WND as last advertised. */
  get wnd(): number {
    const w = seqDiff(this.advEdge, this.nxt);
    return w > 0 ? w : 0;
  }

  /** The window to put in the next segment, in bytes before scaling (RFC 1122 4.2.3.3). */
  windowToAdvertise(): number {
    const free = this.ring.free;
    const current = this.wnd;
    const threshold = Math.min(this.ring.capacity >>> 1, this.mss);
    let w = free - current >= threshold ? free : current;
    if (w > free) w = free;
    const max = 65535 * 2 ** this.wscale;
    if (w > max) w = max;
    // Round down to what the scaled field can say.
    return Math.floor(w / 2 ** this.wscale) * 2 ** this.wscale;
  }

  /** Records the window sent (bytes, already rounded to the scale) and that RCV.NXT was ACKed. */
  advertised(w: number): void {
    // Rounding to the scale may say less than before; the earlier promise still stands.
    const edge = seqAdd(this.nxt, w);
    if (seqGt(edge, this.advEdge)) this.advEdge = edge;
    this.lastAckSent = this.nxt;
    this.unackedBytes = 0;
  }

  /** Whether the application reading freed enough room that a window update is worth a segment. */
  windowUpdateWorthIt(): boolean {
    const current = this.wnd;
    const next = this.windowToAdvertise();
    if (next <= current) return false;
    return next - current >= Math.min(this.ring.capacity >>> 1, 2 * this.mss) || (current < this.mss && next >= this.mss);
  }

  /**
   * Takes the in-window part of a segment (the caller trimmed it to [nxt, advEdge)): writes the
   * payload, reassembles, and applies a FIN. Returns 'in-order', 'out-of-order', 'hole-filled' or
   * 'full' (reassembly limit reached, segment dropped).
   */
  accept(seq: number, payload: Uint8Array, fin: boolean): 'in-order' | 'out-of-order' | 'hole-filled' | 'full' | 'duplicate' {
    const off = seqDiff(seq, this.nxt);
    const len = payload.length;
    let result: 'in-order' | 'out-of-order' | 'hole-filled' | 'full' | 'duplicate';
    if (off === 0 && this.asm.isEmpty) {
      // The common case: in order, nothing pending. One copy into the ring.
      if (len) this.ring.enqueue(payload);
      this.nxt = seqAdd(this.nxt, len);
      this.unackedBytes += len;
      result = 'in-order';
    } else if (len > 0) {
      const hadGap = !this.asm.isEmpty;
      if (!this.asm.add(off, len)) return 'full';
      this.ring.writeAt(off, payload);
      const n = this.asm.popFront();
      if (n > 0) {
        this.ring.commit(n);
        this.nxt = seqAdd(this.nxt, n);
        this.unackedBytes += n;
        result = hadGap && off === 0 ? 'hole-filled' : 'in-order';
        this.sack.update(this.asm, this.nxt);
      } else {
        result = 'out-of-order';
        this.sack.update(this.asm, this.nxt, seq);
      }
    } else {
      result = off === 0 ? 'in-order' : 'duplicate';
    }
    if (fin) {
      const at = seqAdd(seq, len);
      if (!this.finPending || seqLt(at, this.finSeq)) { this.finPending = true; this.finSeq = at; }
    }
    if (this.finPending && !this.finReceived && this.nxt === this.finSeq) {
      this.finReceived = true;
      this.finPending = false;
      this.nxt = seqAdd(this.nxt, 1);
      this.asm.clear(); // nothing can follow a FIN
      this.sack.clear();
    }
    return result;
  }

  /** RFC 7323 4.3 (2): if SEG.TSval >= TS.Recent and SEG.SEQ <= Last.ACK.sent, keep SEG.TSval. */
  noteTimestamp(now: number, seq: number, tsVal: number): void {
    if (!seqLe(seq, this.lastAckSent)) return;
    if (this.hasTsRecent && seqLt(tsVal, this.tsRecent)) return;
    this.tsRecent = tsVal;
    this.tsRecentAt = now;
    this.hasTsRecent = true;
  }
}
