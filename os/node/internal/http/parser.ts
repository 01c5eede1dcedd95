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
/** The fast path's shapes: anything else goes through the line-by-line checks. */
const OWS_AROUND = /^[\t ]*([^]*?)[\t ]*$/;
const REQUEST_LINE = /^([A-Z-]+) ([\x21-\x7e]+) HTTP\/([0-9])\.([0-9])$/;
const HEADER_LINE = /^([!#$%&'*+\-.^_`|~0-9A-Za-z]+):([\t ]*)([\t\x20-\x7e\x80-\xff]*)$/;

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

  private _state = S.START;
  /** A line not yet ended by LF (latin1 pieces, joined when it ends). */
  private _lineParts: string[] = [];
  private _lineLen = 0;
  private _lineCount = 0;
  private _methodSeen = false;
  private _flags = 0;
  private _headerBytes = 0;
  private _headers: string[] = [];
  private _method = '';
  private _url = '';
  private _major = 1;
  private _minor = 1;
  private _status = 0;
  private _reason = '';
  private _contentLength = -1;
  private _remaining = 0;
  private _keepAlive = true;
  /** Offset in the current execute() input, for bytesParsed. */
  private _pos = 0;
  private _error: ParseError | undefined;
  /** An upgrade request the server did not take: errors are not reported until the next head. */
  private _latched = false;
  private _latchPending = false;
  /** Stop the current execute() at the end of the message that set it. */
  private _stop = false;

  constructor(kind: number, opts: { maxHeaderSize?: number; maxHeaderPairs?: number } = {}) {
    this.kind = kind;
    this.maxHeaderSize = opts.maxHeaderSize || DEFAULT_MAX_HEADER_SIZE;
    this.maxHeaderPairs = opts.maxHeaderPairs ?? DEFAULT_MAX_HEADER_PAIRS;
  }

  /** Ready for a new connection (a parser from a free list). */
  reinitialize(kind: number): void {
    this.kind = kind;
    this._state = S.START;
    this._lineParts = [];
    this._lineLen = 0;
    this._latched = false;
    this._latchPending = false;
    this._error = undefined;
    this._resetMessage();
  }

  /** True between a message's first byte and its end. */
  get inMessage(): boolean {
    return this._state !== S.START && this._state !== S.CLOSED && this._state !== S.DEAD && this._state !== S.UPGRADED && this._state !== S.SILENT;
  }

  get upgraded(): boolean {
    return this._state === S.UPGRADED;
  }

  private _resetMessage(): void {
    this._lineCount = 0;
    this._methodSeen = false;
    this._flags = 0;
    this._headerBytes = 0;
    this._headers = [];
    this._method = '';
    this._url = '';
    this._major = 1;
    this._minor = 1;
    this._status = 0;
    this._reason = '';
    this._contentLength = -1;
    this._remaining = 0;
  }

  private _fail(code: string, reason: string, at = this._pos): ParseError {
    this._state = S.DEAD;
    this._error = new ParseError(code, reason, at);
    return this._error;
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
    if (this._state === S.SILENT) return data.length;
    const r = this._run(data);
    if (typeof r !== 'number' && this._latched) {
      this._state = S.SILENT;
      return data.length;
    }
    return r;
  }

  private _run(data: Uint8Array): number | ParseError {
    const len = data.length;
    let pos = 0;
    this._stop = false;
    while (pos < len) {
      if (this._stop) return pos;
      this._pos = pos;
      switch (this._state) {
        case S.START: {
          const c = data[pos];
          if (c === 13 || c === 10) { pos++; continue; }
          this._state = S.HEAD;
          this._resetMessage();
          if (this.kind === REQUEST) {
            const r = this._fastHead(data, pos, len);
            if (r >= 0) { pos = r; continue; }
            if (r === -2) return this._error!;
            this._resetMessage();
          }
          continue;
        }
        case S.CLOSED: {
          const c = data[pos];
          if (c === 13 || c === 10) { pos++; continue; }
          if (this.kind === RESPONSE) return pos;
          return this._fail('HPE_CLOSED_CONNECTION', 'Data after `Connection: close`', pos);
        }
        case S.HEAD:
        case S.TRAILERS:
        case S.CHUNK_SIZE: {
          const lf = data.indexOf(10, pos);
          if (lf < 0) {
            this._lineParts.push(latin1(data, pos, len));
            this._lineLen += len - pos;
            const err = this._checkPartial();
            if (err) return err;
            return len;
          }
          let line = latin1(data, pos, lf);
          if (this._lineLen) {
            this._lineParts.push(line);
            line = this._lineParts.join('');
            this._lineParts.length = 0;
            this._lineLen = 0;
          }
          pos = lf + 1;
          const err = this._state === S.CHUNK_SIZE ? this._chunkSizeLine(line) : this._headLine(line);
          if (err) return err;
          if ((this._state as S) === S.UPGRADED) return pos;
          continue;
        }
        case S.BODY: {
          const n = Math.min(this._remaining, len - pos);
          this._remaining -= n;
          const chunk = data.subarray(pos, pos + n);
          pos += n;
          this.onBody(chunk);
          if (this._remaining === 0) this._complete([]);
          continue;
        }
        case S.CHUNK_DATA: {
          const n = Math.min(this._remaining, len - pos);
          this._remaining -= n;
          const chunk = data.subarray(pos, pos + n);
          pos += n;
          this.onBody(chunk);
          if (this._remaining === 0) { this._state = S.CHUNK_CRLF; this._remaining = 2; }
          continue;
        }
        case S.CHUNK_CRLF: {
          const c = data[pos];
          if (this._remaining === 2) {
            if (c === 13) { this._remaining = 1; pos++; continue; }
            if (c === 10) return this._fail('HPE_CR_EXPECTED', 'Missing expected CR after chunk data', pos);
            return this._fail('HPE_STRICT', 'Expected LF after chunk data', pos);
          }
          if (c !== 10) return this._fail('HPE_STRICT', 'Expected LF after chunk data', pos);
          pos++;
          this._state = S.CHUNK_SIZE;
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
          return this._error!;
        case S.SILENT:
          return len;
      }
    }
    return len;
  }

  /** End of input: completes a read-until-close body; a cut message is HPE_INVALID_EOF_STATE. */
  finish(): ParseError | undefined {
    switch (this._state) {
      case S.EOF_BODY:
        this._complete([]);
        return undefined;
      case S.START:
      case S.CLOSED:
      case S.UPGRADED:
      case S.DEAD:
      case S.SILENT:
        return undefined;
      default: {
        if (this._latched) { this._state = S.SILENT; return undefined; }
        this._state = S.DEAD;
        const e = new ParseError('HPE_INVALID_EOF_STATE', 'Invalid EOF state', 0);
        e.message = 'Parse Error';
        return e;
      }
    }
  }

  /**
   * The common case, a whole well-formed request head in one input: decoded once and checked
   * line by line with one regular expression each. Returns the position after the head (the
   * headers callback has run), -1 to let the line-by-line path handle these bytes (incomplete
   * or unusual input: it reproduces llhttp's exact refusals), or -2 after a refusal.
   */
  private _fastHead(data: Uint8Array, pos: number, len: number): number {
    let end = -1;
    for (let i = pos, lf = data.indexOf(10, i); lf >= 0 && lf < len; i = lf + 1, lf = data.indexOf(10, i)) {
      if (data[lf - 1] === 13 && data[lf + 1] === 13 && data[lf + 2] === 10) { end = lf + 3; break; }
    }
    if (end < 0 || end - pos >= this.maxHeaderSize) return -1;
    const text = latin1(data, pos, end - 4);
    let eol = text.indexOf('\r\n');
    if (eol < 0) eol = text.length;
    const rl = REQUEST_LINE.exec(eol === text.length ? text : text.slice(0, eol));
    if (!rl || !METHOD_SET.has(rl[1])) return -1;
    const major = rl[3].charCodeAt(0) - 48;
    const minor = rl[4].charCodeAt(0) - 48;
    if (!((major === 1 && minor <= 1) || (major === 2 && minor === 0) || (major === 0 && minor === 9))) return -1;
    const url = rl[2];
    if (urlProblem(url, rl[1])) return -1;
    let bytes = url.length;
    const headers: string[] = [];
    for (let i = eol + 2; i < text.length;) {
      let j = text.indexOf('\r\n', i);
      if (j < 0) j = text.length;
      const m = HEADER_LINE.exec(text.slice(i, j));
      if (!m) return -1;
      const name = m[1];
      bytes += name.length + (j - i) - name.length - 1 - m[2].length;
      if (bytes >= this.maxHeaderSize) return -1;
      const value = trimTrailingOws(m[3]);
      const n = name.length;
      if (n === 7 || n === 10 || n === 14 || n === 17) {
        if (this._special(name, value)) return -2;
      }
      if (this.maxHeaderPairs <= 0 || headers.length < this.maxHeaderPairs) headers.push(name, value);
      i = j + 2;
    }
    this._method = rl[1];
    this._url = url;
    this._major = major;
    this._minor = minor;
    this._headerBytes = bytes;
    this._headers = headers;
    this._lineCount = 2;
    this._pos = end;
    const err = this._headersDone();
    return err ? -2 : end;
  }

  /** Limits checked while a line is still arriving, so garbage cannot grow without bound. */
  private _checkPartial(): ParseError | undefined {
    // The counted size never exceeds the raw length: look closer only near the limits.
    const near = this._headerBytes + this._lineLen >= this.maxHeaderSize ||
      (this._state === S.HEAD && this._lineCount === 0 && !this._methodSeen) ||
      (this._state === S.CHUNK_SIZE && this._lineLen > MAX_CHUNK_EXTENSIONS);
    if (!near) return undefined;
    if (this._lineParts.length > 1) this._lineParts = [this._lineParts.join('')];
    const line = this._lineParts[0];
    if (this._state === S.CHUNK_SIZE) {
      if (line.length > MAX_CHUNK_EXTENSIONS + 32) return this._fail('HPE_CHUNK_EXTENSIONS_OVERFLOW', 'Chunk extensions overflow');
      return undefined;
    }
    if (this._state === S.HEAD && this._lineCount === 0) {
      if (this.kind === REQUEST) {
        const sp = line.indexOf(' ');
        if (sp < 0) {
          // Refuse as soon as no method can match the bytes so far.
          if ('PRI'.startsWith(line)) return undefined;
          for (const m of METHODS) if (m.startsWith(line)) return undefined;
          return this._methodError(line);
        }
        this._methodSeen = true;
        if (sp >= 0) {
          let i = sp;
          while (line.charCodeAt(i) === 32) i++;
          const e = line.indexOf(' ', i);
          if (this._headerBytes + (e < 0 ? line.length : e) - i >= this.maxHeaderSize) return this._overflow();
        }
      } else if (this._headerBytes + line.length >= this.maxHeaderSize + 16) {
        return this._overflow();
      }
      return undefined;
    }
    const colon = line.indexOf(':');
    const end = line.charCodeAt(line.length - 1) === 13 ? line.length - 1 : line.length;
    const counted = colon < 0 ? end : colon + end - colon - 1 - leadingOws(line, colon + 1);
    if (this._headerBytes + counted >= this.maxHeaderSize) return this._overflow();
    return undefined;
  }

  private _overflow(): ParseError {
    return this._fail('HPE_HEADER_OVERFLOW', 'Header overflow');
  }

  /** A start line, header line, trailer line or the empty line ending them. */
  private _headLine(line: string): ParseError | undefined {
    const first = this._state === S.HEAD && this._lineCount === 0;
    const n = line.length;
    if (n === 0 || line.charCodeAt(n - 1) !== 13) {
      if (first) {
        if (this.kind === RESPONSE) return this._fail('HPE_CR_EXPECTED', 'Missing expected CR after response line');
        return this._fail('HPE_INVALID_VERSION', 'Expected CRLF after version');
      }
      if (n === 0) return this._fail('HPE_INVALID_HEADER_TOKEN', 'Invalid header field char');
      return this._fail('HPE_CR_EXPECTED', 'Missing expected CR after header value');
    }
    const text = line.slice(0, n - 1);
    if (first) {
      this._lineCount++;
      return this.kind === REQUEST ? this._requestLine(text) : this._statusLine(text);
    }
    if (text.length === 0) return this._headersDone();
    this._lineCount++;
    const c0 = text.charCodeAt(0);
    if (c0 === 32 || c0 === 9) {
      if (this._lineCount === 2 && this._state === S.HEAD) return this._fail('HPE_UNEXPECTED_SPACE', 'Unexpected space after start line');
      return this._fail('HPE_INVALID_HEADER_TOKEN', 'Unexpected whitespace after header value');
    }
    const colon = text.indexOf(':');
    if (colon <= 0) return this._fail('HPE_INVALID_HEADER_TOKEN', 'Invalid header token');
    const name = text.slice(0, colon);
    if (!TOKEN.test(name)) return this._fail('HPE_INVALID_HEADER_TOKEN', 'Invalid header token');
    const cr = text.indexOf('\r', colon);
    if (cr >= 0) return this._fail('HPE_LF_EXPECTED', 'Missing expected LF after header value');
    const rawValue = text.slice(colon + 1 + leadingOws(text, colon + 1));
    if (BAD_VALUE_CHAR.test(rawValue)) return this._fail('HPE_INVALID_HEADER_TOKEN', 'Invalid header value char');
    this._headerBytes += name.length + rawValue.length;
    if (this._headerBytes >= this.maxHeaderSize) return this._overflow();
    const value = trimTrailingOws(rawValue);
    if (this._state === S.HEAD) {
      const err = this._special(name, value);
      if (err) return err;
    }
    if (this.maxHeaderPairs <= 0 || this._headers.length < this.maxHeaderPairs) this._headers.push(name, value);
    return undefined;
  }

  /** Content-Length, Transfer-Encoding, Connection and Upgrade decide the framing. */
  private _special(name: string, value: string): ParseError | undefined {
    switch (name.length) {
      case 14:
        if (name !== 'Content-Length' && name.toLowerCase() !== 'content-length') return undefined;
        if (this._flags & F_CONTENT_LENGTH) return this._fail('HPE_UNEXPECTED_CONTENT_LENGTH', 'Duplicate Content-Length');
        if (this._flags & F_TRANSFER_ENCODING) return this._fail('HPE_INVALID_CONTENT_LENGTH', "Content-Length can't be present with Transfer-Encoding");
        if (value.length === 0) return this._fail('HPE_INVALID_CONTENT_LENGTH', 'Empty Content-Length');
        if (!/^[0-9]+$/.test(value)) return this._fail('HPE_INVALID_CONTENT_LENGTH', 'Invalid character in Content-Length');
        {
          const digits = value.replace(/^0+(?=.)/, '');
          if (digits.length > 20 || (digits.length === 20 && digits > MAX_U64)) return this._fail('HPE_INVALID_CONTENT_LENGTH', 'Content-Length overflow');
          this._contentLength = Number(digits);
        }
        this._flags |= F_CONTENT_LENGTH;
        return undefined;
      case 17: {
        if (name !== 'Transfer-Encoding' && name.toLowerCase() !== 'transfer-encoding') return undefined;
        if (this._flags & F_CONTENT_LENGTH) return this._fail('HPE_INVALID_TRANSFER_ENCODING', "Transfer-Encoding can't be present with Content-Length");
        if (value.length === 0) return undefined;
        // RFC 9112 6.1: chunked must be the final coding and appear once.
        if (this._flags & F_CHUNKED) return this._fail('HPE_INVALID_TRANSFER_ENCODING', 'Invalid `Transfer-Encoding` header value');
        this._flags |= F_TRANSFER_ENCODING;
        const codings = value.split(',');
        for (let i = 0; i < codings.length; i++) {
          const t = trimOws(codings[i]);
          if (this._flags & F_CHUNKED) {
            if (t.length) return this._fail('HPE_INVALID_TRANSFER_ENCODING', 'Invalid `Transfer-Encoding` header value');
            continue;
          }
          if (t.length === 7 && t.toLowerCase() === 'chunked') this._flags |= F_CHUNKED;
        }
        return undefined;
      }
      case 10: {
        if (name !== 'Connection' && name.toLowerCase() !== 'connection') return undefined;
        const v = value.toLowerCase();
        // The usual single token first; lists are split.
        const tokens = v === 'keep-alive' || v === 'close' || v === 'upgrade' ? [v] : v.split(',').map(trimOws);
        for (const t of tokens) {
          if (t === 'close') this._flags |= F_CONNECTION_CLOSE;
          else if (t === 'keep-alive') this._flags |= F_CONNECTION_KEEP_ALIVE;
          else if (t === 'upgrade') this._flags |= F_CONNECTION_UPGRADE;
        }
        return undefined;
      }
      case 7:
        if (name.toLowerCase() === 'upgrade') this._flags |= F_UPGRADE;
        return undefined;
      default:
        return undefined;
    }
  }

  private _requestLine(text: string): ParseError | undefined {
    const sp = text.indexOf(' ');
    const method = sp < 0 ? text : text.slice(0, sp);
    if (sp < 0 || !METHOD_SET.has(method)) {
      if (method === 'PRI') return this._fail('HPE_PAUSED_H2_UPGRADE', 'Pause on PRI/Upgrade');
      return this._methodError(text);
    }
    this._method = method;
    let i = sp;
    while (text.charCodeAt(i) === 32) i++;
    let end = text.indexOf(' ', i);
    const url = end < 0 ? text.slice(i) : text.slice(i, end);
    this._headerBytes += url.length;
    if (this._headerBytes >= this.maxHeaderSize) return this._overflow();
    const urlErr = this._checkUrl(url, method);
    if (urlErr) return urlErr;
    this._url = url;
    if (end < 0) {
      // "GET /" with no version: HTTP/0.9.
      this._major = 0;
      this._minor = 9;
      return undefined;
    }
    while (text.charCodeAt(end) === 32) end++;
    const version = text.slice(end);
    let proto = 'HTTP/';
    if (!version.startsWith('HTTP/')) {
      if (version.startsWith('RTSP/')) proto = 'RTSP/';
      else if (version.startsWith('ICE/') && method === 'SOURCE') proto = 'ICE/';
      else if (version.startsWith('ICE/')) return this._fail('HPE_INVALID_CONSTANT', 'Expected SOURCE method for ICE/x.x request');
      else return this._fail('HPE_INVALID_CONSTANT', 'Expected HTTP/, RTSP/ or ICE/');
    }
    return this._version(version.slice(proto.length));
  }

  private _version(v: string): ParseError | undefined {
    if (!/^[0-9]\.[0-9]/.test(v)) return this._fail('HPE_INVALID_VERSION', 'Invalid major version');
    const major = v.charCodeAt(0) - 48;
    const minor = v.charCodeAt(2) - 48;
    const ok = (major === 1 && (minor === 0 || minor === 1)) || (major === 0 && minor === 9) || (major === 2 && minor === 0);
    if (!ok) return this._fail('HPE_INVALID_VERSION', 'Invalid HTTP version');
    if (v.length !== 3) return this._fail('HPE_INVALID_VERSION', 'Expected CRLF after version');
    this._major = major;
    this._minor = minor;
    return undefined;
  }

  private _methodError(text: string): ParseError {
    for (const m of METHODS) {
      if (text.startsWith(m) && text.length > m.length) return this._fail('HPE_INVALID_METHOD', 'Expected space after method');
    }
    return this._fail('HPE_INVALID_METHOD', 'Invalid method encountered');
  }

  private _checkUrl(url: string, method: string): ParseError | undefined {
    const reason = urlProblem(url, method);
    return reason ? this._fail('HPE_INVALID_URL', reason) : undefined;
  }

  private _statusLine(text: string): ParseError | undefined {
    let proto = 'HTTP/';
    if (!text.startsWith(proto)) {
      if (text.startsWith('RTSP/')) proto = 'RTSP/';
      else return this._fail('HPE_INVALID_CONSTANT', 'Expected HTTP/, RTSP/ or ICE/');
    }
    const rest = text.slice(proto.length);
    const sp = rest.indexOf(' ');
    const err = this._version(sp < 0 ? rest : rest.slice(0, sp));
    if (err) return err;
    let i = sp;
    while (rest.charCodeAt(i) === 32) i++;
    const m = /^([0-9]{3})(?: (.*))?$/.exec(rest.slice(i));
    if (sp < 0 || !m) return this._fail('HPE_INVALID_STATUS', 'Invalid status code');
    this._status = Number(m[1]);
    this._reason = m[2] ?? '';
    if (BAD_VALUE_CHAR.test(this._reason)) return this._fail('HPE_INVALID_STATUS', 'Invalid response status');
    this._headerBytes += this._reason.length;
    if (this._headerBytes >= this.maxHeaderSize) return this._overflow();
    return undefined;
  }

  private _shouldKeepAlive(skipBody: boolean): boolean {
    if (this._major > 0 && this._minor > 0) {
      if (this._flags & F_CONNECTION_CLOSE) return false;
    } else if (!(this._flags & F_CONNECTION_KEEP_ALIVE)) {
      return false;
    }
    return !this._needsEof(skipBody);
  }

  private _needsEof(skipBody: boolean): boolean {
    if (this.kind === REQUEST || skipBody) return false;
    const s = this._status;
    if ((s >= 100 && s < 200) || s === 204 || s === 304) return false;
    return !(this._flags & (F_CHUNKED | F_CONTENT_LENGTH));
  }

  private _headersDone(): ParseError | undefined {
    if (this._state === S.TRAILERS) {
      const trailers = this._headers;
      this._headers = [];
      this._complete(trailers);
      return undefined;
    }
    const f = this._flags;
    const upgrade = this.kind === REQUEST
      ? ((f & F_UPGRADE) !== 0 && (f & F_CONNECTION_UPGRADE) !== 0) || this._method === 'CONNECT'
      : (f & F_UPGRADE) !== 0 && (f & F_CONNECTION_UPGRADE) !== 0 && this._status === 101;
    const head: ParsedHead = {
      versionMajor: this._major,
      versionMinor: this._minor,
      headers: this._headers,
      method: this._method,
      url: this._url,
      statusCode: this._status,
      statusMessage: this._reason,
      upgrade,
      shouldKeepAlive: this._shouldKeepAlive(false),
    };
    this._headers = [];
    const ret = this.onHeadersComplete(head) || 0;
    if (this._state === S.DEAD) return undefined;
    // RFC 9112 6.3 rule 4: a request whose final coding is not chunked cannot be framed. llhttp
    // checks this after the headers callback, so the handler has seen the request.
    if (this.kind === REQUEST && (f & F_TRANSFER_ENCODING) && !(f & F_CHUNKED)) {
      return this._fail('HPE_INVALID_TRANSFER_ENCODING', 'Request has invalid `Transfer-Encoding`');
    }
    if (upgrade && ret === 0 && this.kind === REQUEST) this._latchPending = true;
    else this._latched = false;
    const skipBody = ret === 1 || ret === 2;
    this._keepAlive = this._shouldKeepAlive(skipBody);
    if (ret === 2) {
      this.onMessageComplete([]);
      this._state = S.UPGRADED;
      return undefined;
    }
    if (this.kind === RESPONSE && this._status >= 100 && this._status < 200 && this._status !== 101) {
      // Informational: the real response follows.
      this.onMessageComplete([]);
      this._state = S.START;
      return undefined;
    }
    // RFC 9112 6.3 rule 1: 1xx, 204 and 304 responses end with the head, whatever their framing.
    const s = this._status;
    if (skipBody || (this.kind === RESPONSE && (s === 204 || s === 304 || (s >= 100 && s < 200)))) { this._complete([]); return undefined; }
    if (f & F_CHUNKED) { this._state = S.CHUNK_SIZE; return undefined; }
    if (f & F_CONTENT_LENGTH) {
      if (this._contentLength === 0) { this._complete([]); return undefined; }
      this._remaining = this._contentLength;
      this._state = S.BODY;
      return undefined;
    }
    if (this._needsEof(false)) { this._state = S.EOF_BODY; return undefined; }
    this._complete([]);
    return undefined;
  }

  /** "1a;ext=v" CRLF (RFC 9112 7.1). */
  private _chunkSizeLine(line: string): ParseError | undefined {
    const n = line.length;
    if (n === 0 || line.charCodeAt(n - 1) !== 13) {
      if (n > 0 && /^[0-9a-fA-F]+$/.test(line)) return this._fail('HPE_CR_EXPECTED', 'Missing expected CR after chunk size');
      return this._fail('HPE_INVALID_CHUNK_SIZE', 'Invalid character in chunk size');
    }
    const text = line.slice(0, n - 1);
    const m = /^[0-9a-fA-F]+/.exec(text);
    if (!m) return this._fail('HPE_INVALID_CHUNK_SIZE', 'Invalid character in chunk size');
    const hex = m[0].replace(/^0+(?=.)/, '');
    if (hex.length > 16) return this._fail('HPE_INVALID_CHUNK_SIZE', 'Chunk size overflow');
    const ext = text.slice(m[0].length);
    if (ext.length) {
      if (ext.charCodeAt(0) !== 59 /* ; */) return this._fail('HPE_INVALID_CHUNK_SIZE', 'Invalid character in chunk size');
      if (ext.length > MAX_CHUNK_EXTENSIONS) return this._fail('HPE_CHUNK_EXTENSIONS_OVERFLOW', 'Chunk extensions overflow');
      if (!CHUNK_EXT.test(ext)) {
        return this._fail('HPE_STRICT', /^;[!#$%&'*+\-.^_`|~0-9A-Za-z]+=/.test(ext) ? 'Invalid character in chunk extensions value' : 'Invalid character in chunk extensions');
      }
    }
    const size = parseInt(hex, 16);
    if (size === 0) {
      this._state = S.TRAILERS;
      this._headers = [];
      this._headerBytes = 0; // trailers have their own size budget, as in Node
      return undefined;
    }
    this._remaining = size;
    this._state = S.CHUNK_DATA;
    return undefined;
  }

  private _complete(trailers: string[]): void {
    const keepAlive = this._keepAlive;
    this._state = keepAlive ? S.START : S.CLOSED;
    if (this._latchPending) {
      this._latchPending = false;
      this._latched = true;
      this._stop = true;
    }
    this.onMessageComplete(trailers);
  }
}

/** Request targets (RFC 9112 3.2): origin, absolute, authority (CONNECT) and asterisk forms. */
function urlProblem(url: string, method: string): string | undefined {
  if (url.length === 0) return 'Unexpected start char in url';
  if (!URL_CHARS.test(url)) {
    const bad = url.search(/[^\x21-\x7e]/);
    const part = url.slice(0, bad);
    return /[\t]/.test(url[bad]) ? 'Invalid characters in url' : part.includes('#') ? 'Invalid char in url fragment' : part.includes('?') ? 'Invalid char in url query' : 'Invalid char in url path';
  }
  const c = url.charCodeAt(0);
  if (method === 'CONNECT') {
    const slash = url.search(/[/?#]/);
    return SERVER_CHARS.test(slash < 0 ? url : url.slice(0, slash)) ? undefined : 'Unexpected char in url server';
  }
  if (c === 47 /* / */ || c === 42 /* * */) return undefined;
  if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) {
    if (/^[A-Za-z]+$/.test(url)) return 'Invalid characters in url';
    const m = SCHEME_URL.exec(url);
    if (!m) return 'Unexpected char in url schema';
    if (!SERVER_CHARS.test(m[1])) return 'Unexpected char in url server';
    return undefined;
  }
  return 'Unexpected start char in url';
}

function leadingOws(s: string, from: number): number {
  let i = from;
  while (i < s.length && (s.charCodeAt(i) === 32 || s.charCodeAt(i) === 9)) i++;
  return i - from;
}

/** OWS (SP / HTAB, RFC 9110 5.6.3) off both ends. */
function trimOws(s: string): string {
  const a = s.charCodeAt(0);
  const z = s.charCodeAt(s.length - 1);
  if (a !== 32 && a !== 9 && z !== 32 && z !== 9) return s;
  return OWS_AROUND.exec(s)![1];
}

function trimTrailingOws(s: string): string {
  const z = s.charCodeAt(s.length - 1);
  if (z !== 32 && z !== 9) return s;
  let end = s.length;
  while (end > 0 && (s.charCodeAt(end - 1) === 32 || s.charCodeAt(end - 1) === 9)) end--;
  return s.slice(0, end);
}
