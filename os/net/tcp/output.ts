// Output and timers of one connection. `transmit` emits every segment that is due (SYN or
// SYN-ACK, data, FIN, pure ACK, window probe, keep-alive probe, RST after abort);
// `runTimers` handles expirations; `nextDeadline` arms the timers that depend on the state left
// by input and output and returns the earliest one.
//
// Timers (all absolute ms, Infinity when off):
// - rtoAt: retransmission (RFC 6298 5.1-5.7) and SYN/SYN-ACK retransmission; on expiry of data
//   the sender goes back to SND.UNA (sender.ts onTimeout). Limits: synRetries (active open),
//   synAckRetries (a half-open passive connection is then forgotten), maxRetries (ETIMEDOUT).
// - persistAt: the peer's window is closed (or too small to send under SWS avoidance) while data
//   waits and nothing is in flight; each expiry sends a probe (RFC 9293 3.8.6.1, RFC 1122
//   4.2.2.17) with the RTO backed off per probe. Answered probes never end the connection; only
//   maxRetries unanswered probes in a row do.
// - delayedAckAt: RFC 1122 4.2.3.2 / RFC 5681 4.2.
// - keepAliveAt: RFC 1122 4.2.3.6 — after `idle` ms without receiving anything, a probe
//   <SEQ=SND.UNA-1> with no data every `interval` ms; `count` unanswered probes end the
//   connection with ETIMEDOUT.
// - closeAt: TIME_WAIT (2*MSL) and an orphaned FIN-WAIT-2.
//
// Every segment is a fresh Uint8Array (the callee owns it), `headroom` bytes into a buffer so the
// IP layer can prepend headers in place; the payload is copied once, from the send ring.

import { TcpPacket, emitTcpHeader, tcpHeaderLen, SYN, ACK, RST, FIN, PSH } from '../wire/tcp';
import {
  Tcb, windowShiftFor, CLOSED, SYN_SENT, SYN_RECEIVED, ESTABLISHED, FIN_WAIT_1, FIN_WAIT_2,
  CLOSE_WAIT, CLOSING, LAST_ACK, TIME_WAIT,
} from './tcb';
import { seqAdd, seqGe } from './seq';

export type EmitFn = (src: number, dst: number, segment: Uint8Array) => void;

/** Segments one connection may emit per poll (cwnd bounds it long before this). */
const MAX_BURST = 4096;

export function transmit(t: Tcb, now: number, emit: EmitFn): void {
  const s = t.state;
  if (s === CLOSED) {
    if (t.rstPending) {
      t.rstPending = false;
      send(t, now, emit, RST | ACK, t.rstSeq, 0, 0);
      t.ctx.stats.resetsOut++;
    }
    return;
  }
  if (s === SYN_SENT || s === SYN_RECEIVED) {
    if (t.synPending || (s === SYN_RECEIVED && t.ackNow)) sendSyn(t, now, emit);
    return;
  }
  const snd = t.snd;
  let sent = 0;
  if (s !== FIN_WAIT_2 && s !== TIME_WAIT) {
    if (!snd.outstanding && snd.hasUnsent && t.lastSendAt > 0 && now - t.lastSendAt > snd.rtt.rto) {
      snd.cc.onIdleRestart(); // RFC 5681 4.1
    }
    let force = t.forceOnce;
    t.forceOnce = false;
    while (sent < MAX_BURST) {
      const maxSeg = t.mss - optionsLen(t);
      if (!snd.next(maxSeg, t.noDelay, force)) break;
      const seq = snd.segSeq, len = snd.segLen;
      const probe = force && seqGe(seq, seqAdd(snd.una, snd.wnd));
      let flags = ACK;
      if (snd.segFin) flags |= FIN;
      if (len > 0 && seqAdd(seq, len) === snd.dataEnd) flags |= PSH;
      send(t, now, emit, flags, seq, snd.offsetOf(seq), len);
      snd.sent(now, probe, t.tsOk, t.tsOk ? t.tsNow(now) : 0);
      const stats = t.ctx.stats;
      stats.bytesOut += len;
      if (snd.segRetransmit) stats.retransmits++;
      if (probe) stats.windowProbes++;
      t.lastSendAt = now;
      if (t.rtoAt === Infinity && snd.outstanding) t.rtoAt = now + snd.rtt.rto;
      sent++;
      force = false;
      if (probe) break;
    }
  }
  if (t.keepAliveProbePending) {
    t.keepAliveProbePending = false;
    send(t, now, emit, ACK, seqAdd(snd.una, -1), 0, 0); // RFC 1122 4.2.3.6: SEG.SEQ = SND.NXT-1
    t.ctx.stats.keepAliveProbes++;
    sent++;
  }
  if (sent === 0 && t.ackNow) send(t, now, emit, ACK, snd.nxt, 0, 0);
}

