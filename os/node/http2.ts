// node:http2 as far as Nephos goes: the module loads with Node 20's constants, settings helpers and
// the Http2ServerRequest/Http2ServerResponse classes (packages test `req instanceof
// Http2ServerRequest` on every HTTP/1 request: @hono/node-server, Fastify), and the functions that
// would open an HTTP/2 session (createServer, createSecureServer, connect, performServerHandshake)
// throw ERR_NOT_SUPPORTED_ON_NEPHOS. HTTP/2 itself (RFC 9113) is not implemented.
import { codes } from '../core/errors';
import { Buffer } from './buffer';

// Node 20's http2.constants, in its order: the NGHTTP2 and settings numbers, then header names
// (value derived from the name unless given: ACCEPT_RANGES is 'accept-ranges'), method names
// (VERSION_CONTROL is 'VERSION-CONTROL') and status codes.
const NUMBERS =
  'NGHTTP2_ERR_FRAME_SIZE_ERROR=-522 NGHTTP2_SESSION_SERVER=0 NGHTTP2_SESSION_CLIENT=1 ' +
  'NGHTTP2_STREAM_STATE_IDLE=1 NGHTTP2_STREAM_STATE_OPEN=2 NGHTTP2_STREAM_STATE_RESERVED_LOCAL=3 ' +
  'NGHTTP2_STREAM_STATE_RESERVED_REMOTE=4 NGHTTP2_STREAM_STATE_HALF_CLOSED_LOCAL=5 ' +
  'NGHTTP2_STREAM_STATE_HALF_CLOSED_REMOTE=6 NGHTTP2_STREAM_STATE_CLOSED=7 NGHTTP2_FLAG_NONE=0 ' +
  'NGHTTP2_FLAG_END_STREAM=1 NGHTTP2_FLAG_END_HEADERS=4 NGHTTP2_FLAG_ACK=1 NGHTTP2_FLAG_PADDED=8 ' +
  'NGHTTP2_FLAG_PRIORITY=32 DEFAULT_SETTINGS_HEADER_TABLE_SIZE=4096 ' +
  'DEFAULT_SETTINGS_ENABLE_PUSH=1 DEFAULT_SETTINGS_MAX_CONCURRENT_STREAMS=4294967295 ' +
  'DEFAULT_SETTINGS_INITIAL_WINDOW_SIZE=65535 DEFAULT_SETTINGS_MAX_FRAME_SIZE=16384 ' +
  'DEFAULT_SETTINGS_MAX_HEADER_LIST_SIZE=65535 DEFAULT_SETTINGS_ENABLE_CONNECT_PROTOCOL=0 ' +
  'MAX_MAX_FRAME_SIZE=16777215 MIN_MAX_FRAME_SIZE=16384 MAX_INITIAL_WINDOW_SIZE=2147483647 ' +
  'NGHTTP2_SETTINGS_HEADER_TABLE_SIZE=1 NGHTTP2_SETTINGS_ENABLE_PUSH=2 ' +
  'NGHTTP2_SETTINGS_MAX_CONCURRENT_STREAMS=3 NGHTTP2_SETTINGS_INITIAL_WINDOW_SIZE=4 ' +
  'NGHTTP2_SETTINGS_MAX_FRAME_SIZE=5 NGHTTP2_SETTINGS_MAX_HEADER_LIST_SIZE=6 ' +
  'NGHTTP2_SETTINGS_ENABLE_CONNECT_PROTOCOL=8 PADDING_STRATEGY_NONE=0 PADDING_STRATEGY_ALIGNED=1 ' +
  'PADDING_STRATEGY_MAX=2 PADDING_STRATEGY_CALLBACK=1 NGHTTP2_NO_ERROR=0 ' +
  'NGHTTP2_PROTOCOL_ERROR=1 NGHTTP2_INTERNAL_ERROR=2 NGHTTP2_FLOW_CONTROL_ERROR=3 ' +
  'NGHTTP2_SETTINGS_TIMEOUT=4 NGHTTP2_STREAM_CLOSED=5 NGHTTP2_FRAME_SIZE_ERROR=6 ' +
  'NGHTTP2_REFUSED_STREAM=7 NGHTTP2_CANCEL=8 NGHTTP2_COMPRESSION_ERROR=9 ' +
  'NGHTTP2_CONNECT_ERROR=10 NGHTTP2_ENHANCE_YOUR_CALM=11 NGHTTP2_INADEQUATE_SECURITY=12 ' +
  'NGHTTP2_HTTP_1_1_REQUIRED=13 NGHTTP2_DEFAULT_WEIGHT=16';
