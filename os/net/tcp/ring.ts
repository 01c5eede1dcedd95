// Byte ring buffer with a fixed capacity, used for the send buffer (bytes from SND.UNA on: sent but
// unacknowledged, then unsent) and the receive buffer (in-order bytes the application has not
// read, followed by room where out-of-order segments are written in place; the assembler records
// which of those bytes are present).
//
// Invariants: 0 <= length <= capacity; data occupies storage[head .. head+length) mod size.
// Storage starts small and doubles up to `capacity` as data needs it, so an idle connection costs
// a few KiB rather than its full window. Copies are done with `set`/`subarray` (at most two per
// call, one per side of the wrap); no per-byte loops.

const INITIAL_STORAGE = 4096;

export class RingBuffer {
  readonly capacity: number;
  #store: Uint8Array;
  #head = 0;
  #length = 0;

  constructor(capacity: number) {
    if (!(capacity > 0)) throw new RangeError('RingBuffer capacity must be positive');
    this.capacity = capacity;
    this.#store = new Uint8Array(Math.min(capacity, INITIAL_STORAGE));
  }

  get length(): number { return this.#length; }
  get free(): number { return this.capacity - this.#length; }
  /** Bytes of storage currently allocated (for memory accounting and tests). */
  get allocated(): number { return this.#store.length; }

  /** Appends as much of `src` as fits; returns the number of bytes taken. */
  enqueue(src: Uint8Array): number {
    const n = Math.min(src.length, this.free);
    if (n === 0) return 0;
    this.#write(this.#length, n === src.length ? src : src.subarray(0, n));
    this.#length += n;
    return n;
  }

  /**
   * Writes `src` at `offset` bytes past the end of the data without making it part of the data
   * (out-of-order receive). Bytes beyond capacity are cut off; returns the bytes written.
   */
  writeAt(offset: number, src: Uint8Array): number {
    const room = this.capacity - this.#length - offset;
    if (room <= 0) return 0;
    const n = Math.min(src.length, room);
    this.#write(this.#length + offset, n === src.length ? src : src.subarray(0, n));
    return n;
  }

  /** Makes the next n bytes written with `writeAt` part of the data. */
  commit(n: number): void {
    if (n < 0 || this.#length + n > this.capacity) throw new RangeError('RingBuffer.commit out of range');
    this.#length += n;
  }

  /** Copies data bytes [offset, offset+n) into dst at dstOffset. */
  copyOut(offset: number, dst: Uint8Array, dstOffset: number, n: number): void {
    if (offset < 0 || n < 0 || offset + n > this.#length) throw new RangeError('RingBuffer.copyOut out of range');
    const size = this.#store.length;
    let start = this.#head + offset;
    if (start >= size) start -= size;
    const first = Math.min(n, size - start);
    dst.set(this.#store.subarray(start, start + first), dstOffset);
    if (first < n) dst.set(this.#store.subarray(0, n - first), dstOffset + first);
  }

  /** Discards the first n bytes of data. */
  dequeue(n: number): void {
    if (n < 0 || n > this.#length) throw new RangeError('RingBuffer.dequeue out of range');
    // head moves even when the data empties: out-of-order bytes written past the end with
    // writeAt are addressed from it.
    this.#length -= n;
    this.#head += n;
    if (this.#head >= this.#store.length) this.#head -= this.#store.length;
  }

  /** Removes and returns up to n bytes of data as a new array. */
  read(n = this.#length): Uint8Array {
    n = Math.min(n, this.#length);
    const out = new Uint8Array(n);
    if (n) { this.copyOut(0, out, 0, n); this.dequeue(n); }
    return out;
  }

  /** Drops the storage when empty (a closed connection keeps no buffer). */
  release(): void {
    if (this.#length === 0 && this.#store.length > 0) { this.#store = new Uint8Array(0); this.#head = 0; }
  }

  // Writes src at position `at` (relative to head), growing storage first if needed.
  #write(at: number, src: Uint8Array): void {
    const end = at + src.length;
    if (end > this.#store.length) this.#grow(end);
    const size = this.#store.length;
    let start = this.#head + at;
    if (start >= size) start -= size;
    const first = Math.min(src.length, size - start);
    this.#store.set(first === src.length ? src : src.subarray(0, first), start);
    if (first < src.length) this.#store.set(src.subarray(first), 0);
  }

  // Reallocates to hold at least `need` bytes (doubling, up to capacity), unwrapping the contents:
  // everything up to `capacity` past head may hold data or out-of-order bytes, so copy all of it.
  #grow(need: number): void {
    let size = Math.max(this.#store.length, 1024);
    while (size < need) size *= 2;
    size = Math.min(size, this.capacity);
    const old = this.#store;
    const next = new Uint8Array(size);
    const tail = old.length - this.#head;
    next.set(old.subarray(this.#head), 0);
    next.set(old.subarray(0, this.#head), tail);
    this.#store = next;
    this.#head = 0;
  }
}
