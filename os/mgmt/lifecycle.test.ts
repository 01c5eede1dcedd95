import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HttpConnection } from './http';
import { Router } from './router';
import { MgmtServer } from './server';
import { lifecycleRoutes, type LifecycleHost } from './lifecycle';
import { ManualClock, parseAnswers } from './testing';
import { encodeUtf8 } from '../core/utf8';

function harness() {
  const state = { ready: false, signals: [] as string[] };
  const host: LifecycleHost = {
    status: () => ({ uptimeMs: 12, memory: { used: 1, total: 2 }, pid: 1 }),
    ready: () => state.ready,
    signal: (name) => state.signals.push(name),
  };
  const router = new Router();
  router.add(...lifecycleRoutes(host));
  const server = new MgmtServer({ router });
  const ask = async (method: string, path: string) => {
    const out: Uint8Array[] = [];
    const conn = new HttpConnection(server, 'control', { write: (b) => out.push(b.slice()), close: () => {} }, new ManualClock());
    conn.push(encodeUtf8(`${method} ${path} HTTP/1.1\r\nHost: nephos\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`));
    for (let i = 0; i < 10; i++) await Promise.resolve();
    const all = new Uint8Array(out.reduce((n, b) => n + b.length, 0));
    let o = 0;
    for (const b of out) { all.set(b, o); o += b.length; }
    const [a] = parseAnswers(all);
    return { status: a.status, headers: a.headers, body: a.json() };
  };
  return { state, ask };
}

test('status says starting until the main module is evaluated, then running', async () => {
  const { state, ask } = harness();
  let r = await ask('GET', '/v1/status');
  assert.equal(r.status, 200);
  assert.deepEqual(r.body, { uptimeMs: 12, memory: { used: 1, total: 2 }, pid: 1, state: 'starting', ready: false });
  state.ready = true;
  r = await ask('GET', '/v1/status');
  assert.equal(r.body.state, 'running');
  assert.equal(r.body.ready, true);
});

test('ready answers 503 before and 200 after readiness', async () => {
  const { state, ask } = harness();
  assert.deepEqual([(await ask('GET', '/v1/ready')).status, (await ask('GET', '/v1/ready')).body], [503, { ready: false }]);
  state.ready = true;
  assert.deepEqual([(await ask('GET', '/v1/ready')).status, (await ask('GET', '/v1/ready')).body], [200, { ready: true }]);
});

test('signal delivers known signals only; wrong methods get 405 with Allow', async () => {
  const { state, ask } = harness();
  assert.equal((await ask('POST', '/v1/signal?name=SIGTERM')).status, 202);
  assert.equal((await ask('POST', '/v1/signal')).status, 202);
  assert.equal((await ask('POST', '/v1/signal?name=SIGBOGUS')).status, 400);
  assert.deepEqual(state.signals, ['SIGTERM', 'SIGTERM']);
  const wrong = await ask('GET', '/v1/signal');
  assert.equal(wrong.status, 405);
  assert.equal(wrong.headers.allow, 'POST');
  assert.equal((await ask('POST', '/v1/ready')).status, 405);
  assert.equal((await ask('GET', '/v1/nothing')).status, 404);
});
