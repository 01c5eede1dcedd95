// process.nextTick and promise-rejection processing, as Node's lib/internal/process/task_queues.js
// and promises.js: after every top-level callback, processTicksAndRejections runs the nextTick
// queue, then the engine's microtasks, and repeats until both are empty and no unhandled
// rejection is left to report. Unhandled rejections follow Node's default mode ("throw"): emit
// 'unhandledRejection'; without a listener, they become an uncaught exception.
// A tick runs in the async context (AsyncLocalStorage) current when it was queued.
import { codes } from '../../core/errors';
import { variableSlot, type AsyncContextSlot } from '../../core/async-context';

export interface TickHost {
  /** Drains the engine's microtask (promise job) queue; throws a job's exception. */
  runMicrotasks(): void;
  /** Rejection events since the last call: [promise, reason, handled]. */
  takeRejections(): Array<[Promise<unknown>, unknown, boolean]>;
  /** Reports an uncaught exception (process 'uncaughtException' or fatal). */
  uncaught(err: unknown, origin: 'uncaughtException' | 'unhandledRejection'): void;
  /** Emits 'unhandledRejection'; returns true when a listener took it. */
  emitUnhandledRejection(reason: unknown, promise: Promise<unknown>): boolean;
  emitRejectionHandled(promise: Promise<unknown>): void;
  /** Formats a value for the ERR_UNHANDLED_REJECTION message. */
  inspect(value: unknown): string;
  /** The loop's async context slot (a plain variable when absent). */
  asyncContext?: AsyncContextSlot;
}

interface Tick {
  fn: (...args: unknown[]) => void;
  args: unknown[] | undefined;
  context: unknown;
}

export class TickQueue {
  private queue: Tick[] = [];
  private head = 0;
  /** Promises rejected without a handler, not yet reported (insertion order). */
  private pendingUnhandled = new Map<Promise<unknown>, unknown>();
  /** Reported promises, for 'rejectionHandled' when a handler arrives later. */
  private reported = new WeakSet<Promise<unknown>>();
  private processing = false;
  private readonly slot: AsyncContextSlot;

  constructor(private readonly host: TickHost) {
    this.slot = host.asyncContext ?? variableSlot();
  }

  get hasTicks(): boolean {
    return this.head < this.queue.length;
  }

  nextTick(fn: (...args: unknown[]) => void, args: unknown[] | undefined): void {
    this.queue.push({ fn, args, context: this.slot.get() });
  }

  private runTicks(): void {
    const slot = this.slot;
    const saved = slot.get();
    while (this.head < this.queue.length) {
      const t = this.queue[this.head++];
      if (this.head > 1024 && this.head * 2 > this.queue.length) {
        this.queue = this.queue.slice(this.head);
        this.head = 0;
      }
      slot.set(t.context);
      try {
        if (t.args === undefined) t.fn();
        else t.fn(...t.args);
      } catch (err) {
        this.host.uncaught(err, 'uncaughtException');
      }
    }
    slot.set(saved);
    this.queue.length = 0;
    this.head = 0;
  }

  private runMicrotasks(): void {
    for (;;) {
      try {
        this.host.runMicrotasks();
        return;
      } catch (err) {
        // A queueMicrotask callback threw: report it and keep draining.
        this.host.uncaught(err, 'uncaughtException');
      }
    }
  }

  /** Collects rejection events; reports those still unhandled. True if any was reported. */
  private processRejections(): boolean {
    for (const [promise, reason, handled] of this.host.takeRejections()) {
      if (!handled) this.pendingUnhandled.set(promise, reason);
      else if (this.pendingUnhandled.has(promise)) this.pendingUnhandled.delete(promise);
      else if (this.reported.has(promise)) this.host.emitRejectionHandled(promise);
    }
    if (!this.pendingUnhandled.size) return false;
    const batch = [...this.pendingUnhandled];
    this.pendingUnhandled.clear();
    for (const [promise, reason] of batch) {
      this.reported.add(promise);
      if (this.host.emitUnhandledRejection(reason, promise)) continue;
      const err = isErrorLike(reason) ? reason : unhandledRejectionError(reason, this.host.inspect(reason));
      this.host.uncaught(err, 'unhandledRejection');
    }
    return true;
  }

  /** After each top-level callback. Re-entrant calls (from inside a tick) do nothing. */
  processTicksAndRejections(): void {
    if (this.processing) return;
    this.processing = true;
    try {
      do {
        this.runTicks();
        this.runMicrotasks();
      } while (this.hasTicks || this.processRejections());
    } finally {
      this.processing = false;
    }
  }

  /** Between timers and between immediates (Node's runNextTicks). */
  runNextTicks(): void {
    this.processTicksAndRejections();
  }
}

function isErrorLike(v: unknown): boolean {
  return typeof v === 'object' && v !== null && typeof (v as { stack?: unknown }).stack === 'string';
}

function unhandledRejectionError(reason: unknown, shown: string): Error {
  const Ctor = codes.ERR_UNHANDLED_REJECTION;
  return new Ctor(shown);
}
