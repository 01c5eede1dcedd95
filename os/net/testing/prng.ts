// A small seeded PRNG (mulberry32) for reproducible tests: the same seed gives the same packet loss,
// the same "random" bytes for ISNs and ports, the same fuzz inputs. Not for anything secret.

export class Prng {
  #state: number;

  constructor(seed: number) { this.#state = seed >>> 0; }

  /** Uniform u32. */
  nextU32(): number {
    let t = (this.#state = (this.#state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number { return this.nextU32() / 0x100000000; }

  /** Uniform integer in [0, n). */
  int(n: number): number { return Math.floor(this.next() * n); }

  chance(p: number): boolean { return p > 0 && this.next() < p; }

  bytes(n: number): Uint8Array {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = this.nextU32() & 0xff;
    return out;
  }

  /** A `random(n)` function as the stack's layers take it. */
  randomFn(): (n: number) => Uint8Array { return (n) => this.bytes(n); }
}
