// node:url. The WHATWG URL and URLSearchParams (https://url.spec.whatwg.org/) are core-js's, which
// the polyfills install as globals (IDNA via punycode, the spec's percent-encode sets); the table in
// testing/url-cases.ts, taken from host Node, is checked on the engine by engine-compat.test.ts.
// The legacy API (url.parse/format/resolve/resolveObject, Url) follows Node 20's lib/url.js,
// quirks included: backslashes become slashes before the query, whitespace is trimmed, hosts are
// lower-cased and punycoded, characters such as spaces, quotes and braces are escaped, and
// `url.parse('http://a:b')` splits an invalid port into the path. Also fileURLToPath,
// pathToFileURL, domainToASCII/domainToUnicode and urlToHttpOptions from lib/internal/url.js
// (POSIX paths; `{ windows: true }` is not supported).

import { codes } from '../core/errors';
import { ensureUrlGlobals } from './internal/polyfills/url-globals';
import { encodeStr, hexTable } from './internal/url-encoding';
import querystring from './querystring';
import { toASCII as punyToASCII, toUnicode as punyToUnicode } from './punycode';
import { posix as pathPosix } from './path';
import { invalidArgType, validateObject, validateString } from './internal/validators';
import { runtime } from './internal/runtime-hooks';

ensureUrlGlobals();
export const URL: typeof globalThis.URL = (globalThis as any).URL;
export const URLSearchParams: typeof globalThis.URLSearchParams = (globalThis as any).URLSearchParams;

const unsafeProtocol = new Set(['javascript', 'javascript:']);
const hostlessProtocol = new Set(['javascript', 'javascript:']);
const slashedProtocol = new Set(['http', 'http:', 'https', 'https:', 'ftp', 'ftp:', 'gopher', 'gopher:', 'file', 'file:', 'ws', 'ws:', 'wss', 'wss:']);

export interface Url {
  protocol: string | null; slashes: boolean | null; auth: string | null; host: string | null; port: string | null;
  hostname: string | null; hash: string | null; search: string | null; query: string | Record<string, unknown> | null;
  pathname: string | null; path: string | null; href: string | null;
  parse(url: string, parseQueryString?: boolean, slashesDenoteHost?: boolean): Url;
  format(): string;
  resolve(relative: string): string;
  resolveObject(relative: string | Url): Url;
  parseHost(): void;
}

export const Url = function Url(this: Url) {
  this.protocol = null;
  this.slashes = null;
  this.auth = null;
  this.host = null;
  this.port = null;
  this.hostname = null;
  this.hash = null;
  this.search = null;
  this.query = null;
  this.pathname = null;
  this.path = null;
  this.href = null;
} as unknown as { new (): Url; prototype: Url };
Object.defineProperty(Url, 'name', { value: 'Url' });

