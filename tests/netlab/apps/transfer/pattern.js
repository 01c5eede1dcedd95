// The deterministic byte stream of the transfer tests, shared by the guest app (index.js) and the
// host side (peer.mjs, the tests): a 64 KiB block of xorshift32 output from the seed, repeated,
// with each block's index written into its first and middle 4 bytes so that a block delivered
// twice, dropped or out of place changes the stream's sha256. Cheap on QuickJS: the block is made
// once; every chunk is one copy and two stamps.
'use strict';

const BLOCK = 65536;

function makeBlock(seed) {
  const b = Buffer.alloc(BLOCK);
  let x = (seed >>> 0) || 0x9e3779b9;
  for (let i = 0; i < BLOCK; i += 4) {
    x ^= x << 13; x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5; x >>>= 0;
    b.writeUInt32LE(x, i);
  }
  return b;
}

/** Calls `onChunk(buf)` with the stream's bytes [0, total) in order, in fresh buffers of at most 64 KiB. */
function chunks(total, seed) {
  const block = makeBlock(seed);
  let index = 0;
  let offset = 0;
  return {
    /** The next chunk, or null at the end. */
    next() {
      if (offset >= total) return null;
      const n = Math.min(BLOCK, total - offset);
      const c = Buffer.from(block.subarray(0, n));
      if (n >= 4) c.writeUInt32LE(index, 0);
      if (n >= BLOCK / 2 + 4) c.writeUInt32LE(~index >>> 0, BLOCK / 2);
      index++;
      offset += n;
      return c;
    },
  };
}

module.exports = { chunks, BLOCK };
