// A simulated LoopPlatform for unit tests: time moves only when the loop idles (to the next
// deadline) or when a test advances it; "interrupts" are scheduled at chosen times.
import type { LoopPlatform } from '../loop';

export class SimPlatform implements LoopPlatform {
  t = 0;
  private seq = 0;
  private pending: number[] = [];
  private scheduled: { at: number; vector: number }[] = [];
  idles = 0;
  /** Milliseconds the CPU spent halted. */
  idleMs = 0;

  now(): number {
    return this.t;
  }
  irqSeq(): number {
    return this.seq;
  }
  takeInterrupts(): number[] {
    const p = this.pending;
    this.pending = [];
    return p;
  }
  /** Raises `vector` at time `at` (or now). */
  interruptAt(vector: number, at = this.t): void {
    this.scheduled.push({ at, vector });
    this.scheduled.sort((a, b) => a.at - b.at);
  }
  advance(ms: number): void {
    this.t += ms;
    this.deliverDue();
  }
  private deliverDue(): void {
    while (this.scheduled.length && this.scheduled[0].at <= this.t) {
      this.pending.push(this.scheduled.shift()!.vector);
      this.seq++;
    }
  }
  idle(seq: number, timeoutMs: number): void {
    this.idles++;
    if (seq !== this.seq) return;
    const next = this.scheduled[0]?.at;
    let until: number;
    if (timeoutMs < 0) {
      if (next === undefined) throw new Error('SimPlatform: idle forever with nothing scheduled (a hang)');
      until = next;
    } else {
      until = this.t + timeoutMs;
      if (next !== undefined && next < until) until = next;
    }
    this.idleMs += until - this.t;
    this.t = until;
    this.deliverDue();
  }
}
