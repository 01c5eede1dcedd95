// The one registry of error codes, as Node's lib/internal/errors.js.
//
// Two kinds of errors leave the OS towards the application:
// - Node API errors (`ERR_*`): a TypeError/RangeError/Error whose `code` is the key below and whose
//   message is Node's. Construct them with `new codes.ERR_X(...args)`.
// - System errors (`ENOENT`, `ECONNRESET`, ...): an Error with `errno` (negative, as libuv's), `code`,
//   `syscall` and optionally `path`/`dest`/`address`/`port`, built by `systemError()` with Node's
//   message format "ENOENT: no such file or directory, open '/x'".
//
// Kernel invariants do not use this file: they panic (core/panic.ts). Tests assert on codes, not on
// messages. Each area (fs, net, http, ...) keeps its codes in its own block below; add, don't rename.

type MessageFn = (...args: any[]) => string;

const messages = new Map<string, MessageFn>();
export const codes: Record<string, new (...args: any[]) => Error & { code: string }> = {};

/** Codes Node throws from C++ (THROW_ERR_*): the code is a property only, the stack and
 * toString() read "TypeError: Invalid URL" without "[ERR_X]". */
const NATIVE_SHAPED = new Set(['ERR_INVALID_URL']);

function define(code: string, Base: ErrorConstructor, message: string | MessageFn): void {
  const fn: MessageFn = typeof message === 'string' ? (...args) => formatMessage(message, args) : message;
  messages.set(code, fn);
  const native = NATIVE_SHAPED.has(code);
  const Ctor = class extends Base {
    code: string;
    constructor(...args: any[]) {
      super(fn(...args));
      this.code = code;
      fixStack(this, Base.name, native ? undefined : code);
    }
    get ['name']() { return Base.name; }
    set ['name'](v: string) { Object.defineProperty(this, 'name', { value: v, writable: true, enumerable: true, configurable: true }); }
    toString() { return native ? `${Base.name}: ${this.message}` : `${Base.name} [${code}]: ${this.message}`; }
  };
  Object.defineProperty(Ctor, 'name', { value: `NodeError` });
  // Node's NodeError returns a plain instance of the base class: err.constructor is TypeError.
  Object.defineProperty(Ctor.prototype, 'constructor', { value: Base, writable: true, configurable: true, enumerable: false });
  codes[code] = Ctor as any;
}

// Node's stack begins "TypeError [ERR_X]: message"; engines build `stack` from the name at
// construction, so rewrite the first line.
function fixStack(err: Error, name: string, code: string | undefined): void {
  const stack = (err as any).stack;
  if (typeof stack !== 'string') return;
  const head = `${name}: ${err.message}`;
  const body = stack.startsWith(head) ? stack.slice(head.length) : stack.startsWith('    at') ? '\n' + stack : stack;
  try {
    const label = code === undefined ? name : `${name} [${code}]`;
    Object.defineProperty(err, 'stack', { value: `${label}: ${err.message}${body.startsWith('\n') || body === '' ? body : '\n' + body}`, writable: true, configurable: true, enumerable: false });
  } catch { /* frozen error: leave the engine's stack */ }
}

function formatMessage(template: string, args: unknown[]): string {
  let i = 0;
  return template.replace(/%[sdi]/g, () => String(args[i++]));
}

// util.inspect for values inside messages: os/node/internal/validators.ts installs the real one
// (os/core cannot import os/node); until then, primitives are rendered here as inspect would.
let inspector: ((value: unknown, options?: object) => string) | undefined;
export function setErrorInspector(fn: (value: unknown, options?: object) => string): void {
  inspector = fn;
}

