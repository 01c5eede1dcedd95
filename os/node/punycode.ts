// node:punycode: the punycode.js package (RFC 3492 Punycode and the IDNA toASCII/toUnicode of
// RFC 5891 for whole domain names), which is what Node bundles as lib/punycode.js.
// (Node 20 reports version '2.1.0'; this is the package's own 2.3.1, with the same behaviour.)

interface Punycode {
  version: string;
  ucs2: { decode(s: string): number[]; encode(codePoints: number[]): string };
  decode(input: string): string;
  encode(input: string): string;
  toASCII(domain: string): string;
  toUnicode(domain: string): string;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const punycode: Punycode = require('punycode/punycode.js');

export const { ucs2, decode, encode, toASCII, toUnicode, version } = punycode;
export default punycode;
