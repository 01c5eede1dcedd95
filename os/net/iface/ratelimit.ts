// A token bucket for ICMP error messages (RFC 1812 section 4.3.2.8; RFC 1122 section 3.2.2 asks hosts
// to limit the rate of ICMP errors). `capacity` messages may go out in a burst, then one every
// `intervalMs`. Time comes from the caller, as everywhere in the stack.

export class TokenBucket {
  #tokens: number;
  #last: number | undefined;

  constructor(readonly capacity: number, readonly intervalMs: number) {
    this.#tokens = capacity;
  }

  /** Takes a token if one is available at `now`. */
  take(now: number): boolean {
    if (this.#last !== undefined && now > this.#last) {
      this.#tokens = Math.min(this.capacity, this.#tokens + (now - this.#last) / this.intervalMs);
    }
    if (this.#last === undefined || now > this.#last) this.#last = now;
    if (this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
  }
}