/** A string as util.inspect quotes it: single quotes unless the text has them, escapes as V8's. */
function quoteString(str: string): string {
  const quote = !str.includes("'") ? "'" : !str.includes('"') ? '"' : !str.includes('`') && !str.includes('${') ? '`' : "'";
  let out = '';
  for (let i = 0; i < str.length; i++) {
    const c = str.charCodeAt(i);
    const ch = str[i];
    if (ch === quote || ch === '\\') out += `\\${ch}`;
    else if (c === 0x08) out += '\\b';
    else if (c === 0x09) out += '\\t';
    else if (c === 0x0a) out += '\\n';
    else if (c === 0x0c) out += '\\f';
    else if (c === 0x0d) out += '\\r';
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).toUpperCase().padStart(2, '0')}`;
    else if (c >= 0xd800 && c <= 0xdfff) {
      const next = str.charCodeAt(i + 1);
      if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        out += ch + str[i + 1];
        i++;
      } else {
        out += `\\u${c.toString(16).toUpperCase()}`;
      }
    } else out += ch;
  }
  return `${quote}${out}${quote}`;
}

function inspectValue(value: unknown, options?: object): string {
  if (inspector) {
    try {
      return inspector(value, options);
    } catch { /* fall back below */ }
  }
  if (typeof value === 'string') return quoteString(value);
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (typeof value === 'bigint') return `${value}n`;
  try { return String(value); } catch { return '[object]'; }
}

/** Describes a received value the way Node's ERR_INVALID_ARG_TYPE messages do (determineSpecificType). */
export function describeReceived(value: unknown): string {
  if (value == null) return ` Received ${value}`;
  if (typeof value === 'function' && (value as Function).name) return ` Received function ${(value as Function).name}`;
  if (typeof value === 'object') {
    const ctor = (value as object).constructor;
    if (ctor && typeof ctor === 'function' && ctor.name) return ` Received an instance of ${ctor.name}`;
    return ` Received ${inspectValue(value, { depth: -1 })}`;
  }
  let shown = inspectValue(value, { colors: false });
  if (shown.length > 28) shown = `${shown.slice(0, 25)}...`;
  return ` Received type ${typeof value} (${shown})`;
}

function safeInspect(value: unknown): string {
  return inspectValue(value);
}

// lib/internal/errors.js: which expected names are primitive types, which are classes.
const kTypes = ['string', 'function', 'number', 'object', 'Function', 'Object', 'boolean', 'bigint', 'symbol'];
const classRegExp = /^([A-Z][a-z0-9]*)+$/;

function joinTypes(expected: string | string[]): string {
  const types: string[] = [];
  const instances: string[] = [];
  const other: string[] = [];
  for (const value of Array.isArray(expected) ? expected : [expected]) {
    if (kTypes.includes(value)) types.push(value.toLowerCase());
    else if (classRegExp.test(value)) instances.push(value);
    else other.push(value);
  }
  // `object` among classes is spelled "Object" so the classes read as alternatives.
  if (instances.length > 0) {
    const pos = types.indexOf('object');
    if (pos !== -1) {
      types.splice(pos, 1);
      instances.push('Object');
    }
  }
  const list = (xs: string[]) => (xs.length > 2 ? `${xs.slice(0, -1).join(', ')}, or ${xs[xs.length - 1]}` : xs.join(' or '));
  let msg = '';
  if (types.length > 0) {
    msg += types.length > 1 ? `one of type ${list(types)}` : `of type ${types[0]}`;
    if (instances.length > 0 || other.length > 0) msg += ' or ';
  }
  if (instances.length > 0) {
    msg += `an instance of ${list(instances)}`;
    if (other.length > 0) msg += ' or ';
  }
  if (other.length > 0) {
    if (other.length > 1) msg += `one of ${list(other)}`;
    else msg += `${other[0].toLowerCase() !== other[0] ? 'an ' : ''}${other[0]}`;
  }
  return msg;
}

// ---- general (validators, util, events, process) ----
define('ERR_INVALID_ARG_TYPE', TypeError, (name: string, expected: string | string[], actual: unknown) => {
  const subject = name.endsWith(' argument') ? name : `"${name}" ${name.includes('.') ? 'property' : 'argument'}`;
  return `The ${subject} must be ${joinTypes(expected)}.${describeReceived(actual)}`;
});
define('ERR_INVALID_ARG_VALUE', TypeError, (name: string, value: unknown, reason = 'is invalid') => {
  const kind = name.includes('.') ? 'property' : 'argument';
  let shown = safeInspect(value);
  if (shown.length > 128) shown = `${shown.slice(0, 128)}...`;
  return `The ${kind} '${name}' ${reason}. Received ${shown}`;
});
define('ERR_OUT_OF_RANGE', RangeError, (name: string, range: string, received: unknown) =>
  `The value of "${name}" is out of range. It must be ${range}. Received ${typeof received === 'number' && Math.abs(received) > 2 ** 32 ? addUnderscores(String(received)) : safeInspect(received).replace(/^'(.*)'$/, "'$1'")}`);
define('ERR_MISSING_ARGS', TypeError, (...names: string[]) => {
  const quoted = names.map((n) => `"${n}"`);
  const list = quoted.length <= 2 ? quoted.join(' and ') : `${quoted.slice(0, -1).join(', ')}, and ${quoted[quoted.length - 1]}`;
  return `The ${list} argument${names.length > 1 ? 's' : ''} must be specified`;
});
define('ERR_INVALID_RETURN_VALUE', TypeError, (input: string, name: string, value: unknown) =>
  `Expected ${input} to be returned from the "${name}" function but got ${value === null ? 'null' : typeof value}.`);
define('ERR_METHOD_NOT_IMPLEMENTED', Error, 'The %s method is not implemented');
define('ERR_UNHANDLED_REJECTION', Error, (shown: string) => 'This error originated either by throwing inside of an async function without a catch block, or by rejecting a promise which was not handled with .catch(). The promise rejected with the reason "' + shown + '".');
define('ERR_UNHANDLED_ERROR', Error, (err?: unknown) => err === undefined ? 'Unhandled error.' : `Unhandled error. (${safeInspect(err)})`);
define('ERR_INVALID_THIS', TypeError, 'Value of "this" must be of type %s');
define('ERR_ILLEGAL_CONSTRUCTOR', TypeError, 'Illegal constructor');
define('ERR_FALSY_VALUE_REJECTION', Error, 'Promise was rejected with falsy value');
define('ERR_UNKNOWN_SIGNAL', TypeError, 'Unknown signal: %s');
define('ERR_INVALID_URL', TypeError, 'Invalid URL');
define('ERR_INVALID_URL_SCHEME', TypeError, (expected: string) => `The URL must be of scheme ${expected}`);
define('ERR_INVALID_FILE_URL_PATH', TypeError, 'File URL path %s');
define('ERR_INVALID_FILE_URL_HOST', TypeError, 'File URL host must be "localhost" or empty on %s');
define('ERR_ENCODING_NOT_SUPPORTED', RangeError, 'The "%s" encoding is not supported');
define('ERR_ENCODING_INVALID_ENCODED_DATA', TypeError, 'The encoded data was not valid for encoding %s');
define('ERR_UNKNOWN_ENCODING', TypeError, 'Unknown encoding: %s');
define('ERR_BUFFER_OUT_OF_BOUNDS', RangeError, (name?: string) => name ? `"${name}" is outside of buffer bounds` : 'Attempt to access memory outside buffer bounds');
define('ERR_UNKNOWN_BUILTIN_MODULE', Error, 'No such built-in module: %s');
define('ERR_REQUIRE_ESM', Error, 'require() of ES Module %s not supported.');
define('ERR_FEATURE_UNAVAILABLE_ON_PLATFORM', TypeError, 'The feature %s is unavailable on the current platform, which is being used to run Node.js');
define('ERR_NOT_SUPPORTED_ON_NEPHOS', Error, '%s is not supported on Nephos yet');
define('ERR_CRYPTO_NO_ENTROPY', Error, 'No entropy source: the CPU offers neither RDSEED nor RDRAND and no virtio-rng device is attached');
define('ERR_ASSERTION', Error, '%s');
define('ERR_INVALID_STATE', Error, 'Invalid state: %s');
define('ERR_OPERATION_FAILED', Error, 'Operation failed: %s');
define('ERR_STREAM_PREMATURE_CLOSE', Error, 'Premature close');
define('ERR_STREAM_DESTROYED', Error, 'Cannot call %s after a stream was destroyed');
define('ERR_STREAM_WRITE_AFTER_END', Error, 'write after end');
define('ERR_STREAM_PUSH_AFTER_EOF', Error, 'stream.push() after EOF');
define('ERR_STREAM_NULL_VALUES', TypeError, 'May not write null values to stream');
define('ERR_MULTIPLE_CALLBACK', Error, 'Callback called multiple times');

// ---- pure node modules: util, events, buffer, url, assert, console, polyfills (os/node) ----
define('ERR_INVALID_TUPLE', TypeError, '%s must be an iterable %s tuple');
define('ERR_EVENT_RECURSION', Error, 'The event "%s" is already being dispatched');
define('ERR_CONSOLE_WRITABLE_STREAM', TypeError, 'Console expects a writable stream instance for %s');
define('ERR_INCOMPATIBLE_OPTION_PAIR', TypeError, 'Option "%s" cannot be used in combination with option "%s"');
define('ERR_AMBIGUOUS_ARGUMENT', TypeError, 'The "%s" argument is ambiguous. %s');
define('ERR_PARSE_ARGS_INVALID_OPTION_VALUE', TypeError, '%s');
define('ERR_PARSE_ARGS_UNKNOWN_OPTION', TypeError, (option: string, allowPositionals: boolean) => {
  const suggestDashDash = allowPositionals ? `. To specify a positional argument starting with a '-', place it at the end of the command after '--', as in '-- ${JSON.stringify(option)}` : '';
  return `Unknown option '${option}'${suggestDashDash}`;
});
define('ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL', TypeError, "Unexpected argument '%s'. This command does not take positional arguments");
define('ERR_INVALID_BUFFER_SIZE', RangeError, 'Buffer size must be a multiple of %s');
define('ERR_MISSING_OPTION', TypeError, '%s is required');
define('ERR_INVALID_URI', URIError, 'URI malformed');