/**
 * Sends now (through the layer's queue, ahead of the next poll's output) the ACK that earlier
 * segments of the batch being processed made due. input() calls it before taking more data, so a
 * batch of segments (one virtio interrupt's worth, a GRO-like burst) still yields an ACK for
 * every second full-sized segment and one per out-of-order segment, each with the acknowledgment
 * number and SACK blocks of its moment (RFC 5681 4.2; RFC 2018 section 4). One coalesced ACK per
 * batch would hide the duplicate ACKs fast retransmit counts, and a single lost ACK would leave
 * the whole window unacknowledged until the retransmission timer.
 */
export function sendOwedAck(t: Tcb, now: number): void {
  if (!t.ackNow) return;
  let queued = true;
  send(t, now, (src, dst, seg) => { queued = t.ctx.queueSegment(src, dst, seg); }, ACK, t.snd.nxt, 0, 0);
  if (!queued) t.ackNow = true; // the poll's ACK will carry it
}

/** Room taken by the options of a non-SYN segment now: timestamps, SACK blocks. */
function optionsLen(t: Tcb): number {
  let n = t.tsOk ? 12 : 0;
  if (t.sackOk) {
    const blocks = Math.min(t.rcv.sack.count, t.tsOk ? 3 : 4);
    if (blocks > 0) n += 4 + 8 * blocks;
  }
  return n;
}

function sendSyn(t: Tcb, now: number, emit: EmitFn): void {
  const c = t.ctx.config;
  const isSynAck = t.state === SYN_RECEIVED;
  const r = t.ctx.scratch.clear();
  r.srcPort = t.localPort;
  r.dstPort = t.remotePort;
  r.seq = t.iss;
  r.flags = isSynAck ? SYN | ACK : SYN;
  r.mss = c.mss;
  // RFC 7323 1.3/2.2: offer window scale, SACK-permitted and timestamps in a SYN; in a SYN-ACK
  // only what the peer's SYN offered.
  r.windowScale = t.offerWscale ? windowShiftFor(c.receiveBufferSize) : -1;
  r.sackPermitted = isSynAck ? t.sackOk : c.sack;
  r.hasTimestamp = isSynAck ? t.tsOk : c.timestamps;
  r.tsVal = t.tsNow(now);
  r.tsEcr = isSynAck && t.tsOk ? t.rcv.tsRecent : 0;
  const w = Math.min(t.rcv.ring.free, 65535); // RFC 7323 2.2: never scaled in a SYN
  r.window = w;
  if (isSynAck) {
    r.ack = t.rcv.nxt;
    t.rcv.advertised(w);
  }
  emitRepr(t, emit, 0);
  t.synPending = false;
  t.ackNow = false;
  t.synSentAt = now;
  if (t.rtoAt === Infinity) t.rtoAt = now + t.snd.rtt.rto;
}

/** Builds and emits one non-SYN segment with len bytes from the send buffer at bufOffset. */
function send(t: Tcb, now: number, emit: EmitFn, flags: number, seq: number, bufOffset: number, len: number): void {
  const r = t.ctx.scratch.clear();
  r.srcPort = t.localPort;
  r.dstPort = t.remotePort;
  r.seq = seq;
  r.flags = flags;
  const rcv = t.rcv;
  if (flags & ACK) {
    r.ack = rcv.nxt;
    const w = rcv.windowToAdvertise();
    r.window = w / 2 ** rcv.wscale;
    rcv.advertised(w);
    t.ackNow = false;
    t.delayedAckAt = Infinity;
  }
  if (!(flags & RST)) {
    if (t.tsOk) {
      r.hasTimestamp = true;
      r.tsVal = t.tsNow(now);
      r.tsEcr = rcv.tsRecent;
    }
    if (t.sackOk && (flags & ACK) && rcv.sack.count > 0) {
      const n = Math.min(rcv.sack.count, t.tsOk ? 3 : 4);
      for (let k = 0; k < 2 * n; k++) r.sackBlocks[k] = rcv.sack.blocks[k];
      r.sackCount = n;
    }
  }
  emitRepr(t, emit, len, bufOffset);
}

