import { test } from 'node:test';
import assert from 'node:assert/strict';
import { freePort, httpGet, nowMs, rssKiB, waitReady } from './measure';
import { hostNode } from './systems';

test('host Node serves examples/http: hello as text/plain on GET /, 404 elsewhere; stop() ends it', async () => {
  const node = hostNode();
  assert.equal(await node.prepare('tcg'), undefined);
  const port = await freePort();
  const inst = node.start({ accel: 'tcg', hostPort: port });
  try {
    await waitReady(port, nowMs() + 20_000, inst.gone);
    const hello = await httpGet(port, '/');
    assert.deepEqual(hello, { status: 200, contentType: 'text/plain', body: 'hello\n' });
    assert.equal((await httpGet(port, '/?q=1')).body, 'hello\n');
    const missing = await httpGet(port, '/other');
    assert.equal(missing.status, 404);
    assert.equal(missing.body, 'not found\n');
    assert.ok(rssKiB(inst.costPid()!) > 1000, 'the cost process is the live node');
    assert.equal(inst.gone(), undefined);
    assert.match(inst.output(), new RegExp(`listening on port ${port}`));
  } finally {
    await inst.stop();
  }
  assert.match(inst.gone()!, /SIGTERM|exit/);
  assert.equal(node.imageBytes(), undefined);
});
