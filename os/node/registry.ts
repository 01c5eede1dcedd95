// The built-in module table: every name `require('node:x')` accepts, as Node 20's
// module.builtinModules, mapped to a loader. Loaders run once, on first require (esbuild turns
// the `require` calls below into lazy initialisers, so unused modules cost no start-up time).
// Modules Nephos does not provide yet load as stubs whose functions fail with
// ERR_NOT_SUPPORTED_ON_NEPHOS, so packages that only reference them at load time still load.
import { codes } from '../core/errors';

export const BUILTIN_NAMES = [
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
] as const;

const names = new Set<string>(BUILTIN_NAMES);
/** Only reachable with the node: prefix (Node 20). */
const prefixOnly = new Set(['test', 'test/reporters', 'sea']);

export function isBuiltin(name: string): boolean {
  if (typeof name !== 'string') return false;
  if (name.startsWith('node:')) {
    const bare = name.slice(5);
    return names.has(bare) || prefixOnly.has(bare);
  }
  return names.has(name);
}

export type Loader = () => unknown;

export class BuiltinRegistry {
  private readonly loaders = new Map<string, Loader>();
  private readonly loaded = new Map<string, unknown>();

  define(name: string, loader: Loader): void {
    this.loaders.set(name, loader);
  }

  load(name: string): unknown {
    const bare = name.startsWith('node:') ? name.slice(5) : name;
    if (this.loaded.has(bare)) return this.loaded.get(bare);
    const loader = this.loaders.get(bare);
    let value: unknown;
    if (loader) value = loader();
    else if (names.has(bare) || prefixOnly.has(bare)) value = unsupportedModule(bare);
    else throw new codes.ERR_UNKNOWN_BUILTIN_MODULE(name);
    this.loaded.set(bare, value);
    return value;
  }
}

/** A module object whose every function fails clearly when called. */
export function unsupportedModule(name: string): Record<string, unknown> {
  // Ordinary functions (with a prototype): `x instanceof stub.SomeClass` is false, not a TypeError.
  const fail = (what: string) => function unsupported() {
    throw new codes.ERR_NOT_SUPPORTED_ON_NEPHOS(`node:${name} (${what})`);
  };
  return new Proxy(Object.create(null), {
    get(target, key) {
      if (key in target) return target[key];
      if (typeof key === 'symbol' || key === 'then' || key === '__esModule' || key === 'default') return undefined;
      return fail(String(key));
    },
  });
}
