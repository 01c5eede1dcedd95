// A listening endpoint and the LISTEN state's segment processing (RFC 9293 3.10.7.2), with
// SYN-flood protection (RFC 4987).
//
// - A SYN creates a half-open connection (SYN_RECEIVED) as long as fewer than `backlog` are
//   pending for this listener. Half-open connections retransmit their SYN-ACK `synAckRetries`
//   times and then vanish silently (output.ts), so a flood that stops leaves nothing behind.
// - With the half-open queue full, a SYN is answered statelessly with a SYN cookie (cookies.ts,
//   RFC 4987 3.6); a valid cookie in the client's ACK rebuilds the connection directly in
//   ESTABLISHED. Legitimate clients therefore still connect during a flood. With cookies turned
//   off, such SYNs are dropped (counted as backlog-full).
// - RST is ignored; any other ACK is answered with <SEQ=SEG.ACK><CTL=RST>.
// The application sees a connection only once it is ESTABLISHED (onConnection); the listener
// hands it over from the layer's event delivery.

import { TcpRepr, SYN, ACK, RST } from '../wire/tcp';
import { Tcb, SYN_RECEIVED, windowShiftFor, type TcbContext } from './tcb';
import type { IsnGenerator } from './isn';
import type { SynCookies } from './cookies';
import type { TcpConnection } from './connection';
import { seqAdd, seqGt } from './seq';

export interface ListenHost {
  readonly ctx: TcbContext;
  readonly isn: IsnGenerator;
  readonly cookies: SynCookies;
  /** Adds a new connection to the demux table. */
  insert(t: Tcb): void;
  /** Queues a stateless segment (a cookie SYN-ACK). */
  queue(local: number, remote: number, repr: TcpRepr): void;
  /** Runs an arriving segment through a connection and delivers its events. */
  tcbInput(t: Tcb, now: number, seg: TcpRepr): void;
  /** Stops listening. */
  unlisten(l: TcpListener): void;
}

export class TcpListener {
  readonly addr: number;
  readonly port: number;
  readonly backlog: number;
  readonly onConnection: (c: TcpConnection) => void;
  /** Connections in SYN_RECEIVED created by this listener. */
  halfOpen = 0;
  closed = false;
  readonly #host: ListenHost;

  constructor(host: ListenHost, addr: number, port: number, backlog: number, onConnection: (c: TcpConnection) => void) {
    this.#host = host;
    this.addr = addr;
    this.port = port;
    this.backlog = backlog;
    this.onConnection = onConnection;
  }

