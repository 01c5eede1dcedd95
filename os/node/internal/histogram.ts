// perf_hooks' histograms as Node 20 has them: an HdrHistogram (Gil Tene's High Dynamic Range
// Histogram; Node links HdrHistogram_c) with `lowest`, `highest` and `figures` significant digits.
// Reported values are the histogram's, not the recorded ones: min is the lowest value equivalent to
// the smallest recorded, max the highest equivalent of the largest, percentile(p) the highest
// equivalent of the value at p, mean and stddev use each bucket's median equivalent value, and
// `percentiles` walks the buckets as hdr_iter_percentile does with one tick per half distance.
// (With the defaults, every value below 2048 is its own bucket, so small values come back exact.)
// Counts live in a Map from a bucket's lowest equivalent value (a BigInt: values reach 2^63).
import { codes } from '../../core/errors';
import { invalidArgType } from './validators';

const INT64_MAX = (1n << 63n) - 1n;

function log2Floor(v: bigint): number {
  let n = -1;
  while (v > 0n) {
    v >>= 1n;
    n++;
  }
  return n;
}

function validateInteger(value: unknown, name: string, min: number, max: number): number {
  if (typeof value !== 'number') throw invalidArgType(name, 'number', value);
  if (!Number.isInteger(value)) throw new codes.ERR_OUT_OF_RANGE(name, 'an integer', value);
  if (value < min || value > max) throw new codes.ERR_OUT_OF_RANGE(name, `>= ${min} && <= ${max}`, value);
  return value;
}

export interface HistogramOptions {
  lowest?: number | bigint;
  highest?: number | bigint;
  figures?: number;
}

export class Histogram {
  #counts = new Map<bigint, number>();
  #total = 0;
  #min = INT64_MAX;
  #max = 0n;
  #exceeds = 0;
  #highest: bigint;
  #unitMagnitude: number;
  #subBucketHalfCountMagnitude: number;
  #subBucketCount: bigint;
  #subBucketMask: bigint;
  #prevNs = 0n;

  constructor(options: HistogramOptions = {}) {
    const lowest = typeof options.lowest === 'bigint' ? Number(options.lowest) : options.lowest ?? 1;
    validateInteger(lowest, 'options.lowest', 1, Number.MAX_SAFE_INTEGER);
    const highest = typeof options.highest === 'bigint' ? Number(options.highest) : options.highest ?? Number.MAX_SAFE_INTEGER;
    validateInteger(highest, 'options.highest', 2 * lowest, Number.MAX_SAFE_INTEGER);
    const figures = validateInteger(options.figures ?? 3, 'options.figures', 1, 5);
    this.#highest = BigInt(highest);
    const largestSingleUnit = 2 * 10 ** figures;
    const subBucketCountMagnitude = Math.ceil(Math.log2(largestSingleUnit));
    this.#subBucketHalfCountMagnitude = Math.max(subBucketCountMagnitude, 1) - 1;
    this.#unitMagnitude = Math.floor(Math.log2(lowest));
    this.#subBucketCount = 1n << BigInt(this.#subBucketHalfCountMagnitude + 1);
    this.#subBucketMask = (this.#subBucketCount - 1n) << BigInt(this.#unitMagnitude);
  }

