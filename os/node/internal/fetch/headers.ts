// Headers (https://fetch.spec.whatwg.org/#headers-class), as Node 20's undici: names are tokens
// kept lower-cased, values are normalised (leading/trailing HTTP whitespace removed) and must not
// hold NUL, CR or LF; iteration is sorted by name with repeated values joined by ", ", except
// set-cookie which is yielded once per value (getSetCookie() returns them). A response's headers
// from fetch() are immutable.

import { checkIsHttpToken } from '../http/common';

const kList = Symbol('headers list');
const kGuard = Symbol('guard');
const INVALID_VALUE = /[\0\r\n]/;

export type HeadersInit = Headers | Iterable<[string, string]> | Record<string, string>;

function normalizeValue(v: unknown): string {
  return String(v).replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, '');
}

export class Headers {
  /** lower-cased name -> values in insertion order (set-cookie keeps each value). */
  [kList] = new Map<string, { name: string; values: string[] }>();
  [kGuard]: 'none' | 'immutable' | 'request' | 'response' = 'none';

  constructor(init?: HeadersInit) {
    if (init === undefined || init === null) {
      if (init === null) throw new TypeError("Headers constructor: Argument 1 could not be converted to any of: sequence<sequence<ByteString>>, record<ByteString, ByteString>.");
      return;
    }
    fillHeaders(this, init);
  }

  #name(name: unknown, method: string): string {
    const n = String(name);
    if (!checkIsHttpToken(n)) throw new TypeError(`Headers.${method}: "${n}" is an invalid header name.`);
    return n;
  }

  #check(name: unknown, value: unknown, method: string): [string, string] {
    const n = this.#name(name, method);
    const v = normalizeValue(value);
    if (INVALID_VALUE.test(v)) throw new TypeError(`Headers.${method}: "${v}" is an invalid header value.`);
    return [n, v];
  }

  #mutable(): void {
    if (this[kGuard] === 'immutable') throw new TypeError('immutable');
  }

  append(name: string, value: string): void {
    const [n, v] = this.#check(name, value, 'append');
    this.#mutable();
    const key = n.toLowerCase();
    const entry = this[kList].get(key);
    if (entry) entry.values.push(v);
    else this[kList].set(key, { name: n, values: [v] });
  }

  delete(name: string): void {
    const n = this.#name(name, 'delete');
    this.#mutable();
    this[kList].delete(n.toLowerCase());
  }

  get(name: string): string | null {
    const n = this.#name(name, 'get');
    const entry = this[kList].get(n.toLowerCase());
    if (!entry) return null;
    return entry.values.join(', ');
  }

  has(name: string): boolean {
    const n = this.#name(name, 'has');
    return this[kList].has(n.toLowerCase());
  }

  set(name: string, value: string): void {
    const [n, v] = this.#check(name, value, 'set');
    this.#mutable();
    this[kList].set(n.toLowerCase(), { name: n, values: [v] });
  }

  getSetCookie(): string[] {
    return this[kList].get('set-cookie')?.values.slice() ?? [];
  }

  forEach(callback: (value: string, name: string, parent: Headers) => void, thisArg?: unknown): void {
    if (typeof callback !== 'function') throw new TypeError("Headers.forEach: Argument 1 could not be converted to: Function.");
    for (const [name, value] of this) callback.call(thisArg, value, name, this);
  }

  *entries(): IterableIterator<[string, string]> {
    const names = Array.from(this[kList].keys()).sort();
    for (const name of names) {
      const entry = this[kList].get(name);
      if (!entry) continue;
      if (name === 'set-cookie') for (const v of entry.values) yield [name, v];
      else yield [name, entry.values.join(', ')];
    }
  }

  *keys(): IterableIterator<string> {
    for (const [name] of this.entries()) yield name;
  }

  *values(): IterableIterator<string> {
    for (const [, value] of this.entries()) yield value;
  }

  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.entries();
  }

  [Symbol.for('nodejs.util.inspect.custom')](): object {
    const out: Record<string, string> = {};
    for (const [k, v] of this) out[k] = v;
    return out;
  }
}
Object.defineProperty(Headers, 'name', { value: 'Headers' });
Object.defineProperty(Headers.prototype, Symbol.toStringTag, { value: 'Headers', configurable: true });

export function fillHeaders(h: Headers, init: HeadersInit): void {
  if (init instanceof Headers) {
    for (const [, entry] of init[kList]) for (const v of entry.values) h.append(entry.name, v);
    return;
  }
  if (typeof init !== 'object') throw new TypeError("Headers constructor: Argument 1 could not be converted to any of: sequence<sequence<ByteString>>, record<ByteString, ByteString>.");
  const iter = (init as any)[Symbol.iterator];
  if (typeof iter === 'function') {
    for (const pair of init as Iterable<any>) {
      const arr = Array.from(pair as Iterable<string>);
      if (arr.length !== 2) throw new TypeError('Headers constructor: expected name/value pair to be length 2, found ' + arr.length + '.');
      h.append(arr[0], arr[1]);
    }
    return;
  }
  for (const key of Object.keys(init)) h.append(key, (init as Record<string, string>)[key]);
}

/** Makes a Headers read-only (responses from fetch). */
export function freezeHeaders(h: Headers): Headers {
  h[kGuard] = 'immutable';
  return h;
}

/** [name, value, ...] with each value separately (for http.request), names as given. */
export function headersToRaw(h: Headers): string[] {
  const out: string[] = [];
  for (const [, entry] of h[kList]) for (const v of entry.values) out.push(entry.name, v);
  return out;
}

/** Headers from raw [name, value, ...] (an IncomingMessage's rawHeaders). */
export function headersFromRaw(raw: string[]): Headers {
  const h = new Headers();
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const key = raw[i].toLowerCase();
    const entry = h[kList].get(key);
    if (entry) entry.values.push(raw[i + 1]);
    else h[kList].set(key, { name: key, values: [raw[i + 1]] });
  }
  return h;
}
