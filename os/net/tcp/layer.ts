// TCP for Nephos: the layer the IP glue (os/net/stack.ts) and node:net call. Sans-IO, as
// smoltcp: no I/O, no clock, no timers of its own. It takes segments and the time, and hands
// out segments and the time it next needs to run.
//
// Read first: RFC 9293 (the protocol; 3.10 is the event processing this code follows), then
// RFC 5961 (RST/SYN/ACK attack defences), RFC 7323 (window scale, timestamps, PAWS), RFC 2018 and
// RFC 6675 (SACK), RFC 5681 / RFC 6582 (congestion control), RFC 6298 (RTO), RFC 6528 (ISNs),
// RFC 4987 (SYN flooding), RFC 1122 4.2 (host requirements). docs/net-tcp.md lists what is and is
// not implemented.
//
// Files: wire/tcp.ts (segment format) · seq.ts · siphash.ts, isn.ts, cookies.ts · rtt.ts ·
// congestion.ts · sack.ts · ring.ts, assembler.ts · sender.ts, receiver.ts (the two halves of a
// connection) · tcb.ts (state, user operations) · input.ts (SEGMENT ARRIVES) · output.ts (segments
// out, timers) · listener.ts (LISTEN, backlog, cookies) · connection.ts (the application's handle)
// · timers.ts (deadline heap) · stats.ts · config.ts · layer.ts (this: demux, ports, poll).
//
// ---- API ----
//
//   const tcp = new TcpLayer({ random, mtu: 1500, wake: () => scheduleSoon(poll) });
//   // IP glue, for each IPv4 packet with protocol 6 (src/dst are u32 addresses, bytes the IP
//   // payload; the checksum is verified here):
//   tcp.input(now, src, dst, bytes);
//   // ... after each batch of input, when `wake` was called, and when the returned time comes:
//   const next = tcp.poll(now, (src, dst, segment) => ipSend(src, dst, 6, segment));
//   // next: the time (ms) poll must run again, or undefined when no timer is pending.
//
//   const l = tcp.listen(0 /* any address */, 80, { backlog: 511 }, (c) => { c.onData = ... });
//   l.close();
//   const c = tcp.connect(now, localAddr, remoteAddr, 80); // ephemeral local port (RFC 6056)
//   c.onConnect = () => c.write(bytes); c.onClose = (err) => ...;
//   tcp.stats.segmentsIn, tcp.stats.drops['bad-checksum'], ...
//
// - Output happens only inside poll(): input() and the connection methods record what must be
//   sent; `wake()` tells the glue that poll() has work although no timer is due. Segments handed
//   to emit are new arrays the callee owns; with `headroom` set, each is a view `headroom` bytes
//   into its buffer so the IP and link headers can be written in front without a copy.
// - Callbacks (onConnection, onConnect, onData, onEnd, onDrain, onClose) run synchronously from
//   input() and poll(), at points where every connection is consistent; they may call any method,
//   including on other connections. An exception from a callback propagates to the caller of
//   input()/poll(); the layer stays consistent and the next poll() continues.
// - Errors thrown to the caller: listen() EADDRINUSE, connect() EADDRINUSE (explicit port in use)
//   or EADDRNOTAVAIL (no free ephemeral port), ERR_SOCKET_BAD_PORT for ports out of range;
//   write() EPIPE after the sending side is closed.

import { TcpPacket, TcpRepr, parseTcp, emitTcp, tcpBufferLen, SYN, ACK, RST } from '../wire/tcp';
import { resolveConfig, type TcpConfig, type ResolvedConfig } from './config';
import { TcpStats } from './stats';
import { IsnGenerator } from './isn';
import { SynCookies } from './cookies';
import { DeadlineQueue } from './timers';
import { Tcb, SYN_SENT, TIME_WAIT, CLOSED, ipToString, type TcbContext } from './tcb';
import { segmentArrives } from './input';
import { transmit, runTimers, nextDeadline, type EmitFn } from './output';
import { TcpListener, listenerInput, type ListenHost } from './listener';
import { TcpConnection } from './connection';
import { seqAdd, seqGt } from './seq';
import { systemError, codes } from '../../core/errors';

export { TcpConnection } from './connection';
export { TcpListener } from './listener';
export type { TcpConfig } from './config';
export { TcpStats } from './stats';