  // HdrHistogram_c's index arithmetic (hdr_histogram.c: get_bucket_index, lowest_equivalent_value...).
  #bucketIndex(v: bigint): number {
    return log2Floor(v | this.#subBucketMask) + 1 - this.#unitMagnitude - (this.#subBucketHalfCountMagnitude + 1);
  }
  #lowestEquivalent(v: bigint): bigint {
    const b = BigInt(this.#bucketIndex(v) + this.#unitMagnitude);
    return (v >> b) << b;
  }
  #sizeOfRange(v: bigint): bigint {
    const b = this.#bucketIndex(v);
    const sub = v >> BigInt(b + this.#unitMagnitude);
    return 1n << BigInt(this.#unitMagnitude + (sub >= this.#subBucketCount ? b + 1 : b));
  }
  #highestEquivalent(v: bigint): bigint {
    return this.#lowestEquivalent(v) + this.#sizeOfRange(v) - 1n;
  }
  #medianEquivalent(v: bigint): bigint {
    return this.#lowestEquivalent(v) + (this.#sizeOfRange(v) >> 1n);
  }

  /** Buckets in value order. */
  #buckets(): [bigint, number][] {
    return [...this.#counts].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  }

  #record(v: bigint): void {
    if (v < 0n || v > this.#highest) {
      this.#exceeds++;
      return;
    }
    const key = this.#lowestEquivalent(v);
    this.#counts.set(key, (this.#counts.get(key) ?? 0) + 1);
    this.#total++;
    if (v < this.#min) this.#min = v;
    if (v > this.#max) this.#max = v;
  }

  record(val: number | bigint): void {
    if (typeof val === 'bigint') {
      if (val < 1n) throw new codes.ERR_OUT_OF_RANGE('val', `>= 1 && <= ${Number.MAX_SAFE_INTEGER}`, val);
    } else {
      if (typeof val !== 'number') throw invalidArgType('val', ['number', 'bigint'], val);
      validateInteger(val, 'val', 1, Number.MAX_SAFE_INTEGER);
    }
    this.#record(BigInt(val));
  }

  /** Records the nanoseconds since the previous call (the first call records nothing). */
  recordDelta(nowNs: bigint = process.hrtime.bigint()): void {
    if (this.#prevNs > 0n) {
      const delta = nowNs - this.#prevNs;
      if (delta > 0n) this.#record(delta);
    }
    this.#prevNs = nowNs;
  }

  add(other: Histogram): void {
    if (!(other instanceof Histogram)) throw invalidArgType('other', 'RecordableHistogram', other);
    for (const [key, n] of other.#counts) {
      this.#counts.set(key, (this.#counts.get(key) ?? 0) + n);
      this.#total += n;
    }
    if (other.#total) {
      if (other.#min < this.#min) this.#min = other.#min;
      if (other.#max > this.#max) this.#max = other.#max;
    }
    this.#exceeds += other.#exceeds;
  }

  get count(): number { return this.#total; }
  get countBigInt(): bigint { return BigInt(this.#total); }
  get min(): number { return Number(this.#minBigInt()); }
  get minBigInt(): bigint { return this.#minBigInt(); }
  #minBigInt(): bigint { return this.#total ? this.#lowestEquivalent(this.#min) : INT64_MAX; }
  get max(): number { return Number(this.maxBigInt); }
  get maxBigInt(): bigint { return this.#total ? this.#highestEquivalent(this.#max) : 0n; }
  get exceeds(): number { return this.#exceeds; }
  get exceedsBigInt(): bigint { return BigInt(this.#exceeds); }

  get mean(): number {
    let sum = 0n;
    for (const [key, n] of this.#counts) sum += this.#medianEquivalent(key) * BigInt(n);
    return Number(sum) / this.#total;
  }

  get stddev(): number {
    if (!this.#total) return NaN;
    const mean = this.mean;
    let sq = 0;
    for (const [key, n] of this.#counts) {
      const dev = Number(this.#medianEquivalent(key)) - mean;
      sq += dev * dev * n;
    }
    return Math.sqrt(sq / this.#total);
  }

  #valueAt(percentile: number): bigint {
    const requested = percentile < 100 ? percentile : 100;
    const countAt = Math.max(1, Math.trunc((requested / 100) * this.#total + 0.5));
    let running = 0;
    let value = 0n;
    for (const [key, n] of this.#buckets()) {
      running += n;
      value = key;
      if (running >= countAt) break;
    }
    return this.#highestEquivalent(value);
  }

  percentile(percentile: number): number {
    return Number(this.percentileBigInt(percentile));
  }

  percentileBigInt(percentile: number): bigint {
    if (typeof percentile !== 'number') throw invalidArgType('percentile', 'number', percentile);
    if (!(percentile > 0 && percentile <= 100)) throw new codes.ERR_OUT_OF_RANGE('percentile', '> 0 && <= 100', percentile);
    return this.#total ? this.#valueAt(percentile) : 0n;
  }

  /** hdr_iter_percentile with ticks_per_half_distance 1: percentile -> value (lowest equivalent). */
  #percentiles(): [number, bigint][] {
    const out: [number, bigint][] = [];
    const buckets = this.#buckets();
    let to = 0;
    let cumulative = 0;
    let value = 0n;
    for (const [key, n] of buckets) {
      cumulative += n;
      value = key;
      while (to <= (100 * cumulative) / this.#total) {
        out.push([to, key]);
        const half = 2 ** (Math.trunc(Math.log(100 / (100 - to)) / Math.log(2)) + 1);
        to += 100 / half;
        if (cumulative >= this.#total) break;
      }
    }
    out.push([100, value]);
    return out;
  }

  get percentiles(): Map<number, number> {
    return new Map(this.#percentiles().map(([p, v]) => [p, Number(v)]));
  }
  get percentilesBigInt(): Map<number, bigint> {
    return new Map(this.#percentiles());
  }

  reset(): void {
    this.#counts.clear();
    this.#total = 0;
    this.#min = INT64_MAX;
    this.#max = 0n;
    this.#exceeds = 0;
    this.#prevNs = 0n;
  }

  toJSON(): object {
    return { count: this.count, min: this.min, max: this.max, mean: this.mean, exceeds: this.exceeds, stddev: this.stddev, percentiles: Object.fromEntries(this.percentiles) };
  }
}
Object.defineProperty(Histogram, 'name', { value: 'RecordableHistogram' });

/** perf_hooks.createHistogram(options). */
export function createHistogram(options: HistogramOptions = {}): Histogram {
  if (options === null || typeof options !== 'object') throw invalidArgType('options', 'Object', options);
  return new Histogram(options);
}

export interface IntervalHost {
  /** Calls fn every ms milliseconds without keeping the process alive; returns a canceller. */
  every(fn: () => void, ms: number): () => void;
  nowNs(): bigint;
}

/** perf_hooks.monitorEventLoopDelay: the time between ticks of an unref'd interval timer, in ns. */
export function monitorEventLoopDelay(host: IntervalHost, options: { resolution?: number } = {}) {
  if (options === null || typeof options !== 'object') throw invalidArgType('options', 'Object', options);
  const resolution = validateInteger(options.resolution ?? 10, 'options.resolution', 1, Number.MAX_SAFE_INTEGER);
  const h = new Histogram() as Histogram & { enable(): boolean; disable(): boolean };
  let stop: (() => void) | undefined;
  h.enable = () => {
    if (stop) return false;
    h.recordDelta(host.nowNs());
    stop = host.every(() => h.recordDelta(host.nowNs()), resolution);
    return true;
  };
  h.disable = () => {
    if (!stop) return false;
    stop();
    stop = undefined;
    return true;
  };
  return h;
}
