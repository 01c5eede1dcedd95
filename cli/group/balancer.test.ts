// The balancer against real loopback servers: spreading, health, retries that lose nothing,
// waiting for a backend, half-close and backpressure on large transfers.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { Balancer, type Backend } from './balancer';

const servers: Server[] = [];
after(() => servers.forEach((s) => s.close()));

function listen(onConn: (s: Socket) => void): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer({ allowHalfOpen: true }, onConn);
    servers.push(s);
    s.listen(0, '127.0.0.1', () => resolve((s.address() as { port: number }).port));
  });
}

/** A backend answering "<id>:<the request bytes>" once the client has half-closed. */
async function named(id: string): Promise<Backend> {
  const port = await listen((s) => {
    let got = '';
    s.on('data', (d) => (got += d));
    s.on('end', () => s.end(`${id}:${got}`));
    s.on('error', () => {});
  });
  return { id, host: '127.0.0.1', port };
}

async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

/** One request through the balancer: send `body`, half-close, read everything. */
function request(port: number, body = 'req'): Promise<string> {
  return new Promise((resolve, reject) => {
    const c = connect(port, '127.0.0.1');
    let got = '';
    c.on('connect', () => c.end(body));
    c.on('data', (d) => (got += d));
    c.on('close', () => resolve(got));
    c.on('error', reject);
  });
}

async function started(b: Balancer): Promise<number> {
  await b.listen(0);
  return b.port;
}

test('sequential connections spread evenly over the healthy backends', async () => {
  const backends = await Promise.all(['a', 'b', 'c'].map(named));
  const bal = new Balancer();
  bal.setBackends(backends, ['a', 'b', 'c']);
  const port = await started(bal);
  const counts: Record<string, number> = {};
  for (let i = 0; i < 30; i++) {
    const who = (await request(port)).split(':')[0];
    counts[who] = (counts[who] ?? 0) + 1;
  }
  assert.deepEqual(counts, { a: 10, b: 10, c: 10 });
  assert.deepEqual(bal.counters('a'), { active: 0, total: 10, failures: 0, connecting: 0 });
  await bal.close();
});

test('unhealthy backends get nothing', async () => {
  const backends = await Promise.all(['a', 'b', 'c'].map(named));
  const bal = new Balancer();
  bal.setBackends(backends, ['b']);
  const port = await started(bal);
  for (let i = 0; i < 6; i++) assert.equal(await request(port), 'b:req');
  assert.equal(bal.counters('a').total, 0);
  await bal.close();
});

test('a refusing backend costs a retry elsewhere, not the request, and is marked down', async () => {
  const good = await named('good');
  const dead: Backend = { id: 'dead', host: '127.0.0.1', port: await closedPort() };
  const bal = new Balancer();
  bal.setBackends([dead, good], ['dead', 'good']);
  const port = await started(bal);
  for (let i = 0; i < 5; i++) assert.equal(await request(port, `r${i}`), `good:r${i}`);
  assert.equal(bal.counters('dead').failures, 1, 'marked down after the first refusal');
  assert.equal(bal.counters('dead').active, 0);
  await bal.close();
});

test('a backend that closes without answering: the kept request bytes are replayed elsewhere', async () => {
  const mute = await listen((s) => {
    s.on('error', () => {});
    s.once('data', () => s.destroy());
  });
  const good = await named('good');
  const bal = new Balancer();
  bal.setBackends([{ id: 'mute', host: '127.0.0.1', port: mute }, good], ['mute', 'good']);
  const port = await started(bal);
  const body = 'x'.repeat(100_000);
  for (let i = 0; i < 4; i++) assert.equal(await request(port, body), `good:${body}`);
  assert.ok(bal.counters('mute').failures >= 1);
  await bal.close();
});

test('with no backend a connection waits a while for one, then is closed', async () => {
  const late = await named('late');
  const bal = new Balancer({ waitForBackendMs: 400 });
  bal.setBackends([late], []);
  const port = await started(bal);
  const t0 = Date.now();
  // Closed with the request unread: an empty answer or a reset, never a backend's.
  assert.match(await request(port).catch((e: NodeJS.ErrnoException) => `error:${e.code}`), /^(|error:ECONNRESET)$/);
  assert.ok(Date.now() - t0 >= 350, 'waited');
  assert.equal(bal.rejected, 1);
  await bal.close();
  // A backend that turns healthy while a connection waits gets it. The wait is long here so that a
  // host stalled for a moment (the suite boots VMs beside this) cannot turn it into a rejection.
  const patient = new Balancer({ waitForBackendMs: 20_000 });
  patient.setBackends([late], []);
  const port2 = await started(patient);
  const pending = request(port2, 'hello');
  setTimeout(() => patient.setBackends([late], ['late']), 100);
  assert.equal(await pending, 'late:hello');
  assert.equal(patient.rejected, 0);
  await patient.close();
});

test('large transfers both ways with half-close (backpressure)', async () => {
  const echo = await listen((s) => {
    s.pipe(s);
    s.on('error', () => {});
  });
  const bal = new Balancer();
  bal.setBackends([{ id: 'echo', host: '127.0.0.1', port: echo }], ['echo']);
  const port = await started(bal);
  const size = 8 * 1024 * 1024;
  const got = await new Promise<number>((resolve, reject) => {
    const c = connect(port, '127.0.0.1');
    let n = 0;
    c.on('connect', () => c.end(Buffer.alloc(size, 7)));
    c.on('data', (d: Buffer) => (n += d.length));
    c.on('close', () => resolve(n));
    c.on('error', reject);
  });
  assert.equal(got, size);
  assert.equal(bal.open, 0);
  assert.equal(bal.counters('echo').active, 0);
  await bal.close();
});

test('a port already in use is an error from listen', async () => {
  const taken = await listen(() => {});
  await assert.rejects(new Balancer().listen(taken), (e: NodeJS.ErrnoException) => e.code === 'EADDRINUSE');
});
