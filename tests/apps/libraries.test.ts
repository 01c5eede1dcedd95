// The libraries most services pull in, from the npm registry (pinned), in one ordinary ES-module
// app: lodash, dayjs (with the utc plugin), zod, uuid, debug, dotenv, pino and axios against a
// local HTTP server in the same process. The app prints what it computes; its stdout and exit code
// on Nephos must equal host Node's byte for byte.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { installApp } from './lib';
import { run } from '../helpers';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const APP = `import http from 'node:http';
import _ from 'lodash';
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc.js';
import { z } from 'zod';
import { v4 as uuidv4, v5 as uuidv5, validate as uuidValidate, version as uuidVersion, parse as uuidParse, NIL } from 'uuid';
import createDebug from 'debug';
import dotenv from 'dotenv';
import pino from 'pino';
import axios from 'axios';

const out = (label, value) => console.log(label, typeof value === 'string' ? value : JSON.stringify(value));

// lodash
out('groupBy', _.groupBy(['one', 'two', 'three', 'four'], 'length'));
out('merge', _.merge({ a: { b: [1, { c: 1 }] } }, { a: { b: [2, { d: 2 }] }, e: 3 }));
out('cloneDeep', _.cloneDeep({ d: new Date(0), m: [1, [2, [3]]] }));
out('get/set', _.get(_.set({}, 'a[0].b.c', 42), ['a', '0', 'b', 'c']));
out('chunk/sortBy/uniqBy', [_.chunk([1, 2, 3, 4, 5], 2), _.sortBy([{ n: 3 }, { n: 1 }, { n: 2 }], 'n'), _.uniqBy([2.1, 1.2, 2.3], Math.floor)]);
out('template', _.template('Hello <%= user %>! <% _.forEach(items, function(i) { %><li><%- i %></li><% }); %>')({ user: 'Zoë', items: ['<a>', 'b&c'] }));
out('string fns', [_.camelCase('Foo Bar-baz'), _.kebabCase('fooBarBaz'), _.escape('<&"\\'>'), _.padStart('7', 3, '0'), _.truncate('a long sentence here', { length: 10 })]);
const memo = _.memoize((n) => n * 2);
out('memoize', [memo(2), memo(2), memo.cache.size]);
const debounced = await new Promise((resolve) => { const calls = []; const f = _.debounce((v) => { calls.push(v); resolve(calls); }, 20); f(1); f(2); f(3); });
out('debounce', debounced);

// dayjs (TZ=UTC on both sides)
dayjs.extend(utc);
const d = dayjs.utc('2024-02-29T12:30:45.123Z');
out('dayjs', [d.format(), d.add(1, 'year').format('YYYY-MM-DD'), d.subtract(3, 'month').format('dddd, MMMM D YYYY h:mm A'), d.startOf('week').toISOString(), d.diff(dayjs.utc('2024-01-01'), 'day'), d.isBefore('2025-01-01'), d.daysInMonth(), d.valueOf(), dayjs('2024-03-10 08:00').format('HH:mm Z')]);
out('dayjs invalid', [dayjs('nope').isValid(), String(dayjs('nope').format())]);

// zod
const User = z.object({ name: z.string().min(2), age: z.number().int().nonnegative(), email: z.string().email().optional(), tags: z.array(z.string()).max(2).default([]) });
out('zod ok', User.parse({ name: 'Ada', age: 36 }));
const bad = User.safeParse({ name: 'A', age: -1.5, email: 'x', tags: ['a', 'b', 'c'] });
out('zod issues', bad.success ? 'unexpected' : bad.error.issues.map((i) => [i.path.join('.'), i.code, i.message]));
out('zod pretty', bad.success ? '' : z.prettifyError(bad.error));
out('zod transform', z.string().transform((s) => s.length).pipe(z.number().max(3)).safeParse('four').error?.issues[0].message);
try { z.enum(['a', 'b']).parse('c'); } catch (e) { out('zod throw', [e.name, e.issues.length]); }

// uuid
const u4 = uuidv4();
out('uuid', [uuidValidate(u4), uuidVersion(u4), uuidv5('nephos', uuidv5.URL), uuidv5('hello', '1b671a64-40d5-491e-99b0-da01ff1f3341'), Array.from(uuidParse('6ba7b810-9dad-11d1-80b4-00c04fd430c8').slice(0, 4)), NIL, uuidValidate('nope')]);

// debug (DEBUG=app:* DEBUG_HIDE_DATE=1 DEBUG_COLORS=0, written to stdout)
const log = createDebug('app:main');
log.log = console.log.bind(console);
log('debug says %s and %o', 'hi', { n: 1 });
const quiet = createDebug('other:thing');
out('debug enabled', [log.enabled, quiet.enabled, createDebug.enabled('app:x')]);

// dotenv (a .env file next to this module)
const parsed = dotenv.config({ path: new URL('.env', import.meta.url), quiet: true });
out('dotenv', [parsed.parsed, process.env.APP_MODE, process.env.MULTI]);
out('dotenv parse', dotenv.parse('A=1\\nB="two words"\\n# c\\nD=\${A}'));

// pino (no time, pid or hostname, and an error's stack reduced to its first line: those differ by
// nature, the stack naming file:///tmp/... on the host and /app/... in the image)
const errSerializer = (e) => ({ ...pino.stdSerializers.err(e), stack: e.stack.split('\\n')[0] });
const logger = pino({ base: undefined, timestamp: false, serializers: { err: errSerializer } }, pino.destination({ dest: 1, sync: true }));
logger.info('hello from pino');
logger.child({ req: 7 }).warn({ extra: [1, 2] }, 'child %s', 'formatted');
logger.error(new Error('logged error'), 'with error');

// axios against a server in this process
const server = http.createServer((req, res) => {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    if (req.url === '/missing') { res.writeHead(404, { 'content-type': 'application/json' }); res.end('{"error":"nope"}'); return; }
    if (req.url === '/slow') { setTimeout(() => res.end('late'), 500); return; }
    if (req.url === '/redirect') { res.writeHead(302, { location: '/json?from=redirect' }); res.end(); return; }
    res.writeHead(200, { 'content-type': 'application/json', 'x-seen-ua': String(/^axios\\//.test(req.headers['user-agent'] || '')) });
    res.end(JSON.stringify({ method: req.method, url: req.url, body, type: req.headers['content-type'] || null }));
  });
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const api = axios.create({ baseURL: 'http://127.0.0.1:' + server.address().port, timeout: 2000 });
const g = await api.get('/json', { params: { q: 'a b', n: 2 } });
out('axios get', [g.status, g.data, g.headers['content-type'], g.headers['x-seen-ua']]);
const p = await api.post('/items', { name: 'x', list: [1, 2] });
out('axios post', [p.status, p.data]);
const r = await api.get('/redirect');
out('axios redirect', r.data.url);
try { await api.get('/missing'); } catch (e) { out('axios 404', [e.name, e.message, e.code, e.response.status, e.response.data]); }
try { await api.get('/slow', { timeout: 50 }); } catch (e) { out('axios timeout', [e.name, e.message, e.code]); }
try { await axios.get('http://127.0.0.1:1/'); } catch (e) { out('axios refused', [e.name, e.code, e.message]); }
server.close();
out('done', true);
`;

