// Event-loop lag as the management API reports it (Node's monitorEventLoopDelay, coarse): a probe
// timer asks to run every `intervalMs`; how late it actually runs is the lag a request or timer
// of the application would have seen. The worst lag of the last window is kept; the probe never
// keeps the VM alive (the host's `after` is unreferenced).
export class LagMonitor {
  #windowMax = 0;
  #recent = 0;
  #samples = 0;
  #cancel: (() => void) | undefined;

  constructor(private readonly now: () => number, private readonly after: (ms: number, fn: () => void) => () => void,
              readonly intervalMs = 500) {}

  start(): void {
    const due = this.now() + this.intervalMs;
    this.#cancel = this.after(this.intervalMs, () => {
      const lag = Math.max(0, this.now() - due);
      this.#samples++;
      if (lag > this.#windowMax) this.#windowMax = lag;
      // A window is four samples (two seconds by default).
      if (this.#samples % 4 === 0) {
        this.#recent = this.#windowMax;
        this.#windowMax = 0;
      }
      this.start();
    });
  }

  stop(): void {
    this.#cancel?.();
    this.#cancel = undefined;
  }

  /** Worst lag (ms) of the last complete window, or of the current one if it is worse. */
  recentMs(): number {
    return Math.max(this.#recent, this.#windowMax);
  }

  get samples(): number {
    return this.#samples;
  }
}
