// The transmission control block (RFC 9293 3.3.1): everything one connection knows. Segment
// processing lives in input.ts, segment building and timers in output.ts; this file holds the
// state, the negotiated options, the user operations (write, shutdown, close, abort) and the
// pending events the layer delivers to the application.
//
// Invariants:
// - Output happens only from TcpLayer.poll(): user operations and input set flags (ackNow,
//   synPending, rstPending, ...) and mark the TCB dirty; poll emits.
// - Callbacks never run in the middle of a state change: input/poll set `*Pending` flags and the
//   layer delivers them at a consistent point (layer.ts `deliver`).
// - `state === CLOSED` means the TCB is finished: the layer emits a pending RST, delivers onClose
//   and forgets it. A TIME_WAIT TCB is already closed for the application (onClose fired) and only
//   guards the 4-tuple for 2*MSL.

import type { ResolvedConfig } from './config';
import type { TcpStats } from './stats';
import { TcpRepr } from '../wire/tcp';
import { Sender } from './sender';
import { Receiver } from './receiver';
import {
  CLOSED, SYN_SENT, SYN_RECEIVED, ESTABLISHED, FIN_WAIT_1, FIN_WAIT_2, CLOSE_WAIT, CLOSING, LAST_ACK,
  TIME_WAIT, type TcpState,
} from './state';
import { systemError, type SystemError } from '../../core/errors';
import { seqAdd } from './seq';

/** What a TCB needs from its layer. */
export interface TcbContext {
  readonly config: ResolvedConfig;
  readonly stats: TcpStats;
  /** One scratch repr for building segments (never held across calls). */
  readonly scratch: TcpRepr;
  /** Queues a segment outside the connection's sequence state (RSTs answering bad segments). */
  reply(local: number, localPort: number, remote: number, remotePort: number, seq: number, ack: number, flags: number): void;
  /**
   * Queues a segment built from the connection's state now, to leave before the next poll's output
   * (an ACK owed by earlier segments of the batch being processed). False when the queue is full.
   */
  queueSegment(local: number, remote: number, segment: Uint8Array): boolean;
  /** RFC 5961 section 7: whether one more challenge ACK may be sent now. */
  challengeAckAllowed(now: number): boolean;
  /** The TCB needs output or its deadline changed (called from user operations). */
  markDirty(t: Tcb): void;
  /** A TCB entered TIME_WAIT (the layer bounds how many it keeps). */
  enteredTimeWait(t: Tcb): void;
}

export type CloseCode = 'ECONNRESET' | 'ECONNREFUSED' | 'ETIMEDOUT';

/** The application's side of a TCB (TcpConnection implements it). */
export interface TcbOwner {
  onConnect?(): void;
  onData?(bytes: Uint8Array): void;
  onEnd?(): void;
  onDrain?(): void;
  onClose?(err?: SystemError): void;
}

/** A listener as the TCB sees it (half-open accounting; layer.ts hands the connection over). */
export interface TcbListener {
  halfOpen: number;
  readonly closed: boolean;
}

/** Our window scale shift for a receive buffer of `size` bytes (RFC 7323 2.3). */
export function windowShiftFor(size: number): number {
  let s = 0;
  while (s < 14 && size / 2 ** s > 65535) s++;
  return s;
}

export class Tcb {
  readonly ctx: TcbContext;
  state: TcpState = CLOSED;
  readonly localAddr: number;
  readonly localPort: number;
  readonly remoteAddr: number;
  readonly remotePort: number;
  /** Created by a listener (passive open); null once handed to the application or if active. */
  listener: TcbListener | null = null;
  readonly passive: boolean;
  /** The application's object; set when the connection is handed over. */
  owner: TcbOwner | null = null;

  readonly snd: Sender;
  readonly rcv: Receiver;
  iss = 0;

  // Negotiated at the handshake.
  /** Largest payload the peer takes in a segment without options: min(peer MSS, our MSS). */
  mss: number;
  sackOk = false;
  tsOk = false;
  /** Shift applied to windows the peer sends (its Snd.Wind.Shift, RFC 7323). */
  sndWscale = 0;
  /** Whether our SYN/SYN-ACK carries a window scale (and so may apply rcv.wscale). */
  offerWscale: boolean;
  tsOffset = 0;

  // Output requests.
  ackNow = false;
  synPending = false;
  rstPending = false;
  /** Persist timer fired: the next output may probe the closed window. */
  forceOnce = false;
  keepAliveProbePending = false;

  // Timers (absolute ms; Infinity = off).
  rtoAt = Infinity;
  persistAt = Infinity;
  delayedAckAt = Infinity;
  keepAliveAt = Infinity;
  closeAt = Infinity;
  /** The layer's heap position marker (timers.ts). */
  heapAt = Infinity;

