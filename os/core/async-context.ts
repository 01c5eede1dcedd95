// The async context slot: one value that follows a chain of asynchronous work, the basis of
// node:async_hooks' AsyncLocalStorage. The engine carries it through promise jobs (a reaction
// captures it at then()/await, kernel/engine/patches/0002-async-context.patch); the event loop
// carries it through everything else it schedules: timers, immediates, process.nextTick, deferred
// I/O completions and close callbacks capture the slot when scheduled and restore it while their
// callback runs (loop.ts, node/internal/timers.ts, node/internal/ticks.ts).
//
// The value is opaque here (AsyncLocalStorage stores an immutable frame); `undefined` is the empty
// context. In the VM the slot is the engine's (machine.ts); under host Node, tests pass a slot of
// their own (a plain variable, or host Node's AsyncLocalStorage to follow `await`).

export interface AsyncContextSlot {
  get(): unknown;
  set(value: unknown): void;
}

/** A slot that is only a variable: carried by the event loop, not by promise jobs. */
export function variableSlot(): AsyncContextSlot {
  let value: unknown;
  return {
    get: () => value,
    set: (v) => {
      value = v;
    },
  };
}