  /** Stops accepting. Half-open connections are reset when they would have been handed over. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.#host.unlisten(this);
  }
}

/**
 * A segment for a listener (no connection matched). `isnFloor`: when a SYN reuses a TIME_WAIT
 * 4-tuple, the new ISN must lie above the old connection's sequence space (RFC 9293 3.6.1).
 */
export function listenerInput(host: ListenHost, l: TcpListener, now: number, seg: TcpRepr,
  local: number, remote: number, isnFloor?: number): void {
  const ctx = host.ctx;
  const stats = ctx.stats;
  const c = ctx.config;
  const f = seg.flags;
  if (f & RST) { stats.drop('rst-ignored'); return; }
  if (f & ACK) {
    if (!(f & SYN) && c.synCookies && !l.closed) {
      const opts = host.cookies.decode(now, local, l.port, remote, seg.srcPort, seg.seq, seg.ack);
      if (opts) { cookieOpen(host, l, now, seg, local, remote, opts); return; }
      stats.drop('bad-cookie');
    } else {
      stats.drop('listen-junk');
    }
    ctx.reply(local, seg.dstPort, remote, seg.srcPort, seg.ack, 0, RST);
    return;
  }
  if (!(f & SYN) || l.closed) { stats.drop('listen-junk'); return; }
  if (l.halfOpen >= l.backlog) {
    if (c.synCookies) sendCookie(host, l, now, seg, local, remote);
    else stats.drop('backlog-full');
    return;
  }
  const t = new Tcb(ctx, local, l.port, remote, seg.srcPort, true);
  t.listener = l;
  l.halfOpen++;
  let iss = host.isn.isn(now, local, l.port, remote, seg.srcPort);
  if (isnFloor !== undefined && !seqGt(iss, isnFloor)) iss = isnFloor;
  t.iss = iss;
  t.tsOffset = host.isn.tsOffset(local, l.port, remote, seg.srcPort);
  t.rcv.start(seg.seq);
  t.negotiate(seg, now);
  t.snd.wnd = t.snd.maxWnd = seg.window; // a SYN's window is never scaled (RFC 7323 2.2)
  t.setState(SYN_RECEIVED);
  t.synPending = true;
  // Data in a SYN is kept and delivered after the handshake (RFC 9293 3.10.7.2).
  if (seg.payload.length) t.rcv.accept(t.rcv.nxt, seg.payload, false);
  stats.passiveOpens++;
  host.insert(t);
  ctx.markDirty(t);
}

function cookieOptions(c: TcbContext['config'], seg: TcpRepr) {
  return {
    mss: seg.mss > 0 ? seg.mss : 536,
    windowScale: c.windowScaling ? seg.windowScale : -1,
    sackPermitted: c.sack && seg.sackPermitted,
  };
}

function sendCookie(host: ListenHost, l: TcpListener, now: number, seg: TcpRepr, local: number, remote: number): void {
  const c = host.ctx.config;
  const opts = cookieOptions(c, seg);
  const r = new TcpRepr();
  r.srcPort = l.port;
  r.dstPort = seg.srcPort;
  r.seq = host.cookies.encode(now, local, l.port, remote, seg.srcPort, seg.seq, opts);
  r.ack = seqAdd(seg.seq, 1);
  r.flags = SYN | ACK;
  r.window = Math.min(c.receiveBufferSize, 65535);
  r.mss = c.mss;
  r.windowScale = opts.windowScale >= 0 ? windowShiftFor(c.receiveBufferSize) : -1;
  r.sackPermitted = opts.sackPermitted;
  if (c.timestamps && seg.hasTimestamp) {
    r.hasTimestamp = true;
    r.tsVal = (Math.floor(now) + host.isn.tsOffset(local, l.port, remote, seg.srcPort)) >>> 0;
    r.tsEcr = seg.tsVal;
  }
  host.ctx.stats.synCookiesSent++;
  host.queue(local, remote, r);
}

function cookieOpen(host: ListenHost, l: TcpListener, now: number, seg: TcpRepr, local: number, remote: number,
  opts: { mss: number; windowScale: number; sackPermitted: boolean }): void {
  const ctx = host.ctx;
  const t = new Tcb(ctx, local, l.port, remote, seg.srcPort, true);
  t.iss = seqAdd(seg.ack, -1);
  t.tsOffset = host.isn.tsOffset(local, l.port, remote, seg.srcPort);
  t.rcv.start(seqAdd(seg.seq, -1));
  // Rebuild what the SYN said from the cookie; timestamps are on if the ACK carries them.
  const syn = new TcpRepr();
  syn.mss = opts.mss;
  syn.windowScale = opts.windowScale;
  syn.sackPermitted = opts.sackPermitted;
  syn.hasTimestamp = seg.hasTimestamp;
  syn.tsVal = seg.tsVal;
  t.negotiate(syn, now);
  t.rcv.advertised(Math.min(ctx.config.receiveBufferSize, 65535)); // what the cookie SYN-ACK said
  t.setState(SYN_RECEIVED);
  t.synSentAt = NaN; // no RTT sample from the handshake (the SYN-ACK's time is unknown)
  t.listener = l;
  l.halfOpen++; // established() releases it at once
  ctx.stats.passiveOpens++;
  ctx.stats.synCookiesAccepted++;
  host.insert(t);
  host.tcbInput(t, now, seg);
}
