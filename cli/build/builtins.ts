// Node's built-in module names, as the bundler must treat them.
//
// An app's `require('fs')`, `import fs from 'node:fs'` or `import 'fs/promises'` must not be
// bundled from node_modules (Node gives built-ins precedence over a package of the same name, e.g.
// the npm packages `buffer`, `events`, `punycode`, `string_decoder`); the guest's runtime supplies
// them through its `require`. BUILTIN_MODULES is Node 20's `require('module').builtinModules`,
// written out so that the build does not depend on which Node runs nephos. Every `node:`-prefixed
// name is a built-in too (Node 20 has some only under the prefix: node:test, node:sea).

export const BUILTIN_MODULES: readonly string[] = [
  '_http_agent', '_http_client', '_http_common', '_http_incoming', '_http_outgoing', '_http_server',
  '_stream_duplex', '_stream_passthrough', '_stream_readable', '_stream_transform', '_stream_wrap',
  '_stream_writable', '_tls_common', '_tls_wrap', 'assert', 'assert/strict', 'async_hooks', 'buffer',
  'child_process', 'cluster', 'console', 'constants', 'crypto', 'dgram', 'diagnostics_channel', 'dns',
  'dns/promises', 'domain', 'events', 'fs', 'fs/promises', 'http', 'http2', 'https', 'inspector',
  'inspector/promises', 'module', 'net', 'os', 'path', 'path/posix', 'path/win32', 'perf_hooks',
  'process', 'punycode', 'querystring', 'readline', 'readline/promises', 'repl', 'stream',
  'stream/consumers', 'stream/promises', 'stream/web', 'string_decoder', 'sys', 'timers',
  'timers/promises', 'tls', 'trace_events', 'tty', 'url', 'util', 'util/types', 'v8', 'vm', 'wasi',
  'worker_threads', 'zlib',
];

const BARE = new Set(BUILTIN_MODULES);

/**
 * The canonical `node:` name of a built-in module specifier, or undefined when `specifier` is not
 * a built-in (`fs` -> `node:fs`, `node:fs/promises` -> `node:fs/promises`, `lodash` -> undefined).
 */
export function builtinName(specifier: string): string | undefined {
  if (specifier.startsWith('node:')) return specifier.length > 5 ? specifier : undefined;
  return BARE.has(specifier) ? `node:${specifier}` : undefined;
}

/** An esbuild onResolve filter that matches every candidate (checked exactly by builtinName). */
export const BUILTIN_FILTER = new RegExp(`^(node:.+|${BUILTIN_MODULES.map((m) => m.replace('/', '\\/')).join('|')})$`);