const FILES = {
  'index.mjs': APP,
  '.env': 'APP_MODE=production\nMULTI="line one\\nline two"\n# comment\nEMPTY=\n',
};

const DEPS = {
  lodash: '4.18.1', dayjs: '1.11.23', zod: '4.6.7', uuid: '14.0.3', debug: '4.4.3', dotenv: '18.0.10', pino: '10.4.0', axios: '1.21.1',
};

const ENV = { DEBUG: 'app:*', DEBUG_HIDE_DATE: '1', DEBUG_COLORS: '0', TZ: 'UTC' };

test('lodash, dayjs, zod, uuid, debug, dotenv, pino and axios print what they print on host Node', { timeout: 600_000 }, async () => {
  const app = await installApp('libs-app', FILES, DEPS, { type: 'module', main: 'index.mjs' });
  try {
    const host = spawnSync(process.execPath, [join(app.dir, 'index.mjs')], { cwd: app.dir, encoding: 'utf8', env: { PATH: process.env.PATH, ...ENV } });
    assert.equal(host.status, 0, host.stderr);
    assert.match(host.stdout, /^done true$/m);
    const envArgs = Object.entries(ENV).flatMap(([k, v]) => ['-e', `${k}=${v}`]);
    const vm = await run(app.dir, [], ['--rm', '-m', '256M', ...envArgs], { timeoutMs: 240_000 });
    assert.equal(vm.code, 0, `nephos run exited ${vm.code}:\n${vm.stderr}`);
    assert.equal(vm.stdout, host.stdout);
  } finally {
    app.remove();
  }
});
