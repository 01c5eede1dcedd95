// Runs request bytes through HttpParser the way the server uses it and records the outcome in the
// same shape http.differential.test.ts records from host Node's server: the requests the handler
// would see (upgrade and CONNECT requests stop parsing, as with 'upgrade'/'connect' listeners),
// then the refusal, if any.

import { HttpParser, REQUEST, latin1, type ParseError } from '../parser';

export interface SeenRequest {
  event: 'request' | 'upgrade' | 'connect';
  method: string;
  url: string;
  version: string;
  headers: string[];
  body: string;
  trailers: string[];
  /** Bytes after the head of an upgrade/CONNECT request (whole-input runs only). */
  head?: string;
}

export interface Outcome {
  requests: SeenRequest[];
  error?: { code: string; reason: string };
}

/** Parses `bytes` split into pieces of `split` bytes (0: one piece), then EOF. */
export function runParser(bytes: Uint8Array, split = 0): Outcome {
  const p = new HttpParser(REQUEST);
  const out: Outcome = { requests: [] };
  let current: SeenRequest | undefined;
  let upgraded = false;
  p.onHeadersComplete = (h) => {
    const event = h.upgrade ? (h.method === 'CONNECT' ? 'connect' : 'upgrade') : 'request';
    current = { event, method: h.method, url: h.url, version: `${h.versionMajor}.${h.versionMinor}`, headers: h.headers.slice(0, 2000), body: '', trailers: [] };
    out.requests.push(current);
    if (h.upgrade) { upgraded = true; return 2; }
    return 0;
  };
  p.onBody = (b) => { current!.body += latin1(b); };
  p.onMessageComplete = (t) => { if (current) current.trailers = t; };
  const pieces: Uint8Array[] = [];
  if (split <= 0) pieces.push(bytes);
  else for (let i = 0; i < bytes.length; i += split) pieces.push(bytes.subarray(i, i + split));
  for (const piece of pieces) {
    const r = p.execute(piece);
    if (typeof r !== 'number') {
      out.error = { code: r.code, reason: r.reason };
      return out;
    }
    if (upgraded) {
      if (split <= 0) current!.head = latin1(piece, r);
      return out;
    }
  }
  const e: ParseError | undefined = p.finish();
  if (e) out.error = { code: e.code, reason: e.reason };
  return out;
}

export function bytesOf(s: string): Uint8Array {
  const b = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) b[i] = s.charCodeAt(i);
  return b;
}