  synRetries = 0;
  synSentAt = 0;
  retries = 0;
  persistBackoff = 0;
  persistProbes = 0;
  keepAlive = false;
  keepAliveIdle: number;
  keepAliveProbes = 0;
  /** When keep-alive was (re)enabled; -1 until the next poll notes the time. The first idle
   *  period counts from the later of this and the last segment received (as Linux). */
  keepAliveSince = -1;
  lastRecvAt = 0;
  lastSendAt = 0;
  lastOowAckAt = -Infinity;
  lastKeepAliveAt = 0;
  /** Sequence number for the RST an abort sends. */
  rstSeq = 0;

  // Application state.
  reading = true;
  noDelay = false;
  /** shutdown() or close() called: a FIN follows the queued data. */
  shutdownCalled = false;
  /** close() called: the application is gone; data that still arrives is answered with RST. */
  userClosed = false;
  bytesRead = 0;
  bytesWritten = 0;
  drainWanted = false;

  // Events for the layer to deliver.
  connectPending = false;
  drainPending = false;
  endDelivered = false;
  closePending = false;
  closeDelivered = false;
  closeErr: SystemError | undefined = undefined;

  // Layer bookkeeping.
  dirty = false;
  /** Next TCB in the same demux bucket (layer.ts). */
  nextInBucket: Tcb | null = null;
  removed = false;

  constructor(ctx: TcbContext, local: number, localPort: number, remote: number, remotePort: number, passive: boolean) {
    this.ctx = ctx;
    const c = ctx.config;
    this.localAddr = local;
    this.localPort = localPort;
    this.remoteAddr = remote;
    this.remotePort = remotePort;
    this.passive = passive;
    this.mss = c.mss;
    this.offerWscale = c.windowScaling;
    this.keepAliveIdle = c.keepAliveIdle;
    this.snd = new Sender(c.sendBufferSize, c.mss, { initialRto: c.initialRto, minRto: c.minRto, maxRto: c.maxRto });
    this.rcv = new Receiver(c.receiveBufferSize, 536, c.maxReassemblyRanges, 4);
  }

  /** Our timestamp clock (RFC 7323 5.4: ms ticks plus a per-connection offset). */
  tsNow(now: number): number {
    return (Math.floor(now) + this.tsOffset) >>> 0;
  }

  setState(s: TcpState): void {
    const stats = this.ctx.stats;
    const wasEst = this.state === ESTABLISHED || this.state === CLOSE_WAIT;
    const isEst = s === ESTABLISHED || s === CLOSE_WAIT;
    if (wasEst && !isEst) stats.currentEstablished--;
    if (!wasEst && isEst) stats.currentEstablished++;
    if (s === TIME_WAIT && this.state !== TIME_WAIT) stats.timeWait++;
    if (this.state === TIME_WAIT && s !== TIME_WAIT) stats.timeWait--;
    this.state = s;
  }

  /**
   * Applies the options of the peer's SYN (RFC 9293 3.7.1 MSS, default 536; RFC 7323 window
   * scale and timestamps; RFC 2018 SACK-permitted). Our SYN always offers what the config enables,
   * and a SYN-ACK may only carry what the SYN offered, so an option is on when config and peer agree.
   */
  negotiate(syn: TcpRepr, now: number): void {
    const c = this.ctx.config;
    const peerMss = syn.mss > 0 ? syn.mss : 536;
    this.mss = Math.max(64, Math.min(peerMss, c.mss));
    if (c.windowScaling && syn.windowScale >= 0) {
      this.sndWscale = syn.windowScale;
      this.rcv.wscale = windowShiftFor(c.receiveBufferSize);
      this.offerWscale = true;
    } else {
      this.sndWscale = 0;
      this.rcv.wscale = 0;
      this.offerWscale = false;
    }
    this.sackOk = c.sack && syn.sackPermitted;
    this.snd.sackOk = this.sackOk;
    this.tsOk = c.timestamps && syn.hasTimestamp;
    if (this.tsOk) {
      this.rcv.tsRecent = syn.tsVal;
      this.rcv.tsRecentAt = now;
      this.rcv.hasTsRecent = true;
    }
    const smss = this.mss - (this.tsOk ? 12 : 0);
    this.snd.setSmss(smss);
    this.rcv.mss = Math.min(this.rcv.mss, smss);
  }

  /** The connection reached ESTABLISHED (from SYN_SENT or SYN_RECEIVED). */
  established(now: number): void {
    this.setState(ESTABLISHED);
    if (this.synRetries > 0) this.snd.rtt.restartAfterSynTimeout();
    this.rtoAt = Infinity;
    this.retries = 0;
    this.lastRecvAt = now;
    this.lastSendAt = now;
    this.connectPending = true;
    if (this.listener) {
      this.listener.halfOpen--;
    }
    if (this.shutdownCalled) this.#startFin();
  }

  // ---- user operations (called through TcpConnection) ----

  write(bytes: Uint8Array): number {
    const n = this.snd.buf.enqueue(bytes);
    this.bytesWritten += n;
    if (n < bytes.length) this.drainWanted = true;
    if (n > 0 && this.state >= ESTABLISHED) this.ctx.markDirty(this);
    return n;
  }