function emitRepr(t: Tcb, emit: EmitFn, len: number, bufOffset = 0): void {
  const r = t.ctx.scratch;
  const headroom = t.ctx.config.headroom;
  const hdr = tcpHeaderLen(r);
  const whole = new Uint8Array(headroom + hdr + len);
  const seg = headroom ? whole.subarray(headroom) : whole;
  emitTcpHeader(r, seg);
  if (len) t.snd.buf.copyOut(bufOffset, seg, hdr, len);
  new TcpPacket(seg).fillChecksum(t.localAddr, t.remoteAddr);
  t.ctx.stats.segmentsOut++;
  emit(t.localAddr, t.remoteAddr, seg);
}

/** Handles every timer of `t` that is due at `now`. */
export function runTimers(t: Tcb, now: number): void {
  const c = t.ctx.config;
  const stats = t.ctx.stats;
  const s = t.state;
  if (t.rtoAt <= now) {
    t.rtoAt = Infinity;
    if (s === SYN_SENT || s === SYN_RECEIVED) {
      const limit = t.passive ? c.synAckRetries : c.synRetries;
      if (t.synRetries >= limit) {
        if (t.passive) t.finishQuietly(); // a half-open connection expires silently
        else t.fail('ETIMEDOUT', 'connect');
        return;
      }
      t.synRetries++;
      t.snd.rtt.backOff();
      t.synPending = true;
      stats.retransmits++;
    } else if (t.snd.outstanding) {
      if (t.retries >= c.maxRetries) { t.fail('ETIMEDOUT'); return; }
      t.retries++;
      t.snd.onTimeout(t.retries);
      stats.rtoTimeouts++;
    }
  }
  if (t.persistAt <= now) {
    t.persistAt = Infinity;
    if (t.persistProbes >= c.maxRetries) { t.fail('ETIMEDOUT'); return; }
    t.persistProbes++;
    t.persistBackoff++;
    t.forceOnce = true;
  }
  if (t.delayedAckAt <= now) {
    t.delayedAckAt = Infinity;
    t.ackNow = true;
    stats.delayedAcks++;
  }
  if (t.keepAliveAt <= now) {
    t.keepAliveAt = Infinity;
    if (t.keepAlive && (s === ESTABLISHED || s === CLOSE_WAIT)) {
      if (t.keepAliveProbes === 0 && now - Math.max(t.lastRecvAt, t.keepAliveSince) < t.keepAliveIdle) {
        // Something arrived since the timer was set: idle restarts from then (nextDeadline).
      } else if (t.keepAliveProbes >= c.keepAliveCount) {
        t.fail('ETIMEDOUT');
        return;
      } else {
        t.keepAliveProbes++;
        t.keepAliveProbePending = true;
        t.lastKeepAliveAt = now;
      }
    }
  }
  if (t.closeAt <= now) {
    t.closeAt = Infinity;
    if (s === TIME_WAIT || s === FIN_WAIT_2) t.finishQuietly();
  }
}

/** Arms state-dependent timers and returns the earliest deadline (Infinity if none). */
export function nextDeadline(t: Tcb, now: number): number {
  const s = t.state;
  if (s === CLOSED) return Infinity;
  const snd = t.snd;
  const c = t.ctx.config;
  const sending = s === ESTABLISHED || s === CLOSE_WAIT || s === FIN_WAIT_1 || s === CLOSING || s === LAST_ACK;
  if (sending && snd.outstanding && t.rtoAt === Infinity) t.rtoAt = now + snd.rtt.rto;
  if (sending && snd.hasUnsent && !snd.outstanding && t.rtoAt === Infinity) {
    if (t.persistAt === Infinity) {
      let d = Math.max(snd.rtt.rto, c.minRto);
      for (let i = 0; i < t.persistBackoff && d < c.maxRto; i++) d *= 2;
      t.persistAt = now + Math.min(d, c.maxRto);
    }
  } else {
    t.persistAt = Infinity;
  }
  if (t.keepAlive && (s === ESTABLISHED || s === CLOSE_WAIT) && !snd.outstanding && !snd.hasUnsent) {
    if (t.keepAliveSince < 0) t.keepAliveSince = now;
    if (t.keepAliveAt === Infinity) {
      t.keepAliveAt = t.keepAliveProbes > 0
        ? t.lastKeepAliveAt + c.keepAliveInterval
        : Math.max(t.lastRecvAt, t.keepAliveSince) + t.keepAliveIdle;
      if (t.keepAliveAt < now) t.keepAliveAt = now;
    }
  } else {
    t.keepAliveAt = Infinity;
    if (!t.keepAlive) t.keepAliveProbes = 0;
  }
  return Math.min(t.rtoAt, t.persistAt, t.delayedAckAt, t.keepAliveAt, t.closeAt);
}

