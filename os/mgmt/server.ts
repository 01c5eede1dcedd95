// The management API's request pipeline, independent of transport: admission (the checks that
// run once the request head is in, before any of the body is read), then the route's handler.
//
// Order of checks (issue 5, "Transport and security"), each answered as soon as it fails:
//   1. authentication   401 without a valid bearer token (network listener only; the control
//                       channel is host-only and carries the read-write scope)
//   2. route and method 404 for an unknown path, 405 (with Allow) for a known path and a method
//                       it does not serve
//   3. scope            403 for a write with the read-only token
//   4. body size        413 when Content-Length announces more than 1 MiB, before reading it
//                       (a chunked body is counted as it arrives: http.ts)
//   5. header timeout   408 after 10 s without a complete head (http.ts: per connection)
//   6. path validation  400 for traversal or non-normalised paths (the /file routes)
// Handler failures become answers, never exceptions: file-system errors map to 404/403/409/400
// (fsStatus), anything else to 500 with the message.
import { error, isWrite, type ApiRequest, type ApiResponse, type RouteSpec, type Router } from './router';
import { scopeOf, type TokenDigests } from './auth';

export const MAX_BODY = 1024 * 1024;

export type Transport = 'control' | 'tcp' | 'batch';

/** Request counters for /metrics (the API's own traffic). */
export class ApiStats {
  requests = 0;
  bytesIn = 0;
  bytesOut = 0;
  /** Answers by status code. */
  readonly byStatus = new Map<number, number>();
  /** Requests by transport. */
  readonly byTransport = new Map<string, number>();
  connections = 0;
  openConnections = 0;

  count(status: number, transport: Transport): void {
    this.requests++;
    this.byStatus.set(status, (this.byStatus.get(status) ?? 0) + 1);
    this.byTransport.set(transport, (this.byTransport.get(transport) ?? 0) + 1);
  }
}

export interface Admitted {
  route: RouteSpec;
  request: ApiRequest;
}

export interface ServerOptions {
  router: Router;
  /** Token digests for the network listener; without them it admits nobody. */
  digests?: TokenDigests;
  stats?: ApiStats;
}

/** Splits a request target into its raw path and decoded query (undefined: malformed). */
export function parseTarget(url: string): { rawPath: string; query: Record<string, string> } | undefined {
  let target = url;
  // Absolute form (RFC 9112 3.2.2): keep the path.
  const abs = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#]*/.exec(target);
  if (abs) target = target.slice(abs[0].length) || '/';
  if (!target.startsWith('/')) return undefined;
  const q = target.indexOf('?');
  const rawPath = q < 0 ? target : target.slice(0, q);
  const query: Record<string, string> = Object.create(null);
  if (q >= 0) {
    for (const part of target.slice(q + 1).split('&')) {
      if (!part) continue;
      const eq = part.indexOf('=');
      const k = eq < 0 ? part : part.slice(0, eq);
      const v = eq < 0 ? '' : part.slice(eq + 1);
      try {
        query[decodeURIComponent(k.replace(/\+/g, ' '))] = decodeURIComponent(v.replace(/\+/g, ' '));
      } catch {
        return undefined;
      }
    }
  }
  return { rawPath, query };
}

/** HTTP status for a file-system error code (ENOENT and friends), or undefined for others. */
export function fsStatus(code: unknown): number | undefined {
  switch (code) {
    case 'ENOENT': case 'ENOTDIR': return 404;
    case 'EACCES': case 'EPERM': case 'EROFS': return 403;
    case 'EEXIST': case 'ENOTEMPTY': case 'EISDIR': case 'EBUSY': return 409;
    case 'EINVAL': case 'ENAMETOOLONG': case 'ELOOP': return 400;
    case 'ENOSPC': return 507;
    default: return undefined;
  }
}

export class MgmtServer {
  readonly router: Router;
  readonly stats: ApiStats;
  #digests: TokenDigests | undefined;

  constructor(o: ServerOptions) {
    this.router = o.router;
    this.stats = o.stats ?? new ApiStats();
    this.#digests = o.digests;
  }

  /**
   * Checks 1-4 on a request head. `contentLength` is the announced body size (-1: chunked or
   * none announced). Returns the route and request (body still empty), or the rejection.
   */
  admit(method: string, url: string, headers: Record<string, string>, contentLength: number, transport: Transport, scope?: 'rw' | 'ro'): Admitted | ApiResponse {
    // The control channel is host-only (mode 0600): its callers hold the read-write scope.
    let granted: 'rw' | 'ro' | undefined = transport === 'control' ? 'rw' : scope;
    if (transport === 'tcp') {
      granted = scopeOf(headers.authorization, this.#digests);
      if (!granted) return error(401, 'a valid bearer token is required (nephos inspect NAME shows the instance\'s tokens)', { 'www-authenticate': 'Bearer realm="nephos"' });
    }
    const target = parseTarget(url);
    if (!target) return error(400, `malformed request target ${JSON.stringify(url)}`);
    const m = this.router.match(method, target.rawPath);
    if (m.kind === 'none') return error(404, `no route ${target.rawPath}`);
    if (m.kind === 'method') return error(405, `${method} is not allowed on ${target.rawPath} (allowed: ${m.allow.join(', ')})`, { allow: m.allow.join(', ') });
    if (isWrite(m.route) && granted !== 'rw') return error(403, 'this token is read-only');
    if (contentLength > MAX_BODY) return error(413, `the request body is larger than ${MAX_BODY} bytes`);
    return {
      route: m.route,
      request: {
        method, rawPath: target.rawPath, params: m.params, query: target.query, headers,
        body: new Uint8Array(0), scope: granted ?? 'rw', transport,
      },
    };
  }

  /** Runs an admitted request's handler; failures become answers. */
  async execute(a: Admitted): Promise<ApiResponse> {
    try {
      return await a.route.handler(a.request);
    } catch (err) {
      const code = (err as { code?: unknown })?.code;
      const status = fsStatus(code);
      const message = String((err as Error)?.message ?? err);
      return error(status ?? 500, message);
    }
  }

  /** The whole pipeline for one in-memory request (api/batch, tests). */
  async request(method: string, url: string, opts: { headers?: Record<string, string>; body?: Uint8Array; transport?: Transport; scope?: 'rw' | 'ro' } = {}): Promise<ApiResponse> {
    const body = opts.body ?? new Uint8Array(0);
    const transport = opts.transport ?? 'batch';
    const a = this.admit(method, url, opts.headers ?? {}, body.length, transport, opts.scope ?? 'rw');
    const res = 'route' in a ? await this.execute({ ...a, request: { ...a.request, body } }) : a;
    this.stats.count(res.status, transport);
    return res;
  }
}

export function isAdmitted(a: Admitted | ApiResponse): a is Admitted {
  return 'route' in a;
}
