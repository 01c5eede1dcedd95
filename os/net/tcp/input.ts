// SEGMENT ARRIVES for one connection (RFC 9293 3.10.7.3 for SYN-SENT, 3.10.7.4 for the other
// states), with RFC 5961's defences and RFC 7323's PAWS. Read those sections alongside; the
// steps below carry their numbering ("first, check sequence number" ...).
//
// Departures from the letter of RFC 9293, each as deployed stacks do:
// - RFC 5961 3.2: a RST must match RCV.NXT exactly; an in-window RST that does not gets a
//   (rate-limited) challenge ACK. RFC 5961 4.2: any SYN on a synchronized connection gets a
//   challenge ACK, never a reset. RFC 5961 5.2: an ACK below SND.UNA - MAX.SND.WND is dropped.
// - In SYN-RECEIVED after a simultaneous open the peer's SYN-ACK repeats its SYN (SEG.SEQ = IRS):
//   that SYN is stripped and the ACK processed (Linux's tcp_validate_incoming does the same),
//   otherwise the crossing SYN-ACKs would only be answered with ACKs forever.
// - A bare FIN at RCV.NXT is accepted with a zero receive window (it needs no buffer; Linux).
// - Out-of-window segments without data are answered at most every `outOfWindowAckInterval`
//   (Linux's tcp_invalid_ratelimit), so two stacks cannot ACK each other in a loop.
// - New data arriving after the application called close() is answered with RST (RFC 9293
//   3.10.7.4 leaves it open; Linux does this so the peer knows the data went nowhere).
// - URG is ignored: urgent data is delivered inline (RFC 6093 recommends against using it).

import { TcpRepr, SYN, ACK, RST, FIN } from '../wire/tcp';
import {
  Tcb, CLOSED, SYN_SENT, SYN_RECEIVED, ESTABLISHED, FIN_WAIT_1, FIN_WAIT_2, CLOSE_WAIT, CLOSING,
  LAST_ACK, TIME_WAIT,
} from './tcb';
import { seqAdd, seqDiff, seqLt, seqLe, seqGt, seqInWindow } from './seq';
import { sendOwedAck } from './output';

/** RFC 7323 5.5: TS.Recent older than 24 days is invalid (the peer's clock may have wrapped). */
const PAWS_IDLE_LIMIT = 24 * 24 * 3600 * 1000;