define('ERR_PERFORMANCE_INVALID_TIMESTAMP', TypeError, '%s is not a valid timestamp');
define('ERR_PERFORMANCE_MEASURE_INVALID_OPTIONS', TypeError, '%s');
// ---- crypto, zlib, async_hooks, readline, vm, v8 (os/node: crypto*, zlib, async_hooks, ...) ----
define('ERR_CRYPTO_HASH_FINALIZED', Error, 'Digest already called');
define('ERR_CRYPTO_HASH_UPDATE_FAILED', Error, 'Hash update failed');
define('ERR_CRYPTO_INVALID_DIGEST', TypeError, 'Invalid digest: %s');
define('ERR_CRYPTO_TIMING_SAFE_EQUAL_LENGTH', RangeError, 'Input buffers must have the same byte length');
define('ERR_CRYPTO_INVALID_SCRYPT_PARAMS', RangeError, (detail?: string) => detail ? `Invalid scrypt params: ${detail}` : 'Invalid scrypt params');
define('ERR_CRYPTO_SCRYPT_INVALID_PARAMETER', Error, 'Invalid scrypt parameter');
define('ERR_CRYPTO_INVALID_KEYLEN', RangeError, 'Invalid key length');
define('ERR_BUFFER_TOO_LARGE', RangeError, 'Cannot create a Buffer larger than %s bytes');
define('ERR_ZLIB_INITIALIZATION_FAILED', Error, 'Initialization failed');
define('ERR_ASYNC_CALLBACK', TypeError, '%s must be a function');
define('ERR_ASYNC_TYPE', TypeError, 'Invalid name for async "type": %s');
define('ERR_INVALID_ASYNC_ID', RangeError, 'Invalid %s value: %s');
define('ERR_USE_AFTER_CLOSE', Error, '%s was closed');
define('ERR_INVALID_CURSOR_POS', TypeError, 'Cannot set cursor row without setting its column');
define('ERR_WORKER_UNSUPPORTED_OPERATION', TypeError, '%s is not supported in workers');

