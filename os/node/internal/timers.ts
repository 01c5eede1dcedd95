// Node's timers (lib/internal/timers.js) over one loop timer: timeouts live in one list per
// duration, lists in a priority queue by expiry (then list id), and a single LoopTimer is armed for
// the earliest list. Ordering follows Node: within a list, insertion order; a timer whose start
// time equals the processing time is not run in the same pass (so setTimeout(f, 0) inside a timer
// runs after that iteration's immediates); ticks and microtasks run between timers.
// Immediates are a FIFO run from the loop's check phase; the queue is detached before running so
// setImmediate() inside an immediate runs on the next iteration.
// Timeouts and immediates capture the async context (AsyncLocalStorage) when created; their
// callbacks run in it (an interval's every run too).
import { ActiveHandle, EventLoop, LoopTimer } from '../../core/loop';

export const TIMEOUT_MAX = 2 ** 31 - 1;

const kRefed = Symbol('refed');
const kHasPrimitive = Symbol('kHasPrimitive');
/** Reads a timer's captured async context (a private field, so util.inspect does not show it). */
const kAsyncContext = Symbol('kAsyncContext');

interface ListNode {
  _idlePrev: ListNode | null;
  _idleNext: ListNode | null;
}

class TimersList implements ListNode {
  _idlePrev: ListNode | null = this;
  _idleNext: ListNode | null = this;
  priorityIndex = -1;
  constructor(public expiry: number, readonly msecs: number, public id: number) {}
}

function append(list: ListNode, item: ListNode): void {
  if (item._idleNext || item._idlePrev) remove(item);
  item._idleNext = list;
  item._idlePrev = list._idlePrev;
  list._idlePrev!._idleNext = item;
  list._idlePrev = item;
}

function remove(item: ListNode): void {
  if (item._idleNext) item._idleNext._idlePrev = item._idlePrev;
  if (item._idlePrev) item._idlePrev._idleNext = item._idleNext;
  item._idleNext = null;
  item._idlePrev = null;
}

function peek(list: ListNode): ListNode | null {
  const first = list._idleNext;
  return first === list ? null : first;
}

export interface TimerHost {
  loop: EventLoop;
  runNextTicks(): void;
  warn(message: string, type: string): void;
}

export class Timeout implements ListNode {
  _idleTimeout: number;
  _idlePrev: ListNode | null = null;
  _idleNext: ListNode | null = null;
  _idleStart = -1;
  _onTimeout: ((...args: unknown[]) => void) | null;
  _timerArgs: unknown[] | undefined;
  _repeat: number | null;
  _destroyed = false;
  [kRefed]: boolean | null;
  [kHasPrimitive] = false;
  /** @internal */ readonly _timers: Timers;
  #asyncContext: unknown;

  constructor(timers: Timers, callback: (...args: unknown[]) => void, after: unknown, args: unknown[] | undefined, isRepeat: boolean, isRefed: boolean) {
    this._timers = timers;
    this.#asyncContext = timers.host.loop.asyncContext.get();
    let ms = Number(after);
    if (!(ms >= 1 && ms <= TIMEOUT_MAX)) {
      if (ms > TIMEOUT_MAX) {
        timers.host.warn(`${ms} does not fit into a 32-bit signed integer.\nTimeout duration was set to 1.`, 'TimeoutOverflowWarning');
      }
      ms = 1;
    }
    this._idleTimeout = ms;
    this._onTimeout = callback;
    this._timerArgs = args;
    this._repeat = isRepeat ? ms : null;
    this[kRefed] = isRefed;
    if (isRefed) timers.incRef();
    Object.defineProperty(this, '_timers', { enumerable: false });
  }

  refresh(): this {
    if (this[kRefed] !== null) this._timers.insert(this, this._idleTimeout, this._timers.now());
    return this;
  }

  unref(): this {
    if (this[kRefed]) {
      this[kRefed] = false;
      if (!this._destroyed) this._timers.decRef();
    }
    return this;
  }

  ref(): this {
    if (this[kRefed] === false) {
      this[kRefed] = true;
      if (!this._destroyed) this._timers.incRef();
    }
    return this;
  }

  hasRef(): boolean {
    return this[kRefed] === true;
  }

  close(): this {
    this._timers.clear(this);
    return this;
  }

  /** @internal */
  [kAsyncContext](): unknown {
    return this.#asyncContext;
  }

  [Symbol.toPrimitive](): number {
    const id = this._timers.idOf(this);
    if (!this[kHasPrimitive]) {
      this[kHasPrimitive] = true;
      this._timers.knownById.set(id, this);
    }
    return id;
  }
}

export class Immediate implements ListNode {
  _idlePrev: ListNode | null = null;
  _idleNext: ListNode | null = null;
  _onImmediate: ((...args: unknown[]) => void) | null;
  _argv: unknown[] | undefined;
  _destroyed = false;
  [kRefed]: boolean | null = true;
  /** @internal */ readonly _timers: Timers;
  #asyncContext: unknown;

