// JSON.parse's SyntaxError messages as V8 11.3 (Node 20) words them. The engine's own messages
// ("unexpected end of input") reach clients: body-parser and Fastify put err.message into 400
// answers, and apps log it. The engine still parses; only when it throws a SyntaxError does
// v8JsonError() walk the text the way V8's JsonParser does (src/json/json-parser.cc) to find the
// first error and its position, and the message is replaced.
//
// Rules followed (V8's JsonParser, which implements ECMA-404 / RFC 8259 grammar):
// - whitespace is space, \t, \n, \r;
// - an object's first member must start with '"' ("Expected property name or '}'"), a member after
//   ',' too ("Expected double-quoted property name"), then ':' ("Expected ':' after property
//   name" for the first member only; later ones get the generic message), then ',' or '}'
//   ("Expected ',' or '}' after property value");
// - an array element is followed by ',' or ']' ("Expected ',' or ']' after array element"); a value
//   that cannot start where one is expected is an "Unexpected token" with context;
// - literals (true/false/null) fail at the first differing character; numbers per RFC 8259
//   section 6 (leading zero, '-', fraction, exponent); strings per section 7 (control characters,
//   escapes, \u with four hex digits);
// - after the value only whitespace may follow.
// "Unexpected token 'c'" carries the whole text when it is shorter than 21 characters, else 10
// characters of context on either side; "undefined", "NaN", "Infinity" and "[object Object]" get
// '"x" is not valid JSON'.

const MAX_CONTEXT = 10;
const MIN_LENGTH_FOR_CONTEXT = MAX_CONTEXT * 2 + 1;
const SPECIAL = ['[object Object]', 'undefined', 'Infinity', 'NaN'];

class JsonError {
  constructor(readonly message: string) {}
}

