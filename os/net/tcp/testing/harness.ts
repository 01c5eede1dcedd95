// Test harness for one TcpLayer driven with hand-built segments and an injected clock: the test
// plays the remote peer, sends exactly the segments it wants and inspects every segment the layer
// emits (checksums verified, options parsed).
//
// A typical use:
//   const h = new Harness();
//   const { conn, iss } = h.accept();            // passive open completed by hand
//   h.send({ seq: h.peerNxt, ack: iss + 1, flags: ACK, payload: bytes('hi') });
//   const out = h.poll();                        // segments the layer emitted
//   h.advance(200);                              // move the clock, running timers

import { TcpLayer, type TcpConnection } from '../layer';
import type { TcpConfig } from '../config';
import { TcpPacket, TcpRepr, parseTcp, emitTcp, tcpBufferLen, SYN, ACK } from '../../wire/tcp';
import { Prng } from './prng';

export const LOCAL = 0x0a000001; // 10.0.0.1, the layer under test
export const REMOTE = 0x0a000002; // 10.0.0.2, the peer the test plays
export const PEER_PORT = 40000;
export const PORT = 80;

export interface SegmentSpec {
  seq: number;
  ack?: number;
  flags: number;
  window?: number;
  payload?: Uint8Array;
  mss?: number;
  windowScale?: number;
  sackPermitted?: boolean;
  ts?: [tsVal: number, tsEcr: number];
  sack?: number[];
  srcPort?: number;
  dstPort?: number;
  src?: number;
}

/** A segment the layer emitted: the parsed repr (payload copied) plus addresses. */
export interface Emitted extends TcpRepr {
  src: number;
  dst: number;
}

export class Harness {
  now = 1000;
  readonly layer: TcpLayer;
  readonly emitted: Emitted[] = [];
  wakes = 0;
  /** Connections handed over by the listener in accept(). */
  readonly accepted: TcpConnection[] = [];
  nextPoll: number | undefined;

  constructor(config: Partial<TcpConfig> = {}, seed = 1) {
    const rng = new Prng(seed);
    this.layer = new TcpLayer({ random: rng.randomFn(), wake: () => { this.wakes++; }, ...config });
  }

  /** Builds a segment from the peer (REMOTE:PEER_PORT -> LOCAL:PORT by default) and inputs it. */
  send(spec: SegmentSpec): void {
    this.layer.input(this.now, spec.src ?? REMOTE, LOCAL, buildSegment(spec));
  }

  /** Inputs raw bytes as a segment from REMOTE. */
  sendRaw(bytes: Uint8Array): void {
    this.layer.input(this.now, REMOTE, LOCAL, bytes);
  }

  /** Polls once at the current time; returns the segments emitted by this poll. */
  poll(): Emitted[] {
    const out: Emitted[] = [];
    this.nextPoll = this.layer.poll(this.now, (src, dst, bytes) => {
      const p = TcpPacket.check(bytes, src, dst);
      if (typeof p === 'string') throw new Error(`layer emitted a bad segment: ${p}`);
      const r = parseTcp(p);
      if (typeof r === 'string') throw new Error(`layer emitted bad options: ${r}`);
      const e = r as Emitted;
      e.payload = r.payload.slice();
      e.sackBlocks = r.sackBlocks.slice();
      e.src = src;
      e.dst = dst;
      out.push(e);
    });
    this.emitted.push(...out);
    return out;
  }

  /** Advances the clock by ms, running every poll that falls due on the way; returns what was emitted. */
  advance(ms: number): Emitted[] {
    const end = this.now + ms;
    const out: Emitted[] = [];
    out.push(...this.poll());
    for (let guard = 0; guard < 100000; guard++) {
      const next = this.nextPoll;
      if (next === undefined || next > end) break;
      this.now = Math.max(this.now, next);
      out.push(...this.poll());
    }
    this.now = end;
    out.push(...this.poll());
    return out;
  }

  /** Listens on PORT (once) and completes a passive open by hand. */
  accept(opts: { peerIsn?: number; window?: number; mss?: number; windowScale?: number; sackPermitted?: boolean; ts?: boolean; srcPort?: number } = {}) {
    if (!this.#listening) {
      this.layer.listen(0, PORT, { backlog: 16 }, (c) => { this.accepted.push(c); });
      this.#listening = true;
    }
    const peerIsn = opts.peerIsn ?? 5000;
    const tsVal = 100;
    this.send({
      seq: peerIsn, flags: SYN, window: opts.window ?? 65535, mss: opts.mss ?? 1460, srcPort: opts.srcPort,
      windowScale: opts.windowScale, sackPermitted: opts.sackPermitted, ts: opts.ts ? [tsVal, 0] : undefined,
    });
    const synAck = this.poll().find((s) => (s.flags & (SYN | ACK)) === (SYN | ACK));
    if (!synAck) throw new Error('no SYN-ACK');
    const before = this.accepted.length;
    this.send({
      seq: peerIsn + 1, ack: (synAck.seq + 1) >>> 0, flags: ACK, window: opts.window ?? 65535, srcPort: opts.srcPort,
      ts: opts.ts ? [tsVal + 1, synAck.tsVal] : undefined,
    });
    const conn = this.accepted[before];
    if (!conn) throw new Error('listener did not hand over a connection');
    return { conn, iss: synAck.seq, synAck, peerIsn };
  }
  #listening = false;
}

export function buildSegment(spec: SegmentSpec): Uint8Array {
  const r = new TcpRepr();
  r.srcPort = spec.srcPort ?? PEER_PORT;
  r.dstPort = spec.dstPort ?? PORT;
  r.seq = spec.seq >>> 0;
  r.ack = (spec.ack ?? 0) >>> 0;
  r.flags = spec.flags;
  r.window = spec.window ?? 65535;
  r.mss = spec.mss ?? 0;
  r.windowScale = spec.windowScale ?? -1;
  r.sackPermitted = spec.sackPermitted ?? false;
  if (spec.ts) { r.hasTimestamp = true; r.tsVal = spec.ts[0] >>> 0; r.tsEcr = spec.ts[1] >>> 0; }
  if (spec.sack) {
    r.sackCount = spec.sack.length >> 1;
    for (let k = 0; k < spec.sack.length; k++) r.sackBlocks[k] = spec.sack[k] >>> 0;
  }
  r.payload = spec.payload ?? new Uint8Array(0);
  const out = new Uint8Array(tcpBufferLen(r));
  emitTcp(r, out, spec.src ?? REMOTE, LOCAL);
  return out;
}

export const bytes = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));
export const text = (b: Uint8Array): string => String.fromCharCode(...b);
export const fill = (n: number, from = 0): Uint8Array => Uint8Array.from({ length: n }, (_, i) => (from + i) & 0xff);
