// node:perf_hooks: performance.now() from the monotonic clock (origin: process start), marks and
// measures, and the event-loop figures the runtime keeps. Observers receive nothing (no entries
// are produced asynchronously yet).
export interface PerfHost {
  nowMs(): number;
  timeOrigin: number;
  eventLoopLagMs(): number;
}

export function createPerfHooks(host: PerfHost) {
  const entries: { name: string; entryType: string; startTime: number; duration: number; detail: unknown }[] = [];
  const performance = {
    timeOrigin: host.timeOrigin,
    now: () => host.nowMs(),
    mark(name: string, options?: { startTime?: number; detail?: unknown }) {
      const e = { name: String(name), entryType: 'mark', startTime: options?.startTime ?? host.nowMs(), duration: 0, detail: options?.detail ?? null };
      entries.push(e);
      return e;
    },
    measure(name: string, start?: string | { start?: number; end?: number }, end?: string) {
      const find = (n: string | undefined, dflt: number) => {
        if (n === undefined) return dflt;
        const m = [...entries].reverse().find((e) => e.entryType === 'mark' && e.name === n);
        if (!m) throw new SyntaxError(`The "${n}" performance mark has not been set`);
        return m.startTime;
      };
      let s: number;
      let f: number;
      if (typeof start === 'object' && start !== null) {
        s = start.start ?? 0;
        f = start.end ?? host.nowMs();
      } else {
        s = find(start, 0);
        f = find(end, host.nowMs());
      }
      const e = { name: String(name), entryType: 'measure', startTime: s, duration: f - s, detail: null };
      entries.push(e);
      return e;
    },
    getEntries: () => entries.slice(),
    getEntriesByName: (name: string, type?: string) => entries.filter((e) => e.name === name && (!type || e.entryType === type)),
    getEntriesByType: (type: string) => entries.filter((e) => e.entryType === type),
    clearMarks: (name?: string) => removeWhere((e) => e.entryType === 'mark' && (name === undefined || e.name === name)),
    clearMeasures: (name?: string) => removeWhere((e) => e.entryType === 'measure' && (name === undefined || e.name === name)),
    eventLoopUtilization: () => ({ idle: 0, active: 0, utilization: 0 }),
    timerify: <T extends Function>(fn: T) => fn,
    toJSON: () => ({ timeOrigin: host.timeOrigin, eventLoopUtilization: { idle: 0, active: 0, utilization: 0 } }),
  };
  function removeWhere(pred: (e: (typeof entries)[number]) => boolean): void {
    for (let i = entries.length - 1; i >= 0; i--) if (pred(entries[i])) entries.splice(i, 1);
  }
  class PerformanceObserver {
    constructor(private readonly cb: (list: unknown, observer: unknown) => void) {}
    observe(): void {}
    disconnect(): void {}
    static supportedEntryTypes = ['mark', 'measure'];
  }
  function monitorEventLoopDelay() {
    return {
      enable: () => true,
      disable: () => true,
      reset: () => {},
      get min() { return 0; },
      get max() { return host.eventLoopLagMs() * 1e6; },
      get mean() { return 0; },
      get stddev() { return 0; },
      percentile: () => host.eventLoopLagMs() * 1e6,
      percentiles: new Map(),
      exceeds: 0,
    };
  }
  return { performance, PerformanceObserver, monitorEventLoopDelay, constants: { NODE_PERFORMANCE_GC_MAJOR: 4, NODE_PERFORMANCE_GC_MINOR: 1, NODE_PERFORMANCE_GC_INCREMENTAL: 8, NODE_PERFORMANCE_GC_WEAKCB: 16 } };
}
