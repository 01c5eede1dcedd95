// Congestion window arithmetic: RFC 5681 (slow start, congestion avoidance, the loss responses)
// and the window parts of RFC 6582 (NewReno fast recovery). Which segments to retransmit is the
// sender's business (sender.ts); this file only says how big cwnd and ssthresh are.
//
// - Initial window: RFC 6928's IW10, min(10*SMSS, max(2*SMSS, 14600)) (what Linux uses; RFC 5681
//   3.1 allows up to 4 segments, RFC 6928 is the experimental update every major stack ships).
// - Slow start (cwnd < ssthresh): cwnd += bytes acked, up to ssthresh (RFC 3465 byte counting
//   without its L limit, as Linux's tcp_slow_start). RFC 5681 eq. 2's min(N, SMSS) per ACK turns
//   slow start linear when ACKs are coalesced — as peers behind GRO or ACK thinning send them.
// - Congestion avoidance: cwnd += SMSS once per cwnd of acknowledged bytes (RFC 5681 3.1's
//   byte-counting variant, RFC 3465 with L=1), so delayed ACKs do not slow the growth.
// - Loss by timeout (RFC 5681 eq. 4): ssthresh = max(FlightSize/2, 2*SMSS), cwnd = 1 SMSS.
// - Entering fast recovery: ssthresh = max(FlightSize/2, 2*SMSS) (RFC 5681 eq. 4, RFC 6582 3.2
//   step 2); NewReno then inflates cwnd = ssthresh + 3*SMSS and by SMSS per further duplicate ACK,
//   deflates on partial ACKs, and ends with cwnd = min(ssthresh, max(FlightSize, SMSS) + SMSS)
//   (RFC 6582 3.2 step 6, option 1). With SACK (RFC 6675) cwnd = ssthresh and `pipe` replaces
//   the inflation.
// - Restart after idle (RFC 5681 4.1): after more than one RTO without sending, cwnd is cut to
//   min(cwnd, initial window).
// CUBIC (RFC 9438) is not implemented.

export const MAX_CWND = 1 << 30;

export function initialWindow(smss: number): number {
  return Math.min(10 * smss, Math.max(2 * smss, 14600));
}

export class NewReno {
  smss: number;
  cwnd: number;
  ssthresh = MAX_CWND;
  #acked = 0;

  constructor(smss: number) {
    this.smss = smss;
    this.cwnd = initialWindow(smss);
  }

  /** New data acknowledged outside recovery. */
  onAck(bytes: number): void {
    if (this.cwnd < this.ssthresh) {
      this.cwnd = Math.min(this.cwnd + bytes, Math.max(this.ssthresh, this.cwnd + this.smss));
    } else {
      this.#acked += bytes;
      if (this.#acked >= this.cwnd) {
        this.#acked -= this.cwnd;
        this.cwnd += this.smss;
      }
    }
    if (this.cwnd > MAX_CWND) this.cwnd = MAX_CWND;
  }

  /** RFC 5681 eq. 4 on a retransmission timeout. */
  onTimeout(flight: number): void {
    this.ssthresh = Math.max(Math.floor(flight / 2), 2 * this.smss);
    this.cwnd = this.smss;
    this.#acked = 0;
  }

  /** Entering fast recovery; `sack` selects RFC 6675 (cwnd = ssthresh) over NewReno inflation. */
  onEnterRecovery(flight: number, sack: boolean): void {
    this.ssthresh = Math.max(Math.floor(flight / 2), 2 * this.smss);
    this.cwnd = sack ? this.ssthresh : this.ssthresh + 3 * this.smss;
    this.#acked = 0;
  }

  /** NewReno: a further duplicate ACK during recovery (RFC 6582 3.2 step 4). */
  onDupAckInRecovery(): void {
    this.cwnd += this.smss;
  }

  /** NewReno partial ACK (RFC 6582 3.2 step 5): deflate by the bytes acked, add back one SMSS. */
  onPartialAck(bytes: number): void {
    this.cwnd -= bytes;
    if (bytes >= this.smss) this.cwnd += this.smss;
    if (this.cwnd < this.smss) this.cwnd = this.smss;
  }

  /** Full ACK ends recovery (RFC 6582 3.2 step 6, option 1). */
  onExitRecovery(flight: number): void {
    this.cwnd = Math.min(this.ssthresh, Math.max(flight, this.smss) + this.smss);
    this.#acked = 0;
  }

  /** RFC 5681 4.1: restart window after an idle period longer than the RTO. */
  onIdleRestart(): void {
    this.cwnd = Math.min(this.cwnd, initialWindow(this.smss));
  }
}
