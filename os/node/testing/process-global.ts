// Test-only stand-in for 'process' / 'process/' imports (readable-stream's) in the engine-compat
// bundle: the process object the prelude installed.
const p = (globalThis as any).process;
export default p;
export const nextTick = (fn: (...a: unknown[]) => void, ...args: unknown[]) => p.nextTick(fn, ...args);
