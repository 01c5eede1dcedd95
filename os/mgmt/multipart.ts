// A checked parser for multipart/form-data bodies (RFC 7578, on RFC 2046 section 5.1.1), for file
// uploads. Works on bytes, so part contents come back exactly as sent (binary included).
//
// Layout: [preamble] "--" boundary CRLF (headers CRLF CRLF content) (CRLF "--" boundary CRLF ...)
// and finally CRLF "--" boundary "--". A part's content ends right before the CRLF that precedes
// the next delimiter. Malformed input gives an error message, never an exception.
import { decodeUtf8, encodeUtf8 } from '../core/utf8';

export interface FormPart {
  name?: string;
  filename?: string;
  contentType?: string;
  data: Uint8Array;
}

function indexOf(hay: Uint8Array, needle: Uint8Array, from: number): number {
  const n = needle.length;
  const first = needle[0];
  outer: for (let i = from; i + n <= hay.length; i++) {
    if (hay[i] !== first) continue;
    for (let j = 1; j < n; j++) if (hay[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

/** The boundary parameter of a Content-Type (RFC 2046 5.1.1: 1-70 characters). */
export function boundaryOf(contentType: string): string | undefined {
  const m = /;\s*boundary=(?:"([^"]{1,70})"|([^\s;]{1,70}))/i.exec(contentType);
  return m ? (m[1] ?? m[2]) : undefined;
}

function param(header: string, name: string): string | undefined {
  const re = new RegExp(`;\\s*${name}=(?:"((?:[^"\\\\]|\\\\.)*)"|([^;\\s]*))`, 'i');
  const m = re.exec(header);
  if (!m) return undefined;
  return m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : m[2];
}

export function parseMultipart(contentType: string, body: Uint8Array): FormPart[] | string {
  const boundary = boundaryOf(contentType);
  if (!boundary) return 'multipart/form-data without a boundary';
  const dash = encodeUtf8(`--${boundary}`);
  const delim = encodeUtf8(`\r\n--${boundary}`);
  let pos = indexOf(body, dash, 0);
  if (pos < 0) return 'the body does not contain the multipart boundary';
  pos += dash.length;
  const parts: FormPart[] = [];
  for (;;) {
    // After a delimiter: "--" ends the body; else optional whitespace then CRLF.
    if (body[pos] === 45 && body[pos + 1] === 45) return parts;
    while (body[pos] === 32 || body[pos] === 9) pos++;
    if (body[pos] !== 13 || body[pos + 1] !== 10) return 'malformed multipart delimiter line';
    pos += 2;
    const headEnd = indexOf(body, encodeUtf8('\r\n\r\n'), pos);
    const emptyHead = body[pos] === 13 && body[pos + 1] === 10;
    if (headEnd < 0 && !emptyHead) return 'a multipart part has no end of headers';
    const headText = emptyHead ? '' : decodeUtf8(body.subarray(pos, headEnd));
    const contentStart = emptyHead ? pos + 2 : headEnd + 4;
    const next = indexOf(body, delim, contentStart);
    if (next < 0) return 'the multipart body ends without its closing boundary';
    const part: FormPart = { data: body.slice(contentStart, next) };
    for (const line of headText.split('\r\n')) {
      const c = line.indexOf(':');
      if (c <= 0) continue;
      const name = line.slice(0, c).trim().toLowerCase();
      const value = line.slice(c + 1).trim();
      if (name === 'content-disposition') {
        part.name = param(value, 'name');
        part.filename = param(value, 'filename');
      } else if (name === 'content-type') {
        part.contentType = value;
      }
    }
    parts.push(part);
    pos = next + delim.length;
  }
}
