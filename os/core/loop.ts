// The event loop, shaped like libuv's uv_run (Node 20's libuv 1.46), so that Node's ordering of
// timers, I/O callbacks, immediates and close callbacks holds:
//
//   update time; timers
//   while alive:
//     poll       wait for an interrupt, the next timer or nothing (timeout 0 when immediates,
//                deferred completions or closing handles are pending); then dispatch interrupts
//                and deferred completions
//     check      setImmediate callbacks (the node layer registers its queue as a check)
//     closing    close callbacks
//     update time; timers
//
// Time is cached per iteration (`time`, milliseconds) and updated only where libuv updates it
// (before timers, after polling), so a 0 ms timer set inside a timer callback runs after that
// iteration's immediates. Unlike libuv the cached time keeps its fraction: a timer never fires
// before its delay has fully elapsed on the monotonic clock (libuv's whole milliseconds let a
// 20 ms timer fire after 19.1 ms, which programs comparing Date.now() notice). Every callback goes through invoke(): an exception reaches
// hooks.onError, and hooks.afterCallback (process.nextTick queue and microtasks) runs after it.
// Nothing here reads a clock or hardware directly: the LoopPlatform supplies time and idling, so
// this file runs under host Node in unit tests with a simulated platform.
// Deferred completions and close callbacks run in the async context that was current when they
// were queued (async-context.ts); every invoke() restores the context it found.
import { variableSlot, type AsyncContextSlot } from './async-context';

export interface LoopPlatform {
  /** Monotonic milliseconds (fractional). */
  now(): number;
  /** The interrupt sequence number: read before checking for work, passed to idle(). */
  irqSeq(): number;
  /** Vectors that fired since the last call (and clears them). */
  takeInterrupts(): number[];
  /** Halts until an interrupt after `seq`, or `timeoutMs` (-1: no timeout). May return early. */
  idle(seq: number, timeoutMs: number): void;
  /** The engine's async context slot (absent under host Node: a plain variable is used). */
  asyncContext?: AsyncContextSlot;
}

export interface LoopHooks {
  afterCallback(): void;
  onError(err: unknown): void;
  /** Called before the CPU idles (flush buffered output). */
  beforeIdle(): void;
}

/** A handle keeps the loop alive while active and referenced (uv_ref/uv_unref semantics). */
export class LoopHandle {
  private active = false;
  private refed = true;
  constructor(protected readonly loop: EventLoop) {}
  get isActive(): boolean {
    return this.active;
  }
  hasRef(): boolean {
    return this.refed;
  }
  protected activate(): void {
    if (this.active) return;
    this.active = true;
    if (this.refed) this.loop.refs++;
  }
  protected deactivate(): void {
    if (!this.active) return;
    this.active = false;
    if (this.refed) this.loop.refs--;
  }
  ref(): void {
    if (this.refed) return;
    this.refed = true;
    if (this.active) this.loop.refs++;
  }
  unref(): void {
    if (!this.refed) return;
    this.refed = false;
    if (this.active) this.loop.refs--;
  }
}

/** A generic handle for servers, sockets and devices that keep the process running. */
export class ActiveHandle extends LoopHandle {
  start(): void {
    this.activate();
  }
  stop(): void {
    this.deactivate();
  }
}

let timerSeq = 0;

/** A one-shot loop timer (uv_timer_t): `start(ms)` fires `callback` once `time >= start + ms`. */
export class LoopTimer extends LoopHandle {
  due = 0;
  seq = 0;
  heapIndex = -1;
  constructor(loop: EventLoop, public callback: () => void) {
    super(loop);
  }
  start(ms: number): void {
    this.loop.stopTimer(this);
    this.due = this.loop.time + Math.max(0, ms);
    this.seq = ++timerSeq;
    this.activate();
    this.loop.startTimer(this);
  }
  stop(): void {
    this.loop.stopTimer(this);
    this.deactivate();
  }
}

export class EventLoop {
  /** Cached loop time, milliseconds (uv_now, with its fraction). */
  time = 0;
  refs = 0;
  stopped = false;
  iterations = 0;
  /** Worst delay between a timer's due time and its callback (event-loop lag), ms. */
  lagMs = 0;
  /** Milliseconds spent waiting in poll (libuv's idle time: perf_hooks' eventLoopUtilization). */
  idleMs = 0;
  private readonly heap: LoopTimer[] = [];
  private pending: (() => void)[] = [];
  private readonly checks: (() => void)[] = [];
  private closing: (() => void)[] = [];
  private idleRefs = 0;
  private readonly irq = new Map<number, () => void>();
  /** The async context slot (AsyncLocalStorage): captured when work is queued, restored to run it. */
  readonly asyncContext: AsyncContextSlot;

  constructor(private readonly platform: LoopPlatform, public hooks: LoopHooks) {
    this.asyncContext = platform.asyncContext ?? variableSlot();
    this.updateTime();
  }

  updateTime(): void {
    this.time = this.platform.now();
  }