  constructor(timers: Timers, callback: (...args: unknown[]) => void, args: unknown[] | undefined) {
    this._timers = timers;
    this.#asyncContext = timers.host.loop.asyncContext.get();
    this._onImmediate = callback;
    this._argv = args;
    Object.defineProperty(this, '_timers', { enumerable: false });
    timers.enqueueImmediate(this);
  }

  ref(): this {
    if (this[kRefed] === false) {
      this[kRefed] = true;
      this._timers.immediateRef(1);
    }
    return this;
  }

  unref(): this {
    if (this[kRefed]) {
      this[kRefed] = false;
      this._timers.immediateRef(-1);
    }
    return this;
  }

  hasRef(): boolean {
    return !!this[kRefed];
  }

  /** @internal */
  [kAsyncContext](): unknown {
    return this.#asyncContext;
  }
}

export class Timers {
  private readonly listMap = new Map<number, TimersList>();
  private readonly queue: TimersList[] = [];
  private nextListId = 1;
  private nextExpiry = Infinity;
  private refCount = 0;
  private readonly loopTimer: LoopTimer;
  readonly knownById = new Map<number, Timeout>();
  private readonly ids = new WeakMap<Timeout, number>();
  private nextId = 1;
  // Immediates
  private immHead: Immediate | null = null;
  private immTail: Immediate | null = null;
  private immCount = 0;
  private immRefCount = 0;
  private readonly immHandle: ActiveHandle;

  constructor(readonly host: TimerHost) {
    this.loopTimer = new LoopTimer(host.loop, () => this.processTimers());
    this.loopTimer.unref();
    this.immHandle = new ActiveHandle(host.loop);
    host.loop.addCheck(() => this.processImmediates());
  }

  idOf(t: Timeout): number {
    let id = this.ids.get(t);
    if (id === undefined) {
      id = this.nextId++;
      this.ids.set(t, id);
    }
    return id;
  }

  /** Node's getLibuvNow(): the loop time, refreshed (so a slow main script does not age timers). */
  now(): number {
    this.host.loop.updateTime();
    return this.host.loop.time;
  }

  incRef(): void {
    if (this.refCount++ === 0) this.loopTimer.ref();
  }

  decRef(): void {
    if (--this.refCount === 0) this.loopTimer.unref();
  }

  // ---- priority queue of lists ----
  private qLess(a: TimersList, b: TimersList): boolean {
    return a.expiry < b.expiry || (a.expiry === b.expiry && a.id < b.id);
  }

  private qSwap(i: number, j: number): void {
    const q = this.queue;
    [q[i], q[j]] = [q[j], q[i]];
    q[i].priorityIndex = i;
    q[j].priorityIndex = j;
  }

