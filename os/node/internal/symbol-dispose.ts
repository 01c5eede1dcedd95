// Symbol.dispose and Symbol.asyncDispose as Node 20 defines them (descriptions 'nodejs.dispose'
// and 'nodejs.asyncDispose'), installed when this module is evaluated. readable-stream captures
// `Symbol.dispose || Symbol(...)` when it loads and events.addAbortListener keys its result by
// Symbol.dispose, so both must see the same symbol: import this module before readable-stream.
const S = Symbol as unknown as Record<string, symbol>;
if (typeof S.dispose !== 'symbol') Object.defineProperty(Symbol, 'dispose', { value: Symbol('nodejs.dispose'), writable: false, enumerable: false, configurable: false });
if (typeof S.asyncDispose !== 'symbol') Object.defineProperty(Symbol, 'asyncDispose', { value: Symbol('nodejs.asyncDispose'), writable: false, enumerable: false, configurable: false });
export {};
