// An ES-module TypeScript app (package.json "type": "module", main index.ts) from the npm
// registry's Hono and @hono/node-server, pinned: on host Node it runs through tsx (`node --import
// tsx index.ts`, the ordinary way), on Nephos as `nephos run .`. The same requests get byte-identical
// answers. The app uses what such apps use: top-level await, import.meta.url with fileURLToPath and
// `new URL(..., import.meta.url)`, a JSON import with an import attribute, TypeScript enums,
// interfaces and generics, classes with #private fields and arrow-function fields that read them
// (the engine parse bug the bundler works around), fs/promises, and the fetch globals (Request,
// Response, Headers, ReadableStream) that @hono/node-server builds on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { installApp, send, show, startHost, withBoth, type Req } from './lib';

const INDEX = `import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { stream } from 'hono/streaming';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import config from './config.json' with { type: 'json' };
import { Store, Priority, type Todo } from './lib/store.ts';

// Top-level await: read a file next to this module before serving.
const readme: string = await readFile(new URL('./README.txt', import.meta.url), 'utf8');
const self = basename(fileURLToPath(import.meta.url));

const store = new Store<Todo>();
store.add({ title: 'write tests', priority: Priority.High });

const app = new Hono();
app.use('*', async (c, next) => {
  await next();
  c.header('X-App', config.name);
});
app.get('/', (c) => c.text(\`\${config.greeting} from \${self}\`));
app.get('/readme', (c) => c.text(readme));
app.get('/todos', (c) => c.json(store.list()));
app.get('/todos/:id', (c) => {
  const todo = store.get(Number(c.req.param('id')));
  if (!todo) throw new HTTPException(404, { message: 'no such todo' });
  return c.json(todo);
});
app.post('/todos', async (c) => {
  const body = await c.req.json<{ title?: string; priority?: keyof typeof Priority }>();
  if (!body.title) throw new HTTPException(400, { message: 'title required' });
  const todo = store.add({ title: body.title, priority: Priority[body.priority ?? 'Low'] });
  return c.json(todo, 201);
});
app.get('/search', (c) => c.json({ q: c.req.query('q') ?? null, tags: c.req.queries('tag') ?? [], ua: c.req.header('x-client') ?? null }));
app.get('/html', (c) => c.html('<ul>' + store.list().map((t) => \`<li>\${t.title}</li>\`).join('') + '</ul>'));
app.get('/stream', (c) => stream(c, async (s) => {
  for (const part of ['one ', 'two ', 'three']) await s.write(part);
}));
app.get('/fail', () => { throw new Error('unexpected failure'); });
app.onError((err, c) => (err instanceof HTTPException ? c.json({ error: err.message }, err.status) : c.json({ error: err.message, kind: err.name }, 500)));
app.notFound((c) => c.json({ missing: c.req.path }, 404));

serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 3000), hostname: '0.0.0.0' }, () => console.log('listening'));
`;

const STORE = `export enum Priority { Low = 1, High = 5 }

export interface Todo {
  title: string;
  priority: Priority;
}

export type Stored<T> = T & { id: number; done: boolean };

export class Store<T extends object> {
  #items = new Map<number, Stored<T>>();
  #next = 1;
  /** An arrow-function field that reads private fields: the engine parse bug's shape. */
  count = (): number => this.#items.size;
  add = (item: T): Stored<T> => {
    const stored = { ...item, id: this.#next++, done: false } as Stored<T>;
    this.#items.set(stored.id, stored);
    return stored;
  };
  get(id: number): Stored<T> | undefined {
    return this.#items.get(id);
  }
  list(): Stored<T>[] {
    return [...this.#items.values()];
  }
}
`;

const FILES = {
  'index.ts': INDEX,
  'lib/store.ts': STORE,
  'config.json': JSON.stringify({ name: 'todo-ts', greeting: 'Hello' }),
  'README.txt': 'A small TypeScript service.\n',
  'tsconfig.json': JSON.stringify({ compilerOptions: { target: 'es2022', module: 'nodenext', moduleResolution: 'nodenext', strict: true, allowImportingTsExtensions: true, noEmit: true, resolveJsonModule: true } }),
};

const REQUESTS: Req[] = [
  { path: '/' },
  { path: '/readme' },
  { path: '/todos' },
  { path: '/todos/1' },
  { path: '/todos/99' },
  { method: 'POST', path: '/todos', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ title: 'ship it', priority: 'High' }) },
  { method: 'POST', path: '/todos', headers: { 'content-type': 'application/json' }, body: JSON.stringify({}) },
  { path: '/todos' },
  { path: '/search?q=%E2%82%AC&tag=a&tag=b', headers: { 'x-client': 'test' } },
  { path: '/html' },
  { path: '/stream' },
  { path: '/fail' },
  { method: 'HEAD', path: '/' },
  { path: '/nope' },
];

test('an ESM TypeScript app (Hono) answers as on host Node', { timeout: 600_000 }, async () => {
  const app = await installApp('todo-ts', FILES, { hono: '4.13.19', '@hono/node-server': '2.1.9', tsx: '4.23.15' }, { type: 'module', main: 'index.ts' });
  try {
    await withBoth(app, () => startHost(app, ['--import', 'tsx', 'index.ts']), async (host, vm) => {
      for (const r of REQUESTS) {
        const expected = show(await send(host.port, r));
        const actual = show(await send(vm.port, r));
        assert.equal(actual, expected, `${r.method ?? 'GET'} ${r.path}`);
      }
    });
  } finally {
    app.remove();
  }
});
