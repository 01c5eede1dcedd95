// Globals the fs engine check needs before its imports run (the OS installs its own at boot):
// timers for the npm `process` shim's nextTick, and `self.AbortController` for the npm
// `abort-controller` package that readable-stream loads.
import { AbortController, AbortSignal } from '../polyfills/abort';

const g = globalThis as any;
if (typeof g.setTimeout !== 'function') g.setTimeout = (fn: () => void) => { Promise.resolve().then(fn); return 0; };
if (typeof g.clearTimeout !== 'function') g.clearTimeout = () => {};
g.self ??= g;
g.AbortController ??= AbortController;
g.AbortSignal ??= AbortSignal;