// ---- fs ----
define('ERR_FS_FILE_TOO_LARGE', RangeError, 'File size (%s) is greater than 2 GiB');
define('ERR_FS_EISDIR', Error, 'Path is a directory: %s');
define('ERR_DIR_CLOSED', Error, 'Directory handle was closed');
define('ERR_DIR_CONCURRENT_OPERATION', Error, 'Cannot do synchronous work on directory handle with concurrent asynchronous operations');
// Node's SystemError-style cp errors: the argument is "<syscall> returned <code> (<message>) <path>".
define('ERR_FS_CP_DIR_TO_NON_DIR', Error, 'Cannot overwrite non-directory with directory: %s');
define('ERR_FS_CP_EEXIST', Error, 'Target already exists: %s');
define('ERR_FS_CP_EINVAL', Error, 'Invalid src or dest: %s');
define('ERR_FS_CP_FIFO_PIPE', Error, 'Cannot copy a FIFO pipe: %s');
define('ERR_FS_CP_NON_DIR_TO_DIR', Error, 'Cannot overwrite directory with non-directory: %s');
define('ERR_FS_CP_SOCKET', Error, 'Cannot copy a socket file: %s');
define('ERR_FS_CP_SYMLINK_TO_SUBDIRECTORY', Error, 'Cannot overwrite symlink in subdirectory of self: %s');
define('ERR_FS_CP_UNKNOWN', Error, 'Cannot copy an unknown file type: %s');

