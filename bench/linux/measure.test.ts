import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { cpuSeconds, freePort, httpGet, nowMs, parseWrk, rssKiB, waitReady, wrkArgs, wrkDuration } from './measure';

const WRK_OUTPUT = `Running 20s test @ http://127.0.0.1:40123/
  2 threads and 50 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    41.53ms   61.22ms   1.02s    93.21%
    Req/Sec   612.80    201.33     1.11k    71.00%
  Latency Distribution
     50%   27.38ms
     75%   44.01ms
     90%   81.90ms
     99%  448.41ms
  23214 requests in 20.01s, 3.41MB read
  Socket errors: connect 0, read 2, write 0, timeout 4
  Non-2xx or 3xx responses: 3
Requests/sec:   1160.79
Transfer/sec:    174.46KB
`;

test('wrk output is parsed: requests/s, percentiles, errors', () => {
  const r = parseWrk(WRK_OUTPUT);
  assert.equal(r.requestsPerSec, 1160.79);
  assert.equal(r.requests, 23214);
  assert.equal(r.p50Ms, 27.38);
  assert.equal(r.p90Ms, 81.9);
  assert.equal(r.p99Ms, 448.41);
  assert.equal(r.errors, 9);
  const clean = parseWrk(WRK_OUTPUT.replace(/ {2}Socket errors.*\n {2}Non-2xx.*\n/, ''));
  assert.equal(clean.errors, 0);
  assert.throws(() => parseWrk('unable to connect to 127.0.0.1:1 Connection refused\n'), /no 50% latency|no Requests\/sec/);
});

test('wrk durations in every unit', () => {
  assert.equal(wrkDuration('456.00us'), 0.456);
  assert.equal(wrkDuration('1.50ms'), 1.5);
  assert.equal(wrkDuration('1.02s'), 1020);
  assert.equal(wrkDuration('2.00m'), 120000);
  assert.throws(() => wrkDuration('fast'), /cannot read duration/);
});

test('wrk command line: threads, connections, duration, latency', () => {
  assert.deepEqual(wrkArgs({ port: 9, seconds: 5 }), ['-t2', '-c50', '-d5s', '--latency', 'http://127.0.0.1:9/']);
});

test('waitReady waits for a full "hello\\n" answer, not just a connection', async () => {
  let calls = 0;
  const server = createServer((req, res) => {
    calls++;
    // The first two answers are not the app's: readiness must keep polling.
    if (calls === 1) return res.writeHead(503).end('starting');
    if (calls === 2) return res.writeHead(200).end('not yet');
    res.writeHead(200, { 'content-type': 'text/plain' }).end('hello\n');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  try {
    const t = await waitReady(port, nowMs() + 10_000, () => undefined, 5);
    assert.ok(t <= nowMs());
    assert.ok(calls >= 3, `${calls} requests`);
    assert.equal((await httpGet(port, '/')).contentType, 'text/plain');
  } finally {
    server.close();
  }
});

test('waitReady does not wait for a stalled attempt: a server that answers only from the 3rd connection on', async () => {
  // Like slirp before the guest's NIC is up: the first connections are accepted and never answered.
  let n = 0;
  const server = createServer((req, res) => {
    if (++n <= 2) return; // hang
    res.writeHead(200).end('hello\n');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  try {
    const t0 = nowMs();
    await waitReady(port, t0 + 10_000, () => undefined, 10);
    assert.ok(nowMs() - t0 < 1000, 'answered long before the stalled attempts time out (3 s)');
  } finally {
    server.closeAllConnections();
    server.close();
  }
});

test('waitReady gives up when the process is gone or the deadline passes', async () => {
  const port = await freePort();
  await assert.rejects(waitReady(port, nowMs() + 10_000, () => 'exit 1'), /exited before answering \(exit 1\)/);
  await assert.rejects(waitReady(port, nowMs() + 100, () => undefined, 10), /no answer from 127\.0\.0\.1:\d+ in time; last attempt: .*ECONNREFUSED/);
});

test('RSS and CPU time of a live process, 0 for a missing one', () => {
  assert.ok(rssKiB(process.pid) > 10_000);
  assert.equal(rssKiB(2 ** 22 + 12345), 0);
  // Burn CPU until the counter shows it (wall time alone is not CPU time on a loaded host, where
  // 60 ms of spinning got under 30 ms of CPU); it must move within 5 s of spinning.
  const before = cpuSeconds(process.pid);
  const until = Date.now() + 5000;
  while (Date.now() < until && cpuSeconds(process.pid) - before < 0.03);
  assert.ok(cpuSeconds(process.pid) - before >= 0.03);
});
