// Fastify 5 from the npm registry (pinned), unmodified, on Nephos and on host Node: the same
// requests get byte-identical answers. The app validates bodies, params and query strings with
// JSON schemas (ajv, with fast-uri's `\-` in a /u regexp: the engine parser bug the bundler rewrites),
// serialises responses with a response schema (fast-json-stringify), and has plugins with
// prefixes and hooks, a custom error handler for one scope and the default one elsewhere, and a
// not-found handler.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { installApp, send, show, startHost, withBoth, type Req } from './lib';

const APP = `'use strict';
const fastify = require('fastify')({ logger: false });

fastify.get('/', async () => ({ hello: 'world' }));

fastify.post('/users', {
  schema: {
    body: {
      type: 'object',
      required: ['name', 'age'],
      additionalProperties: false,
      properties: {
        name: { type: 'string', minLength: 2 },
        age: { type: 'integer', minimum: 0 },
        email: { type: 'string', format: 'email' },
        site: { type: 'string', format: 'uri' },
        tags: { type: 'array', items: { type: 'string' }, maxItems: 3 },
      },
    },
    response: { 201: { type: 'object', properties: { id: { type: 'integer' }, name: { type: 'string' }, tags: { type: 'array', items: { type: 'string' } } } } },
  },
}, async (req, reply) => {
  reply.code(201);
  return { id: 7, name: req.body.name, tags: req.body.tags || [], secret: 'never serialised' };
});

fastify.get('/items/:id', {
  schema: {
    params: { type: 'object', properties: { id: { type: 'integer' } } },
    querystring: { type: 'object', properties: { limit: { type: 'integer', default: 10 }, sort: { type: 'string', enum: ['asc', 'desc'] } } },
  },
}, async (req) => ({ id: req.params.id, limit: req.query.limit, sort: req.query.sort || null, typeofId: typeof req.params.id }));

fastify.get('/error', async () => { throw new Error('boom'); });
fastify.get('/teapot', async (req, reply) => { reply.code(418).header('x-brew', 'no'); return { tea: false }; });
fastify.get('/text', (req, reply) => { reply.type('text/plain; charset=utf-8').send('plain ünïcode'); });
fastify.get('/buffer', (req, reply) => { reply.type('application/octet-stream').send(Buffer.from([0, 1, 2, 254, 255])); });
fastify.get('/redirect', (req, reply) => reply.redirect('/items/1?limit=2'));

fastify.register(async (api) => {
  api.addHook('onRequest', async (req, reply) => { reply.header('x-api', 'v1'); });
  api.addHook('preHandler', async (req, reply) => { if (req.headers['x-deny']) { reply.code(403); throw new Error('denied'); } });
  api.setErrorHandler((err, req, reply) => {
    reply.code(err.statusCode || 500).send({ scope: 'v1', message: err.message, validation: err.validation ? err.validation.length : 0 });
  });
  api.get('/ping', async () => 'pong');
  api.post('/sum', { schema: { body: { type: 'array', items: { type: 'number' } } } }, async (req) => ({ sum: req.body.reduce((a, b) => a + b, 0) }));
}, { prefix: '/v1' });

fastify.setNotFoundHandler((req, reply) => reply.code(404).send({ nope: req.url }));

fastify.listen({ port: Number(process.env.PORT || 3000), host: '0.0.0.0' }).then(() => console.log('listening'), (err) => { console.error(err); process.exit(1); });
`;

const json = (method: string, path: string, body: unknown, headers: Record<string, string> = {}): Req =>
  ({ method, path, headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });

const REQUESTS: Req[] = [
  { path: '/' },
  json('POST', '/users', { name: 'Ada', age: 36, email: 'ada@example.com', site: 'https://example.com/a-b', tags: ['x'] }),
  json('POST', '/users', { name: 'A', age: 36 }),
  json('POST', '/users', { name: 'Ada' }),
  json('POST', '/users', { name: 'Ada', age: -1 }),
  json('POST', '/users', { name: 'Ada', age: 1.5 }),
  json('POST', '/users', { name: 'Ada', age: 3, email: 'not-an-email' }),
  json('POST', '/users', { name: 'Ada', age: 3, extra: true }),
  json('POST', '/users', { name: 'Ada', age: 3, tags: ['a', 'b', 'c', 'd'] }),
  json('POST', '/users', '{"name": "Ada", "age": '),
  { method: 'POST', path: '/users', headers: { 'content-type': 'text/plain' }, body: 'hello' },
  { method: 'POST', path: '/users' },
  { path: '/items/42?limit=5&sort=desc' },
  { path: '/items/42' },
  { path: '/items/abc' },
  { path: '/items/1?sort=sideways' },
  { path: '/error' },
  { path: '/teapot' },
  { path: '/text' },
  { path: '/buffer' },
  { path: '/redirect' },
  { path: '/v1/ping' },
  { path: '/v1/ping', headers: { 'x-deny': '1' } },
  json('POST', '/v1/sum', [1, 2, 3.5]),
  json('POST', '/v1/sum', [1, 'two']),
  { method: 'HEAD', path: '/' },
  { method: 'DELETE', path: '/' },
  { path: '/missing?x=1' },
];

test('Fastify 5 with schema validation answers as on host Node', { timeout: 600_000 }, async () => {
  const app = await installApp('fastify-app', { 'index.js': APP }, { fastify: '5.12.8' });
  try {
    await withBoth(app, () => startHost(app, ['index.js']), async (host, vm) => {
      for (const r of REQUESTS) {
        const expected = show(await send(host.port, r));
        const actual = show(await send(vm.port, r));
        assert.equal(actual, expected, `${r.method ?? 'GET'} ${r.path} ${r.body ?? ''}`);
      }
    });
  } finally {
    app.remove();
  }
});