const HEADERS =
  'STATUS=:status METHOD=:method AUTHORITY=:authority SCHEME=:scheme PATH=:path ' +
  'PROTOCOL=:protocol ACCEPT_ENCODING ACCEPT_LANGUAGE ACCEPT_RANGES ACCEPT ' +
  'ACCESS_CONTROL_ALLOW_CREDENTIALS ACCESS_CONTROL_ALLOW_HEADERS ACCESS_CONTROL_ALLOW_METHODS ' +
  'ACCESS_CONTROL_ALLOW_ORIGIN ACCESS_CONTROL_EXPOSE_HEADERS ACCESS_CONTROL_REQUEST_HEADERS ' +
  'ACCESS_CONTROL_REQUEST_METHOD AGE AUTHORIZATION CACHE_CONTROL CONNECTION CONTENT_DISPOSITION ' +
  'CONTENT_ENCODING CONTENT_LENGTH CONTENT_TYPE COOKIE DATE ETAG FORWARDED HOST ' +
  'IF_MODIFIED_SINCE IF_NONE_MATCH IF_RANGE LAST_MODIFIED LINK LOCATION RANGE REFERER SERVER ' +
  'SET_COOKIE STRICT_TRANSPORT_SECURITY TRANSFER_ENCODING TE UPGRADE_INSECURE_REQUESTS UPGRADE ' +
  'USER_AGENT VARY X_CONTENT_TYPE_OPTIONS X_FRAME_OPTIONS KEEP_ALIVE PROXY_CONNECTION ' +
  'X_XSS_PROTECTION ALT_SVC CONTENT_SECURITY_POLICY EARLY_DATA EXPECT_CT ORIGIN PURPOSE ' +
  'TIMING_ALLOW_ORIGIN X_FORWARDED_FOR PRIORITY ACCEPT_CHARSET ACCESS_CONTROL_MAX_AGE ALLOW ' +
  'CONTENT_LANGUAGE CONTENT_LOCATION CONTENT_MD5 CONTENT_RANGE DNT EXPECT EXPIRES FROM IF_MATCH ' +
  'IF_UNMODIFIED_SINCE MAX_FORWARDS PREFER PROXY_AUTHENTICATE PROXY_AUTHORIZATION REFRESH ' +
  'RETRY_AFTER TRAILER TK VIA WARNING WWW_AUTHENTICATE HTTP2_SETTINGS';
const METHODS =
  'ACL BASELINE_CONTROL BIND CHECKIN CHECKOUT CONNECT COPY DELETE GET HEAD LABEL LINK LOCK MERGE ' +
  'MKACTIVITY MKCALENDAR MKCOL MKREDIRECTREF MKWORKSPACE MOVE OPTIONS ORDERPATCH PATCH POST PRI ' +
  'PROPFIND PROPPATCH PUT REBIND REPORT SEARCH TRACE UNBIND UNCHECKOUT UNLINK UNLOCK UPDATE ' +
  'UPDATEREDIRECTREF VERSION_CONTROL';
const STATUSES =
  'CONTINUE=100 SWITCHING_PROTOCOLS=101 PROCESSING=102 EARLY_HINTS=103 OK=200 CREATED=201 ' +
  'ACCEPTED=202 NON_AUTHORITATIVE_INFORMATION=203 NO_CONTENT=204 RESET_CONTENT=205 ' +
  'PARTIAL_CONTENT=206 MULTI_STATUS=207 ALREADY_REPORTED=208 IM_USED=226 MULTIPLE_CHOICES=300 ' +
  'MOVED_PERMANENTLY=301 FOUND=302 SEE_OTHER=303 NOT_MODIFIED=304 USE_PROXY=305 ' +
  'TEMPORARY_REDIRECT=307 PERMANENT_REDIRECT=308 BAD_REQUEST=400 UNAUTHORIZED=401 ' +
  'PAYMENT_REQUIRED=402 FORBIDDEN=403 NOT_FOUND=404 METHOD_NOT_ALLOWED=405 NOT_ACCEPTABLE=406 ' +
  'PROXY_AUTHENTICATION_REQUIRED=407 REQUEST_TIMEOUT=408 CONFLICT=409 GONE=410 ' +
  'LENGTH_REQUIRED=411 PRECONDITION_FAILED=412 PAYLOAD_TOO_LARGE=413 URI_TOO_LONG=414 ' +
  'UNSUPPORTED_MEDIA_TYPE=415 RANGE_NOT_SATISFIABLE=416 EXPECTATION_FAILED=417 TEAPOT=418 ' +
  'MISDIRECTED_REQUEST=421 UNPROCESSABLE_ENTITY=422 LOCKED=423 FAILED_DEPENDENCY=424 ' +
  'TOO_EARLY=425 UPGRADE_REQUIRED=426 PRECONDITION_REQUIRED=428 TOO_MANY_REQUESTS=429 ' +
  'REQUEST_HEADER_FIELDS_TOO_LARGE=431 UNAVAILABLE_FOR_LEGAL_REASONS=451 ' +
  'INTERNAL_SERVER_ERROR=500 NOT_IMPLEMENTED=501 BAD_GATEWAY=502 SERVICE_UNAVAILABLE=503 ' +
  'GATEWAY_TIMEOUT=504 HTTP_VERSION_NOT_SUPPORTED=505 VARIANT_ALSO_NEGOTIATES=506 ' +
  'INSUFFICIENT_STORAGE=507 LOOP_DETECTED=508 BANDWIDTH_LIMIT_EXCEEDED=509 NOT_EXTENDED=510 ' +
  'NETWORK_AUTHENTICATION_REQUIRED=511';

