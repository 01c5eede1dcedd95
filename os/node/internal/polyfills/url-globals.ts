// The global URL and URLSearchParams: core-js's WHATWG implementation (core-js.ts installUrl)
// given Node 20's outward shape: a failed parse throws TypeError [ERR_INVALID_URL] 'Invalid URL'
// with `input` (and `base`) properties, and util.inspect shows a URL as Node does (every
// component) and URLSearchParams as `URLSearchParams { 'a' => '1' }`. What core-js lacks or words
// otherwise is added here: UTS #46 validity of "xn--" labels (core-js re-encodes invalid ones), the
// href setter's ERR_INVALID_URL, URLSearchParams' ERR_INVALID_TUPLE for bad pairs (checked while
// the init iterable is read once), and URL.createObjectURL/revokeObjectURL (internal/blob-urls.ts).
// An engine with its own URL (host Node in tests) is left alone. Idempotent: url.ts and
// installPolyfills both call it.

import { codes } from '../../../core/errors';
import { installUrl } from './core-js';
import { decode as punyDecode } from '../../punycode';
import { registerBlob, revokeBlobUrl } from '../blob-urls';

const kWrapped = Symbol.for('nephos.url.wrapped');
const customInspect = Symbol.for('nodejs.util.inspect.custom');
type InspectFn = (v: unknown, o?: object) => string;

