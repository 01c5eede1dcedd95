// The few things the pure node:* modules need from the runtime (process, timers, stdio), behind
// one seam so these modules never read OS globals at load time and run unchanged under host Node
// in tests. The runtime calls configureRuntimeHooks() once process and stdio exist; until then the
// defaults look for `globalThis.process` at call time and otherwise degrade quietly (microtasks
// instead of nextTick, no warnings).

export interface StdioSink {
  write(chunk: string): unknown;
  isTTY?: boolean;
  getColorDepth?(): number;
}

export interface RuntimeHooks {
  /** process.emitWarning(warning, type, code). */
  emitWarning(warning: string | Error, type?: string, code?: string): void;
  /** process.nextTick(fn, ...args). */
  nextTick(fn: (...args: any[]) => void, ...args: unknown[]): void;
  /** process.env (read at call time). */
  env(): Record<string, string | undefined>;
  pid(): number;
  stdout(): StdioSink | undefined;
  stderr(): StdioSink | undefined;
  /** process.noDeprecation / throwDeprecation / traceDeprecation. */
  deprecationFlags(): { noDeprecation: boolean; throwDeprecation: boolean; traceDeprecation: boolean };
}

function proc(): any {
  return (globalThis as any).process;
}

export const runtime: RuntimeHooks = {
  emitWarning(warning, type, code) {
    const p = proc();
    if (p && typeof p.emitWarning === 'function') p.emitWarning(warning, type, code);
  },
  nextTick(fn, ...args) {
    const p = proc();
    if (p && typeof p.nextTick === 'function') p.nextTick(fn, ...args);
    else Promise.resolve().then(() => fn(...args));
  },
  env() {
    return proc()?.env ?? {};
  },
  pid() {
    return proc()?.pid ?? 1;
  },
  stdout() {
    return proc()?.stdout;
  },
  stderr() {
    return proc()?.stderr;
  },
  deprecationFlags() {
    const p = proc();
    return { noDeprecation: !!p?.noDeprecation, throwDeprecation: !!p?.throwDeprecation, traceDeprecation: !!p?.traceDeprecation };
  },
};

export function configureRuntimeHooks(hooks: Partial<RuntimeHooks>): void {
  Object.assign(runtime, hooks);
}