  /** Half close: FIN after the queued data (RFC 9293 3.10.4 CLOSE, for the sending direction). */
  shutdown(): void {
    if (this.shutdownCalled) return;
    this.shutdownCalled = true;
    if (this.state === ESTABLISHED || this.state === CLOSE_WAIT) this.#startFin();
    // SYN_SENT / SYN_RECEIVED: the FIN goes once the connection is established.
  }

  #startFin(): void {
    this.snd.queueFin();
    this.setState(this.state === CLOSE_WAIT ? LAST_ACK : FIN_WAIT_1);
    this.ctx.markDirty(this);
  }

  /**
   * Full close: the application is done with the connection. Unread received data makes it an
   * abort (RST, RFC 9293 3.10.4 allows it; Linux does it so the peer learns data was lost).
   */
  close(): void {
    if (this.userClosed) return;
    this.userClosed = true;
    this.reading = false;
    if (this.state === SYN_SENT) { this.#finish(undefined); return; }
    if (this.rcv.ring.length > 0) { this.abort(); return; }
    this.shutdown();
    this.ctx.markDirty(this);
  }

  /** Abort: RST in synchronized states, then CLOSED (RFC 9293 3.10.5 ABORT). */
  abort(): void {
    this.userClosed = true;
    this.reading = false;
    const s = this.state;
    if (s === CLOSED) return;
    if (s === SYN_RECEIVED || s === ESTABLISHED || s === FIN_WAIT_1 || s === FIN_WAIT_2 || s === CLOSE_WAIT) {
      // RFC 9293 says <SEQ=SND.NXT>; after a timeout SND.NXT went back, and SND.MAX is the
      // peer's RCV.NXT when nothing was lost, which RFC 5961 needs for the RST to be accepted.
      this.rstSeq = s === SYN_RECEIVED ? this.issPlusOne : this.snd.max;
      this.rstPending = true;
    }
    this.#finish(undefined);
  }

  // ---- endings ----

  /** Ends the connection with an error for the application (reset, refused, timed out). */
  fail(code: CloseCode, syscall = this.state === SYN_SENT ? 'connect' : 'read'): void {
    const err = code === 'ECONNREFUSED' || syscall === 'connect'
      ? systemError(code, { syscall, address: ipToString(this.remoteAddr), port: this.remotePort })
      : systemError(code, { syscall });
    if (code === 'ETIMEDOUT') this.ctx.stats.timeouts++;
    if (this.state === SYN_SENT || this.state === SYN_RECEIVED) this.ctx.stats.failedAttempts++;
    if ((this.state === ESTABLISHED || this.state === CLOSE_WAIT) && code === 'ECONNRESET') this.ctx.stats.establishedResets++;
    this.#finish(err);
  }

  /** Ends the connection without an error (clean close, or after the application closed it). */
  finishQuietly(): void {
    this.#finish(undefined);
  }

  /** Enters TIME_WAIT for 2*MSL (RFC 9293 3.6); the application sees the connection closed. */
  enterTimeWait(now: number): void {
    this.setState(TIME_WAIT);
    this.closeAt = now + 2 * this.ctx.config.msl;
    this.rtoAt = this.persistAt = this.keepAliveAt = Infinity;
    // TIME_WAIT only answers FIN retransmissions: it needs no buffers (thousands can exist).
    this.snd.buf.release();
    this.rcv.ring.release();
    this.#notifyClose(undefined);
    this.ctx.enteredTimeWait(this);
  }

  #finish(err: SystemError | undefined): void {
    if (this.state === SYN_RECEIVED && this.listener) this.listener.halfOpen--;
    this.listener = null;
    this.setState(CLOSED);
    this.rtoAt = this.persistAt = this.delayedAckAt = this.keepAliveAt = this.closeAt = Infinity;
    this.#notifyClose(err);
    this.ctx.markDirty(this);
  }

  #notifyClose(err: SystemError | undefined): void {
    if (this.closeDelivered || this.closePending) return;
    this.closePending = true;
    this.closeErr = err;
  }

  /** Whether this TCB may emit an ACK for an out-of-window pure ACK now (Linux's
   *  tcp_invalid_ratelimit: data-bearing segments are always answered). */
  oowAckAllowed(now: number, hasData: boolean): boolean {
    if (hasData) return true;
    if (now - this.lastOowAckAt < this.ctx.config.outOfWindowAckInterval) return false;
    this.lastOowAckAt = now;
    return true;
  }

  /** The sequence number after our SYN. */
  get issPlusOne(): number {
    return seqAdd(this.iss, 1);
  }
}

export function ipToString(a: number): string {
  return `${a >>> 24}.${(a >>> 16) & 255}.${(a >>> 8) & 255}.${a & 255}`;
}

// Re-exported for input/output.
export { CLOSED, SYN_SENT, SYN_RECEIVED, ESTABLISHED, FIN_WAIT_1, FIN_WAIT_2, CLOSE_WAIT, CLOSING, LAST_ACK, TIME_WAIT };
