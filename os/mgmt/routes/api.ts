// OSv's `api` group and the API documents:
//   POST /api/batch   several calls in one request (OSv's shape: a `batch` form field holding
//                     [{"method","relative_url"[,"body"]}], answered [{"code","body"}]); each call
//                     runs the whole pipeline with the caller's scope (a read-only token cannot
//                     write through a batch); batches do not nest; at most 100 calls.
//   POST /api/stop    stops the network listener (the control channel stays: the host needs it).
//   GET  /api-doc     OSv's Swagger 1.2 resource listing; /api-doc/{api} one group's listing.
//   GET  /openapi.json  the OpenAPI 3 document of every route (openapi.ts).
import { decodeUtf8, encodeUtf8 } from '../../core/utf8';
import { openApiDocument, groupsOf } from '../openapi';
import { error, ok, type RouteSpec } from '../router';
import { arr, int, map, obj, str, type Schema } from '../schema';
import type { MgmtServer } from '../server';

const MAX_BATCH = 100;

interface BatchCall {
  method: string;
  relative_url: string;
  body?: unknown;
}

function parseForm(text: string): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  for (const part of text.split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const k = eq < 0 ? part : part.slice(0, eq);
    const v = eq < 0 ? '' : part.slice(eq + 1);
    try {
      out[decodeURIComponent(k.replace(/\+/g, ' '))] = decodeURIComponent(v.replace(/\+/g, ' '));
    } catch {
      // An undecodable field is left out; `batch` missing is reported below.
    }
  }
  return out;
}

export interface ApiControl {
  /** Stops the network listener; false when there is none. */
  stopListener(): boolean;
  version: string;
}

export function apiRoutes(server: () => MgmtServer, ctl: ApiControl): RouteSpec[] {
  const routes = () => server().router.routes;
  const anyJson: Schema = {};
  return [
    {
      method: 'POST', path: '/api/batch', group: 'api', write: false,
      summary: 'Runs several API calls in one request, in order; each answer is {code, body}',
      params: [{ name: 'batch', in: 'query', description: 'JSON array of {method, relative_url[, body]} (or a form field, or a JSON body)', schema: str() }],
      body: { type: 'json', schema: arr(obj({ method: str(), relative_url: str() }, { body: anyJson })) },
      response: { schema: arr(obj({ code: int(), body: anyJson })) },
      handler: async (req) => {
        let text = req.query.batch;
        const type = req.headers['content-type'] ?? '';
        if (text === undefined && req.body.length) {
          const bodyText = decodeUtf8(req.body);
          text = /application\/x-www-form-urlencoded/i.test(type) ? parseForm(bodyText).batch : bodyText;
        }
        if (text === undefined) return error(400, 'batch is required: a JSON array of {method, relative_url}');
        let calls: BatchCall[];
        try {
          calls = JSON.parse(text);
        } catch {
          return error(400, 'batch is not valid JSON');
        }
        if (!Array.isArray(calls) || calls.some((c) => !c || typeof c.method !== 'string' || typeof c.relative_url !== 'string')) {
          return error(400, 'batch must be an array of {method, relative_url}');
        }
        if (calls.length > MAX_BATCH) return error(400, `at most ${MAX_BATCH} calls per batch`);
        const out: { code: number; body: unknown }[] = [];
        for (const c of calls) {
          const url = c.relative_url.startsWith('/') ? c.relative_url : `/${c.relative_url}`;
          if (/^\/api\/batch(?:[/?]|$)/.test(url)) {
            out.push({ code: 400, body: { message: 'batches do not nest', code: 400 } });
            continue;
          }
          const body = c.body === undefined ? undefined : encodeUtf8(typeof c.body === 'string' ? c.body : JSON.stringify(c.body));
          const res = await server().request(c.method.toUpperCase(), url, {
            body, scope: req.scope, transport: 'batch',
            headers: c.body !== undefined && typeof c.body !== 'string' ? { 'content-type': 'application/json' } : {},
          });
          let value: unknown = res.body ?? null;
          if (value instanceof Uint8Array) value = decodeUtf8(value);
          if (res.stream) value = null;
          out.push({ code: res.status, body: value });
        }
        return ok(out);
      },
    },
    {
      method: 'POST', path: '/api/stop', group: 'api', summary: 'Stops the network listener (--api-port); the control channel stays up',
      response: { schema: str() },
      handler: () => ok(ctl.stopListener() ? 'stopped' : 'no network listener'),
    },
    {
      method: 'GET', path: '/api-doc', group: 'api', summary: 'Swagger 1.2 resource listing of the API groups (OSv\'s index)',
      response: { schema: obj({ apiVersion: str(), swaggerVersion: str(), apis: arr(obj({ path: str(), description: str() })) }) },
      handler: () => ok({
        apiVersion: ctl.version,
        swaggerVersion: '1.2',
        apis: groupsOf(routes()).map((g) => ({ path: `/${g.name}`, description: g.description })),
      }),
    },
    {
      method: 'GET', path: '/api-doc/{api}', group: 'api', summary: 'Swagger 1.2 listing of one group',
      params: [{ name: 'api', in: 'path', required: true, description: 'group name (os, env, file, ...)', schema: str() }],
      response: { schema: obj({ apiVersion: str(), swaggerVersion: str(), basePath: str(), resourcePath: str(), apis: arr(obj({ path: str(), operations: arr(map(anyJson)) })) }) },
      handler: (req) => {
        const group = req.params.api;
        const mine = routes().filter((r) => r.group === group);
        if (!mine.length) return error(404, `no API group ${group}`);
        const byPath = new Map<string, RouteSpec[]>();
        for (const r of mine) byPath.set(r.path, [...(byPath.get(r.path) ?? []), r]);
        return ok({
          apiVersion: ctl.version,
          swaggerVersion: '1.2',
          basePath: '/',
          resourcePath: `/${group}`,
          apis: [...byPath].map(([path, rs]) => ({
            path,
            operations: rs.map((r) => ({
              method: r.method, summary: r.summary, nickname: `${r.method.toLowerCase()}${path.replace(/\W+/g, '_')}`,
              type: r.response.schema.type ?? 'object',
              parameters: (r.params ?? []).map((p) => ({ name: p.name, paramType: p.in, required: p.in === 'path' || !!p.required, type: p.schema.type ?? 'string', description: p.description })),
            })),
          })),
        });
      },
    },
    {
      method: 'GET', path: '/openapi.json', group: 'api', summary: 'The OpenAPI 3 document of every route',
      response: { schema: obj({ openapi: str(), info: map(anyJson), tags: arr(map(anyJson)), paths: map(anyJson), components: map(anyJson), security: arr(map(anyJson)) }) },
      handler: () => ok(openApiDocument(routes(), ctl.version)),
    },
  ];
}
