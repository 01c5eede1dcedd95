// The built-ins QuickJS 2021-03-27 lacks, from core-js (https://github.com/zloirock/core-js), one
// module per feature so the bundle carries only these. Each `require` below runs when
// installCoreJs() is called, not at bundle load (esbuild wraps CommonJS modules lazily), so the
// stack-trace API is in place first: core-js's Error-cause wrapper captures
// `Error.captureStackTrace` when it loads and calls it for every error constructed.
//
// core-js installs on the real global object and only where the engine's own feature is missing
// or broken, so on a modern engine (host Node in unit tests) most of these are no-ops.

import { lazyProperty } from './lazy';

const TypedArrayProto = Object.getPrototypeOf(Uint8Array.prototype) as object;
const ArrayProto = Array.prototype;
const StringProto = String.prototype;
const SetProto = Set.prototype;

export function installCoreJs(): void {
  // ES2022 Error cause is patched into the engine (kernel/engine/patches/0001-error-cause.patch);
  // core-js's version wraps every Error constructor and costs ~80 modules at boot. Under host Node
  // (unit tests) the engine has it natively. Everything below loads when first used (lazy.ts).
  // ES2022: Object.hasOwn, .at()
  lazyProperty(Object, 'hasOwn', () => require('core-js/modules/es.object.has-own.js'));
  lazyProperty(ArrayProto, 'at', () => require('core-js/modules/es.array.at.js'));
  lazyProperty(StringProto, 'at', () => require('core-js/modules/es.string.at-alternative.js'));
  lazyProperty(TypedArrayProto, 'at', () => require('core-js/modules/es.typed-array.at.js'));
  // ES2023: findLast, change-array-by-copy
  lazyProperty(ArrayProto, 'findLast', () => require('core-js/modules/es.array.find-last.js'));
  lazyProperty(ArrayProto, 'findLastIndex', () => require('core-js/modules/es.array.find-last-index.js'));
  lazyProperty(TypedArrayProto, 'findLast', () => require('core-js/modules/es.typed-array.find-last.js'));
  lazyProperty(TypedArrayProto, 'findLastIndex', () => require('core-js/modules/es.typed-array.find-last-index.js'));
  lazyProperty(ArrayProto, 'toReversed', () => require('core-js/modules/es.array.to-reversed.js'));
  lazyProperty(ArrayProto, 'toSorted', () => require('core-js/modules/es.array.to-sorted.js'));
  lazyProperty(ArrayProto, 'toSpliced', () => require('core-js/modules/es.array.to-spliced.js'));
  lazyProperty(ArrayProto, 'with', () => require('core-js/modules/es.array.with.js'));
  lazyProperty(TypedArrayProto, 'toReversed', () => require('core-js/modules/es.typed-array.to-reversed.js'));
  lazyProperty(TypedArrayProto, 'toSorted', () => require('core-js/modules/es.typed-array.to-sorted.js'));
  lazyProperty(TypedArrayProto, 'with', () => require('core-js/modules/es.typed-array.with.js'));
  // ES2024: well-formed strings, groupBy, Promise.withResolvers
  lazyProperty(StringProto, 'isWellFormed', () => require('core-js/modules/es.string.is-well-formed.js'));
  lazyProperty(StringProto, 'toWellFormed', () => require('core-js/modules/es.string.to-well-formed.js'));
  lazyProperty(Object, 'groupBy', () => require('core-js/modules/es.object.group-by.js'));
  lazyProperty(Map, 'groupBy', () => require('core-js/modules/es.map.group-by.js'));
  lazyProperty(Promise, 'withResolvers', () => require('core-js/modules/es.promise.with-resolvers.js'));
  // ES2025: Set methods; Array.fromAsync
  lazyProperty(SetProto, 'union', () => require('core-js/modules/es.set.union.v2.js'));
  lazyProperty(SetProto, 'intersection', () => require('core-js/modules/es.set.intersection.v2.js'));
  lazyProperty(SetProto, 'difference', () => require('core-js/modules/es.set.difference.v2.js'));
  lazyProperty(SetProto, 'symmetricDifference', () => require('core-js/modules/es.set.symmetric-difference.v2.js'));
  lazyProperty(SetProto, 'isSubsetOf', () => require('core-js/modules/es.set.is-subset-of.v2.js'));
  lazyProperty(SetProto, 'isSupersetOf', () => require('core-js/modules/es.set.is-superset-of.v2.js'));
  lazyProperty(SetProto, 'isDisjointFrom', () => require('core-js/modules/es.set.is-disjoint-from.v2.js'));
  lazyProperty(Array, 'fromAsync', () => require('core-js/modules/es.array.from-async.js'));
}

/** HTML's structuredClone; uses the global DOMException, so install that first. */
export function installStructuredClone(): void {
  require('core-js/modules/web.structured-clone.js');
}

/** WHATWG URL and URLSearchParams (with URL.canParse and URLSearchParams size/has/delete(value)). */
export function installUrl(): void {
  require('core-js/modules/web.url.js');
  require('core-js/modules/web.url.can-parse.js');
  require('core-js/modules/web.url.to-json.js');
  require('core-js/modules/web.url-search-params.js');
  require('core-js/modules/web.url-search-params.delete.js');
  require('core-js/modules/web.url-search-params.has.js');
  require('core-js/modules/web.url-search-params.size.js');
}