function buildConstants(): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const w of NUMBERS.split(' ')) {
    const [k, v] = w.split('=');
    out[k] = Number(v);
  }
  for (const w of HEADERS.split(' ')) {
    const [k, v] = w.split('=');
    out[`HTTP2_HEADER_${k}`] = v ?? k.toLowerCase().replace(/_/g, '-');
  }
  for (const w of METHODS.split(' ')) out[`HTTP2_METHOD_${w}`] = w.replace(/_/g, '-');
  for (const w of STATUSES.split(' ')) {
    const [k, v] = w.split('=');
    out[`HTTP_STATUS_${k}`] = Number(v);
  }
  return out;
}

export const constants = buildConstants();

export interface Settings {
  headerTableSize?: number;
  enablePush?: boolean;
  initialWindowSize?: number;
  maxFrameSize?: number;
  maxConcurrentStreams?: number;
  maxHeaderSize?: number;
  maxHeaderListSize?: number;
  enableConnectProtocol?: boolean;
}

export function getDefaultSettings(): Settings {
  return { headerTableSize: 4096, enablePush: true, initialWindowSize: 65535, maxFrameSize: 16384, maxConcurrentStreams: 4294967295, maxHeaderSize: 65535, maxHeaderListSize: 65535, enableConnectProtocol: false };
}

// RFC 9113 section 6.5.1: a SETTINGS payload is a sequence of (u16 identifier, u32 value).
const SETTING_IDS: [keyof Settings, number][] = [
  ['headerTableSize', 1], ['enablePush', 2], ['maxConcurrentStreams', 3], ['initialWindowSize', 4],
  ['maxFrameSize', 5], ['maxHeaderListSize', 6], ['enableConnectProtocol', 8],
];

export function getPackedSettings(settings: Settings = getDefaultSettings()): Buffer {
  const entries = SETTING_IDS.filter(([name]) => settings[name] !== undefined);
  const out = Buffer.alloc(entries.length * 6);
  entries.forEach(([name, id], i) => {
    const v = settings[name];
    out.writeUInt16BE(id, i * 6);
    out.writeUInt32BE(typeof v === 'boolean' ? Number(v) : (v as number) >>> 0, i * 6 + 2);
  });
  return out;
}

export function getUnpackedSettings(buf: Uint8Array): Settings {
  if (buf.length % 6 !== 0) throw new codes.ERR_HTTP2_INVALID_PACKED_SETTINGS_LENGTH();
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const out: Record<string, number | boolean> = {};
  for (let off = 0; off < buf.length; off += 6) {
    const id = view.getUint16(off);
    const value = view.getUint32(off + 2);
    const name = SETTING_IDS.find(([, i]) => i === id)?.[0];
    if (!name) continue;
    out[name] = name === 'enablePush' || name === 'enableConnectProtocol' ? value !== 0 : value;
  }
  return out as Settings;
}

export const sensitiveHeaders = Symbol('nodejs.http2.sensitiveHeaders');

/** Exist for instanceof checks; never constructed on Nephos (no HTTP/2 sessions). */
export class Http2ServerRequest {}
export class Http2ServerResponse {}

function unsupported(name: string) {
  return function (): never {
    throw new codes.ERR_NOT_SUPPORTED_ON_NEPHOS(`http2.${name}`);
  };
}

export const connect = unsupported('connect');
export const createServer = unsupported('createServer');
export const createSecureServer = unsupported('createSecureServer');
export const performServerHandshake = unsupported('performServerHandshake');

export default {
  connect, constants, createServer, createSecureServer, getDefaultSettings, getPackedSettings,
  getUnpackedSettings, performServerHandshake, sensitiveHeaders, Http2ServerRequest, Http2ServerResponse,
};
