// A pcap writer (the classic libpcap format, https://www.tcpdump.org/manpages/pcap-savefile.5.html):
// a 24-byte global header (magic 0xa1b2c3d4, version 2.4, snaplen 65535, link type 1 = Ethernet)
// then, per frame, a 16-byte record header (seconds, microseconds, captured length, original length)
// and the frame. Little-endian, as written by most tools; Wireshark and tcpdump read either order.
// Tests collect frames here and write `bytes()` to a file when they want to look at a run.

export const LINKTYPE_ETHERNET = 1;

export class PcapWriter {
  #chunks: Uint8Array[] = [];
  #length = 0;
  frames = 0;

  constructor(readonly snaplen = 65535) {
    const h = new Uint8Array(24);
    const v = new DataView(h.buffer);
    v.setUint32(0, 0xa1b2c3d4, true);
    v.setUint16(4, 2, true);
    v.setUint16(6, 4, true);
    v.setInt32(8, 0, true);
    v.setUint32(12, 0, true);
    v.setUint32(16, snaplen, true);
    v.setUint32(20, LINKTYPE_ETHERNET, true);
    this.#push(h);
  }

  #push(b: Uint8Array): void { this.#chunks.push(b); this.#length += b.length; }

  /** Records a frame seen at `timeMs` (the simulated clock). The frame is copied. */
  write(timeMs: number, frame: Uint8Array): void {
    const captured = Math.min(frame.length, this.snaplen);
    const h = new Uint8Array(16);
    const v = new DataView(h.buffer);
    const usec = Math.round(timeMs * 1000);
    v.setUint32(0, Math.floor(usec / 1e6), true);
    v.setUint32(4, usec % 1e6, true);
    v.setUint32(8, captured, true);
    v.setUint32(12, frame.length, true);
    this.#push(h);
    this.#push(frame.slice(0, captured));
    this.frames++;
  }

  bytes(): Uint8Array {
    const out = new Uint8Array(this.#length);
    let o = 0;
    for (const c of this.#chunks) { out.set(c, o); o += c.length; }
    return out;
  }
}

/** Reads a pcap written by PcapWriter back into (time, frame) records (for tests of the writer). */
export function readPcap(bytes: Uint8Array): { timeMs: number; frame: Uint8Array }[] {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 24 || v.getUint32(0, true) !== 0xa1b2c3d4) throw new Error('readPcap: not a little-endian pcap');
  const out: { timeMs: number; frame: Uint8Array }[] = [];
  for (let o = 24; o + 16 <= bytes.length;) {
    const sec = v.getUint32(o, true), usec = v.getUint32(o + 4, true), len = v.getUint32(o + 8, true);
    out.push({ timeMs: sec * 1000 + usec / 1000, frame: bytes.slice(o + 16, o + 16 + len) });
    o += 16 + len;
  }
  return out;
}
