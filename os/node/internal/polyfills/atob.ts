// atob/btoa with Node 20's rules (lib/buffer.js): forgiving-base64 decode
// (https://infra.spec.whatwg.org/#forgiving-base64-decode) where ASCII whitespace is skipped, '='
// may only end the input (at most two), and a remainder of one character is an error; btoa
// rejects code units above 0xFF. Both throw DOMException "InvalidCharacterError".

import { codes } from '../../../core/errors';
import { DOMException } from './dom-exception';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const decodeTable = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) decodeTable[ALPHABET.charCodeAt(i)] = i;
const isAsciiWhitespace = (c: number) => c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d || c === 0x20;

export function atob(input: unknown): string {
  if (arguments.length === 0) throw new codes.ERR_MISSING_ARGS('input');
  const s = `${input}`;
  let significant = 0;
  let equals = 0;
  for (let n = 0; n < s.length; n++) {
    const c = s.charCodeAt(n);
    if (isAsciiWhitespace(c)) continue;
    significant++;
    if (c === 0x3d) {
      equals++;
      if (equals > 2) throw new DOMException('Invalid character', 'InvalidCharacterError');
    } else if (c > 127 || decodeTable[c] < 0 || equals) {
      throw new DOMException('Invalid character', 'InvalidCharacterError');
    }
  }
  let remainder = significant % 4;
  if (!remainder) remainder = (significant - equals) % 4;
  else if (equals) throw new DOMException('Invalid character', 'InvalidCharacterError');
  if (remainder === 1) throw new DOMException('The string to be decoded is not correctly encoded.', 'InvalidCharacterError');
  let out = '';
  let acc = 0;
  let bits = 0;
  for (let n = 0; n < s.length; n++) {
    const c = s.charCodeAt(n);
    if (c === 0x3d) break;
    if (isAsciiWhitespace(c)) continue;
    acc = (acc << 6) | decodeTable[c];
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += String.fromCharCode((acc >> bits) & 0xff);
    }
  }
  return out;
}

export function btoa(input: unknown): string {
  if (arguments.length === 0) throw new codes.ERR_MISSING_ARGS('input');
  const s = `${input}`;
  let out = '';
  for (let i = 0; i < s.length; i += 3) {
    const a = s.charCodeAt(i);
    const b = i + 1 < s.length ? s.charCodeAt(i + 1) : 0;
    const c = i + 2 < s.length ? s.charCodeAt(i + 2) : 0;
    if (a > 0xff || b > 0xff || c > 0xff) throw new DOMException('Invalid character', 'InvalidCharacterError');
    const triple = (a << 16) | (b << 8) | c;
    out += ALPHABET[triple >> 18] + ALPHABET[(triple >> 12) & 63];
    out += i + 1 < s.length ? ALPHABET[(triple >> 6) & 63] : '=';
    out += i + 2 < s.length ? ALPHABET[triple & 63] : '=';
  }
  return out;
}
