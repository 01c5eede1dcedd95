// A strict, incremental HTTP/1.1 message parser (RFC 9112) that accepts and refuses exactly what
// Node 20's llhttp does in its default (non-lenient) mode, with llhttp's error codes and reasons.
// Each rule below was checked against host Node with raw sockets (see parser.test.ts and
// http.differential.test.ts). Untrusted bytes never throw: a refusal is a ParseError value.
//
// Message framing (RFC 9112 section 6.3), the request-smuggling defences:
// - Content-Length: digits only after trimming OWS; empty, signed, lists ("1,1"), overflow past
//   2^64-1 and a second Content-Length header (even with the same value) are refused.
// - Transfer-Encoding with Content-Length, in either order, is refused (6.1: a server MAY reject).
// - Transfer-Encoding: chunked must be the final coding, once; anything after it (in the same or a
//   later header) is refused; a request whose final coding is not chunked is refused (6.3 rule 4).
// - Chunk sizes are 1-16 hex digits followed directly by ';' extensions or CRLF (no spaces, no
//   "0x"); extensions are token[=token|quoted-string] with no whitespace, at most 16 KiB.
// - Every line ends in CRLF: a bare LF or a CR not followed by LF is refused (2.2).
// - Header names are tokens with the colon right after them (5.1: no whitespace before ':');
//   values hold HTAB, SP, VCHAR and obs-text only; obs-fold (a line starting with SP/HTAB) is
//   refused (5.2).
// - Request targets are printable ASCII in origin, absolute, authority (CONNECT) or asterisk form.
// - Methods are Node's http.METHODS (case-sensitive); versions 0.9, 1.0, 1.1 and 2.0 (llhttp's).
// - After a message that does not keep the connection alive, further request bytes are refused.
// Limits: the start line's target/reason plus every header name and value (trailers included)
// must stay under maxHeaderSize (default 16 KiB, HPE_HEADER_OVERFLOW); at most maxHeaderPairs
// array entries (name, value, ...) are kept (Node's default 2000, later ones are dropped).
//
// Use:
//   const p = new HttpParser(REQUEST);
//   p.onHeadersComplete = (h) => { ...; return 0 }; // 1: no body (HEAD response), 2: upgrade, stop
//   p.onBody = (chunk) => ...;                      // views into the input, no copy
//   p.onMessageComplete = (trailers) => ...;
//   const r = p.execute(bytes);  // bytes consumed (less than the input after an upgrade) or ParseError
//   const e = p.finish();        // at EOF: completes a read-until-close response or reports a cut message

export const REQUEST = 0;
export const RESPONSE = 1;

export const METHODS = [
  'ACL', 'BIND', 'CHECKOUT', 'CONNECT', 'COPY', 'DELETE', 'GET', 'HEAD', 'LINK', 'LOCK', 'M-SEARCH', 'MERGE',
  'MKACTIVITY', 'MKCALENDAR', 'MKCOL', 'MOVE', 'NOTIFY', 'OPTIONS', 'PATCH', 'POST', 'PROPFIND', 'PROPPATCH',
  'PURGE', 'PUT', 'QUERY', 'REBIND', 'REPORT', 'SEARCH', 'SOURCE', 'SUBSCRIBE', 'TRACE', 'UNBIND', 'UNLINK',
  'UNLOCK', 'UNSUBSCRIBE',
];
const METHOD_SET = new Set(METHODS);

