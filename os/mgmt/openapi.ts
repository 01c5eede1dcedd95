// The OpenAPI 3.0 document of the management API, built from the route table itself (router.ts),
// so it lists exactly what is served. Served at GET /openapi.json; GET /api-doc gives OSv's
// Swagger-style index of the groups. Security: on the network listener every operation needs a
// bearer token; writes (every method but GET, unless marked) need the read-write one, which the
// document records per operation as `x-nephos-scope`.
import type { RouteSpec } from './router';
import { isWrite } from './router';
import type { Schema } from './schema';

const ERROR: Schema = {
  type: 'object',
  properties: { message: { type: 'string' }, code: { type: 'integer' } },
  required: ['message', 'code'],
  additionalProperties: false,
};

const GROUPS: Record<string, string> = {
  api: 'The API itself: batches of calls, the API documents',
  app: 'The bundled application: status, restart with new arguments',
  env: 'The application\'s environment (process.env)',
  file: 'Files: read, stat and list anywhere; write on writable file systems (/tmp)',
  fs: 'File-system usage',
  hardware: 'Processor, firmware, hypervisor, memory',
  network: 'Interfaces with counters, routes',
  os: 'Identity, time, memory, console log, hostname, command line, threads, power',
  trace: 'Trace events: the network stack\'s and drivers\' counters',
  engine: 'The JavaScript engine: heap, garbage collection, event loop (Nephos)',
  metrics: 'Prometheus metrics (Nephos)',
  console: 'Live console log as Server-Sent Events (Nephos)',
  lifecycle: 'The host tool\'s life-cycle endpoints (status, readiness, signals)',
};

export function groupsOf(routes: RouteSpec[]): { name: string; description: string }[] {
  const names = [...new Set(routes.map((r) => r.group))];
  return names.map((name) => ({ name, description: GROUPS[name] ?? name }));
}

export function openApiDocument(routes: RouteSpec[], version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const op: Record<string, unknown> = {
      tags: [r.group],
      summary: r.summary,
      operationId: `${r.method.toLowerCase()}${r.path.replace(/[{}]/g, '').replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : ''))}`,
      'x-nephos-scope': isWrite(r) ? 'rw' : 'ro',
      parameters: (r.params ?? []).map((p) => ({
        name: p.name, in: p.in, required: p.in === 'path' ? true : !!p.required, description: p.description, schema: p.schema,
        ...(p.name === r.tail ? { 'x-nephos-rest-of-path': true } : {}),
      })),
      responses: {
        [String(r.response.status ?? 200)]: {
          description: 'success',
          content: { [r.response.contentType ?? 'application/json']: { schema: r.response.schema } },
        },
        default: { description: 'error (400, 401, 403, 404, 405, 408, 409, 413, 500...)', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
      },
    };
    if (r.body) {
      const content = r.body.type === 'json'
        ? { 'application/json': { schema: r.body.schema } }
        : r.body.type === 'multipart'
          ? { 'multipart/form-data': { schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } }, 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } }
          : { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } };
      op.requestBody = { required: false, content };
    }
    (paths[r.path] ??= {})[r.method.toLowerCase()] = op;
  }
  return {
    openapi: '3.0.3',
    info: {
      title: 'Nephos management API',
      version,
      description: 'OSv-compatible paths (without /jvm and /jolokia) plus Nephos\'s own. On the control socket ' +
        'no token is needed; on the network listener (nephos run --api-port) every request needs ' +
        '"Authorization: Bearer <token>", and writes the read-write token.',
    },
    tags: groupsOf(routes),
    paths,
    components: {
      schemas: { Error: ERROR },
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'per-instance tokens: nephos inspect NAME' } },
    },
    security: [{ bearer: [] }],
  };
}