function isWs(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function isHex(c: number): boolean {
  return isDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}

class Parser {
  pos = 0;
  constructor(readonly src: string) {}

  get atEnd(): boolean {
    return this.pos >= this.src.length;
  }

  code(): number {
    return this.src.charCodeAt(this.pos);
  }

  skipWs(): void {
    while (!this.atEnd && isWs(this.code())) this.pos++;
  }

  at(message: string): JsonError {
    return new JsonError(`${message} in JSON at position ${this.pos}`);
  }

  /** V8's LookUpErrorMessageForJsonToken for the token at the cursor. */
  unexpected(): JsonError {
    if (this.atEnd) return new JsonError('Unexpected end of JSON input');
    const c = this.code();
    if (c === 0x22) return this.at('Unexpected string');
    if (c === 0x2d || isDigit(c)) return this.at('Unexpected number');
    const src = this.src;
    if (SPECIAL.includes(src)) return new JsonError(`"${src}" is not valid JSON`);
    const ch = src[this.pos];
    if (src.length < MIN_LENGTH_FOR_CONTEXT) return new JsonError(`Unexpected token '${ch}', "${src}" is not valid JSON`);
    const pos = this.pos;
    if (pos < MAX_CONTEXT) return new JsonError(`Unexpected token '${ch}', "${src.slice(0, pos + MAX_CONTEXT)}"... is not valid JSON`);
    if (pos < src.length - MAX_CONTEXT) {
      return new JsonError(`Unexpected token '${ch}', ..."${src.slice(pos - MAX_CONTEXT, pos + MAX_CONTEXT)}"... is not valid JSON`);
    }
    return new JsonError(`Unexpected token '${ch}', ..."${src.slice(pos - MAX_CONTEXT)}" is not valid JSON`);
  }

  /** The token at the cursor must be `c`; else `message` at this position, or without one the
   * generic unexpected-token message (V8's ExpectNext). */
  expect(c: number, message?: string): void {
    this.skipWs();
    if (this.atEnd || this.code() !== c) throw message ? this.at(message) : this.unexpected();
    this.pos++;
  }

  document(): void {
    this.value();
    this.skipWs();
    if (!this.atEnd) throw new JsonError(`Unexpected non-whitespace character after JSON at position ${this.pos}`);
  }

  value(): void {
    this.skipWs();
    if (this.atEnd) throw this.unexpected();
    const c = this.code();
    if (c === 0x22) this.string();
    else if (c === 0x2d || isDigit(c)) this.number();
    else if (c === 0x7b) this.object();
    else if (c === 0x5b) this.array();
    else if (c === 0x74) this.literal('true');
    else if (c === 0x66) this.literal('false');
    else if (c === 0x6e) this.literal('null');
    else throw this.unexpected();
  }

  object(): void {
    this.pos++;
    this.skipWs();
    if (!this.atEnd && this.code() === 0x7d) {
      this.pos++;
      return;
    }
    let first = true;
    for (;;) {
      this.skipWs();
      if (this.atEnd || this.code() !== 0x22) throw this.at(first ? "Expected property name or '}'" : 'Expected double-quoted property name');
      this.string();
      // V8 names the missing ':' only after an object's first property name.
      this.expect(0x3a, first ? "Expected ':' after property name" : undefined);
      first = false;
      this.value();
      this.skipWs();
      if (!this.atEnd && this.code() === 0x2c) {
        this.pos++;
        continue;
      }
      this.expect(0x7d, "Expected ',' or '}' after property value");
      return;
    }
  }

  array(): void {
    this.pos++;
    this.skipWs();
    if (!this.atEnd && this.code() === 0x5d) {
      this.pos++;
      return;
    }
    for (;;) {
      this.value();
      this.skipWs();
      if (!this.atEnd && this.code() === 0x2c) {
        this.pos++;
        continue;
      }
      this.expect(0x5d, "Expected ',' or ']' after array element");
      return;
    }
  }

  literal(word: string): void {
    // The first character matched already; the first differing one is the unexpected token.
    for (let i = 1; i < word.length; i++) {
      this.pos++;
      if (this.atEnd) throw new JsonError('Unexpected end of JSON input');
      if (this.code() !== word.charCodeAt(i)) throw this.unexpected();
    }
    this.pos++;
  }

  number(): void {
    if (this.code() === 0x2d) {
      this.pos++;
      if (this.atEnd || !isDigit(this.code())) throw this.at('No number after minus sign');
    }
    if (this.code() === 0x30) {
      this.pos++;
      if (!this.atEnd && isDigit(this.code())) throw this.at('Unexpected number');
    } else {
      while (!this.atEnd && isDigit(this.code())) this.pos++;
    }
    if (!this.atEnd && this.code() === 0x2e) {
      this.pos++;
      if (this.atEnd || !isDigit(this.code())) throw this.at('Unterminated fractional number');
      while (!this.atEnd && isDigit(this.code())) this.pos++;
    }
    if (!this.atEnd && (this.code() | 0x20) === 0x65) {
      this.pos++;
      if (!this.atEnd && (this.code() === 0x2b || this.code() === 0x2d)) this.pos++;
      if (this.atEnd || !isDigit(this.code())) throw this.at('Exponent part is missing a number');
      while (!this.atEnd && isDigit(this.code())) this.pos++;
    }
  }

  string(): void {
    this.pos++;
    for (;;) {
      if (this.atEnd) throw this.at('Unterminated string');
      const c = this.code();
      if (c === 0x22) {
        this.pos++;
        return;
      }
      if (c < 0x20) throw this.at('Bad control character in string literal');
      if (c !== 0x5c) {
        this.pos++;
        continue;
      }
      this.pos++;
      if (this.atEnd) throw new JsonError('Unexpected end of JSON input');
      const e = this.code();
      if (e === 0x75) {
        for (let i = 0; i < 4; i++) {
          this.pos++;
          if (this.atEnd || !isHex(this.code())) throw this.at('Bad Unicode escape');
        }
        this.pos++;
      } else if (e === 0x22 || e === 0x5c || e === 0x2f || e === 0x62 || e === 0x66 || e === 0x6e || e === 0x72 || e === 0x74) {
        this.pos++;
      } else {
        throw this.at('Bad escaped character');
      }
    }
  }
}

/** V8's message for JSON.parse(text), or undefined when V8 would accept the text. */
export function v8JsonError(text: string): string | undefined {
  try {
    new Parser(text).document();
    return undefined;
  } catch (err) {
    if (err instanceof JsonError) return err.message;
    throw err;
  }
}

/** Replaces JSON.parse with one whose SyntaxErrors carry V8's messages (same results otherwise). */
export function installJsonErrorMessages(json: JSON): void {
  const nativeParse = json.parse;
  const parse = function parse(text: string, reviver?: (this: unknown, key: string, value: unknown) => unknown): unknown {
    try {
      return reviver === undefined ? nativeParse(text) : nativeParse(text, reviver);
    } catch (err) {
      if (err instanceof SyntaxError) {
        let message: string | undefined;
        try {
          message = v8JsonError(String(text));
        } catch {
          message = undefined;
        }
        if (message !== undefined) {
          const old = err.message;
          err.message = message;
          const stack = (err as { stack?: unknown }).stack;
          if (typeof stack === 'string' && stack.startsWith(`SyntaxError: ${old}`)) {
            (err as { stack?: string }).stack = `SyntaxError: ${message}${stack.slice(13 + old.length)}`;
          }
        }
      }
      throw err;
    }
  };
  Object.defineProperty(parse, 'name', { value: 'parse' });
  Object.defineProperty(json, 'parse', { value: parse, writable: true, configurable: true, enumerable: false });
}

/** True when this engine's JSON.parse already words errors as V8 does (host Node in unit tests). */
export function jsonErrorsAreV8s(json: JSON): boolean {
  try {
    json.parse('{');
  } catch (err) {
    return (err as Error).message === v8JsonError('{');
  }
  return false;
}
