// WeakRef and FinalizationRegistry for an engine without weak references (QuickJS 2021-03-27).
// The specification never requires a collector to collect (ECMA-262 9.10, "WeakRef Processing
// Model": deref() returns the target until the agent chooses to clear it; cleanup callbacks may
// never run), so an implementation that holds its targets strongly conforms. It is what Nephos
// has: deref() always returns the target, and FinalizationRegistry callbacks never run.
// Consequence (docs/compat-matrix.md): a cache built on WeakRefs keeps its values alive, where V8
// would let them go; code that merely feature-detects these classes, or uses them to avoid keeping
// something alive, works.

function canBeHeldWeakly(v: unknown): boolean {
  return (typeof v === 'object' && v !== null) || typeof v === 'function' || (typeof v === 'symbol' && Symbol.keyFor(v) === undefined);
}

export class WeakRef<T extends object> {
  #target: T;
  constructor(target: T) {
    if (!canBeHeldWeakly(target)) throw new TypeError('WeakRef: invalid target');
    this.#target = target;
  }
  deref(): T | undefined {
    return this.#target;
  }
}
Object.defineProperty(WeakRef.prototype, Symbol.toStringTag, { value: 'WeakRef', configurable: true });

export class FinalizationRegistry<T> {
  #cells: { target: object; held: T; token?: object }[] = [];
  constructor(cleanup: (held: T) => void) {
    if (typeof cleanup !== 'function') throw new TypeError('FinalizationRegistry: cleanup must be callable');
  }
  register(target: object, held: T, token?: object): void {
    if (!canBeHeldWeakly(target)) throw new TypeError('FinalizationRegistry.prototype.register: invalid target');
    if (Object.is(target, held)) throw new TypeError('FinalizationRegistry.prototype.register: target and holdings must not be same');
    if (token !== undefined && !canBeHeldWeakly(token)) throw new TypeError('FinalizationRegistry.prototype.register: invalid unregister token');
    // Only tokens are remembered: targets are never collected, so nothing else is needed.
    if (token !== undefined) this.#cells.push({ target: token, held, token });
  }
  unregister(token: object): boolean {
    if (!canBeHeldWeakly(token)) throw new TypeError('Invalid unregisterToken');
    const before = this.#cells.length;
    this.#cells = this.#cells.filter((c) => c.token !== token);
    return this.#cells.length !== before;
  }
}
Object.defineProperty(FinalizationRegistry.prototype, Symbol.toStringTag, { value: 'FinalizationRegistry', configurable: true });
for (const C of [WeakRef, FinalizationRegistry]) Object.defineProperty(C, 'name', { value: C === WeakRef ? 'WeakRef' : 'FinalizationRegistry' });
