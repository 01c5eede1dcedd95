// Percent-encoding shared by querystring.escape and the legacy url module, as Node's
// lib/internal/querystring.js: characters whose table entry is 1 pass through, every other code
// unit is written as %XX of its UTF-8 bytes; a lone high surrogate at the end is an error
// (ERR_INVALID_URI, "URI malformed"), a high surrogate followed by anything is combined with it.

import { codes } from '../../core/errors';

export const hexTable: string[] = [];
for (let i = 0; i < 256; ++i) hexTable.push(`%${(i < 16 ? '0' : '') + i.toString(16).toUpperCase()}`);

/** 1 for the hex digits 0-9, A-F, a-f. */
export const isHexTable = new Int8Array(256);
for (const c of '0123456789ABCDEFabcdef') isHexTable[c.charCodeAt(0)] = 1;

/** A 128-entry table from a string of the ASCII characters that need no escaping. */
export function noEscapeTableOf(chars: string): Int8Array {
  const t = new Int8Array(128);
  for (let i = 0; i < chars.length; i++) t[chars.charCodeAt(i)] = 1;
  return t;
}

export function encodeStr(str: string, noEscapeTable: Int8Array, table: string[] = hexTable): string {
  const len = str.length;
  if (len === 0) return '';
  let out = '';
  let lastPos = 0;
  for (let i = 0; i < len; i++) {
    let c = str.charCodeAt(i);
    if (c < 0x80) {
      if (noEscapeTable[c] === 1) continue;
      if (lastPos < i) out += str.slice(lastPos, i);
      lastPos = i + 1;
      out += table[c];
      continue;
    }
    if (lastPos < i) out += str.slice(lastPos, i);
    if (c < 0x800) {
      lastPos = i + 1;
      out += table[0xc0 | (c >> 6)] + table[0x80 | (c & 0x3f)];
      continue;
    }
    if (c < 0xd800 || c >= 0xe000) {
      lastPos = i + 1;
      out += table[0xe0 | (c >> 12)] + table[0x80 | ((c >> 6) & 0x3f)] + table[0x80 | (c & 0x3f)];
      continue;
    }
    // A surrogate: Node pairs it with the next code unit whatever that is.
    ++i;
    if (i >= len) throw new codes.ERR_INVALID_URI();
    const c2 = str.charCodeAt(i) & 0x3ff;
    lastPos = i + 1;
    c = 0x10000 + (((c & 0x3ff) << 10) | c2);
    out += table[0xf0 | (c >> 18)] + table[0x80 | ((c >> 12) & 0x3f)] + table[0x80 | ((c >> 6) & 0x3f)] + table[0x80 | (c & 0x3f)];
  }
  if (lastPos === 0) return str;
  if (lastPos < len) return out + str.slice(lastPos);
  return out;
}