/** Stateless segments (RSTs, cookie SYN-ACKs) waiting for poll(); more are dropped and counted. */
const MAX_QUEUED_REPLIES = 1024;
/** Callback re-dirtying bound per poll, so a callback loop cannot hang the event loop. */
const MAX_POLL_PASSES = 1 << 20;

interface QueuedReply {
  local: number;
  remote: number;
  /** A segment to build at flush (RSTs, cookie SYN-ACKs), or one already built (early ACKs). */
  repr?: TcpRepr;
  bytes?: Uint8Array;
}

export class TcpLayer {
  readonly stats = new TcpStats();
  readonly #config: ResolvedConfig;
  readonly #ctx: TcbContext;
  readonly #host: ListenHost;
  readonly #isn: IsnGenerator;
  readonly #cookies: SynCookies;
  /** Connections by (localPort << 16 | remotePort), chained through Tcb.nextInBucket. */
  readonly #conns = new Map<number, Tcb>();
  readonly #listeners = new Map<number, TcpListener[]>();
  readonly #timers = new DeadlineQueue<Tcb>();
  #dirty: Tcb[] = [];
  #replies: QueuedReply[] = [];
  #timeWait: Tcb[] = [];
  #nextEphemeral = 0;
  #challengeWindowStart = -Infinity;
  #challengeCount = 0;
  /** Inside input()/poll(): wake() is unnecessary then. */
  #busy = false;
  readonly #scratchIn = new TcpRepr();

