// A small seeded PRNG for tests and the simulated link (xoshiro128**, Blackman and Vigna): the same
// seed gives the same run, so a failing seed can be replayed. Not for keys in production; the OS
// passes its real entropy source as `random`.

export class Prng {
  #s0: number; #s1: number; #s2: number; #s3: number;

  constructor(seed: number) {
    // splitmix32 spreads the seed over the four state words (all-zero state is not allowed).
    let x = seed >>> 0;
    const next = () => {
      x = (x + 0x9e3779b9) >>> 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.#s0 = next(); this.#s1 = next(); this.#s2 = next(); this.#s3 = next() | 1;
  }

  /** A uniform u32. */
  u32(): number {
    const result = Math.imul(rotl(Math.imul(this.#s1, 5), 7), 9) >>> 0;
    const t = this.#s1 << 9;
    this.#s2 ^= this.#s0; this.#s3 ^= this.#s1; this.#s1 ^= this.#s2; this.#s0 ^= this.#s3;
    this.#s2 ^= t;
    this.#s3 = rotl(this.#s3, 11);
    return result;
  }

  /** A uniform float in [0, 1). */
  float(): number {
    return this.u32() / 4294967296;
  }

  /** A uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.float() * n);
  }

  bytes(n: number): Uint8Array {
    const b = new Uint8Array(n);
    for (let i = 0; i < n; i++) b[i] = this.u32() >>> 24;
    return b;
  }

  /** A `random(n)` function for TcpConfig. */
  randomFn(): (n: number) => Uint8Array {
    return (n) => this.bytes(n);
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
