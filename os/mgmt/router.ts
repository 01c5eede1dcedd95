// The management API's route table: every endpoint is one RouteSpec, which both serves requests
// and describes itself (openapi.ts builds the OpenAPI 3 document from the same objects, so the
// document cannot drift from what is served).
//
// Paths are OpenAPI templates: `/env/{var}` matches one segment (percent-decoded), a `tail`
// parameter (`/file/{path}`) takes the rest of the path raw, so that /file can refuse traversal and
// non-normalised paths itself (400) instead of having them silently rewritten. A trailing slash
// is optional everywhere else (OSv writes `/env/`, clients often `/env`).
//
// Matching returns: the route and its parameters; "method" (the path exists with other methods:
// 405 with Allow); or nothing (404). Scope: GET and HEAD routes are read-only unless marked
// `write`; every other method needs the read-write token.
import type { Schema } from './schema';

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface ApiRequest {
  method: string;
  /** The path as received (percent-encoded), without the query. */
  rawPath: string;
  /** Path parameters (decoded, except a tail parameter, which is the raw rest of the path). */
  params: Record<string, string>;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: Uint8Array;
  /** 'rw' or 'ro': the scope of the caller's credentials (the control channel is 'rw'). */
  scope: 'rw' | 'ro';
  /** Which transport the request came on. */
  transport: 'control' | 'tcp' | 'batch';
}

/** A streamed response (Server-Sent Events): `start` gets a writer and returns a stop function. */
export interface ApiStream {
  start(write: (text: string) => void, end: () => void): () => void;
}

export interface ApiResponse {
  status: number;
  /** JSON value (serialised), a string (JSON-encoded unless contentType is set) or raw bytes. */
  body?: unknown;
  contentType?: string;
  headers?: Record<string, string>;
  stream?: ApiStream;
}

export interface ParamSpec {
  name: string;
  in: 'query' | 'path';
  required?: boolean;
  description: string;
  schema: Schema;
}

export interface RouteSpec {
  method: Method;
  /** OpenAPI path template. */
  path: string;
  /** The OpenAPI tag: OSv's API group (os, env, file, ...) or ours (engine, metrics, console). */
  group: string;
  summary: string;
  params?: ParamSpec[];
  /** A path parameter that takes the rest of the path, raw. */
  tail?: string;
  /** Request body: JSON (with its schema), raw bytes, or multipart form data. */
  body?: { type: 'json'; schema: Schema } | { type: 'bytes' } | { type: 'multipart' };
  /** Writes need the read-write token; default: every method but GET. */
  write?: boolean;
  /** The 200 answer: content type (default application/json) and schema. */
  response: { contentType?: string; schema: Schema; status?: number };
  handler(req: ApiRequest): ApiResponse | Promise<ApiResponse>;
}

interface Compiled {
  route: RouteSpec;
  /** Literal segments, or `{name}` parameters. */
  segments: string[];
}

export type Match =
  | { kind: 'route'; route: RouteSpec; params: Record<string, string> }
  | { kind: 'method'; allow: string[] }
  | { kind: 'none' };

function splitPath(path: string): string[] {
  let p = path;
  if (p.length > 1 && p.endsWith('/')) p = p.slice(0, -1);
  return p === '/' ? [] : p.slice(1).split('/');
}

function decodeSegment(s: string): string | undefined {
  try {
    return decodeURIComponent(s);
  } catch {
    return undefined;
  }
}

export class Router {
  readonly routes: RouteSpec[] = [];
  #compiled: Compiled[] = [];

  add(...routes: RouteSpec[]): void {
    for (const route of routes) {
      this.routes.push(route);
      const segments = splitPath(route.tail ? route.path.slice(0, route.path.lastIndexOf('/{')) : route.path);
      this.#compiled.push({ route, segments });
    }
  }

  /** The route for (method, raw path); HEAD is served by GET routes. */
  match(method: string, rawPath: string): Match {
    const allow: string[] = [];
    let found: { route: RouteSpec; params: Record<string, string> } | undefined;
    for (const c of this.#compiled) {
      const params = this.#matchPath(c, rawPath);
      if (!params) continue;
      const m = c.route.method;
      if (!allow.includes(m)) allow.push(m);
      if (!found && (m === method || (method === 'HEAD' && m === 'GET'))) found = { route: c.route, params };
    }
    if (found) return { kind: 'route', ...found };
    if (allow.length) return { kind: 'method', allow };
    return { kind: 'none' };
  }

  #matchPath(c: Compiled, rawPath: string): Record<string, string> | undefined {
    const params: Record<string, string> = Object.create(null);
    if (c.route.tail) {
      // `/file/{path}`: the prefix must match segment by segment, then everything after it.
      const prefix = c.segments.length ? `/${c.segments.join('/')}` : '';
      if (!rawPath.startsWith(`${prefix}/`)) return undefined;
      params[c.route.tail] = rawPath.slice(prefix.length + 1);
      return params;
    }
    const parts = splitPath(rawPath);
    if (parts.length !== c.segments.length) return undefined;
    for (let i = 0; i < parts.length; i++) {
      const seg = c.segments[i];
      if (seg.startsWith('{') && seg.endsWith('}')) {
        const v = decodeSegment(parts[i]);
        if (v === undefined || v === '') return undefined;
        params[seg.slice(1, -1)] = v;
      } else if (seg !== parts[i]) {
        return undefined;
      }
    }
    return params;
  }
}

/** Does this route change state (needs the read-write scope)? */
export function isWrite(route: RouteSpec): boolean {
  return route.write ?? route.method !== 'GET';
}

/** JSON error answer, in OSv's shape ({message, code}). */
export function error(status: number, message: string, headers?: Record<string, string>): ApiResponse {
  return { status, body: { message, code: status }, headers };
}

export function ok(body: unknown, status = 200): ApiResponse {
  return { status, body };
}
