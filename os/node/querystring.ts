// node:querystring as Node 20's lib/querystring.js: parse (sep/eq of any length, maxKeys with 1000
// by default and 0 for no limit, '+' as space, values decoded only when they contain a valid %XX,
// a custom decodeURIComponent applied to everything), stringify (arrays repeat the key, numbers
// beyond 1e21 and non-finite values handled as Node does, a custom encodeURIComponent), escape
// (the unreserved set of RFC 3986 plus !'()*) and unescape (decodeURIComponent, falling back to a
// byte-wise unescape for malformed input). Results have a null prototype, as in Node.

import { Buffer } from './buffer';
import { encodeStr, hexTable, isHexTable, noEscapeTableOf } from './internal/url-encoding';

const unhex = (c: number): number => (c >= 48 && c <= 57 ? c - 48 : c >= 65 && c <= 70 ? c - 55 : c >= 97 && c <= 102 ? c - 87 : -1);

/** Decodes %XX escapes into bytes; a '%' not followed by two hex digits stays literal. */
export function unescapeBuffer(s: string, decodeSpaces?: boolean): Buffer {
  const out = Buffer.allocUnsafe(s.length);
  let index = 0;
  let outIndex = 0;
  const maxLength = s.length - 2;
  let hasHex = false;
  while (index < s.length) {
    let c = s.charCodeAt(index);
    if (c === 43 && decodeSpaces) {
      out[outIndex++] = 32;
      index++;
      continue;
    }
    if (c === 37 && index < maxLength) {
      const hi = unhex(s.charCodeAt(++index));
      if (!(hi >= 0)) {
        out[outIndex++] = 37;
        continue;
      }
      const lo = unhex(s.charCodeAt(++index));
      if (!(lo >= 0)) {
        out[outIndex++] = 37;
        index--;
      } else {
        hasHex = true;
        c = hi * 16 + lo;
      }
    }
    out[outIndex++] = c;
    index++;
  }
  return hasHex ? out.slice(0, outIndex) : out;
}

export function unescape(s: string, decodeSpaces?: boolean): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return querystring.unescapeBuffer(s, decodeSpaces).toString();
  }
}

