// Event-loop lag as the management API reports it (Node's monitorEventLoopDelay, coarse): a probe
// timer asks to run every `intervalMs`; how late it actually runs is the lag a request or timer
// of the application would have seen. The worst lag of the last window (four samples) is kept.
//
// The probe runs only while someone watches: reading the lag (/metrics, /stats, /engine/loop, so
// the dashboard and `nephos stats`) arms it, and it stops after `watchMs` without a reader. An
// idle VM must not wake twice a second for a figure nobody reads: under TCG that probe was half
// of an idle instance's host CPU (0.45% -> 0.2%), which is what bounds how many idle instances a
// host holds. The probe never keeps the VM alive (the host's `after` is unreferenced).
export class LagMonitor {
  #windowMax = 0;
  #recent = 0;
  #samples = 0;
  #cancel: (() => void) | undefined;
  #enabled = false;
  #lastRead = -Infinity;

  constructor(private readonly now: () => number, private readonly after: (ms: number, fn: () => void) => () => void,
              readonly intervalMs = 500, readonly watchMs = 60_000) {}

  /** Allows probing (call once the loop runs); the probe itself starts at the first read. */
  start(): void {
    this.#enabled = true;
    if (this.now() - this.#lastRead < this.watchMs) this.#arm();
  }

  stop(): void {
    this.#enabled = false;
    this.#cancel?.();
    this.#cancel = undefined;
  }

  /** Whether the probe timer is pending (for tests and /engine/loop). */
  get probing(): boolean {
    return this.#cancel !== undefined;
  }

  #arm(): void {
    if (this.#cancel || !this.#enabled) return;
    const due = this.now() + this.intervalMs;
    this.#cancel = this.after(this.intervalMs, () => {
      this.#cancel = undefined;
      const lag = Math.max(0, this.now() - due);
      this.#samples++;
      if (lag > this.#windowMax) this.#windowMax = lag;
      if (this.#samples % 4 === 0) {
        this.#recent = this.#windowMax;
        this.#windowMax = 0;
      }
      if (this.now() - this.#lastRead < this.watchMs) this.#arm();
      else this.#recent = this.#windowMax = 0; // unwatched: the next reader starts afresh
    });
  }

  /** Worst lag (ms) of the last complete window, or of the current one if it is worse. */
  recentMs(): number {
    this.#lastRead = this.now();
    this.#arm();
    return Math.max(this.#recent, this.#windowMax);
  }

  get samples(): number {
    return this.#samples;
  }
}
