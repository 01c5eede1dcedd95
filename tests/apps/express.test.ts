// Express from the npm registry (4.x and 5.x, pinned), unmodified, on Nephos and on host Node: the
// same requests get byte-identical answers (status line, raw headers except Date, body). The app
// has routing with params and query strings, JSON bodies, static files, signed and plain cookies,
// a redirect, a 404 handler and an error handler for sync and async errors.
//
// One allowed difference, normalised below: a static file's Last-Modified and the mtime half of
// its ETag. The image's files carry the time the VM booted; the host's carry the install time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { installApp, send, show, startHost, withBoth, type Reply, type Req } from './lib';

const APP = `'use strict';
const path = require('path');
const express = require('express');
const cookieParser = require('cookie-parser');

const app = express();
app.use(express.json());
app.use(express.urlencoded({ extended: false }));
app.use(cookieParser('cookie-secret'));
app.use('/static', express.static(path.join(__dirname, 'public')));

app.get('/', (req, res) => res.send('<h1>shop</h1>'));
app.get('/users/:id', (req, res) => res.json({ id: req.params.id, query: req.query }));
app.get('/users/:id/orders/:order', (req, res) => res.json(req.params));
app.post('/echo', (req, res) => res.status(201).json({ got: req.body, type: req.get('content-type') }));
app.post('/form', (req, res) => res.json(req.body));
app.put('/text', express.text(), (req, res) => res.type('text/plain').send(req.body.toUpperCase()));
app.get('/cookie/set', (req, res) => {
  res.cookie('plain', 'v1', { httpOnly: true, path: '/', sameSite: 'lax' });
  res.cookie('signed', 'v2', { signed: true });
  res.cookie('json', { a: [1, 2] }, { maxAge: 0 });
  res.send('cookies set');
});
app.get('/cookie/read', (req, res) => res.json({ cookies: req.cookies, signed: req.signedCookies }));
app.get('/cookie/clear', (req, res) => res.clearCookie('plain', { path: '/' }).end());
app.get('/boom', () => { throw new Error('kaboom'); });
app.get('/async-boom', async (req, res, next) => { await null; next(Object.assign(new Error('async kaboom'), { status: 418 })); });
app.get('/redirect', (req, res) => res.redirect('/users/7?from=redirect'));
app.get('/download', (req, res) => res.attachment('report.csv').send('a,b\\n1,2\\n'));
app.get('/format', (req, res) => res.format({ 'text/plain': () => res.send('plain'), 'application/json': () => res.json({ fmt: 'json' }) }));
const router = express.Router();
router.use((req, res, next) => { res.set('X-Router', 'api'); next(); });
router.get('/status', (req, res) => res.sendStatus(204));
router.get('/items', (req, res) => res.json([{ id: 1 }, { id: 2 }]));
app.use('/api', router);
app.use((req, res) => res.status(404).json({ error: 'not found', path: req.path }));
app.use((err, req, res, next) => res.status(err.status || 500).json({ error: err.message, type: err.type }));

app.listen(Number(process.env.PORT || 3000), () => console.log('listening'));
`;

const FILES = {
  'index.js': APP,
  'public/index.html': '<!doctype html><title>shop</title><p>static page</p>\n',
  'public/style.css': 'body { color: #333; }\n',
  'public/data/items.json': JSON.stringify({ items: ['a', 'b'] }),
  'public/logo.bin': Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 7) & 0xff)),
};

const REQUESTS: Req[] = [
  { path: '/' },
  { path: '/users/42?sort=asc&tags=a&tags=b' },
  { path: '/users/%E2%82%AC/orders/9' },
  { method: 'POST', path: '/echo', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Zoë', n: [1, 2, { deep: true }] }) },
  { method: 'POST', path: '/echo', headers: { 'content-type': 'application/json' }, body: '{"broken": ' },
  { method: 'POST', path: '/form', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'a=1&b=two+words&c=%E2%82%AC' },
  { method: 'PUT', path: '/text', headers: { 'content-type': 'text/plain' }, body: 'shout this' },
  { path: '/static/index.html' },
  { path: '/static/' },
  { path: '/static/style.css' },
  { path: '/static/data/items.json' },
  { path: '/static/logo.bin' },
  { path: '/static/logo.bin', headers: { range: 'bytes=100-199' } },
  { path: '/static/missing.txt' },
  { path: '/static/../index.js' },
  { path: '/cookie/set' },
  { path: '/cookie/read', headers: { cookie: 'plain=v1; signed=s%3Av2.PEs3Rd4QQTErCNZBDlsnOF01DtLbN76tcZLkz5Ie%2BIs; json=j%3A%7B%22a%22%3A%5B1%2C2%5D%7D' } },
  { path: '/cookie/read', headers: { cookie: 'signed=s%3Av2.tampered' } },
  { path: '/cookie/clear' },
  { path: '/boom' },
  { path: '/async-boom' },
  { path: '/redirect' },
  { path: '/download' },
  { path: '/format', headers: { accept: 'application/json' } },
  { path: '/format', headers: { accept: 'text/plain' } },
  { path: '/format', headers: { accept: 'image/png' } },
  { path: '/api/status' },
  { path: '/api/items' },
  { method: 'HEAD', path: '/api/items' },
  { method: 'OPTIONS', path: '/api/items' },
  { method: 'DELETE', path: '/api/items' },
  { path: '/nowhere' },
];

/** A static file's Last-Modified and ETag mtime part differ by nature (see the header). */
function normalise(r: Reply): Reply {
  return {
    ...r,
    headers: r.headers.map(([k, v]): [string, string] => {
      if (/^last-modified$/i.test(k)) return [k, '<mtime>'];
      if (/^etag$/i.test(k) && /^W\/"[0-9a-f]+-[0-9a-f]+"$/.test(v)) return [k, v.replace(/-[0-9a-f]+"$/, '-<mtime>"')];
      return [k, v];
    }),
  };
}

for (const [label, version] of [['Express 4', '4.22.3'], ['Express 5', '5.3.0']] as const) {
  test(`${label} (${version}) answers as on host Node`, { timeout: 600_000 }, async () => {
    const app = await installApp(`shop-express${version[0]}`, FILES, { express: version, 'cookie-parser': '1.4.7' });
    try {
      await withBoth(app, () => startHost(app, ['index.js']), async (host, vm) => {
        for (const r of REQUESTS) {
          const expected = normalise(await send(host.port, r));
          const actual = normalise(await send(vm.port, r));
          assert.equal(show(actual), show(expected), `${r.method ?? 'GET'} ${r.path}`);
        }
      });
    } finally {
      app.remove();
    }
  });
}