  /** Runs fn as a top-level callback: errors to onError, then nextTicks and microtasks. */
  invoke(fn: () => void): void {
    const saved = this.asyncContext.get();
    try {
      fn();
    } catch (err) {
      this.hooks.onError(err);
    }
    // Whatever the callback entered (AsyncLocalStorage.enterWith) ends with it.
    this.asyncContext.set(saved);
    this.hooks.afterCallback();
  }


  // ---- timers (binary min-heap by due time, then start order) ----
  startTimer(t: LoopTimer): void {
    t.heapIndex = this.heap.length;
    this.heap.push(t);
    this.siftUp(t.heapIndex);
  }

  stopTimer(t: LoopTimer): void {
    const i = t.heapIndex;
    if (i < 0) return;
    const last = this.heap.pop()!;
    t.heapIndex = -1;
    if (i < this.heap.length) {
      this.heap[i] = last;
      last.heapIndex = i;
      this.siftDown(i);
      this.siftUp(last.heapIndex);
    }
  }

  private less(a: LoopTimer, b: LoopTimer): boolean {
    return a.due < b.due || (a.due === b.due && a.seq < b.seq);
  }

  private siftUp(i: number): void {
    const h = this.heap;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(h[i], h[p])) break;
      [h[i], h[p]] = [h[p], h[i]];
      h[i].heapIndex = i;
      h[p].heapIndex = p;
      i = p;
    }
  }

  private siftDown(i: number): void {
    const h = this.heap;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && this.less(h[l], h[m])) m = l;
      if (r < h.length && this.less(h[r], h[m])) m = r;
      if (m === i) break;
      [h[i], h[m]] = [h[m], h[i]];
      h[i].heapIndex = i;
      h[m].heapIndex = m;
      i = m;
    }
  }

  private runTimers(): void {
    for (;;) {
      const t = this.heap[0];
      if (!t || t.due > this.time) break;
      t.stop();
      const lag = this.platform.now() - t.due;
      if (lag > this.lagMs) this.lagMs = lag;
      this.invoke(t.callback);
    }
  }

  // ---- other phases ----
  /**
   * Queues an I/O completion for the next poll phase; it keeps the loop alive until it runs, in
   * the async context current now.
   */
  defer(fn: () => void): void {
    const context = this.asyncContext.get();
    this.pending.push(() => this.runIn(context, fn));
  }

  /** Runs fn in `context` (inside an invoke()), restoring the current context after it. */
  runIn(context: unknown, fn: () => void): void {
    const slot = this.asyncContext;
    const saved = slot.get();
    slot.set(context);
    try {
      fn();
    } finally {
      slot.set(saved);
    }
  }

  addCheck(fn: () => void): void {
    this.checks.push(fn);
  }

  /** While > 0, polling does not block (libuv's idle handle, used for pending immediates). */
  idleRef(delta: number): void {
    this.idleRefs += delta;
  }

  onClose(fn: () => void): void {
    const context = this.asyncContext.get();
    this.closing.push(() => this.runIn(context, fn));
  }

  onInterrupt(vector: number, handler: () => void): void {
    this.irq.set(vector, handler);
  }

  alive(): boolean {
    return this.refs > 0 || this.pending.length > 0 || this.closing.length > 0;
  }

  stop(): void {
    this.stopped = true;
  }

  private pollTimeout(): number {
    if (this.stopped || this.idleRefs > 0 || this.pending.length || this.closing.length) return 0;
    const t = this.heap[0];
    if (!t) return -1;
    return Math.max(0, t.due - this.platform.now());
  }

  private poll(): void {
    const timeout = this.pollTimeout();
    const seq = this.platform.irqSeq();
    let vectors = this.platform.takeInterrupts();
    if (!vectors.length && timeout !== 0) {
      this.hooks.beforeIdle();
      const before = this.platform.now();
      this.platform.idle(seq, timeout);
      this.idleMs += this.platform.now() - before;
      vectors = this.platform.takeInterrupts();
    }
    this.updateTime();
    for (const v of vectors) {
      const h = this.irq.get(v);
      if (h) this.invoke(h);
    }
    if (this.pending.length) {
      const batch = this.pending;
      this.pending = [];
      for (const fn of batch) this.invoke(fn);
    }
  }

  private runClosing(): void {
    if (!this.closing.length) return;
    const batch = this.closing;
    this.closing = [];
    for (const fn of batch) this.invoke(fn);
  }

  /** One uv_run(UV_RUN_DEFAULT): returns when nothing keeps the loop alive or stop() was called. */
  run(): void {
    this.stopped = false;
    let alive = this.alive();
    if (alive) {
      this.updateTime();
      this.runTimers();
    }
    while (alive && !this.stopped) {
      this.iterations++;
      this.poll();
      for (const check of this.checks) this.invoke(check);
      this.runClosing();
      this.updateTime();
      this.runTimers();
      alive = this.alive();
    }
  }
}