export function ensureUrlGlobals(global: typeof globalThis = globalThis): void {
  const g = global as any;
  if (g.URL && (g.URL[kWrapped] || /\[native code\]/.test(Function.prototype.toString.call(g.URL)))) return;
  installUrl();
  const CoreURL = g.URL as typeof URL;
  if (!CoreURL || (CoreURL as any)[kWrapped]) return;

  const invalidUrl = (input: unknown, base?: unknown) => {
    const e = new codes.ERR_INVALID_URL() as TypeError & { input?: string; base?: string };
    e.input = `${input}`;
    if (base !== undefined) e.base = `${base}`;
    return e;
  };
  const hrefSetter = Object.getOwnPropertyDescriptor(CoreURL.prototype, 'href')?.set;

  class NodeURL extends CoreURL {
    constructor(input: string | URL, base?: string | URL) {
      try {
        if (base === undefined) super(input); else super(input, base);
      } catch {
        throw invalidUrl(input, base);
      }
      if (!validIdnaHost(this.hostname)) throw invalidUrl(input, base);
    }
    static createObjectURL(obj: unknown): string {
      const BlobCtor = (globalThis as { Blob?: Function }).Blob;
      if (!BlobCtor || !(obj instanceof BlobCtor)) throw new codes.ERR_INVALID_ARG_TYPE('obj', 'Blob', obj);
      return registerBlob(obj, (globalThis as unknown as { crypto: { randomUUID(): string } }).crypto.randomUUID());
    }
    static revokeObjectURL(url: unknown): void {
      if (arguments.length === 0) throw new codes.ERR_MISSING_ARGS('url');
      revokeBlobUrl(`${url}`);
    }
    [customInspect](depth: number, opts: { showHidden?: boolean }, inspect: InspectFn): unknown {
      if (typeof depth === 'number' && depth < 0) return this;
      const ctor = (this.constructor as { name?: string }) || NodeURL;
      const obj: Record<string, unknown> = Object.create({ constructor: ctor });
      for (const key of ['href', 'origin', 'protocol', 'username', 'password', 'host', 'hostname', 'port', 'pathname', 'search', 'searchParams', 'hash']) {
        obj[key] = (this as unknown as Record<string, unknown>)[key];
      }
      return `${ctor.name} ${inspect(obj, opts)}`;
    }
  }
  const hrefGetter = Object.getOwnPropertyDescriptor(CoreURL.prototype, 'href')?.get;
  if (hrefGetter && hrefSetter) {
    Object.defineProperty(NodeURL.prototype, 'href', {
      get(this: URL) { return hrefGetter.call(this); },
      set(this: URL, value: string) {
        try {
          hrefSetter.call(this, value);
        } catch {
          throw invalidUrl(value);
        }
      },
      enumerable: true, configurable: true,
    });
  }
  Object.defineProperty(NodeURL, 'name', { value: 'URL' });
  Object.defineProperty(NodeURL, kWrapped, { value: true });
  Object.defineProperty(g, 'URL', { value: NodeURL, writable: true, configurable: true, enumerable: false });

  const SP = g.URLSearchParams as typeof URLSearchParams;
  // Node's constructor checks every pair of an iterable init (ERR_INVALID_TUPLE); the iterable is
  // read once here and handed to core-js as an array. The wrapper shares SP's prototype, so the
  // searchParams core-js makes for URLs are `instanceof URLSearchParams` too.
  const NodeSearchParams = function URLSearchParams(this: unknown, init?: unknown) {
    if (!new.target) throw new TypeError("Class constructor URLSearchParams cannot be invoked without 'new'");
    let arg = init;
    if (init !== null && typeof init === 'object' && !(init instanceof SP) && typeof (init as { [Symbol.iterator]?: unknown })[Symbol.iterator] === 'function') {
      const pairs: [string, string][] = [];
      for (const pair of init as Iterable<unknown>) {
        if (pair == null || (typeof pair !== 'object' && typeof pair !== 'function') || typeof (pair as { [Symbol.iterator]?: unknown })[Symbol.iterator] !== 'function') {
          throw new codes.ERR_INVALID_TUPLE('Each query pair', '[name, value]');
        }
        const converted = [...(pair as Iterable<unknown>)];
        if (converted.length !== 2) throw new codes.ERR_INVALID_TUPLE('Each query pair', '[name, value]');
        pairs.push([`${converted[0]}`, `${converted[1]}`]);
      }
      arg = pairs;
    }
    return Reflect.construct(SP, arg === undefined ? [] : [arg], new.target);
  } as unknown as typeof URLSearchParams;
  NodeSearchParams.prototype = SP.prototype;
  Object.defineProperty(NodeSearchParams, 'name', { value: 'URLSearchParams' });
  Object.defineProperty(SP.prototype, 'constructor', { value: NodeSearchParams, writable: true, configurable: true, enumerable: false });
  Object.defineProperty(g, 'URLSearchParams', { value: NodeSearchParams, writable: true, configurable: true, enumerable: false });
  Object.defineProperty(SP.prototype, customInspect, {
    value: function inspectSearchParams(this: URLSearchParams, recurseTimes: number | null, ctx: { breakLength: number; stylize(s: string, t: string): string }, inspect: InspectFn) {
      if (typeof recurseTimes === 'number' && recurseTimes < 0) return ctx.stylize('[Object]', 'special');
      const inner = { ...ctx, depth: recurseTimes === null ? null : recurseTimes - 1 };
      const output: string[] = [];
      this.forEach((value, key) => output.push(`${inspect(key, inner)} => ${inspect(value, inner)}`));
      const length = output.reduce((prev, cur) => prev + cur.replace(/\u001b\[\d\d?m/g, '').length + 2, -2);
      const name = (this.constructor as { name: string }).name;
      if (length > ctx.breakLength) return `${name} {\n  ${output.join(',\n  ')} }`;
      if (output.length) return `${name} { ${output.join(', ')} }`;
      return `${name} {}`;
    },
    writable: true, configurable: true, enumerable: false,
  });
}

/**
 * UTS #46 section 4.1 (validity criteria) for labels written in Punycode: an "xn--" label must
 * decode, must not decode to all-ASCII, and its decoded form must not itself begin with "xn--".
 */
function validIdnaHost(hostname: string): boolean {
  if (!hostname.includes('xn--')) return true;
  for (const label of hostname.split('.')) {
    if (!label.startsWith('xn--')) continue;
    let decoded: string;
    try {
      decoded = punyDecode(label.slice(4));
    } catch {
      return false;
    }
    if (decoded.startsWith('xn--') || /^[\x00-\x7f]*$/.test(decoded)) return false;
  }
  return true;
}
