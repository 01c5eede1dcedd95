// Lazy installation of polyfills. Evaluating core-js's modules (and their ~150 internal modules)
// costs milliseconds of boot on this engine, for built-ins most programs never call. So each
// missing built-in starts as an accessor that, on first access, removes itself, loads the module
// that implements the built-in for real, and returns the real value. Afterwards the property is
// exactly what core-js defines (a plain writable, non-enumerable data property).
//
// `name in obj` and `typeof obj.name` behave as with the real built-in; only
// Object.getOwnPropertyDescriptor before first use shows the accessor.
//
// While any lazy load runs, every other lazy accessor answers undefined (as the engine without the
// built-in would) and stays in place: core-js's internals probe for built-ins while they load
// (`Object.hasOwn || fallback`) and must take their fallback rather than start a nested load that
// would see half-initialised modules.

let loadingDepth = 0;

export function lazyProperty(target: object, name: string | symbol, load: () => void): void {
  if (Object.prototype.hasOwnProperty.call(target, name)) return; // the engine has it
  Object.defineProperty(target, name, {
    configurable: true,
    enumerable: false,
    get(this: unknown) {
      if (loadingDepth > 0) return undefined;
      delete (target as Record<string | symbol, unknown>)[name];
      loadingDepth++;
      try {
        load();
      } finally {
        loadingDepth--;
      }
      return (target as Record<string | symbol, unknown>)[name];
    },
    set(this: unknown, value: unknown) {
      // Assigning before first use replaces the polyfill, as it would replace a built-in.
      Object.defineProperty(target, name, { value, writable: true, configurable: true, enumerable: false });
    },
  });
}

/** One loader for several properties (a module that installs all of them). */
export function lazyProperties(target: object, names: (string | symbol)[], load: () => void): void {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    for (const n of names) {
      const d = Object.getOwnPropertyDescriptor(target, n);
      if (d && d.get && d.configurable) delete (target as Record<string | symbol, unknown>)[n];
    }
    load();
  };
  for (const n of names) lazyProperty(target, n, once);
}