// ---- net, dgram, dns, http ----
define('ERR_HTTP2_INVALID_PACKED_SETTINGS_LENGTH', RangeError, 'Packed settings length must be a multiple of six');
define('ERR_SOCKET_CLOSED', Error, 'Socket is closed');
define('ERR_SOCKET_BAD_PORT', RangeError, (name: string, port: unknown, allowZero = true) =>
  `${name} should be ${allowZero ? '>=' : '>'} 0 and < 65536. Received ${typeof port === 'string' ? `type string ('${port}')` : `type ${typeof port} (${safeInspect(port)})`}.`);
define('ERR_SERVER_ALREADY_LISTEN', Error, 'Listen method has been called more than once without closing.');
define('ERR_SERVER_NOT_RUNNING', Error, 'Server is not running.');
define('ERR_SOCKET_DGRAM_NOT_RUNNING', Error, 'Not running');
define('ERR_SOCKET_DGRAM_IS_CONNECTED', Error, 'Already connected');
define('ERR_SOCKET_DGRAM_NOT_CONNECTED', Error, 'Not connected');
define('ERR_SOCKET_BAD_TYPE', TypeError, 'Bad socket type specified. Valid types are: udp4, udp6');
define('ERR_HTTP_HEADERS_SENT', Error, 'Cannot %s headers after they are sent to the client');
define('ERR_HTTP_INVALID_HEADER_VALUE', TypeError, 'Invalid value "%s" for header "%s"');
define('ERR_HTTP_INVALID_STATUS_CODE', RangeError, 'Invalid status code: %s');
define('ERR_HTTP_TRAILER_INVALID', Error, 'Trailers are invalid with this transfer encoding');
define('ERR_INVALID_HTTP_TOKEN', TypeError, '%s must be a valid HTTP token ["%s"]');
define('ERR_INVALID_CHAR', TypeError, (name: string, field?: string) => field ? `Invalid character in ${name} ["${field}"]` : `Invalid character in ${name}`);
define('ERR_HTTP_CONTENT_LENGTH_MISMATCH', Error, 'Response body\'s content-length of %s byte(s) does not match the content-length of %s byte(s) set in header');
define('ERR_TLS_NOT_SUPPORTED', Error, 'TLS is not supported on Nephos yet: %s');
define('ERR_INVALID_PROTOCOL', TypeError, 'Protocol "%s" not supported. Expected "%s"');
define('ERR_UNESCAPED_CHARACTERS', TypeError, '%s contains unescaped characters');
define('ERR_SOCKET_CLOSED_BEFORE_CONNECTION', Error, 'Socket closed before the connection was established');
define('ERR_SOCKET_CONNECTION_TIMEOUT', Error, 'Socket connection timeout');
define('ERR_INVALID_IP_ADDRESS', TypeError, 'Invalid IP address: %s');
define('ERR_INVALID_ADDRESS_FAMILY', RangeError, (family: string, host: string, port: number) => `Invalid address family: ${family} ${host}:${port}`);
define('ERR_INVALID_HANDLE_TYPE', TypeError, 'This handle type cannot be sent');
define('ERR_SOCKET_ALREADY_BOUND', Error, 'Socket is already bound');
define('ERR_SOCKET_BAD_BUFFER_SIZE', TypeError, 'Buffer size must be a positive integer');
define('ERR_SOCKET_BUFFER_SIZE', Error, 'Could not get or set buffer size: %s');
define('ERR_HTTP_REQUEST_TIMEOUT', Error, 'Request timeout');
define('ERR_HTTP_SOCKET_ENCODING', Error, 'Changing the socket encoding is not allowed per RFC7230 Section 3.');
define('ERR_HTTP_SOCKET_ASSIGNED', Error, 'ServerResponse has an already assigned socket');
define('ERR_HTTP_BODY_NOT_ALLOWED', Error, 'Adding content for this request method or response status is not allowed.');
define('ERR_STREAM_ALREADY_FINISHED', Error, 'Cannot call %s after a stream was finished');
define('ERR_DNS_SET_SERVERS_FAILED', Error, 'c-ares failed to set servers: "%s" [%s]');