export function segmentArrives(t: Tcb, now: number, seg: TcpRepr): void {
  const stats = t.ctx.stats;
  if (t.state === CLOSED) { stats.drop('closed-state'); return; }
  if (t.state === SYN_SENT) { synSent(t, now, seg); return; }

  const flags = seg.flags;
  let seq = seg.seq;
  let syn = (flags & SYN) !== 0;
  const fin = (flags & FIN) !== 0;
  const payload = seg.payload;

  // The crossing SYN-ACK of a simultaneous open (see the header comment).
  if (t.state === SYN_RECEIVED && syn && (flags & ACK) && !(flags & RST) && seq === t.rcv.irs) {
    seq = seqAdd(seq, 1);
    syn = false;
  }

  // RFC 7323 5.3 R1 (PAWS): an older timestamp than TS.Recent marks an old duplicate.
  if (t.tsOk && seg.hasTimestamp && !(flags & RST) && t.rcv.hasTsRecent && seqLt(seg.tsVal, t.rcv.tsRecent)) {
    if (now - t.rcv.tsRecentAt > PAWS_IDLE_LIMIT) {
      t.rcv.hasTsRecent = false;
    } else {
      stats.drop('paws');
      if (t.oowAckAllowed(now, payload.length > 0)) t.ackNow = true;
      return;
    }
  }

  // first, check sequence number (RFC 9293 3.10.7.4, the four acceptability cases)
  const segLen = payload.length + (syn ? 1 : 0) + (fin ? 1 : 0);
  const rcvNxt = t.rcv.nxt;
  const rcvWnd = t.rcv.wnd;
  let acceptable: boolean;
  if (segLen === 0) acceptable = rcvWnd === 0 ? seq === rcvNxt : seqInWindow(seq, rcvNxt, rcvWnd);
  else if (rcvWnd === 0) acceptable = seq === rcvNxt && payload.length === 0 && !syn; // bare FIN
  else acceptable = seqInWindow(seq, rcvNxt, rcvWnd) || seqInWindow(seqAdd(seq, segLen - 1), rcvNxt, rcvWnd);
  if (!acceptable) {
    if (flags & RST) { stats.drop('rst-ignored'); return; }
    if (syn && t.state !== SYN_RECEIVED) { challengeAck(t, now); stats.drop('syn-in-window'); return; }
    stats.drop('out-of-window');
    // TIME_WAIT: a retransmitted FIN restarts the 2*MSL timer (RFC 9293 3.10.7.4 eighth).
    if (t.state === TIME_WAIT && fin) t.closeAt = now + 2 * t.ctx.config.msl;
    if (t.oowAckAllowed(now, segLen > 0)) t.ackNow = true;
    return;
  }

  // second, check the RST bit (RFC 5961 3.2)
  if (flags & RST) {
    stats.resetsIn++;
    if (seq !== rcvNxt) { challengeAck(t, now); stats.drop('rst-ignored'); return; }
    switch (t.state) {
      case SYN_RECEIVED:
        if (t.passive) t.finishQuietly(); // "return to LISTEN": the listener never saw it
        else t.fail('ECONNREFUSED', 'connect');
        return;
      case ESTABLISHED: case FIN_WAIT_1: case FIN_WAIT_2: case CLOSE_WAIT:
        if (t.userClosed) t.finishQuietly(); else t.fail('ECONNRESET');
        return;
      default: // CLOSING, LAST_ACK, TIME_WAIT
        t.finishQuietly();
        return;
    }
  }

  // fourth, check the SYN bit (RFC 5961 4.2; RFC 9293: SYN-RECEIVED from a passive open returns
  // to LISTEN)
  if (syn) {
    if (t.state === SYN_RECEIVED && t.passive) { t.finishQuietly(); return; }
    challengeAck(t, now);
    stats.drop('syn-in-window');
    return;
  }

  // fifth, check the ACK field
  if (!(flags & ACK)) { stats.drop('no-ack'); return; }
  const ack = seg.ack;
  if (t.state === SYN_RECEIVED) {
    if (seqLt(t.iss, ack) && seqLe(ack, t.issPlusOne)) {
      t.snd.start(t.issPlusOne);
      t.snd.wnd = t.snd.maxWnd = seg.window * 2 ** t.sndWscale;
      t.snd.wl1 = seq;
      t.snd.wl2 = ack;
      if (t.tsOk && seg.hasTimestamp && seg.tsEcr !== 0) {
        const r = (t.tsNow(now) - seg.tsEcr) | 0;
        if (r >= 0) t.snd.rtt.sample(r);
      } else if (t.synRetries === 0) {
        t.snd.rtt.sample(now - t.synSentAt); // Karn: only if the SYN-ACK was sent once
      }
      t.established(now);
    } else {
      t.ctx.reply(t.localAddr, t.localPort, t.remoteAddr, t.remotePort, ack, 0, RST);
      stats.drop('bad-ack');
      return;
    }
  }
  const snd = t.snd;
  if (seqGt(ack, snd.ackLimit)) {
    // RFC 9293: "If the ACK acks something not yet sent ... send an ACK, drop the segment".
    stats.drop('bad-ack');
    if (t.oowAckAllowed(now, payload.length > 0)) t.ackNow = true;
    return;
  }
  // RFC 5961 5.2: acceptable ACKs are within [SND.UNA - MAX.SND.WND, SND.MAX].
  if (seqLt(ack, seqAdd(snd.una, -Math.max(snd.maxWnd, 1)))) {
    stats.drop('bad-ack');
    if (t.oowAckAllowed(now, payload.length > 0)) t.ackNow = true;
    return;
  }

  if (t.tsOk && seg.hasTimestamp) t.rcv.noteTimestamp(now, seq, seg.tsVal);
  t.lastRecvAt = now;
  t.keepAliveProbes = 0;
  t.persistProbes = 0;

  const wasRecovering = snd.inRecovery;
  const spuriousBefore = snd.spuriousRecoveries;
  const acked = snd.onAck(now, t.tsNow(now), ack, seg.window * 2 ** t.sndWscale, seq, payload.length, fin,
    seg.sackBlocks, seg.sackCount, t.tsOk && seg.hasTimestamp ? seg.tsEcr : undefined);
  if (snd.spuriousRecoveries !== spuriousBefore) stats.spuriousRecoveries++;
  if (!wasRecovering && snd.inRecovery) {
    stats.fastRetransmits++;
    if (t.sackOk) stats.sackRecoveries++;
  }
  if (acked > 0) {
    t.retries = 0;
    t.rtoAt = snd.outstanding ? now + snd.rtt.rto : Infinity;
    t.persistBackoff = 0;
    if (t.drainWanted && snd.buf.free > 0) { t.drainWanted = false; t.drainPending = true; }
    if (snd.finAcked) {
      if (t.state === FIN_WAIT_1) {
        t.setState(FIN_WAIT_2);
        if (t.userClosed) t.closeAt = now + t.ctx.config.finWait2Timeout;
      } else if (t.state === CLOSING) {
        t.enterTimeWait(now);
      } else if (t.state === LAST_ACK) {
        t.finishQuietly();
        return;
      }
    }
  }
  if (snd.wnd > 0) t.persistAt = Infinity;

  // seventh, process the segment text; eighth, check the FIN bit
  if (payload.length === 0 && !fin) return;
  const s = t.state;
  if (s !== ESTABLISHED && s !== FIN_WAIT_1 && s !== FIN_WAIT_2) return; // a FIN was already received
  receiveText(t, now, seq, payload, fin);
}