const noEscape = noEscapeTableOf("!'()*-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

export function escape(str: unknown): string {
  let s: string;
  if (typeof str === 'string') s = str;
  else if (typeof str === 'object') s = String(str);
  else s = `${str}`;
  return encodeStr(s, noEscape, hexTable);
}

function stringifyPrimitive(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return `${v}`;
  if (typeof v === 'bigint') return `${v}`;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return '';
}

function encodeStringified(v: unknown, encode: (s: string) => string): string {
  if (typeof v === 'string') return v.length ? encode(v) : '';
  if (typeof v === 'number' && Number.isFinite(v)) return Math.abs(v) < 1e21 ? `${v}` : encode(`${v}`);
  if (typeof v === 'bigint') return `${v}`;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return '';
}

export function stringify(obj: unknown, sep?: string, eq?: string, options?: { encodeURIComponent?: (s: string) => string }): string {
  sep = sep || '&';
  eq = eq || '=';
  let encode: (s: string) => string = querystring.escape;
  if (options && typeof options.encodeURIComponent === 'function') encode = options.encodeURIComponent;
  const convert = encode === escape ? encodeStringified : (v: unknown, enc: (s: string) => string) => enc(stringifyPrimitive(v));
  if (obj === null || typeof obj !== 'object') return '';
  let fields = '';
  for (const k of Object.keys(obj)) {
    const v = (obj as Record<string, unknown>)[k];
    const ks = convert(k, encode) + eq;
    if (Array.isArray(v)) {
      if (v.length === 0) continue;
      if (fields) fields += sep;
      for (let j = 0; j < v.length; ++j) {
        if (j) fields += sep;
        fields += ks + convert(v[j], encode);
      }
    } else {
      if (fields) fields += sep;
      fields += ks + convert(v, encode);
    }
  }
  return fields;
}

const charCodes = (s: string) => Array.from({ length: s.length }, (_, i) => s.charCodeAt(i));

function decodeStr(s: string, decoder: (s: string) => string): string {
  try {
    return decoder(s);
  } catch {
    return querystring.unescape(s, true);
  }
}

export function parse(qs: unknown, sep?: string, eq?: string, options?: { maxKeys?: number; decodeURIComponent?: (s: string) => string }): Record<string, string | string[]> {
  const obj: Record<string, string | string[]> = Object.create(null);
  if (typeof qs !== 'string' || qs.length === 0) return obj;
  const sepCodes = !sep ? [38] : charCodes(String(sep));
  const eqCodes = !eq ? [61] : charCodes(String(eq));
  const sepLen = sepCodes.length;
  const eqLen = eqCodes.length;
  let pairs = 1000;
  if (options && typeof options.maxKeys === 'number') pairs = options.maxKeys > 0 ? options.maxKeys : -1;
  let decode: (s: string) => string = querystring.unescape;
  if (options && typeof options.decodeURIComponent === 'function') decode = options.decodeURIComponent;
  const customDecode = decode !== unescape;

  let lastPos = 0;
  let sepIdx = 0;
  let eqIdx = 0;
  let key = '';
  let value = '';
  let keyEncoded = customDecode;
  let valEncoded = customDecode;
  const plusChar = customDecode ? '%20' : ' ';
  let encodeCheck = 0;

  const addKeyVal = () => {
    let k = key;
    let v = value;
    if (k.length > 0 && keyEncoded) k = decodeStr(k, decode);
    if (v.length > 0 && valEncoded) v = decodeStr(v, decode);
    const cur = obj[k];
    if (cur === undefined) obj[k] = v;
    else if (Array.isArray(cur)) cur[cur.length] = v;
    else obj[k] = [cur, v];
  };

  for (let i = 0; i < qs.length; ++i) {
    const code = qs.charCodeAt(i);
    if (code === sepCodes[sepIdx]) {
      if (++sepIdx === sepLen) {
        // A whole separator: the pair before it ends here.
        const end = i - sepIdx + 1;
        if (eqIdx < eqLen) {
          if (lastPos < end) {
            key += qs.slice(lastPos, end);
          } else if (key.length === 0) {
            // An empty pair ("&&") counts against maxKeys but adds nothing.
            if (--pairs === 0) return obj;
            lastPos = i + 1;
            sepIdx = eqIdx = 0;
            continue;
          }
        } else if (lastPos < end) {
          value += qs.slice(lastPos, end);
        }
        addKeyVal();
        if (--pairs === 0) return obj;
        keyEncoded = valEncoded = customDecode;
        key = value = '';
        encodeCheck = 0;
        lastPos = i + 1;
        sepIdx = eqIdx = 0;
      }
      continue;
    }
    sepIdx = 0;
    if (eqIdx < eqLen) {
      if (code === eqCodes[eqIdx]) {
        if (++eqIdx === eqLen) {
          const end = i - eqIdx + 1;
          if (lastPos < end) key += qs.slice(lastPos, end);
          encodeCheck = 0;
          lastPos = i + 1;
        }
        continue;
      }
      eqIdx = 0;
      if (!keyEncoded) {
        // The key needs decoding only if it contains a valid %XX escape.
        if (code === 37) {
          encodeCheck = 1;
          continue;
        } else if (encodeCheck > 0) {
          if (isHexTable[code] === 1) {
            if (++encodeCheck === 3) keyEncoded = true;
            continue;
          }
          encodeCheck = 0;
        }
      }
      if (code === 43) {
        if (lastPos < i) key += qs.slice(lastPos, i);
        key += plusChar;
        lastPos = i + 1;
        continue;
      }
    }
    if (code === 43) {
      if (lastPos < i) value += qs.slice(lastPos, i);
      value += plusChar;
      lastPos = i + 1;
    } else if (!valEncoded) {
      if (code === 37) {
        encodeCheck = 1;
      } else if (encodeCheck > 0) {
        if (isHexTable[code] === 1) {
          if (++encodeCheck === 3) valEncoded = true;
        } else {
          encodeCheck = 0;
        }
      }
    }
  }
  if (lastPos < qs.length) {
    if (eqIdx < eqLen) key += qs.slice(lastPos);
    else if (sepIdx < sepLen) value += qs.slice(lastPos);
  } else if (eqIdx === 0 && key.length === 0) {
    return obj;
  }
  addKeyVal();
  return obj;
}

// Node's module object: escape/unescape/unescapeBuffer are looked up on it at call time, so apps
// can replace them (querystring.escape = ...) and parse/stringify follow.
const querystring = { unescapeBuffer, unescape, escape, stringify, encode: stringify, parse, decode: parse };
export const encode = stringify;
export const decode = parse;
export default querystring;