/** Node's errnoException: "<syscall> <code>" (a read or write on a socket that failed). */
export function errnoException(code: string, syscall: string): SystemError {
  return withFields(new Error(`${syscall} ${code}`), code, { syscall });
}

/** Node's uvExceptionWithHostPort: "listen EADDRINUSE: address already in use 0.0.0.0:80". */
export function uvExceptionWithHostPort(code: string, syscall: string, address: string, port?: number): SystemError {
  const where = `${address}${port ? `:${port}` : ''}`;
  return withFields(new Error(`${syscall} ${code}: ${uvErrors[code][1]} ${where}`), code, { syscall, address, port: port || undefined });
}

function withFields(e: Error, code: string, info: SystemErrorInfo): SystemError {
  const err = e as SystemError;
  err.errno = uvErrors[code][0];
  err.code = code;
  err.syscall = info.syscall;
  if (info.address !== undefined) err.address = info.address;
  if (info.port !== undefined) err.port = info.port;
  return err;
}

/**
 * A DNS error shaped as Node's dnsException: "queryA ENOTFOUND example.com". c-ares codes
 * (ENOTFOUND, ENODATA, ETIMEOUT, ESERVFAIL, ...) carry `errno` undefined; getaddrinfo's EAI_* codes
 * carry libuv's errno, and EAI_NONAME/EAI_NODATA are reported with code ENOTFOUND, as Node does.
 */
export function dnsException(code: string, syscall: string, hostname?: string): SystemError {
  let errno: number | undefined;
  if (code === 'EAI_NONAME' || code === 'EAI_NODATA') { errno = code === 'EAI_NONAME' ? -3008 : -3007; code = 'ENOTFOUND'; }
  else if (code.startsWith('EAI_')) errno = uvErrors[code]?.[0];
  const err = new Error(`${syscall} ${code}${hostname ? ` ${hostname}` : ''}`) as SystemError;
  (err as { errno: number | undefined }).errno = errno;
  err.code = code;
  err.syscall = syscall;
  if (hostname) err.hostname = hostname;
  return err;
}

function addUnderscores(s: string): string {
  let res = '';
  let i = s.length;
  const start = s[0] === '-' ? 1 : 0;
  for (; i >= start + 4; i -= 3) res = `_${s.slice(i - 3, i)}${res}`;
  return `${s.slice(0, i)}${res}`;
}

