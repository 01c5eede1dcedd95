// The built-ins QuickJS 2021-03-27 lacks, from core-js (https://github.com/zloirock/core-js), one
// module per feature so the bundle carries only these. Each `require` below runs when
// installCoreJs() is called, not at bundle load (esbuild wraps CommonJS modules lazily), so the
// stack-trace API is in place first: core-js's Error-cause wrapper captures
// `Error.captureStackTrace` when it loads and calls it for every error constructed.
//
// core-js installs on the real global object and only where the engine's own feature is missing
// or broken, so on a modern engine (host Node in unit tests) most of these are no-ops.

export function installCoreJs(): void {
  // ES2022: Object.hasOwn, .at(), Error cause
  require('core-js/modules/es.object.has-own.js');
  require('core-js/modules/es.array.at.js');
  require('core-js/modules/es.string.at-alternative.js');
  require('core-js/modules/es.typed-array.at.js');
  require('core-js/modules/es.error.cause.js');
  require('core-js/modules/es.aggregate-error.cause.js');
  // ES2023: findLast, change-array-by-copy
  require('core-js/modules/es.array.find-last.js');
  require('core-js/modules/es.array.find-last-index.js');
  require('core-js/modules/es.typed-array.find-last.js');
  require('core-js/modules/es.typed-array.find-last-index.js');
  require('core-js/modules/es.array.to-reversed.js');
  require('core-js/modules/es.array.to-sorted.js');
  require('core-js/modules/es.array.to-spliced.js');
  require('core-js/modules/es.array.with.js');
  require('core-js/modules/es.typed-array.to-reversed.js');
  require('core-js/modules/es.typed-array.to-sorted.js');
  require('core-js/modules/es.typed-array.with.js');
  // ES2024: well-formed strings, groupBy, Promise.withResolvers
  require('core-js/modules/es.string.is-well-formed.js');
  require('core-js/modules/es.string.to-well-formed.js');
  require('core-js/modules/es.object.group-by.js');
  require('core-js/modules/es.map.group-by.js');
  require('core-js/modules/es.promise.with-resolvers.js');
  // ES2025: Set methods; Array.fromAsync
  require('core-js/modules/es.set.union.v2.js');
  require('core-js/modules/es.set.intersection.v2.js');
  require('core-js/modules/es.set.difference.v2.js');
  require('core-js/modules/es.set.symmetric-difference.v2.js');
  require('core-js/modules/es.set.is-subset-of.v2.js');
  require('core-js/modules/es.set.is-superset-of.v2.js');
  require('core-js/modules/es.set.is-disjoint-from.v2.js');
  require('core-js/modules/es.array.from-async.js');
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