  constructor(config: TcpConfig) {
    const c = resolveConfig(config);
    this.#config = c;
    this.#isn = new IsnGenerator(c.random);
    this.#cookies = new SynCookies(c.random);
    const self = this;
    this.#ctx = {
      config: c,
      stats: this.stats,
      scratch: new TcpRepr(),
      reply: (local, localPort, remote, remotePort, seq, ack, flags) => self.#reply(local, localPort, remote, remotePort, seq, ack, flags),
      queueSegment: (local, remote, bytes) => self.#enqueue({ local, remote, bytes }),
      challengeAckAllowed: (now) => self.#challengeAckAllowed(now),
      markDirty: (t) => self.#markDirty(t),
      enteredTimeWait: (t) => self.#enteredTimeWait(t),
    };
    this.#host = {
      ctx: this.#ctx,
      isn: this.#isn,
      cookies: this.#cookies,
      insert: (t) => self.#insert(t),
      queue: (local, remote, repr) => self.#queue(local, remote, repr),
      tcbInput: (t, now, seg) => self.#tcbInput(t, now, seg),
      unlisten: (l) => self.#unlisten(l),
    };
  }

  /** A segment arrived: `segment` is the IPv4 payload, src/dst the IPv4 addresses (u32). */
  input(now: number, src: number, dst: number, segment: Uint8Array): void {
    const stats = this.stats;
    stats.segmentsIn++;
    const p = TcpPacket.check(segment, src >>> 0, dst >>> 0);
    if (typeof p === 'string') { stats.drop(p); return; }
    const seg = parseTcp(p, this.#scratchIn);
    if (typeof seg === 'string') { stats.drop(seg); return; }
    const wasBusy = this.#busy;
    this.#busy = true;
    try {
      this.#demux(now, src >>> 0, dst >>> 0, seg);
    } finally {
      this.#busy = wasBusy;
    }
  }

  #demux(now: number, remote: number, local: number, seg: TcpRepr): void {
    const t = this.#lookup(local, seg.dstPort, remote, seg.srcPort);
    if (t && t.state !== CLOSED) {
      if (t.state === TIME_WAIT && (seg.flags & (SYN | ACK | RST)) === SYN && this.#timeWaitReuse(now, t, seg, local, remote)) return;
      this.#tcbInput(t, now, seg);
      return;
    }
    const l = this.#findListener(local, seg.dstPort);
    if (l) { listenerInput(this.#host, l, now, seg, local, remote); return; }
    this.#noSocket(seg, local, remote, t ? 'closed-state' : 'no-socket');
  }

  /**
   * RFC 9293 3.6.1 / RFC 6191: a new SYN may take over a TIME_WAIT 4-tuple when its sequence
   * number (or, with timestamps, its TSval) is above the old connection's, so old duplicates
   * cannot be mistaken for new data. The new ISN is placed above the old sequence space.
   */
  #timeWaitReuse(now: number, t: Tcb, seg: TcpRepr, local: number, remote: number): boolean {
    const l = this.#findListener(local, seg.dstPort);
    if (!l) return false;
    const newer = t.tsOk && seg.hasTimestamp ? seqGt(seg.tsVal, t.rcv.tsRecent) : seqGt(seg.seq, t.rcv.nxt);
    if (!newer) return false;
    const floor = seqAdd(t.snd.max, 128 * 1024);
    t.finishQuietly();
    this.#remove(t);
    listenerInput(this.#host, l, now, seg, local, remote, floor);
    return true;
  }

  #tcbInput(t: Tcb, now: number, seg: TcpRepr): void {
    segmentArrives(t, now, seg);
    this.#markDirty(t);
    this.#deliver(t);
  }

  /** RFC 9293 3.10.7.1: no connection; answer anything but a RST with a RST. */
  #noSocket(seg: TcpRepr, local: number, remote: number, reason: 'no-socket' | 'closed-state'): void {
    this.stats.drop(reason);
    if (seg.flags & RST) return;
    if (seg.flags & ACK) this.#reply(local, seg.dstPort, remote, seg.srcPort, seg.ack, 0, RST);
    else this.#reply(local, seg.dstPort, remote, seg.srcPort, 0, seqAdd(seg.seq, seg.segLen), RST | ACK);
  }

  /**
   * Runs due timers, delivers pending events and emits every segment that is due through
   * `emit(src, dst, segment)`. Returns when poll must run next (ms), or undefined.
   */
  poll(now: number, emit: (src: number, dst: number, segment: Uint8Array) => void): number | undefined {
    const wasBusy = this.#busy;
    this.#busy = true;
    try {
      for (let t = this.#timers.popDue(now); t; t = this.#timers.popDue(now)) {
        runTimers(t, now);
        this.#markDirty(t);
      }
      this.#flushReplies(emit);
      const dirty = this.#dirty;
      for (let i = 0; i < dirty.length && i < MAX_POLL_PASSES; i++) {
        const t = dirty[i];
        t.dirty = false;
        if (t.removed) continue;
        this.#deliver(t);
        transmit(t, now, emit as EmitFn);
        if (t.state === CLOSED) {
          this.#deliver(t);
          this.#remove(t);
          continue;
        }
        this.#timers.schedule(t, nextDeadline(t, now));
      }
      dirty.length = 0;
      this.#flushReplies(emit);
    } finally {
      this.#busy = wasBusy;
    }
    const next = this.#dirty.length ? now : this.#timers.peek();
    return next === Infinity ? undefined : next;
  }

  /** Starts listening on addr (0 = every address) and port (0 = pick a free ephemeral port). */
  listen(addr: number, port: number, opts: { backlog: number }, onConnection: (c: TcpConnection) => void): TcpListener {
    addr >>>= 0;
    if (port === 0) port = this.#freeListenPort(addr);
    checkPort(port, 'port');
    for (const other of this.#listeners.get(port) ?? []) {
      if (other.addr === 0 || addr === 0 || other.addr === addr) {
        throw systemError('EADDRINUSE', { syscall: 'listen', address: ipToString(addr), port });
      }
    }
    const backlog = Math.max(1, Math.min(Math.floor(opts.backlog) || 1, this.#config.maxBacklog));
    const l = new TcpListener(this.#host, addr, port, backlog, onConnection);
    const list = this.#listeners.get(port);
    if (list) list.push(l); else this.#listeners.set(port, [l]);
    return l;
  }

  /** Active open (RFC 9293 3.10.1). The SYN goes out on the next poll. */
  connect(now: number, local: number, remote: number, remotePort: number, localPort?: number): TcpConnection {
    local >>>= 0;
    remote >>>= 0;
    checkPort(remotePort, 'port');
    if (localPort === undefined || localPort === 0) {
      localPort = this.#ephemeralPort(local, remote, remotePort);
    } else {
      checkPort(localPort, 'localPort');
      if (this.#lookup(local, localPort, remote, remotePort)) {
        throw systemError('EADDRINUSE', { syscall: 'connect', address: ipToString(local), port: localPort });
      }
    }
    const t = new Tcb(this.#ctx, local, localPort, remote, remotePort, false);
    t.iss = this.#isn.isn(now, local, localPort, remote, remotePort);
    t.tsOffset = this.#isn.tsOffset(local, localPort, remote, remotePort);
    t.setState(SYN_SENT);
    t.synPending = true;
    t.lastRecvAt = now;
    this.stats.activeOpens++;
    this.#insert(t);
    const c = new TcpConnection(t, this.#config.wake);
    this.#markDirty(t);
    return c;
  }

  // ---- internals ----

  #deliver(t: Tcb): void {
    if (t.connectPending) {
      t.connectPending = false;
      if (t.passive) {
        const l = t.listener as TcpListener | null;
        t.listener = null;
        if (!l || l.closed) { t.abort(); this.#markDirty(t); }
        else l.onConnection(new TcpConnection(t, this.#config.wake));
      } else {
        t.owner?.onConnect?.();
      }
    }
    const o = t.owner;
    if (!o) { t.closePending = false; return; }
    const rcv = t.rcv;
    if (t.reading && !t.userClosed && rcv.ring.length > 0) {
      const data = rcv.ring.read();
      t.bytesRead += data.length;
      if (rcv.windowUpdateWorthIt()) { t.ackNow = true; this.#markDirty(t); }
      o.onData?.(data);
    }
    if (rcv.finReceived && !t.endDelivered && rcv.ring.length === 0 && !t.userClosed) {
      t.endDelivered = true;
      o.onEnd?.();
    }
    if (t.drainPending) {
      t.drainPending = false;
      if (!t.shutdownCalled && t.state !== CLOSED) o.onDrain?.();
    }
    if (t.closePending) {
      t.closePending = false;
      t.closeDelivered = true;
      // The application is done with this connection: forget its handle, so a TCB lingering in
      // TIME_WAIT (up to 2*MSL) does not keep the socket, its parser and buffers reachable.
      t.owner = null;
      o.onClose?.(t.closeErr);
    }
  }

  #markDirty(t: Tcb): void {
    if (t.dirty || t.removed) return;
    t.dirty = true;
    this.#dirty.push(t);
    if (!this.#busy) this.#config.wake();
  }

  #key(localPort: number, remotePort: number): number {
    return localPort * 65536 + remotePort;
  }

  #lookup(local: number, localPort: number, remote: number, remotePort: number): Tcb | undefined {
    for (let t = this.#conns.get(this.#key(localPort, remotePort)); t; t = t.nextInBucket ?? undefined) {
      if (t.localAddr === local && t.remoteAddr === remote) return t;
    }
    return undefined;
  }

  #insert(t: Tcb): void {
    const key = this.#key(t.localPort, t.remotePort);
    t.nextInBucket = this.#conns.get(key) ?? null;
    this.#conns.set(key, t);
    this.stats.connections++;
  }

  #remove(t: Tcb): void {
    if (t.removed) return;
    t.removed = true;
    if (this.#timeWait.length && this.#timeWait[0] === t) this.#pruneTimeWait();
    const key = this.#key(t.localPort, t.remotePort);
    let prev: Tcb | null = null;
    for (let x = this.#conns.get(key) ?? null; x; prev = x, x = x.nextInBucket) {
      if (x !== t) continue;
      if (prev) prev.nextInBucket = x.nextInBucket;
      else if (x.nextInBucket) this.#conns.set(key, x.nextInBucket);
      else this.#conns.delete(key);
      break;
    }
    t.nextInBucket = null;
    this.#timers.schedule(t, Infinity);
    t.snd.buf.release();
    t.rcv.ring.release();
    this.stats.connections--;
  }

  #findListener(local: number, port: number): TcpListener | undefined {
    const list = this.#listeners.get(port);
    if (!list) return undefined;
    let any: TcpListener | undefined;
    for (const l of list) {
      if (l.addr === local) return l;
      if (l.addr === 0) any = l;
    }
    return any;
  }

  #unlisten(l: TcpListener): void {
    const list = this.#listeners.get(l.port);
    if (!list) return;
    const i = list.indexOf(l);
    if (i >= 0) list.splice(i, 1);
    if (!list.length) this.#listeners.delete(l.port);
  }

  /** RFC 6056 algorithm 3: a per-destination hashed offset plus a counter, then a linear search. */
  #ephemeralPort(local: number, remote: number, remotePort: number): number {
    const c = this.#config;
    const num = c.ephemeralPortMax - c.ephemeralPortMin + 1;
    const offset = this.#isn.portOffset(local, remote, remotePort);
    for (let count = 0; count < num; count++) {
      const port = c.ephemeralPortMin + ((offset + this.#nextEphemeral) % num);
      this.#nextEphemeral = (this.#nextEphemeral + 1) % num;
      if (!this.#listeners.has(port) && !this.#lookup(local, port, remote, remotePort)) return port;
    }
    throw systemError('EADDRNOTAVAIL', { syscall: 'connect', address: ipToString(remote), port: remotePort });
  }

  #freeListenPort(addr: number): number {
    const c = this.#config;
    const num = c.ephemeralPortMax - c.ephemeralPortMin + 1;
    const start = this.#isn.portOffset(addr, 0, 0) + this.#nextEphemeral++;
    for (let i = 0; i < num; i++) {
      const port = c.ephemeralPortMin + ((start + i) % num);
      if (!this.#listeners.has(port)) return port;
    }
    throw systemError('EADDRINUSE', { syscall: 'listen', address: ipToString(addr), port: 0 });
  }

  #reply(local: number, localPort: number, remote: number, remotePort: number, seq: number, ack: number, flags: number): void {
    const r = new TcpRepr();
    r.srcPort = localPort;
    r.dstPort = remotePort;
    r.seq = seq >>> 0;
    r.ack = ack >>> 0;
    r.flags = flags;
    this.#queue(local, remote, r);
  }

  #queue(local: number, remote: number, repr: TcpRepr): void {
    if (!this.#enqueue({ local, remote, repr })) this.stats.drop('reply-queue-full');
  }

  /** Queues a reply for the next flush; false when the queue is full. */
  #enqueue(reply: QueuedReply): boolean {
    if (this.#replies.length >= MAX_QUEUED_REPLIES) return false;
    this.#replies.push(reply);
    if (!this.#busy) this.#config.wake();
    return true;
  }

  #flushReplies(emit: EmitFn): void {
    if (!this.#replies.length) return;
    const replies = this.#replies;
    this.#replies = [];
    const headroom = this.#config.headroom;
    for (const { local, remote, repr, bytes } of replies) {
      if (bytes) { emit(local, remote, bytes); continue; }
      if (!repr) continue;
      const whole = new Uint8Array(headroom + tcpBufferLen(repr));
      const seg = headroom ? whole.subarray(headroom) : whole;
      emitTcp(repr, seg, local, remote);
      this.stats.segmentsOut++;
      if (repr.flags & RST) this.stats.resetsOut++;
      emit(local, remote, seg);
    }
  }

  #challengeAckAllowed(now: number): boolean {
    if (now - this.#challengeWindowStart >= 1000) {
      this.#challengeWindowStart = now;
      this.#challengeCount = 0;
    }
    if (this.#challengeCount >= this.#config.challengeAckLimit) return false;
    this.#challengeCount++;
    return true;
  }

  /** Keeps at most maxTimeWait TIME_WAIT connections; the oldest go first. */
  #enteredTimeWait(t: Tcb): void {
    this.#timeWait.push(t);
    const max = this.#config.maxTimeWait;
    while (this.stats.timeWait > max && this.#timeWait.length) {
      const old = this.#timeWait.shift()!;
      if (old.state === TIME_WAIT && !old.removed) { old.finishQuietly(); }
    }
    this.#pruneTimeWait();
  }

  /**
   * Drops list entries for connections no longer in TIME_WAIT, so the list never keeps a closed
   * TCB (and what it references) reachable. All TIME_WAITs last 2*MSL, so they expire in the order
   * they entered and the dead ones are mostly at the front; the rest (reused or reset early) are
   * swept when they outnumber the live ones.
   */
  #pruneTimeWait(): void {
    const list = this.#timeWait;
    const live = (x: Tcb) => x.state === TIME_WAIT && !x.removed;
    let dead = 0;
    while (dead < list.length && !live(list[dead])) dead++;
    if (dead) list.splice(0, dead);
    if (list.length > 2 * this.stats.timeWait + 16) this.#timeWait = list.filter(live);
  }
}

function checkPort(port: number, name: string): void {
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new codes.ERR_SOCKET_BAD_PORT(name, port, false);
}