// ---- system errors (libuv's names and numbers on Linux) ----
export const uvErrors: Record<string, [errno: number, description: string]> = {
  E2BIG: [-7, 'argument list too long'],
  EACCES: [-13, 'permission denied'],
  EADDRINUSE: [-98, 'address already in use'],
  EADDRNOTAVAIL: [-99, 'address not available'],
  EAFNOSUPPORT: [-97, 'address family not supported'],
  EAGAIN: [-11, 'resource temporarily unavailable'],
  EAI_AGAIN: [-3001, 'temporary failure'],
  EAI_FAIL: [-3004, 'permanent failure'],
  EAI_NONAME: [-3008, 'unknown node or service'],
  EALREADY: [-114, 'connection already in progress'],
  EBADF: [-9, 'bad file descriptor'],
  EBUSY: [-16, 'resource busy or locked'],
  ECANCELED: [-125, 'operation canceled'],
  ECONNABORTED: [-103, 'software caused connection abort'],
  ECONNREFUSED: [-111, 'connection refused'],
  ECONNRESET: [-104, 'connection reset by peer'],
  EEXIST: [-17, 'file already exists'],
  EFBIG: [-27, 'file too large'],
  EHOSTUNREACH: [-113, 'host is unreachable'],
  EINVAL: [-22, 'invalid argument'],
  EIO: [-5, 'i/o error'],
  EISCONN: [-106, 'socket is already connected'],
  EISDIR: [-21, 'illegal operation on a directory'],
  ELOOP: [-40, 'too many symbolic links encountered'],
  EMFILE: [-24, 'too many open files'],
  EMSGSIZE: [-90, 'message too long'],
  ENAMETOOLONG: [-36, 'name too long'],
  ENETDOWN: [-100, 'network is down'],
  ENETUNREACH: [-101, 'network is unreachable'],
  ENOBUFS: [-105, 'no buffer space available'],
  ENODEV: [-19, 'no such device'],
  ENOENT: [-2, 'no such file or directory'],
  ENOMEM: [-12, 'not enough memory'],
  ENOSPC: [-28, 'no space left on device'],
  ENOSYS: [-38, 'function not implemented'],
  ENOTCONN: [-107, 'socket is not connected'],
  ENOTDIR: [-20, 'not a directory'],
  ENOTEMPTY: [-39, 'directory not empty'],
  ENOTSOCK: [-88, 'socket operation on non-socket'],
  ENOTSUP: [-95, 'operation not supported on socket'],
  EOF: [-4095, 'end of file'],
  EPERM: [-1, 'operation not permitted'],
  EPIPE: [-32, 'broken pipe'],
  EPROTO: [-71, 'protocol error'],
  ERANGE: [-34, 'result too large'],
  EROFS: [-30, 'read-only file system'],
  ESPIPE: [-29, 'invalid seek'],
  ETIMEDOUT: [-110, 'connection timed out'],
  EXDEV: [-18, 'cross-device link not permitted'],
};

export interface SystemErrorInfo {
  syscall: string;
  path?: string;
  dest?: string;
  address?: string;
  port?: number;
  hostname?: string;
}

export interface SystemError extends Error {
  errno: number;
  code: string;
  syscall: string;
  path?: string;
  dest?: string;
  address?: string;
  port?: number;
  hostname?: string;
}

/**
 * A system error shaped as Node's (uvException / exceptionWithHostPort):
 * "ENOENT: no such file or directory, open '/x'" or "connect ECONNREFUSED 10.0.2.2:80".
 */
export function systemError(code: string, info: SystemErrorInfo): SystemError {
  const entry = uvErrors[code];
  if (!entry) throw new Error(`systemError: unknown code ${code}`);
  const [errno, description] = entry;
  let message: string;
  if (info.address !== undefined) {
    // Network errors: "<syscall> <code> <address>:<port>" as Node's exceptionWithHostPort.
    message = `${info.syscall} ${code} ${info.address}${info.port ? `:${info.port}` : ''}`;
  } else if (info.hostname !== undefined) {
    message = `${info.syscall} ${code} ${info.hostname}`;
  } else {
    message = `${code}: ${description}, ${info.syscall}`;
    if (info.path !== undefined) message += ` '${info.path}'`;
    if (info.dest !== undefined) message += ` -> '${info.dest}'`;
  }
  const err = new Error(message) as SystemError;
  err.errno = errno;
  err.code = code;
  err.syscall = info.syscall;
  if (info.path !== undefined) err.path = info.path;
  if (info.dest !== undefined) err.dest = info.dest;
  if (info.address !== undefined) err.address = info.address;
  if (info.port !== undefined) err.port = info.port;
  if (info.hostname !== undefined) err.hostname = info.hostname;
  return err;
}

/** True when `err` is a system error with the given code. */
export function isSystemError(err: unknown, code?: string): err is SystemError {
  return err instanceof Error && typeof (err as any).errno === 'number' && (code === undefined || (err as any).code === code);
}
