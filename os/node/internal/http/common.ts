// Shared pieces of node:http (Node 20's _http_common.js and the helpers of _http_outgoing.js and
// _http_server.js): status texts, token and header-value checks with Node's error codes, the
// cached Date header, and the context lookup for the bound HTTP classes.

import { codes } from '../../../core/errors';
import { withMessage } from '../validators';
import { contextOf } from '../net/socket';
import type { NetRuntime } from '../net/provider';

export { METHODS } from './parser';

export const STATUS_CODES: Record<number, string> = {
  100: 'Continue', 101: 'Switching Protocols', 102: 'Processing', 103: 'Early Hints',
  200: 'OK', 201: 'Created', 202: 'Accepted', 203: 'Non-Authoritative Information', 204: 'No Content',
  205: 'Reset Content', 206: 'Partial Content', 207: 'Multi-Status', 208: 'Already Reported', 226: 'IM Used',
  300: 'Multiple Choices', 301: 'Moved Permanently', 302: 'Found', 303: 'See Other', 304: 'Not Modified',
  305: 'Use Proxy', 307: 'Temporary Redirect', 308: 'Permanent Redirect',
  400: 'Bad Request', 401: 'Unauthorized', 402: 'Payment Required', 403: 'Forbidden', 404: 'Not Found',
  405: 'Method Not Allowed', 406: 'Not Acceptable', 407: 'Proxy Authentication Required', 408: 'Request Timeout',
  409: 'Conflict', 410: 'Gone', 411: 'Length Required', 412: 'Precondition Failed', 413: 'Payload Too Large',
  414: 'URI Too Long', 415: 'Unsupported Media Type', 416: 'Range Not Satisfiable', 417: 'Expectation Failed',
  418: "I'm a Teapot", 421: 'Misdirected Request', 422: 'Unprocessable Entity', 423: 'Locked',
  424: 'Failed Dependency', 425: 'Too Early', 426: 'Upgrade Required', 428: 'Precondition Required',
  429: 'Too Many Requests', 431: 'Request Header Fields Too Large', 451: 'Unavailable For Legal Reasons',
  500: 'Internal Server Error', 501: 'Not Implemented', 502: 'Bad Gateway', 503: 'Service Unavailable',
  504: 'Gateway Timeout', 505: 'HTTP Version Not Supported', 506: 'Variant Also Negotiates',
  507: 'Insufficient Storage', 508: 'Loop Detected', 509: 'Bandwidth Limit Exceeded', 510: 'Not Extended',
  511: 'Network Authentication Required',
};

const tokenRegExp = /^[\^_`a-zA-Z\-0-9!#$%&'*+.|~]+$/;
const headerCharRegex = /[^\t\x20-\x7e\x80-\xff]/;

/** RFC 9110 5.6.2 token. */
export function checkIsHttpToken(val: string): boolean {
  return tokenRegExp.test(val);
}

/** True when `val` holds a byte a field value may not (RFC 9110 5.5). */
export function checkInvalidHeaderChar(val: string): boolean {
  return headerCharRegex.test(val);
}

export const chunkExpression = /(?:^|\W)chunked(?:$|\W)/i;
export const continueExpression = /(?:^|\W)100-continue(?:$|\W)/i;

export function validateHeaderName(name: unknown, label?: string): asserts name is string {
  if (typeof name !== 'string' || !name || !checkIsHttpToken(name)) {
    throw new codes.ERR_INVALID_HTTP_TOKEN(label || 'Header name', name);
  }
}

export function validateHeaderValue(name: string, value: unknown): void {
  if (value === undefined) throw new codes.ERR_HTTP_INVALID_HEADER_VALUE(value, name);
  if (checkInvalidHeaderChar(String(value))) throw new codes.ERR_INVALID_CHAR('header content', name);
}

/** ERR_MISSING_ARGS for Node's "or" lists. */
export function missingArgs(names: string): Error {
  return withMessage(new codes.ERR_MISSING_ARGS('x'), `The ${names} argument must be specified`);
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number) => (n < 10 ? `0${n}` : `${n}`);
let cachedSecond = -1;
let cachedDate = '';

/** RFC 9110 5.6.7 IMF-fixdate of the wall clock, computed once per second (as Node's utcDate). */
export function utcDate(rt: NetRuntime): string {
  const ms = rt.wallMs();
  const second = Math.floor(ms / 1000);
  if (second !== cachedSecond) {
    cachedSecond = second;
    const d = new Date(second * 1000);
    cachedDate = `${DAYS[d.getUTCDay()]}, ${pad(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} GMT`;
  }
  return cachedDate;
}

/** The runtime of a bound HTTP object (its class carries the network context). */
export function rtOf(obj: object): NetRuntime {
  return contextOf((obj as { constructor: unknown }).constructor).rt;
}

/** process.nextTick for `obj`: its context's, or a microtask for objects of unbound classes. */
export function nextTickOf(obj: object): (fn: (...args: any[]) => void, ...args: any[]) => void {
  try {
    return rtOf(obj).nextTick;
  } catch {
    return (fn, ...args) => { Promise.resolve().then(() => fn(...args)); };
  }
}
