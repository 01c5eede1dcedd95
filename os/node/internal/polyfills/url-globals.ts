// The global URL and URLSearchParams: core-js's WHATWG implementation (core-js.ts installUrl)
// given Node 20's outward shape: a failed parse throws TypeError [ERR_INVALID_URL] 'Invalid URL'
// with `input` (and `base`) properties, and util.inspect shows a URL as Node does (every
// component) and URLSearchParams as `URLSearchParams { 'a' => '1' }`. An engine with its own URL
// (host Node in tests) is left alone. Idempotent: url.ts and installPolyfills both call it.

import { codes } from '../../../core/errors';
import { installUrl } from './core-js';

const kWrapped = Symbol.for('nephos.url.wrapped');
const customInspect = Symbol.for('nodejs.util.inspect.custom');
type InspectFn = (v: unknown, o?: object) => string;

export function ensureUrlGlobals(global: typeof globalThis = globalThis): void {
  const g = global as any;
  if (g.URL && (g.URL[kWrapped] || /\[native code\]/.test(Function.prototype.toString.call(g.URL)))) return;
  installUrl();
  const CoreURL = g.URL as typeof URL;
  if (!CoreURL || (CoreURL as any)[kWrapped]) return;

  class NodeURL extends CoreURL {
    constructor(input: string | URL, base?: string | URL) {
      try {
        if (base === undefined) super(input); else super(input, base);
      } catch {
        const e = new codes.ERR_INVALID_URL() as TypeError & { input?: string; base?: string };
        e.input = `${input}`;
        if (base !== undefined) e.base = `${base}`;
        throw e;
      }
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
  Object.defineProperty(NodeURL, 'name', { value: 'URL' });
  Object.defineProperty(NodeURL, kWrapped, { value: true });
  Object.defineProperty(g, 'URL', { value: NodeURL, writable: true, configurable: true, enumerable: false });

  const SP = g.URLSearchParams as typeof URLSearchParams;
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
