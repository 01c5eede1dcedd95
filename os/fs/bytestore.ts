// Growable byte storage for the contents of one tmpfs file.
//
// The content is cut into chunks of CHUNK bytes; chunk i holds bytes [i*CHUNK, (i+1)*CHUNK). A
// chunk is allocated on first write and may be shorter than CHUNK: it grows by doubling (at least
// MIN_ALLOC) up to CHUNK. So appending n bytes copies O(n) bytes in total (each growth copies at
// most one chunk, and each chunk's growths sum to less than 2*CHUNK), small files stay small, and
// a large file never needs one contiguous buffer.
//
// Invariants: `size` is the logical length; every byte at or past `size` inside an allocated chunk
// is zero (truncate clears them), and a missing chunk or the unallocated tail of a chunk reads as
// zeros, so holes made by writing past the end or by extending truncate read as zeros
// (POSIX write(2), ftruncate(2)).

export const CHUNK = 64 * 1024;
const MIN_ALLOC = 64;

export class ByteStore {
  #chunks: (Uint8Array | undefined)[] = [];
  #size = 0;

  get size(): number {
    return this.#size;
  }

  /** Copies up to `out.length` bytes from `pos`; returns the count. */
  read(pos: number, out: Uint8Array): number {
    if (pos >= this.#size) return 0;
    const n = Math.min(out.length, this.#size - pos);
    let done = 0;
    while (done < n) {
      const at = pos + done;
      const index = Math.floor(at / CHUNK);
      const offset = at - index * CHUNK;
      const take = Math.min(n - done, CHUNK - offset);
      const chunk = this.#chunks[index];
      const have = chunk ? Math.max(0, Math.min(take, chunk.length - offset)) : 0;
      if (have > 0) out.set(chunk!.subarray(offset, offset + have), done);
      if (have < take) out.fill(0, done + have, done + take);
      done += take;
    }
    return n;
  }

  /** Writes all of `data` at `pos`, growing the store. */
  write(pos: number, data: Uint8Array): void {
    let done = 0;
    while (done < data.length) {
      const at = pos + done;
      const index = Math.floor(at / CHUNK);
      const offset = at - index * CHUNK;
      const take = Math.min(data.length - done, CHUNK - offset);
      const chunk = this.#reserve(index, offset + take);
      chunk.set(data.subarray(done, done + take), offset);
      done += take;
    }
    if (pos + data.length > this.#size) this.#size = pos + data.length;
  }

  /** Sets the length: shrinking drops the bytes past `size`, growing adds a hole of zeros. */
  truncate(size: number): void {
    if (size < this.#size) {
      const keep = Math.ceil(size / CHUNK);
      this.#chunks.length = Math.min(this.#chunks.length, keep);
      const last = keep - 1;
      const chunk = last >= 0 ? this.#chunks[last] : undefined;
      if (chunk) chunk.fill(0, size - last * CHUNK);
    }
    this.#size = size;
  }

  /** Chunk `index` with at least `need` bytes allocated. */
  #reserve(index: number, need: number): Uint8Array {
    while (this.#chunks.length <= index) this.#chunks.push(undefined);
    const chunk = this.#chunks[index];
    if (chunk && chunk.length >= need) return chunk;
    let alloc = chunk ? chunk.length : MIN_ALLOC;
    while (alloc < need) alloc *= 2;
    const grown = new Uint8Array(Math.min(alloc, CHUNK));
    if (chunk) grown.set(chunk);
    this.#chunks[index] = grown;
    return grown;
  }
}
