// The application's handle on one TCP connection (what node:net's Socket stands on). It wraps the
// TCB (tcb.ts) and exposes only the user operations of RFC 9293 3.10 and the callbacks.
//
// Callbacks are set by the user and run synchronously from TcpLayer.input()/poll(), never from
// inside one of the methods below, and never in the middle of a state change:
//   onConnect()           active open completed (ESTABLISHED)
//   onData(bytes)         received bytes, in order; `bytes` is a new array the callee owns
//   onEnd()               the peer sent FIN and every byte before it was delivered
//   onDrain()             write() had returned less than asked and send buffer space freed
//   onClose(err?)         the connection is over for the application, exactly once: err is a
//                         system error (code ECONNRESET, ECONNREFUSED or ETIMEDOUT) or undefined
//                         for a clean end (both FINs exchanged, or close()/abort() done)
// A typical use: c.onData = (b) => ...; c.write(bytes); c.shutdown(); ... onEnd, then onClose().

import { Tcb } from './tcb';
import { STATE_NAMES, canSend, type TcpStateName } from './state';
import { systemError, type SystemError } from '../../core/errors';

export interface TcpConnectionInfo {
  state: TcpStateName;
  srtt: number;
  rto: number;
  cwnd: number;
  ssthresh: number;
  mss: number;
  sendWindow: number;
  receiveWindow: number;
  unacked: number;
  retransmits: number;
  sack: boolean;
  timestamps: boolean;
  windowScale: [send: number, receive: number];
}

export class TcpConnection {
  onConnect?: () => void;
  onData?: (bytes: Uint8Array) => void;
  onEnd?: () => void;
  onDrain?: () => void;
  onClose?: (err?: SystemError) => void;

  readonly #t: Tcb;
  readonly #wake: () => void;

  /** @internal Created by TcpLayer (connect, or a listener's onConnection). */
  constructor(t: Tcb, wake: () => void) {
    this.#t = t;
    this.#wake = wake;
    t.owner = this;
  }

  get state(): TcpStateName { return STATE_NAMES[this.#t.state]; }
  get localAddr(): number { return this.#t.localAddr; }
  get localPort(): number { return this.#t.localPort; }
  get remoteAddr(): number { return this.#t.remoteAddr; }
  get remotePort(): number { return this.#t.remotePort; }
  /** Bytes delivered through onData. */
  get bytesRead(): number { return this.#t.bytesRead; }
  /** Bytes accepted by write(). */
  get bytesWritten(): number { return this.#t.bytesWritten; }
  /** Bytes written but not yet acknowledged by the peer (sent or not). */
  get bufferedAmount(): number { return this.#t.snd.buf.length; }
  /** Free room in the send buffer: the most the next write() can take. */
  get writableSpace(): number { return this.#t.snd.buf.free; }

  /**
   * Copies as much of `bytes` as fits into the send buffer and returns that count (0 when full;
   * onDrain follows when room frees). Allowed from SYN_SENT on (data waits for the handshake).
   * Throws an EPIPE system error after shutdown(), close(), abort() or the end of the connection.
   */
  write(bytes: Uint8Array): number {
    const t = this.#t;
    if (t.shutdownCalled || !canSend(t.state)) throw systemError('EPIPE', { syscall: 'write' });
    const n = t.write(bytes);
    if (n > 0) this.#wake();
    return n;
  }

  /** Sends FIN after the queued data; receiving continues (half close). */
  shutdown(): void {
    this.#t.shutdown();
    this.#wake();
  }

  /** Graceful full close: FIN after the queued data, no more onData. Unread data makes it a RST. */
  close(): void {
    this.#t.close();
    this.#wake();
  }

  /** Sends RST (in synchronized states) and forgets the connection. */
  abort(): void {
    this.#t.abort();
    this.#wake();
  }

  /** Off: data stays in the receive buffer and the advertised window closes (backpressure). */
  setReading(on: boolean): void {
    const t = this.#t;
    if (t.reading === on || t.userClosed) return;
    t.reading = on;
    if (on) {
      if (t.rcv.ring.length > 0 || t.rcv.finReceived) t.ctx.markDirty(t);
      if (t.rcv.windowUpdateWorthIt()) { t.ackNow = true; t.ctx.markDirty(t); }
      this.#wake();
    }
  }

  /** Disables Nagle's algorithm (RFC 896) when on. */
  setNoDelay(on: boolean): void {
    this.#t.noDelay = on;
    if (on) { this.#t.ctx.markDirty(this.#t); this.#wake(); }
  }

  /** RFC 1122 4.2.3.6 keep-alive; `idleMs` > 0 sets the idle time before the first probe. */
  setKeepAlive(on: boolean, idleMs?: number): void {
    const t = this.#t;
    t.keepAlive = on;
    if (idleMs !== undefined && idleMs > 0) t.keepAliveIdle = idleMs;
    t.keepAliveAt = Infinity;
    t.keepAliveProbes = 0;
    t.keepAliveSince = -1;
    t.ctx.markDirty(t);
    this.#wake();
  }

  /** Diagnostics (as Linux's TCP_INFO). */
  info(): TcpConnectionInfo {
    const t = this.#t;
    const s = t.snd;
    return {
      state: this.state,
      srtt: s.rtt.srtt,
      rto: s.rtt.rto,
      cwnd: s.cc.cwnd,
      ssthresh: s.cc.ssthresh,
      mss: t.mss,
      sendWindow: s.wnd,
      receiveWindow: t.rcv.wnd,
      unacked: s.flight,
      retransmits: t.retries,
      sack: t.sackOk,
      timestamps: t.tsOk,
      windowScale: [t.sndWscale, t.rcv.wscale],
    };
  }
}
