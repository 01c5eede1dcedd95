// A min-heap of deadlines with lazy deletion: the layer's one timer structure, so poll() touches
// only connections that are due rather than all of them.
//
// Each item carries `heapAt`, the deadline it is currently scheduled for (Infinity when not).
// Rescheduling pushes a new entry; entries whose time no longer equals the item's `heapAt` are
// stale and skipped when they reach the top. When stale entries outnumber live ones the heap is
// rebuilt, so its size stays within a constant factor of the number of scheduled items.

export interface Scheduled {
  heapAt: number;
}

export class DeadlineQueue<T extends Scheduled> {
  #at: number[] = [];
  #items: T[] = [];
  #live = 0;

  get size(): number { return this.#live; }

  /** Schedules `item` at `at` (Infinity unschedules). */
  schedule(item: T, at: number): void {
    if (item.heapAt === at) return;
    if (item.heapAt !== Infinity) this.#live--;
    item.heapAt = at;
    if (at === Infinity) return;
    this.#live++;
    this.#push(at, item);
    if (this.#at.length > 4 * this.#live + 64) this.#rebuild();
  }

  /** The earliest live deadline, or Infinity. */
  peek(): number {
    this.#dropStale();
    return this.#at.length ? this.#at[0] : Infinity;
  }

  /** Removes and returns one item due at or before `now`, or undefined. */
  popDue(now: number): T | undefined {
    this.#dropStale();
    if (!this.#at.length || this.#at[0] > now) return undefined;
    const item = this.#items[0];
    this.#pop();
    item.heapAt = Infinity;
    this.#live--;
    return item;
  }

  #dropStale(): void {
    while (this.#at.length && this.#items[0].heapAt !== this.#at[0]) this.#pop();
  }

  #push(at: number, item: T): void {
    const a = this.#at, it = this.#items;
    let i = a.length;
    a.push(at); it.push(item);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (a[p] <= at) break;
      a[i] = a[p]; it[i] = it[p];
      i = p;
    }
    a[i] = at; it[i] = item;
  }

  #pop(): void {
    const a = this.#at, it = this.#items;
    const lastAt = a.pop()!, lastItem = it.pop()!;
    const n = a.length;
    if (n === 0) return;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      if (c + 1 < n && a[c + 1] < a[c]) c++;
      if (a[c] >= lastAt) break;
      a[i] = a[c]; it[i] = it[c];
      i = c;
    }
    a[i] = lastAt; it[i] = lastItem;
  }

  #rebuild(): void {
    const items = this.#items;
    const ats = this.#at;
    this.#at = []; this.#items = [];
    const seen = new Set<T>();
    for (let k = 0; k < items.length; k++) {
      const item = items[k];
      if (item.heapAt === ats[k] && !seen.has(item)) { seen.add(item); this.#push(ats[k], item); }
    }
  }
}
