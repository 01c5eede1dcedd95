// Retransmission timeout (RFC 6298).
//
// - Before any sample RTO is `initialRto` (RFC 6298 2.1: 1 s).
// - First sample R: SRTT = R, RTTVAR = R/2 (2.2). Later samples R': RTTVAR = 3/4 RTTVAR +
//   1/4 |SRTT - R'|, then SRTT = 7/8 SRTT + 1/8 R' (2.3; RTTVAR first, with the old SRTT).
// - RTO = SRTT + max(G, 4 * RTTVAR), G = 1 ms (the clock's granularity), clamped to
//   [minRto, maxRto] (2.4, 2.5).
// - Each expiry doubles the RTO up to maxRto (5.5, "back off the timer"); the backoff ends when a
//   new sample is taken, which Karn's algorithm (section 3) only allows from segments that were not
//   retransmitted, or from timestamps (RFC 7323 4.1), which are never ambiguous.
//
// minRto: RFC 6298 2.4 says 1 s ("SHOULD"), chosen in 1988-era networks where clocks ticked at
// 500 ms. Linux, FreeBSD and Windows use 200-300 ms and RFC 8961 accepts that as long as the timer
// stays conservative; with a VM-to-VM RTT under a millisecond, 1 s would turn every tail loss into
// a one-second stall. Nephos defaults to 200 ms and makes it configurable. maxRto is 60 s (2.5).
//
// Times are milliseconds; the estimator holds no clock.

export interface RttConfig {
  initialRto: number;
  minRto: number;
  maxRto: number;
}

const GRANULARITY = 1;

export class RttEstimator {
  srtt = 0;
  rttvar = 0;
  hasSample = false;
  /** Number of consecutive backoffs (timer expiries) since the last sample. */
  backoffs = 0;
  #base: number;
  readonly #config: RttConfig;

  constructor(config: RttConfig) {
    this.#config = config;
    this.#base = clamp(config.initialRto, config.minRto, config.maxRto);
  }

  /** Feeds one round-trip measurement (ms); ends any backoff. */
  sample(r: number): void {
    if (!(r >= 0)) return;
    if (!this.hasSample) {
      this.srtt = r;
      this.rttvar = r / 2;
      this.hasSample = true;
    } else {
      this.rttvar = 0.75 * this.rttvar + 0.25 * Math.abs(this.srtt - r);
      this.srtt = 0.875 * this.srtt + 0.125 * r;
    }
    this.#base = clamp(this.srtt + Math.max(GRANULARITY, 4 * this.rttvar), this.#config.minRto, this.#config.maxRto);
    this.backoffs = 0;
  }

  /** The current timeout, backoff included. */
  get rto(): number {
    let rto = this.#base;
    for (let i = 0; i < this.backoffs && rto < this.#config.maxRto; i++) rto *= 2;
    return Math.min(rto, this.#config.maxRto);
  }

  /** RFC 6298 5.5: the timer expired; the next RTO is twice as long (up to maxRto). */
  backOff(): void {
    if (this.backoffs < 32) this.backoffs++;
  }

  /**
   * RFC 6298 5.7: when the SYN had to be retransmitted and no sample exists, data transfer starts
   * with an RTO of 3 s.
   */
  restartAfterSynTimeout(): void {
    if (!this.hasSample) this.#base = clamp(3000, this.#config.minRto, this.#config.maxRto);
    this.backoffs = 0;
  }
}

function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}