/** Takes the data and FIN of an acceptable segment (ESTABLISHED, FIN-WAIT-1, FIN-WAIT-2). */
export function receiveText(t: Tcb, now: number, seq: number, payload: Uint8Array, fin: boolean): void {
  const rcv = t.rcv;
  const stats = t.ctx.stats;
  // Trim what precedes RCV.NXT (RFC 9293 3.10.7.4: "segments with higher beginning sequence
  // numbers may be held for later processing"; those before are duplicates).
  const head = seqDiff(rcv.nxt, seq);
  if (head > 0) {
    if (head >= payload.length) {
      // All data old: at most the FIN is new.
      fin = fin && seqAdd(seq, payload.length) === rcv.nxt;
      payload = payload.subarray(payload.length);
    } else {
      payload = payload.subarray(head);
    }
    seq = rcv.nxt;
  }
  // Trim what lies past the window; a FIN past it waits for a retransmission.
  const room = seqDiff(rcv.advEdge, seq);
  if (payload.length > room) {
    payload = payload.subarray(0, Math.max(room, 0));
    fin = false;
  }
  if (t.userClosed && payload.length > 0) {
    // Nobody will read this: tell the peer (RST), and forget the connection.
    t.ctx.reply(t.localAddr, t.localPort, t.remoteAddr, t.remotePort, t.snd.max, 0, RST);
    t.finishQuietly();
    return;
  }
  if (payload.length > rcv.mss) rcv.mss = payload.length;
  if (t.ackNow && payload.length > 0) sendOwedAck(t, now);
  const before = rcv.nxt;
  const hadFin = rcv.finReceived;
  const result = rcv.accept(seq, payload, fin);
  if (result === 'full') {
    stats.drop('reassembly-full');
    t.ackNow = true;
    return;
  }
  stats.bytesIn += payload.length;
  if (result === 'in-order') {
    // Delayed ACK: every second full-sized segment at least (RFC 5681 4.2).
    if (rcv.unackedBytes >= 2 * rcv.mss) t.ackNow = true;
    else if (seqDiff(rcv.nxt, before) > 0 && t.delayedAckAt === Infinity) t.delayedAckAt = now + t.ctx.config.delayedAckMs;
  } else {
    t.ackNow = true; // out-of-order, filling a hole, or duplicate: ACK at once (RFC 5681 4.2)
  }
  if (rcv.finReceived && !hadFin) {
    t.ackNow = true;
    if (t.state === ESTABLISHED) t.setState(CLOSE_WAIT);
    else if (t.state === FIN_WAIT_1) t.setState(CLOSING); // our FIN is not yet acknowledged
    else if (t.state === FIN_WAIT_2) t.enterTimeWait(now);
  }
}

/** RFC 5961 section 7: challenge ACKs share one rate limit for the layer. */
function challengeAck(t: Tcb, now: number): void {
  if (t.ctx.challengeAckAllowed(now)) {
    t.ackNow = true;
    t.ctx.stats.challengeAcks++;
  }
}

/** RFC 9293 3.10.7.3: SYN-SENT. */
function synSent(t: Tcb, now: number, seg: TcpRepr): void {
  const stats = t.ctx.stats;
  const flags = seg.flags;
  // first, check the ACK bit
  if (flags & ACK) {
    if (seqLe(seg.ack, t.iss) || seqGt(seg.ack, t.issPlusOne)) {
      if (!(flags & RST)) t.ctx.reply(t.localAddr, t.localPort, t.remoteAddr, t.remotePort, seg.ack, 0, RST);
      stats.drop('bad-ack');
      return;
    }
  }
  // second, check the RST bit (RFC 5961 3.2: acceptable only if it acknowledges our SYN)
  if (flags & RST) {
    stats.resetsIn++;
    if (flags & ACK) t.fail('ECONNREFUSED', 'connect');
    else stats.drop('rst-ignored');
    return;
  }
  // fourth, check the SYN bit
  if (!(flags & SYN)) { stats.drop('syn-sent-junk'); return; }
  t.rcv.start(seg.seq);
  t.negotiate(seg, now);
  if (flags & ACK) {
    t.snd.start(t.issPlusOne);
    // RFC 7323 2.2: the window in a SYN or SYN-ACK is never scaled.
    t.snd.wnd = t.snd.maxWnd = seg.window;
    t.snd.wl1 = seg.seq;
    t.snd.wl2 = seg.ack;
    if (t.tsOk && seg.hasTimestamp && seg.tsEcr !== 0) {
      const r = (t.tsNow(now) - seg.tsEcr) | 0;
      if (r >= 0) t.snd.rtt.sample(r);
    } else if (t.synRetries === 0) {
      t.snd.rtt.sample(now - t.synSentAt); // Karn: only if the SYN was sent once
    }
    t.established(now);
    t.ackNow = true;
    if (seg.payload.length || (flags & FIN)) receiveText(t, now, t.rcv.nxt, seg.payload, (flags & FIN) !== 0);
  } else {
    // Simultaneous open (RFC 9293 figure 8): SYN-RECEIVED, SYN-ACK with the same ISS.
    t.setState(SYN_RECEIVED);
    t.synPending = true;
    if (seg.payload.length) t.rcv.accept(t.rcv.nxt, seg.payload, false);
  }
}
