// The machine binding: the one file that reads the native op table. It takes the table from the
// global object and deletes the global, so application code can never reach the ops; the rest of
// the OS receives what it needs from here as plain functions and objects.
import type { NativeOps } from './ops';

const g = globalThis as any;
const table: NativeOps | undefined = g.__nephos_ops;
if (table) delete g.__nephos_ops;

/** True inside a Nephos VM; false under host Node (unit tests). */
export const onMetal = table !== undefined;

/** The native ops. Throws under host Node: tests must pass simulated devices instead. */
export const ops: NativeOps = table ?? new Proxy({} as NativeOps, {
  get(_t, name) {
    throw new Error(`native op ${String(name)} used outside a Nephos VM`);
  },
});