const protocolPattern = /^[a-z0-9.+-]+:/i;
const portPattern = /:[0-9]*$/;
const hostPattern = /^\/\/[^@/]+@[^@/]+/;
const simplePathPattern = /^(\/\/?(?!\/)[^?\s]*)(\?[^\s]*)?$/;
const hostnameMaxLen = 255;
const forbiddenHostChars = /[\0\t\n\r #%/:<>?@[\\\]^|]/;
const forbiddenHostCharsIpv6 = /[\0\t\n\r #%/<>?@\\^|]/;

export function parse(url: unknown, parseQueryString?: boolean, slashesDenoteHost?: boolean): Url {
  if (url instanceof Url) return url;
  const urlObject = new Url();
  urlObject.parse(url as string, parseQueryString, slashesDenoteHost);
  return urlObject;
}

const isIpv6Hostname = (h: string) => h.charCodeAt(0) === 0x5b && h.charCodeAt(h.length - 1) === 0x5d;

/** The legacy parser's host to ASCII: lower-case, punycode per label; '' when it cannot be encoded. */
function hostToASCII(hostname: string): string {
  try {
    return punyToASCII(hostname.normalize('NFC').toLowerCase());
  } catch {
    return '';
  }
}

Url.prototype.parse = function parse(this: Url, url: string, parseQueryString?: boolean, slashesDenoteHost?: boolean): Url {
  validateString(url, 'url');
  // Trim whitespace (code < 33, NBSP, BOM) and turn backslashes before the query/hash into slashes.
  let hasHash = false;
  let hasAt = false;
  let start = -1;
  let end = -1;
  let rest = '';
  let lastPos = 0;
  for (let i = 0, inWs = false, split = false; i < url.length; ++i) {
    const code = url.charCodeAt(i);
    const isWs = code < 33 || code === 0xa0 || code === 0xfeff;
    if (start === -1) {
      if (isWs) continue;
      lastPos = start = i;
    } else if (inWs) {
      if (!isWs) { end = -1; inWs = false; }
    } else if (isWs) {
      end = i;
      inWs = true;
    }
    if (!split) {
      switch (code) {
        case 0x40: hasAt = true; break;
        case 0x23: hasHash = true; split = true; break;
        case 0x3f: split = true; break;
        case 0x5c:
          if (i - lastPos > 0) rest += url.slice(lastPos, i);
          rest += '/';
          lastPos = i + 1;
          break;
      }
    } else if (!hasHash && code === 0x23) {
      hasHash = true;
    }
  }
  if (start !== -1) {
    if (lastPos === start) {
      if (end === -1) rest = start === 0 ? url : url.slice(start);
      else rest = url.slice(start, end);
    } else if (end === -1 && lastPos < url.length) {
      rest += url.slice(lastPos);
    } else if (end !== -1 && lastPos < end) {
      rest += url.slice(lastPos, end);
    }
  }

  if (!slashesDenoteHost && !hasHash && !hasAt) {
    // A path with an optional query only: the fast path.
    const simplePath = simplePathPattern.exec(rest);
    if (simplePath) {
      this.path = rest;
      this.href = rest;
      this.pathname = simplePath[1];
      if (simplePath[2]) {
        this.search = simplePath[2];
        this.query = parseQueryString ? querystring.parse(this.search.slice(1)) : this.search.slice(1);
      } else if (parseQueryString) {
        this.search = null;
        this.query = Object.create(null);
      }
      return this;
    }
  }

  const protoMatch = protocolPattern.exec(rest);
  let proto: string | undefined;
  let lowerProto: string | undefined;
  if (protoMatch) {
    proto = protoMatch[0];
    lowerProto = proto.toLowerCase();
    this.protocol = lowerProto;
    rest = rest.slice(proto.length);
  }

  let slashes = false;
  if (slashesDenoteHost || proto || hostPattern.test(rest)) {
    slashes = rest.charCodeAt(0) === 0x2f && rest.charCodeAt(1) === 0x2f;
    if (slashes && !(proto && hostlessProtocol.has(lowerProto!))) {
      rest = rest.slice(2);
      this.slashes = true;
    }
  }

  if (!hostlessProtocol.has(lowerProto!) && (slashes || (proto && !slashedProtocol.has(proto)))) {
    // The host ends at the first / ? # (or at characters that cannot be in a host).
    let hostEnd = -1;
    let atSign = -1;
    let nonHost = -1;
    for (let i = 0; i < rest.length; ++i) {
      switch (rest.charCodeAt(i)) {
        case 0x09: case 0x0a: case 0x0d:
          rest = rest.slice(0, i) + rest.slice(i + 1);
          i -= 1;
          break;
        case 0x20: case 0x22: case 0x25: case 0x27: case 0x3b: case 0x3c: case 0x3e: case 0x5c: case 0x5e: case 0x60: case 0x7b: case 0x7c: case 0x7d:
          if (nonHost === -1) nonHost = i;
          break;
        case 0x23: case 0x2f: case 0x3f:
          if (nonHost === -1) nonHost = i;
          hostEnd = i;
          break;
        case 0x40:
          atSign = i;
          nonHost = -1;
          break;
      }
      if (hostEnd !== -1) break;
    }
    let hostStart = 0;
    if (atSign !== -1) {
      this.auth = decodeURIComponent(rest.slice(0, atSign));
      hostStart = atSign + 1;
    }
    if (nonHost === -1) {
      this.host = rest.slice(hostStart);
      rest = '';
    } else {
      this.host = rest.slice(hostStart, nonHost);
      rest = rest.slice(nonHost);
    }
    this.parseHost();
    if (typeof this.hostname !== 'string') this.hostname = '';
    const hostname: string = this.hostname!;
    const ipv6Hostname = isIpv6Hostname(hostname);
    if (!ipv6Hostname) rest = getHostname(this, rest, hostname, url);
    this.hostname = this.hostname!.length > hostnameMaxLen ? '' : this.hostname!.toLowerCase();
    if (this.hostname !== '') {
      if (ipv6Hostname) {
        if (forbiddenHostCharsIpv6.test(this.hostname)) throw invalidUrl(url);
      } else {
        this.hostname = hostToASCII(this.hostname);
        if (this.hostname === '' || forbiddenHostChars.test(this.hostname)) throw invalidUrl(url);
      }
    }
    const p = this.port ? `:${this.port}` : '';
    this.host = (this.hostname || '') + p;
    if (ipv6Hostname) {
      this.hostname = this.hostname.slice(1, -1);
      if (rest[0] !== '/') rest = `/${rest}`;
    }
  }

  if (!unsafeProtocol.has(lowerProto!)) rest = autoEscapeStr(rest);

  let questionIdx = -1;
  let hashIdx = -1;
  for (let i = 0; i < rest.length; ++i) {
    const code = rest.charCodeAt(i);
    if (code === 0x23) {
      this.hash = rest.slice(i);
      hashIdx = i;
      break;
    } else if (code === 0x3f && questionIdx === -1) {
      questionIdx = i;
    }
  }
  if (questionIdx !== -1) {
    if (hashIdx === -1) {
      this.search = rest.slice(questionIdx);
      this.query = rest.slice(questionIdx + 1);
    } else {
      this.search = rest.slice(questionIdx, hashIdx);
      this.query = rest.slice(questionIdx + 1, hashIdx);
    }
    if (parseQueryString) this.query = querystring.parse(this.query);
  } else if (parseQueryString) {
    this.search = null;
    this.query = Object.create(null);
  }
  const useQuestionIdx = questionIdx !== -1 && (hashIdx === -1 || questionIdx < hashIdx);
  const firstIdx = useQuestionIdx ? questionIdx : hashIdx;
  if (firstIdx === -1) {
    if (rest.length > 0) this.pathname = rest;
  } else if (firstIdx > 0) {
    this.pathname = rest.slice(0, firstIdx);
  }
  if (slashedProtocol.has(lowerProto!) && this.hostname && !this.pathname) this.pathname = '/';
  if (this.pathname || this.search) this.path = (this.pathname || '') + (this.search || '');
  this.href = this.format();
  return this;
};

function invalidUrl(input: string): TypeError {
  const e = new codes.ERR_INVALID_URL();
  (e as unknown as { input: string }).input = input;
  return e;
}

let warnInvalidPort = true;
function getHostname(self: Url, rest: string, hostname: string, url: string): string {
  for (let i = 0; i < hostname.length; ++i) {
    const code = hostname.charCodeAt(i);
    if (code === 0x2f || code === 0x5c || code === 0x23 || code === 0x3f || code === 0x3a) {
      if (warnInvalidPort && code === 0x3a) {
        runtime.emitWarning(`The URL ${url} is invalid. Future versions of Node.js will throw an error.`, 'DeprecationWarning', 'DEP0170');
        warnInvalidPort = false;
      }
      self.hostname = hostname.slice(0, i);
      return `/${hostname.slice(i)}${rest}`;
    }
  }
  return rest;
}

// Characters the legacy parser escapes in the path, query and hash.
const autoEscaped: Record<number, string> = {
  0x09: '%09', 0x0a: '%0A', 0x0d: '%0D', 0x20: '%20', 0x22: '%22', 0x27: '%27', 0x3c: '%3C', 0x3e: '%3E',
  0x5c: '%5C', 0x5e: '%5E', 0x60: '%60', 0x7b: '%7B', 0x7c: '%7C', 0x7d: '%7D',
};
function autoEscapeStr(rest: string): string {
  let escaped = '';
  let lastEscapedPos = 0;
  for (let i = 0; i < rest.length; ++i) {
    const e = autoEscaped[rest.charCodeAt(i)];
    if (e) {
      if (i > lastEscapedPos) escaped += rest.slice(lastEscapedPos, i);
      escaped += e;
      lastEscapedPos = i + 1;
    }
  }
  if (lastEscapedPos === 0) return rest;
  if (lastEscapedPos < rest.length) escaped += rest.slice(lastEscapedPos);
  return escaped;
}

const noEscapeAuth = new Int8Array(128);
for (const c of "!'()*-._~:0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz") noEscapeAuth[c.charCodeAt(0)] = 1;

Url.prototype.format = function format(this: Url): string {
  let auth = this.auth || '';
  if (auth) auth = `${encodeStr(auth, noEscapeAuth, hexTable)}@`;
  let protocol = this.protocol || '';
  let pathname = this.pathname || '';
  let hash = this.hash || '';
  let host = '';
  let query = '';
  if (this.host) {
    host = auth + this.host;
  } else if (this.hostname) {
    host = auth + (this.hostname.includes(':') && !isIpv6Hostname(this.hostname) ? `[${this.hostname}]` : this.hostname);
    if (this.port) host += `:${this.port}`;
  }
  if (this.query !== null && typeof this.query === 'object') query = querystring.stringify(this.query);
  let search = this.search || (query && `?${query}`) || '';
  if (protocol && protocol.charCodeAt(protocol.length - 1) !== 58) protocol += ':';
  pathname = pathname.replace(/[#?]/g, (c) => (c === '#' ? '%23' : '%3F'));
  if (this.slashes || slashedProtocol.has(protocol)) {
    if (this.slashes || host) {
      if (pathname && pathname.charCodeAt(0) !== 0x2f) pathname = `/${pathname}`;
      host = `//${host}`;
    } else if (protocol.length >= 4 && protocol.startsWith('file')) {
      host = '//';
    }
  }
  search = search.replace(/#/g, '%23');
  if (hash && hash.charCodeAt(0) !== 0x23) hash = `#${hash}`;
  if (search && search.charCodeAt(0) !== 0x3f) search = `?${search}`;
  return protocol + host + pathname + search + hash;
};

Url.prototype.resolve = function resolve(this: Url, relative: string): string {
  return this.resolveObject(parse(relative, false, true)).format();
};

Url.prototype.resolveObject = function resolveObject(this: Url, relativeArg: string | Url): Url {
  let relative: Url;
  if (typeof relativeArg === 'string') {
    relative = new Url();
    relative.parse(relativeArg, false, true);
  } else {
    relative = relativeArg;
  }
  const result = new Url();
  Object.assign(result, this);
  result.hash = relative.hash;
  if (relative.href === '') {
    result.href = result.format();
    return result;
  }
  // A protocol-relative reference ("//host/path") keeps only our protocol.
  if (relative.slashes && !relative.protocol) {
    for (const key of Object.keys(relative)) if (key !== 'protocol') (result as any)[key] = (relative as any)[key];
    if (slashedProtocol.has(result.protocol!) && result.hostname && !result.pathname) result.path = result.pathname = '/';
    result.href = result.format();
    return result;
  }
  if (relative.protocol && relative.protocol !== result.protocol) {
    if (!slashedProtocol.has(relative.protocol)) {
      Object.assign(result, relative);
      result.href = result.format();
      return result;
    }
    result.protocol = relative.protocol;
    if (!relative.host && !/^file:?$/.test(relative.protocol) && !hostlessProtocol.has(relative.protocol)) {
      const relPath = (relative.pathname || '').split('/');
      while (relPath.length && !(relative.host = relPath.shift()!));
      if (!relative.host) relative.host = '';
      if (!relative.hostname) relative.hostname = '';
      if (relPath[0] !== '') relPath.unshift('');
      if (relPath.length < 2) relPath.unshift('');
      result.pathname = relPath.join('/');
    } else {
      result.pathname = relative.pathname;
    }
    result.search = relative.search;
    result.query = relative.query;
    result.host = relative.host || '';
    result.auth = relative.auth;
    result.hostname = relative.hostname || relative.host;
    result.port = relative.port;
    if (result.pathname || result.search) result.path = (result.pathname || '') + (result.search || '');
    result.slashes = result.slashes || relative.slashes;
    result.href = result.format();
    return result;
  }

  const isSourceAbs = !!result.pathname && result.pathname.charAt(0) === '/';
  const isRelAbs = !!relative.host || (!!relative.pathname && relative.pathname.charAt(0) === '/');
  let mustEndAbs: unknown = isRelAbs || isSourceAbs || (result.host && relative.pathname);
  const removeAllDots = mustEndAbs;
  let srcPath: (string | undefined)[] = (result.pathname && result.pathname.split('/')) || [];
  const relPath: (string | undefined)[] = (relative.pathname && relative.pathname.split('/')) || [];
  const noLeadingSlashes = result.protocol && !slashedProtocol.has(result.protocol);

  // URLs without leading slashes ("mailto:a@b") keep their "host" in the path.
  if (noLeadingSlashes) {
    result.hostname = '';
    result.port = null;
    if (result.host) {
      if (srcPath[0] === '') srcPath[0] = result.host; else srcPath.unshift(result.host);
    }
    result.host = '';
    if (relative.protocol) {
      relative.hostname = null;
      relative.port = null;
      result.auth = null;
      if (relative.host) {
        if (relPath[0] === '') relPath[0] = relative.host; else relPath.unshift(relative.host);
      }
      relative.host = null;
    }
    mustEndAbs = mustEndAbs && (relPath[0] === '' || srcPath[0] === '');
  }

  if (isRelAbs) {
    if (relative.host || relative.host === '') {
      if (result.host !== relative.host) result.auth = null;
      result.host = relative.host;
      result.port = relative.port;
    }
    if (relative.hostname || relative.hostname === '') {
      if (result.hostname !== relative.hostname) result.auth = null;
      result.hostname = relative.hostname;
    }
    result.search = relative.search;
    result.query = relative.query;
    srcPath = relPath;
  } else if (relPath.length) {
    srcPath.pop();
    srcPath = srcPath.concat(relPath);
    result.search = relative.search;
    result.query = relative.query;
  } else if (relative.search !== null && relative.search !== undefined) {
    // Only the query changes.
    if (noLeadingSlashes) {
      result.hostname = result.host = srcPath.shift() as string;
      const authInHost = result.host && result.host.indexOf('@') > 0 && result.host.split('@');
      if (authInHost) {
        result.auth = authInHost.shift()!;
        result.host = result.hostname = authInHost.shift()!;
      }
    }
    result.search = relative.search;
    result.query = relative.query;
    if (result.pathname !== null || result.search !== null) result.path = (result.pathname ? result.pathname : '') + (result.search ? result.search : '');
    result.href = result.format();
    return result;
  }

  if (!srcPath.length) {
    result.pathname = null;
    result.path = result.search ? `/${result.search}` : null;
    result.href = result.format();
    return result;
  }

  // Resolve "." and ".." segments (RFC 3986 §5.2.4, as the legacy module does it).
  let last = srcPath.slice(-1)[0];
  const hasTrailingSlash = ((result.host || relative.host || srcPath.length > 1) && (last === '.' || last === '..')) || last === '';
  let up = 0;
  for (let i = srcPath.length - 1; i >= 0; i--) {
    last = srcPath[i];
    if (last === '.') {
      srcPath.splice(i, 1);
    } else if (last === '..') {
      srcPath.splice(i, 1);
      up++;
    } else if (up) {
      srcPath.splice(i, 1);
      up--;
    }
  }
  if (!mustEndAbs && !removeAllDots) while (up--) srcPath.unshift('..');
  if (mustEndAbs && srcPath[0] !== '' && (!srcPath[0] || srcPath[0].charAt(0) !== '/')) srcPath.unshift('');
  if (hasTrailingSlash && srcPath.join('/').slice(-1) !== '/') srcPath.push('');
  const isAbsolute = srcPath[0] === '' || (!!srcPath[0] && srcPath[0].charAt(0) === '/');
  if (noLeadingSlashes) {
    result.hostname = result.host = isAbsolute ? '' : srcPath.length ? srcPath.shift() as string : '';
    const authInHost = result.host && result.host.indexOf('@') > 0 ? result.host.split('@') : false;
    if (authInHost) {
      result.auth = authInHost.shift()!;
      result.host = result.hostname = authInHost.shift()!;
    }
  }
  mustEndAbs = mustEndAbs || (result.host && srcPath.length);
  if (mustEndAbs && !isAbsolute) srcPath.unshift('');
  if (!srcPath.length) {
    result.pathname = null;
    result.path = null;
  } else {
    result.pathname = srcPath.join('/');
  }
  if (result.pathname !== null || result.search !== null) result.path = (result.pathname ? result.pathname : '') + (result.search ? result.search : '');
  result.auth = relative.auth || result.auth;
  result.slashes = result.slashes || relative.slashes;
  result.href = result.format();
  return result;
};

Url.prototype.parseHost = function parseHost(this: Url): void {
  let host = this.host!;
  const portMatch = portPattern.exec(host);
  if (portMatch) {
    const port = portMatch[0];
    if (port !== ':') this.port = port.slice(1);
    host = host.slice(0, host.length - port.length);
  }
  if (host) this.hostname = host;
};

export function resolve(source: string, relative: string): string {
  return parse(source, false, true).resolve(relative);
}

export function resolveObject(source: string, relative: string | Url): Url | string {
  if (!source) return relative;
  return parse(source, false, true).resolveObject(relative);
}

export function format(urlObject: unknown, options?: { fragment?: boolean; unicode?: boolean; search?: boolean; auth?: boolean }): string {
  if (typeof urlObject === 'string') {
    urlObject = parse(urlObject);
  } else if (typeof urlObject !== 'object' || urlObject === null) {
    throw invalidArgType('urlObject', ['Object', 'string'], urlObject);
  } else if (urlObject instanceof URL) {
    let fragment = true;
    let unicode = false;
    let search = true;
    let auth = true;
    if (options) {
      validateObject(options, 'options');
      if (options.fragment != null) fragment = Boolean(options.fragment);
      if (options.unicode != null) unicode = Boolean(options.unicode);
      if (options.search != null) search = Boolean(options.search);
      if (options.auth != null) auth = Boolean(options.auth);
    }
    return formatWhatwg(urlObject, fragment, unicode, search, auth);
  }
  return Url.prototype.format.call(urlObject as Url);
}

function formatWhatwg(u: globalThis.URL, fragment: boolean, unicode: boolean, search: boolean, auth: boolean): string {
  let out = u.protocol;
  const hasHost = u.host !== '' || u.href.startsWith(`${u.protocol}//`);
  if (hasHost) {
    out += '//';
    if (auth && (u.username || u.password)) out += `${u.username}${u.password ? `:${u.password}` : ''}@`;
    out += unicode ? domainToUnicode(u.hostname) : u.hostname;
    if (u.port) out += `:${u.port}`;
  }
  out += u.pathname;
  if (search) out += u.search;
  if (fragment) out += u.hash;
  return out;
}

export function domainToASCII(domain: string): string {
  if (arguments.length < 1) throw new codes.ERR_MISSING_ARGS('domain');
  try {
    return new URL(`ws://${domain}`).hostname;
  } catch {
    return '';
  }
}

export function domainToUnicode(domain: string): string {
  if (arguments.length < 1) throw new codes.ERR_MISSING_ARGS('domain');
  const ascii = domainToASCII(`${domain}`);
  if (ascii === '' && `${domain}` !== '') return '';
  try {
    return punyToUnicode(ascii);
  } catch {
    return '';
  }
}

export function urlToHttpOptions(url: globalThis.URL): Record<string, unknown> {
  const { hostname, pathname, port, username, password, search } = url;
  const options: Record<string, unknown> = Object.assign(Object.create(null), {
    ...url,
    protocol: url.protocol,
    hostname: hostname && hostname[0] === '[' ? hostname.slice(1, -1) : hostname,
    hash: url.hash,
    search,
    pathname,
    path: `${pathname || ''}${search || ''}`,
    href: url.href,
  });
  if (port !== '') options.port = Number(port);
  if (username || password) options.auth = `${decodeURIComponent(username)}:${decodeURIComponent(password)}`;
  return options;
}

function isURL(v: unknown): v is globalThis.URL {
  return v instanceof URL || (v != null && typeof (v as { href?: unknown }).href === 'string' && typeof (v as { protocol?: unknown }).protocol === 'string' &&
    (v as { auth?: unknown }).auth === undefined && (v as { path?: unknown }).path === undefined);
}

export function fileURLToPath(path: string | globalThis.URL): string {
  let url: globalThis.URL;
  if (typeof path === 'string') url = new URL(path);
  else if (!isURL(path)) throw invalidArgType('path', ['string', 'URL'], path);
  else url = path;
  if (url.protocol !== 'file:') throw new codes.ERR_INVALID_URL_SCHEME('file');
  if (url.hostname !== '') throw new codes.ERR_INVALID_FILE_URL_HOST('linux');
  const pathname = url.pathname;
  for (let n = 0; n < pathname.length; n++) {
    if (pathname[n] === '%') {
      const third = pathname.codePointAt(n + 2)! | 0x20;
      if (pathname[n + 1] === '2' && third === 102) throw new codes.ERR_INVALID_FILE_URL_PATH('must not include encoded / characters');
    }
  }
  return decodeURIComponent(pathname);
}

// Node's encodePathChars(), in its order ('%' first so the escapes themselves survive).
const pathEscapes: [string, string][] = [['%', '%25'], ['\t', '%09'], ['\n', '%0A'], ['\r', '%0D'], [' ', '%20'], ['"', '%22'], ['#', '%23'],
  ['?', '%3F'], ['[', '%5B'], ['\\', '%5C'], [']', '%5D'], ['^', '%5E'], ['|', '%7C'], ['~', '%7E']];

export function pathToFileURL(filepath: string): globalThis.URL {
  validateString(filepath, 'path');
  let resolved = pathPosix.resolve(filepath);
  if (filepath.charCodeAt(filepath.length - 1) === 0x2f && resolved[resolved.length - 1] !== '/') resolved += '/';
  for (const [ch, rep] of pathEscapes) if (resolved.includes(ch)) resolved = resolved.split(ch).join(rep);
  return new URL(`file://${resolved}`);
}

const urlModule = {
  Url, parse, resolve, resolveObject, format, URL, URLSearchParams, domainToASCII, domainToUnicode, pathToFileURL, fileURLToPath, urlToHttpOptions,
};
export default urlModule;