  private qUp(i: number): void {
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.qLess(this.queue[i], this.queue[p])) break;
      this.qSwap(i, p);
      i = p;
    }
  }

  private qDown(i: number): void {
    const q = this.queue;
    for (;;) {
      const l = 2 * i + 1;
      let m = i;
      if (l < q.length && this.qLess(q[l], q[m])) m = l;
      if (l + 1 < q.length && this.qLess(q[l + 1], q[m])) m = l + 1;
      if (m === i) return;
      this.qSwap(i, m);
      i = m;
    }
  }

  private qInsert(list: TimersList): void {
    list.priorityIndex = this.queue.length;
    this.queue.push(list);
    this.qUp(list.priorityIndex);
  }

  private qRemove(list: TimersList): void {
    const i = list.priorityIndex;
    if (i < 0) return;
    const last = this.queue.pop()!;
    list.priorityIndex = -1;
    if (i < this.queue.length) {
      this.queue[i] = last;
      last.priorityIndex = i;
      this.qDown(i);
      this.qUp(last.priorityIndex);
    }
  }

  private schedule(msecs: number): void {
    this.loopTimer.start(msecs);
  }

  /** Places `item` on its duration's list, starting at `start` (loop time). */
  insert(item: Timeout, msecs: number, start: number): void {
    if (msecs < 0 || item._destroyed) return;
    item._idleStart = start;
    let list = this.listMap.get(msecs);
    if (!list) {
      const expiry = start + msecs;
      list = new TimersList(expiry, msecs, this.nextListId++);
      this.listMap.set(msecs, list);
      this.qInsert(list);
      if (this.nextExpiry > expiry) {
        this.schedule(msecs);
        this.nextExpiry = expiry;
      }
    }
    append(list, item);
  }

  private unenroll(item: Timeout): void {
    if (item._destroyed) return;
    item._destroyed = true;
    if (item[kHasPrimitive]) this.knownById.delete(this.idOf(item));
    if (item[kRefed]) this.decRef();
    item[kRefed] = null;
    const list = this.listMap.get(item._idleTimeout);
    remove(item);
    if (list && peek(list) === null) {
      this.listMap.delete(item._idleTimeout);
      this.qRemove(list);
    }
    item._idleTimeout = -1;
  }

  clear(timer: unknown): void {
    if (timer instanceof Timeout) {
      if (timer._onTimeout) {
        timer._onTimeout = null;
        this.unenroll(timer);
      }
      return;
    }
    if (typeof timer === 'number' || typeof timer === 'string') {
      const t = this.knownById.get(Number(timer));
      if (t) {
        t._onTimeout = null;
        this.unenroll(t);
      }
    }
  }

  add(callback: (...args: unknown[]) => void, after: unknown, args: unknown[] | undefined, repeat: boolean): Timeout {
    const t = new Timeout(this, callback, after, args, repeat, true);
    this.insert(t, t._idleTimeout, this.now());
    return t;
  }

  private processTimers(): void {
    const now = this.host.loop.time;
    this.nextExpiry = Infinity;
    let list: TimersList | undefined;
    while ((list = this.queue[0])) {
      if (list.expiry > now) {
        this.nextExpiry = list.expiry;
        this.loopTimer.start(Math.max(1, list.expiry - this.host.loop.time));
        return;
      }
      this.listOnTimeout(list, now);
    }
  }

  private listOnTimeout(list: TimersList, now: number): void {
    const msecs = list.msecs;
    let ran = false;
    let node: ListNode | null;
    while ((node = peek(list))) {
      const timer = node as Timeout;
      const diff = now - timer._idleStart;
      if (diff < msecs) {
        list.expiry = Math.max(timer._idleStart + msecs, now + 1);
        list.id = this.nextListId++;
        this.qDown(list.priorityIndex);
        return;
      }
      if (ran) this.host.runNextTicks();
      else ran = true;
      remove(timer);
      if (!timer._onTimeout) {
        if (timer[kRefed]) this.decRef();
        timer[kRefed] = null;
        continue;
      }
      const start = timer._repeat ? this.now() : 0;
      const slot = this.host.loop.asyncContext;
      const savedContext = slot.get();
      slot.set(timer[kAsyncContext]());
      try {
        const args = timer._timerArgs;
        if (args === undefined) timer._onTimeout();
        else timer._onTimeout(...args);
      } catch (err) {
        this.host.loop.hooks.onError(err);
      } finally {
        slot.set(savedContext);
        if (timer._repeat && timer._idleTimeout !== -1) {
          timer._idleTimeout = timer._repeat;
          this.insert(timer, timer._idleTimeout, start);
        } else if (!timer._idleNext && !timer._idlePrev && !timer._destroyed) {
          timer._destroyed = true;
          if (timer[kHasPrimitive]) this.knownById.delete(this.idOf(timer));
          if (timer[kRefed]) this.decRef();
          timer[kRefed] = null;
        }
      }
    }
    if (this.listMap.get(msecs) === list) {
      this.listMap.delete(msecs);
      this.qRemove(list);
    }
  }

  // ---- immediates ----
  immediateRef(delta: number): void {
    const before = this.immRefCount;
    this.immRefCount += delta;
    if (before === 0 && this.immRefCount > 0) {
      this.host.loop.idleRef(1);
      this.immHandle.start();
    } else if (before > 0 && this.immRefCount === 0) {
      this.host.loop.idleRef(-1);
      this.immHandle.stop();
    }
  }

  enqueueImmediate(imm: Immediate): void {
    this.immCount++;
    this.immediateRef(1);
    if (this.immTail) {
      this.immTail._idleNext = imm;
      imm._idlePrev = this.immTail;
    } else {
      this.immHead = imm;
    }
    this.immTail = imm;
  }

  clearImmediate(imm: unknown): void {
    if (!(imm instanceof Immediate) || imm._destroyed) return;
    this.immCount--;
    imm._destroyed = true;
    if (imm[kRefed]) this.immediateRef(-1);
    imm[kRefed] = null;
    imm._onImmediate = null;
    // Unlink if still queued.
    if (imm._idlePrev) (imm._idlePrev as Immediate)._idleNext = imm._idleNext;
    else if (this.immHead === imm) this.immHead = imm._idleNext as Immediate | null;
    if (imm._idleNext) (imm._idleNext as Immediate)._idlePrev = imm._idlePrev;
    else if (this.immTail === imm) this.immTail = imm._idlePrev as Immediate | null;
    imm._idleNext = imm._idlePrev = null;
  }

  private processImmediates(): void {
    if (this.immCount === 0) return;
    let imm = this.immHead;
    this.immHead = this.immTail = null;
    let ran = false;
    while (imm) {
      const next = imm._idleNext as Immediate | null;
      imm._idleNext = imm._idlePrev = null;
      if (ran) this.host.runNextTicks();
      else ran = true;
      if (!imm._destroyed) {
        imm._destroyed = true;
        this.immCount--;
        if (imm[kRefed]) this.immediateRef(-1);
        imm[kRefed] = null;
        const fn = imm._onImmediate!;
        const argv = imm._argv;
        imm._onImmediate = null;
        const slot = this.host.loop.asyncContext;
        const savedContext = slot.get();
        slot.set(imm[kAsyncContext]());
        try {
          if (argv === undefined) fn();
          else fn(...argv);
        } catch (err) {
          this.host.loop.hooks.onError(err);
        }
        slot.set(savedContext);
      }
      imm = next;
    }
  }
}
