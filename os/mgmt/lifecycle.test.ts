import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ControlConnection } from './control';
import { lifecycleRoutes, type LifecycleHost } from './lifecycle';

function harness() {
  const state = { ready: false, signals: [] as string[] };
  const host: LifecycleHost = {
    status: () => ({ uptimeMs: 12, memory: { used: 1, total: 2 }, pid: 1 }),
    ready: () => state.ready,
    signal: (name) => state.signals.push(name),
  };
  const replies: string[] = [];
  const conn = new ControlConnection(lifecycleRoutes(host), (bytes) => replies.push(Buffer.from(bytes).toString('utf8')));
  const ask = (method: string, path: string) => {
    replies.length = 0;
    conn.push(new Uint8Array(Buffer.from(`${method} ${path} HTTP/1.1\r\nHost: nephos\r\nContent-Length: 0\r\n\r\n`)));
    assert.equal(replies.length, 1);
    const [head, body] = replies[0].split('\r\n\r\n');
    return { status: Number(/^HTTP\/1\.1 (\d+)/.exec(head)![1]), head, body: JSON.parse(body) };
  };
  return { state, ask };
}

test('status says starting until the main module is evaluated, then running', () => {
  const { state, ask } = harness();
  let r = ask('GET', '/v1/status');
  assert.equal(r.status, 200);
  assert.deepEqual(r.body, { uptimeMs: 12, memory: { used: 1, total: 2 }, pid: 1, state: 'starting', ready: false });
  state.ready = true;
  r = ask('GET', '/v1/status');
  assert.equal(r.body.state, 'running');
  assert.equal(r.body.ready, true);
});

test('ready answers 503 before and 200 after readiness', () => {
  const { state, ask } = harness();
  assert.deepEqual([ask('GET', '/v1/ready').status, ask('GET', '/v1/ready').body], [503, { ready: false }]);
  state.ready = true;
  assert.deepEqual([ask('GET', '/v1/ready').status, ask('GET', '/v1/ready').body], [200, { ready: true }]);
});

test('signal delivers known signals only; wrong methods get 405 with Allow', () => {
  const { state, ask } = harness();
  assert.equal(ask('POST', '/v1/signal?name=SIGTERM').status, 202);
  assert.equal(ask('POST', '/v1/signal').status, 202);
  assert.equal(ask('POST', '/v1/signal?name=SIGBOGUS').status, 400);
  assert.deepEqual(state.signals, ['SIGTERM', 'SIGTERM']);
  const wrong = ask('GET', '/v1/signal');
  assert.equal(wrong.status, 405);
  assert.match(wrong.head, /\r\nallow: POST\r\n/);
  assert.equal(ask('POST', '/v1/ready').status, 405);
  assert.equal(ask('GET', '/v1/nothing').status, 404);
});