export const DEFAULT_MAX_HEADER_SIZE = 16 * 1024;
export const DEFAULT_MAX_HEADER_PAIRS = 2000;
const MAX_CHUNK_EXTENSIONS = 16 * 1024;

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const BAD_VALUE_CHAR = /[^\t\x20-\x7e\x80-\xff]/;
const URL_CHARS = /^[\x21-\x7e]*$/;
const SCHEME_URL = /^[A-Za-z]+:\/\/([^/?#]*)/;
const SERVER_CHARS = /^[A-Za-z0-9\-._~!$&'()*+,;=:@[\]%]*$/;
const CHUNK_EXT = /^(?:;[!#$%&'*+\-.^_`|~0-9A-Za-z]+(?:=(?:[!#$%&'*+\-.^_`|~0-9A-Za-z]+|"(?:[\t \x21\x23-\x5b\x5d-\x7e\x80-\xff]|\\[\t \x21-\x7e\x80-\xff])*"))?)*$/;
const MAX_U64 = '18446744073709551615';

/** A refusal, shaped as the errors Node's parser binding returns. */
export class ParseError extends Error {
  code: string;
  reason: string;
  bytesParsed: number;
  rawPacket?: Uint8Array;
  constructor(code: string, reason: string, bytesParsed: number) {
    super(reason ? `Parse Error: ${reason}` : 'Parse Error');
    this.code = code;
    this.reason = reason;
    this.bytesParsed = bytesParsed;
  }
}

export interface ParsedHead {
  versionMajor: number;
  versionMinor: number;
  /** [name, value, name, value, ...] as received. */
  headers: string[];
  method: string;
  url: string;
  statusCode: number;
  statusMessage: string;
  /** Connection: upgrade with an Upgrade header, or a CONNECT request. */
  upgrade: boolean;
  shouldKeepAlive: boolean;
}

const enum S {
  START,      // before a message: CR/LF skipped
  HEAD,       // start line and header lines
  BODY,       // Content-Length bytes
  CHUNK_SIZE,
  CHUNK_DATA,
  CHUNK_CRLF, // the CRLF after chunk data
  TRAILERS,
  EOF_BODY,   // a response read until the connection closes
  CLOSED,     // the message did not keep the connection alive
  UPGRADED,
  DEAD,       // after an error
  SILENT,     // after an error while an untaken upgrade was latched: input is ignored
}

const F_CHUNKED = 1;
const F_CONTENT_LENGTH = 2;
const F_TRANSFER_ENCODING = 4;
const F_CONNECTION_CLOSE = 8;
const F_CONNECTION_KEEP_ALIVE = 16;
const F_CONNECTION_UPGRADE = 32;
const F_UPGRADE = 64;

/** Latin-1 text of bytes (one char per byte, as Node decodes header bytes). */
export function latin1(b: Uint8Array, start = 0, end = b.length): string {
  if (end - start <= 4096) return String.fromCharCode.apply(null, b.subarray(start, end) as unknown as number[]);
  let s = '';
  for (let i = start; i < end; i += 4096) s += String.fromCharCode.apply(null, b.subarray(i, Math.min(end, i + 4096)) as unknown as number[]);
  return s;
}

export class HttpParser {
  kind: number;
  maxHeaderSize: number;
  maxHeaderPairs: number;
  onHeadersComplete: (head: ParsedHead) => number | void = () => 0;
  onBody: (chunk: Uint8Array) => void = () => {};
  onMessageComplete: (trailers: string[]) => void = () => {};
  /** The message being received (set by the user of the parser, as Node's parser.incoming). */
  incoming: unknown = null;

  #state = S.START;
  /** A line not yet ended by LF (latin1 pieces, joined when it ends). */
  #lineParts: string[] = [];
  #lineLen = 0;
  #lineCount = 0;
  #methodSeen = false;
  #flags = 0;
  #headerBytes = 0;
  #headers: string[] = [];
  #method = '';
  #url = '';
  #major = 1;
  #minor = 1;
  #status = 0;
  #reason = '';
  #contentLength = -1;
  #remaining = 0;
  #keepAlive = true;
  /** Offset in the current execute() input, for bytesParsed. */
  #pos = 0;
  #error: ParseError | undefined;
  /** An upgrade request the server did not take: errors are not reported until the next head. */
  #latched = false;
  #latchPending = false;
  /** Stop the current execute() at the end of the message that set it. */
  #stop = false;

  constructor(kind: number, opts: { maxHeaderSize?: number; maxHeaderPairs?: number } = {}) {
    this.kind = kind;
    this.maxHeaderSize = opts.maxHeaderSize || DEFAULT_MAX_HEADER_SIZE;
    this.maxHeaderPairs = opts.maxHeaderPairs ?? DEFAULT_MAX_HEADER_PAIRS;
  }

  /** Ready for a new connection (a parser from a free list). */
  reinitialize(kind: number): void {
    this.kind = kind;
    this.#state = S.START;
    this.#lineParts = [];
    this.#lineLen = 0;
    this.#latched = false;
    this.#latchPending = false;
    this.#error = undefined;
    this.#resetMessage();
  }

  /** True between a message's first byte and its end. */
  get inMessage(): boolean {
    return this.#state !== S.START && this.#state !== S.CLOSED && this.#state !== S.DEAD && this.#state !== S.UPGRADED && this.#state !== S.SILENT;
  }

  get upgraded(): boolean {
    return this.#state === S.UPGRADED;
  }

  #resetMessage(): void {
    this.#lineCount = 0;
    this.#methodSeen = false;
    this.#flags = 0;
    this.#headerBytes = 0;
    this.#headers = [];
    this.#method = '';
    this.#url = '';
    this.#major = 1;
    this.#minor = 1;
    this.#status = 0;
    this.#reason = '';
    this.#contentLength = -1;
    this.#remaining = 0;
  }

  #fail(code: string, reason: string, at = this.#pos): ParseError {
    this.#state = S.DEAD;
    this.#error = new ParseError(code, reason, at);
    return this.#error;
  }

  /**
   * Parses `data`; returns how many bytes were consumed, or the refusal.
   *
   * After a message that asked for an upgrade the server did not take (no 'upgrade' listener),
   * llhttp stops at the end of that message (the rest of the input is dropped) and Node reports
   * no parse error until a later message's head completes: a refusal in that window leaves the
   * parser silently dead. Both are reproduced here.
   */
  execute(data: Uint8Array): number | ParseError {
    if (this.#state === S.SILENT) return data.length;
    const r = this.#run(data);
    if (typeof r !== 'number' && this.#latched) {
      this.#state = S.SILENT;
      return data.length;
    }
    return r;
  }

  #run(data: Uint8Array): number | ParseError {
    const len = data.length;
    let pos = 0;
    this.#stop = false;
    while (pos < len) {
      if (this.#stop) return pos;
      this.#pos = pos;
      switch (this.#state) {
        case S.START: {
          const c = data[pos];
          if (c === 13 || c === 10) { pos++; continue; }
          this.#state = S.HEAD;
          this.#resetMessage();
          continue;
        }
        case S.CLOSED: {
          const c = data[pos];
          if (c === 13 || c === 10) { pos++; continue; }
          if (this.kind === RESPONSE) return pos;
          return this.#fail('HPE_CLOSED_CONNECTION', 'Data after `Connection: close`', pos);
        }
        case S.HEAD:
        case S.TRAILERS:
        case S.CHUNK_SIZE: {
          const lf = data.indexOf(10, pos);
          if (lf < 0) {
            this.#lineParts.push(latin1(data, pos, len));
            this.#lineLen += len - pos;
            const err = this.#checkPartial();
            if (err) return err;
            return len;
          }
          let line = latin1(data, pos, lf);
          if (this.#lineLen) {
            this.#lineParts.push(line);
            line = this.#lineParts.join('');
            this.#lineParts.length = 0;
            this.#lineLen = 0;
          }
          pos = lf + 1;
          const err = this.#state === S.CHUNK_SIZE ? this.#chunkSizeLine(line) : this.#headLine(line);
          if (err) return err;
          if ((this.#state as S) === S.UPGRADED) return pos;
          continue;
        }
        case S.BODY: {
          const n = Math.min(this.#remaining, len - pos);
          this.#remaining -= n;
          const chunk = data.subarray(pos, pos + n);
          pos += n;
          this.onBody(chunk);
          if (this.#remaining === 0) this.#complete([]);
          continue;
        }
        case S.CHUNK_DATA: {
          const n = Math.min(this.#remaining, len - pos);
          this.#remaining -= n;
          const chunk = data.subarray(pos, pos + n);
          pos += n;
          this.onBody(chunk);
          if (this.#remaining === 0) { this.#state = S.CHUNK_CRLF; this.#remaining = 2; }
          continue;
        }
        case S.CHUNK_CRLF: {
          const c = data[pos];
          if (this.#remaining === 2) {
            if (c === 13) { this.#remaining = 1; pos++; continue; }
            if (c === 10) return this.#fail('HPE_CR_EXPECTED', 'Missing expected CR after chunk data', pos);
            return this.#fail('HPE_STRICT', 'Expected LF after chunk data', pos);
          }
          if (c !== 10) return this.#fail('HPE_STRICT', 'Expected LF after chunk data', pos);
          pos++;
          this.#state = S.CHUNK_SIZE;
          continue;
        }
        case S.EOF_BODY: {
          const chunk = data.subarray(pos);
          pos = len;
          this.onBody(chunk);
          continue;
        }
        case S.UPGRADED:
          return pos;
        case S.DEAD:
          return this.#error!;
        case S.SILENT:
          return len;
      }
    }
    return len;
  }

  /** End of input: completes a read-until-close body; a cut message is HPE_INVALID_EOF_STATE. */
  finish(): ParseError | undefined {
    switch (this.#state) {
      case S.EOF_BODY:
        this.#complete([]);
        return undefined;
      case S.START:
      case S.CLOSED:
      case S.UPGRADED:
      case S.DEAD:
      case S.SILENT:
        return undefined;
      default: {
        if (this.#latched) { this.#state = S.SILENT; return undefined; }
        this.#state = S.DEAD;
        const e = new ParseError('HPE_INVALID_EOF_STATE', 'Invalid EOF state', 0);
        e.message = 'Parse Error';
        return e;
      }
    }
  }

  /** Limits checked while a line is still arriving, so garbage cannot grow without bound. */
  #checkPartial(): ParseError | undefined {
    // The counted size never exceeds the raw length: look closer only near the limits.
    const near = this.#headerBytes + this.#lineLen >= this.maxHeaderSize ||
      (this.#state === S.HEAD && this.#lineCount === 0 && !this.#methodSeen) ||
      (this.#state === S.CHUNK_SIZE && this.#lineLen > MAX_CHUNK_EXTENSIONS);
    if (!near) return undefined;
    if (this.#lineParts.length > 1) this.#lineParts = [this.#lineParts.join('')];
    const line = this.#lineParts[0];
    if (this.#state === S.CHUNK_SIZE) {
      if (line.length > MAX_CHUNK_EXTENSIONS + 32) return this.#fail('HPE_CHUNK_EXTENSIONS_OVERFLOW', 'Chunk extensions overflow');
      return undefined;
    }
    if (this.#state === S.HEAD && this.#lineCount === 0) {
      if (this.kind === REQUEST) {
        const sp = line.indexOf(' ');
        if (sp < 0) {
          // Refuse as soon as no method can match the bytes so far.
          if ('PRI'.startsWith(line)) return undefined;
          for (const m of METHODS) if (m.startsWith(line)) return undefined;
          return this.#methodError(line);
        }
        this.#methodSeen = true;
        if (sp >= 0) {
          let i = sp;
          while (line.charCodeAt(i) === 32) i++;
          const e = line.indexOf(' ', i);
          if (this.#headerBytes + (e < 0 ? line.length : e) - i >= this.maxHeaderSize) return this.#overflow();
        }
      } else if (this.#headerBytes + line.length >= this.maxHeaderSize + 16) {
        return this.#overflow();
      }
      return undefined;
    }
    const colon = line.indexOf(':');
    const end = line.charCodeAt(line.length - 1) === 13 ? line.length - 1 : line.length;
    const counted = colon < 0 ? end : colon + end - colon - 1 - leadingOws(line, colon + 1);
    if (this.#headerBytes + counted >= this.maxHeaderSize) return this.#overflow();
    return undefined;
  }

  #overflow(): ParseError {
    return this.#fail('HPE_HEADER_OVERFLOW', 'Header overflow');
  }

  /** A start line, header line, trailer line or the empty line ending them. */
  #headLine(line: string): ParseError | undefined {
    const first = this.#state === S.HEAD && this.#lineCount === 0;
    const n = line.length;
    if (n === 0 || line.charCodeAt(n - 1) !== 13) {
      if (first) return this.#fail('HPE_INVALID_VERSION', 'Expected CRLF after version');
      if (n === 0) return this.#fail('HPE_INVALID_HEADER_TOKEN', 'Invalid header field char');
      return this.#fail('HPE_CR_EXPECTED', 'Missing expected CR after header value');
    }
    const text = line.slice(0, n - 1);
    if (first) {
      this.#lineCount++;
      return this.kind === REQUEST ? this.#requestLine(text) : this.#statusLine(text);
    }
    if (text.length === 0) return this.#headersDone();
    this.#lineCount++;
    const c0 = text.charCodeAt(0);
    if (c0 === 32 || c0 === 9) {
      if (this.#lineCount === 2 && this.#state === S.HEAD) return this.#fail('HPE_UNEXPECTED_SPACE', 'Unexpected space after start line');
      return this.#fail('HPE_INVALID_HEADER_TOKEN', 'Unexpected whitespace after header value');
    }
    const colon = text.indexOf(':');
    if (colon <= 0) return this.#fail('HPE_INVALID_HEADER_TOKEN', 'Invalid header token');
    const name = text.slice(0, colon);
    if (!TOKEN.test(name)) return this.#fail('HPE_INVALID_HEADER_TOKEN', 'Invalid header token');
    const cr = text.indexOf('\r', colon);
    if (cr >= 0) return this.#fail('HPE_LF_EXPECTED', 'Missing expected LF after header value');
    const rawValue = text.slice(colon + 1 + leadingOws(text, colon + 1));
    if (BAD_VALUE_CHAR.test(rawValue)) return this.#fail('HPE_INVALID_HEADER_TOKEN', 'Invalid header value char');
    this.#headerBytes += name.length + rawValue.length;
    if (this.#headerBytes >= this.maxHeaderSize) return this.#overflow();
    const value = trimTrailingOws(rawValue);
    if (this.#state === S.HEAD) {
      const err = this.#special(name, value);
      if (err) return err;
    }
    if (this.maxHeaderPairs <= 0 || this.#headers.length < this.maxHeaderPairs) this.#headers.push(name, value);
    return undefined;
  }

  /** Content-Length, Transfer-Encoding, Connection and Upgrade decide the framing. */
  #special(name: string, value: string): ParseError | undefined {
    switch (name.length) {
      case 14:
        if (name.toLowerCase() !== 'content-length') return undefined;
        if (this.#flags & F_CONTENT_LENGTH) return this.#fail('HPE_UNEXPECTED_CONTENT_LENGTH', 'Duplicate Content-Length');
        if (this.#flags & F_TRANSFER_ENCODING) return this.#fail('HPE_INVALID_CONTENT_LENGTH', "Content-Length can't be present with Transfer-Encoding");
        if (value.length === 0) return this.#fail('HPE_INVALID_CONTENT_LENGTH', 'Empty Content-Length');
        if (!/^[0-9]+$/.test(value)) return this.#fail('HPE_INVALID_CONTENT_LENGTH', 'Invalid character in Content-Length');
        {
          const digits = value.replace(/^0+(?=.)/, '');
          if (digits.length > 20 || (digits.length === 20 && digits > MAX_U64)) return this.#fail('HPE_INVALID_CONTENT_LENGTH', 'Content-Length overflow');
          this.#contentLength = Number(digits);
        }
        this.#flags |= F_CONTENT_LENGTH;
        return undefined;
      case 17: {
        if (name.toLowerCase() !== 'transfer-encoding') return undefined;
        if (this.#flags & F_CONTENT_LENGTH) return this.#fail('HPE_INVALID_TRANSFER_ENCODING', "Transfer-Encoding can't be present with Content-Length");
        if (value.length === 0) return undefined;
        // RFC 9112 6.1: chunked must be the final coding and appear once.
        if (this.#flags & F_CHUNKED) return this.#fail('HPE_INVALID_TRANSFER_ENCODING', 'Invalid `Transfer-Encoding` header value');
        this.#flags |= F_TRANSFER_ENCODING;
        const codings = value.split(',');
        for (let i = 0; i < codings.length; i++) {
          const t = codings[i].replace(/^[ \t]+|[ \t]+$/g, '');
          if (this.#flags & F_CHUNKED) {
            if (t.length) return this.#fail('HPE_INVALID_TRANSFER_ENCODING', 'Invalid `Transfer-Encoding` header value');
            continue;
          }
          if (t.length === 7 && t.toLowerCase() === 'chunked') this.#flags |= F_CHUNKED;
        }
        return undefined;
      }
      case 10:
        if (name.toLowerCase() !== 'connection') return undefined;
        for (const token of value.toLowerCase().split(',')) {
          const t = token.replace(/^[ \t]+|[ \t]+$/g, '');
          if (t === 'close') this.#flags |= F_CONNECTION_CLOSE;
          else if (t === 'keep-alive') this.#flags |= F_CONNECTION_KEEP_ALIVE;
          else if (t === 'upgrade') this.#flags |= F_CONNECTION_UPGRADE;
        }
        return undefined;
      case 7:
        if (name.toLowerCase() === 'upgrade') this.#flags |= F_UPGRADE;
        return undefined;
      default:
        return undefined;
    }
  }

  #requestLine(text: string): ParseError | undefined {
    const sp = text.indexOf(' ');
    const method = sp < 0 ? text : text.slice(0, sp);
    if (sp < 0 || !METHOD_SET.has(method)) {
      if (method === 'PRI') return this.#fail('HPE_PAUSED_H2_UPGRADE', 'Pause on PRI/Upgrade');
      return this.#methodError(text);
    }
    this.#method = method;
    let i = sp;
    while (text.charCodeAt(i) === 32) i++;
    let end = text.indexOf(' ', i);
    const url = end < 0 ? text.slice(i) : text.slice(i, end);
    this.#headerBytes += url.length;
    if (this.#headerBytes >= this.maxHeaderSize) return this.#overflow();
    const urlErr = this.#checkUrl(url, method);
    if (urlErr) return urlErr;
    this.#url = url;
    if (end < 0) {
      // "GET /" with no version: HTTP/0.9.
      this.#major = 0;
      this.#minor = 9;
      return undefined;
    }
    while (text.charCodeAt(end) === 32) end++;
    const version = text.slice(end);
    let proto = 'HTTP/';
    if (!version.startsWith('HTTP/')) {
      if (version.startsWith('RTSP/')) proto = 'RTSP/';
      else if (version.startsWith('ICE/') && method === 'SOURCE') proto = 'ICE/';
      else if (version.startsWith('ICE/')) return this.#fail('HPE_INVALID_CONSTANT', 'Expected SOURCE method for ICE/x.x request');
      else return this.#fail('HPE_INVALID_CONSTANT', 'Expected HTTP/, RTSP/ or ICE/');
    }
    return this.#version(version.slice(proto.length));
  }

  #version(v: string): ParseError | undefined {
    if (!/^[0-9]\.[0-9]/.test(v)) return this.#fail('HPE_INVALID_VERSION', 'Invalid major version');
    const major = v.charCodeAt(0) - 48;
    const minor = v.charCodeAt(2) - 48;
    const ok = (major === 1 && (minor === 0 || minor === 1)) || (major === 0 && minor === 9) || (major === 2 && minor === 0);
    if (!ok) return this.#fail('HPE_INVALID_VERSION', 'Invalid HTTP version');
    if (v.length !== 3) return this.#fail('HPE_INVALID_VERSION', 'Expected CRLF after version');
    this.#major = major;
    this.#minor = minor;
    return undefined;
  }

  #methodError(text: string): ParseError {
    for (const m of METHODS) {
      if (text.startsWith(m) && text.length > m.length) return this.#fail('HPE_INVALID_METHOD', 'Expected space after method');
    }
    return this.#fail('HPE_INVALID_METHOD', 'Invalid method encountered');
  }

  /** Request targets (RFC 9112 3.2): origin, absolute, authority (CONNECT) and asterisk forms. */
  #checkUrl(url: string, method: string): ParseError | undefined {
    if (url.length === 0) return this.#fail('HPE_INVALID_URL', 'Unexpected start char in url');
    if (!URL_CHARS.test(url)) {
      const bad = url.search(/[^\x21-\x7e]/);
      const part = url.slice(0, bad);
      return this.#fail('HPE_INVALID_URL', /[\t]/.test(url[bad]) ? 'Invalid characters in url' : part.includes('#') ? 'Invalid char in url fragment' : part.includes('?') ? 'Invalid char in url query' : 'Invalid char in url path');
    }
    const c = url.charCodeAt(0);
    if (method === 'CONNECT') {
      const slash = url.search(/[/?#]/);
      if (!SERVER_CHARS.test(slash < 0 ? url : url.slice(0, slash))) return this.#fail('HPE_INVALID_URL', 'Unexpected char in url server');
      return undefined;
    }
    if (c === 47 /* / */ || c === 42 /* * */) return undefined;
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) {
      if (/^[A-Za-z]+$/.test(url)) return this.#fail('HPE_INVALID_URL', 'Invalid characters in url');
      const m = SCHEME_URL.exec(url);
      if (!m) return this.#fail('HPE_INVALID_URL', 'Unexpected char in url schema');
      if (!SERVER_CHARS.test(m[1])) return this.#fail('HPE_INVALID_URL', 'Unexpected char in url server');
      return undefined;
    }
    return this.#fail('HPE_INVALID_URL', 'Unexpected start char in url');
  }

  #statusLine(text: string): ParseError | undefined {
    let proto = 'HTTP/';
    if (!text.startsWith(proto)) {
      if (text.startsWith('RTSP/')) proto = 'RTSP/';
      else return this.#fail('HPE_INVALID_CONSTANT', 'Expected HTTP/');
    }
    const rest = text.slice(proto.length);
    const sp = rest.indexOf(' ');
    const err = this.#version(sp < 0 ? rest : rest.slice(0, sp));
    if (err) return err;
    let i = sp;
    while (rest.charCodeAt(i) === 32) i++;
    const m = /^([0-9]{3})(?: (.*))?$/.exec(rest.slice(i));
    if (sp < 0 || !m) return this.#fail('HPE_INVALID_STATUS', 'Invalid status code');
    this.#status = Number(m[1]);
    this.#reason = m[2] ?? '';
    if (BAD_VALUE_CHAR.test(this.#reason)) return this.#fail('HPE_INVALID_STATUS', 'Invalid response status');
    this.#headerBytes += this.#reason.length;
    if (this.#headerBytes >= this.maxHeaderSize) return this.#overflow();
    return undefined;
  }

  #shouldKeepAlive(skipBody: boolean): boolean {
    if (this.#major > 0 && this.#minor > 0) {
      if (this.#flags & F_CONNECTION_CLOSE) return false;
    } else if (!(this.#flags & F_CONNECTION_KEEP_ALIVE)) {
      return false;
    }
    return !this.#needsEof(skipBody);
  }

  #needsEof(skipBody: boolean): boolean {
    if (this.kind === REQUEST || skipBody) return false;
    const s = this.#status;
    if ((s >= 100 && s < 200) || s === 204 || s === 304) return false;
    return !(this.#flags & (F_CHUNKED | F_CONTENT_LENGTH));
  }

  #headersDone(): ParseError | undefined {
    if (this.#state === S.TRAILERS) {
      const trailers = this.#headers;
      this.#headers = [];
      this.#complete(trailers);
      return undefined;
    }
    const f = this.#flags;
    const upgrade = this.kind === REQUEST
      ? ((f & F_UPGRADE) !== 0 && (f & F_CONNECTION_UPGRADE) !== 0) || this.#method === 'CONNECT'
      : (f & F_UPGRADE) !== 0 && (f & F_CONNECTION_UPGRADE) !== 0 && this.#status === 101;
    const head: ParsedHead = {
      versionMajor: this.#major,
      versionMinor: this.#minor,
      headers: this.#headers,
      method: this.#method,
      url: this.#url,
      statusCode: this.#status,
      statusMessage: this.#reason,
      upgrade,
      shouldKeepAlive: this.#shouldKeepAlive(false),
    };
    this.#headers = [];
    const ret = this.onHeadersComplete(head) || 0;
    if (this.#state === S.DEAD) return undefined;
    // RFC 9112 6.3 rule 4: a request whose final coding is not chunked cannot be framed. llhttp
    // checks this after the headers callback, so the handler has seen the request.
    if (this.kind === REQUEST && (f & F_TRANSFER_ENCODING) && !(f & F_CHUNKED)) {
      return this.#fail('HPE_INVALID_TRANSFER_ENCODING', 'Request has invalid `Transfer-Encoding`');
    }
    if (upgrade && ret === 0 && this.kind === REQUEST) this.#latchPending = true;
    else this.#latched = false;
    const skipBody = ret === 1 || ret === 2;
    this.#keepAlive = this.#shouldKeepAlive(skipBody);
    if (ret === 2) {
      this.onMessageComplete([]);
      this.#state = S.UPGRADED;
      return undefined;
    }
    if (this.kind === RESPONSE && this.#status >= 100 && this.#status < 200 && this.#status !== 101) {
      // Informational: the real response follows.
      this.onMessageComplete([]);
      this.#state = S.START;
      return undefined;
    }
    if (skipBody) { this.#complete([]); return undefined; }
    if (f & F_CHUNKED) { this.#state = S.CHUNK_SIZE; return undefined; }
    if (f & F_CONTENT_LENGTH) {
      if (this.#contentLength === 0) { this.#complete([]); return undefined; }
      this.#remaining = this.#contentLength;
      this.#state = S.BODY;
      return undefined;
    }
    if (this.#needsEof(false)) { this.#state = S.EOF_BODY; return undefined; }
    this.#complete([]);
    return undefined;
  }

  /** "1a;ext=v" CRLF (RFC 9112 7.1). */
  #chunkSizeLine(line: string): ParseError | undefined {
    const n = line.length;
    if (n === 0 || line.charCodeAt(n - 1) !== 13) {
      if (n > 0 && /^[0-9a-fA-F]+$/.test(line)) return this.#fail('HPE_CR_EXPECTED', 'Missing expected CR after chunk size');
      return this.#fail('HPE_INVALID_CHUNK_SIZE', 'Invalid character in chunk size');
    }
    const text = line.slice(0, n - 1);
    const m = /^[0-9a-fA-F]+/.exec(text);
    if (!m) return this.#fail('HPE_INVALID_CHUNK_SIZE', 'Invalid character in chunk size');
    const hex = m[0].replace(/^0+(?=.)/, '');
    if (hex.length > 16) return this.#fail('HPE_INVALID_CHUNK_SIZE', 'Chunk size overflow');
    const ext = text.slice(m[0].length);
    if (ext.length) {
      if (ext.charCodeAt(0) !== 59 /* ; */) return this.#fail('HPE_INVALID_CHUNK_SIZE', 'Invalid character in chunk size');
      if (ext.length > MAX_CHUNK_EXTENSIONS) return this.#fail('HPE_CHUNK_EXTENSIONS_OVERFLOW', 'Chunk extensions overflow');
      if (!CHUNK_EXT.test(ext)) {
        return this.#fail('HPE_STRICT', /^;[!#$%&'*+\-.^_`|~0-9A-Za-z]+=/.test(ext) ? 'Invalid character in chunk extensions value' : 'Invalid character in chunk extensions');
      }
    }
    const size = parseInt(hex, 16);
    if (size === 0) {
      this.#state = S.TRAILERS;
      this.#headers = [];
      this.#headerBytes = 0; // trailers have their own size budget, as in Node
      return undefined;
    }
    this.#remaining = size;
    this.#state = S.CHUNK_DATA;
    return undefined;
  }

  #complete(trailers: string[]): void {
    const keepAlive = this.#keepAlive;
    this.#state = keepAlive ? S.START : S.CLOSED;
    if (this.#latchPending) {
      this.#latchPending = false;
      this.#latched = true;
      this.#stop = true;
    }
    this.onMessageComplete(trailers);
  }
}

function leadingOws(s: string, from: number): number {
  let i = from;
  while (i < s.length && (s.charCodeAt(i) === 32 || s.charCodeAt(i) === 9)) i++;
  return i - from;
}

function trimTrailingOws(s: string): string {
  let end = s.length;
  while (end > 0 && (s.charCodeAt(end - 1) === 32 || s.charCodeAt(end - 1) === 9)) end--;
  return end === s.length ? s : s.slice(0, end);
}
