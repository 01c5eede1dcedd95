// Every route against the OpenAPI document the server itself serves: each is called with example
// parameters, must answer its documented success status, and its body must match the documented
// schema. The example table must cover every route, so a new route without an example fails here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeBed } from './testing';
import { validate } from './schema';

const EXAMPLES: [string, string, string?][] = [
  ['GET', '/v1/status'], ['GET', '/v1/ready'], ['POST', '/v1/signal?name=SIGUSR2'],
  ['GET', '/os/name'], ['GET', '/os/version'], ['GET', '/os/vendor'], ['GET', '/os/uptime'], ['GET', '/os/date'],
  ['GET', '/os/memory/total'], ['GET', '/os/memory/free'], ['GET', '/os/memory/balloon'], ['GET', '/os/dmesg'],
  ['GET', '/os/hostname'], ['POST', '/os/hostname?name=api-test'], ['GET', '/os/cmdline'], ['POST', '/os/cmdline?cmdline=--port%2081'],
  ['GET', '/os/threads'], ['POST', '/os/poweroff'], ['POST', '/os/shutdown'], ['POST', '/os/reboot'],
  ['GET', '/env/'], ['GET', '/env/GREETING'], ['POST', '/env/NEW?val=1'], ['DELETE', '/env/NEW'],
  ['GET', '/file/app/data?op=LISTSTATUS'], ['PUT', '/file/tmp/d?op=MKDIRS'], ['POST', '/file/tmp/up.bin', 'raw bytes'],
  ['DELETE', '/file/tmp/up.bin'],
  ['GET', '/fs/df/'], ['GET', '/fs/df/tmp'],
  ['GET', '/hardware/processor/flags'], ['GET', '/hardware/processor/count'], ['GET', '/hardware/firmware/vendor'],
  ['GET', '/hardware/hypervisor'], ['GET', '/hardware/processor'], ['GET', '/hardware/memory'],
  ['GET', '/engine/heap'], ['POST', '/engine/gc'], ['GET', '/engine/loop'],
  ['GET', '/network/ifconfig/'], ['GET', '/network/ifconfig/eth0'], ['GET', '/network/route/'],
  ['GET', '/trace/status?match=tcp'], ['POST', '/trace/status?match=^net_&enabled=true'], ['GET', '/trace/event/tcp_retransmits'],
  ['POST', '/trace/event/tcp_retransmits?enabled=true'], ['POST', '/trace/count/tcp_retransmits?enabled=true'], ['GET', '/trace/count'],
  ['DELETE', '/trace/count'], ['POST', '/trace/sampler?freq=0'], ['GET', '/trace/buffers'],
  ['GET', '/app/'], ['PUT', '/app/?command=--port%2081'], ['GET', '/app/finished?tid=1'],
  ['POST', '/api/batch?batch=%5B%7B%22method%22%3A%22GET%22%2C%22relative_url%22%3A%22%2Fos%2Fname%22%7D%5D'],
  ['POST', '/api/stop'], ['GET', '/api-doc'], ['GET', '/api-doc/os'], ['GET', '/openapi.json'],
  ['GET', '/metrics'], ['GET', '/stats'], ['GET', '/console/lines'], ['GET', '/console/stream'],
];

test('every route is documented in /openapi.json and answers what the document says', async () => {
  const bed = makeBed();
  bed.console.append('stdout', 'hello\n');
  const doc = (await bed.call('GET', '/openapi.json')).json();
  assert.equal(doc.openapi, '3.0.3');
  const covered = new Set<string>();
  for (const [method, url, body] of EXAMPLES) {
    const path = url.split('?')[0];
    const m = bed.mgmt.router.match(method, path);
    assert.equal(m.kind, 'route', `${method} ${url} has a route`);
    if (m.kind !== 'route') continue;
    covered.add(`${m.route.method} ${m.route.path}`);
    const op = doc.paths[m.route.path]?.[method.toLowerCase()];
    assert.ok(op, `${method} ${m.route.path} is in the OpenAPI document`);
    if (method === 'GET' && path === '/console/stream') continue; // streamed: http.test.ts
    const res = await bed.call(method, url, { body });
    const want = String(m.route.response.status ?? 200);
    assert.equal(String(res.status), want, `${method} ${url}: ${res.text}`);
    const content = op.responses[want].content;
    const [type] = Object.keys(content);
    assert.equal(res.headers['content-type'].split(';')[0], type.split(';')[0], `${method} ${url} content type`);
    if (type === 'application/json') {
      const problems = validate(content[type].schema, res.json());
      assert.deepEqual(problems, [], `${method} ${url}: ${JSON.stringify(res.json()).slice(0, 300)}`);
    }
  }
  const all = bed.mgmt.router.routes.map((r) => `${r.method} ${r.path}`);
  assert.deepEqual(all.filter((r) => !covered.has(r)), [], 'every route has an example');
  assert.equal(Object.values(doc.paths).reduce((n: number, p: any) => n + Object.keys(p).length, 0), all.length, 'the document lists exactly the routes');
});

test('OSv shapes: plain strings and numbers, env lists, ifconfig, routes, df', async () => {
  const bed = makeBed();
  assert.equal((await bed.call('GET', '/os/name')).json(), 'Nephos');
  assert.equal((await bed.call('GET', '/os/uptime')).json(), 1);
  assert.deepEqual((await bed.call('GET', '/env/')).json(), ['HOME=/', 'GREETING=hello']);
  const eth0 = (await bed.call('GET', '/network/ifconfig/eth0')).json();
  assert.equal(eth0.config.addr, '10.0.2.15');
  assert.equal(eth0.config.mask, '255.255.255.0');
  assert.equal(eth0.config.broadcast, '10.0.2.255');
  assert.equal(eth0.data.ifi_ibytes, 1000);
  assert.equal(eth0.data.virtio_interrupts, 7);
  const routes = (await bed.call('GET', '/network/route/')).json();
  assert.deepEqual(routes.map((r: any) => [r.destination, r.gateway]), [['10.0.2.0/24', 'link#1'], ['default', '10.0.2.2']]);
  const df = (await bed.call('GET', '/fs/df/')).json();
  assert.deepEqual(df.map((d: any) => [d.filesystem, d.mount]), [['imagefs', '/'], ['tmpfs', '/tmp']]);
  assert.equal(df[1].btotal, 1024);
  assert.equal((await bed.call('GET', '/hardware/processor/flags')).json(), 'fpu sse2 rdrand');
  assert.equal((await bed.call('GET', '/api-doc')).json().swaggerVersion, '1.2');
});

test('env changes are made on the object the application reads', async () => {
  const bed = makeBed();
  assert.equal((await bed.call('POST', '/env/GREETING?val=hi%20there')).status, 200);
  assert.equal(bed.env.GREETING, 'hi there');
  assert.equal((await bed.call('GET', '/env/GREETING')).json(), 'hi there');
  assert.equal((await bed.call('DELETE', '/env/GREETING')).status, 200);
  assert.equal('GREETING' in bed.env, false);
  assert.equal((await bed.call('GET', '/env/GREETING')).status, 404);
  assert.equal((await bed.call('POST', '/env/BAD%3DNAME?val=1')).status, 400);
  assert.equal((await bed.call('POST', '/env/X')).status, 400);
});

test('batch runs each call with the caller\'s scope and answers {code, body}', async () => {
  const bed = makeBed();
  const batch = JSON.stringify([
    { method: 'GET', relative_url: '/os/name' },
    { method: 'POST', relative_url: '/env/B?val=2' },
    { method: 'GET', relative_url: '/nope' },
    { method: 'POST', relative_url: '/api/batch' },
  ]);
  const rw = (await bed.call('POST', '/api/batch', { body: `batch=${encodeURIComponent(batch)}`, headers: { 'Content-Type': 'application/x-www-form-urlencoded' } })).json();
  assert.deepEqual(rw.map((r: any) => r.code), [200, 200, 404, 400]);
  assert.equal(rw[0].body, 'Nephos');
  assert.equal(bed.env.B, '2');
  const ro = (await bed.call('POST', '/api/batch', { token: 'ro-token-0123456789abcdefghijklmnopqrstuv', body: batch, headers: { 'Content-Type': 'application/json' } })).json();
  assert.deepEqual(ro.map((r: any) => r.code), [200, 403, 404, 400]);
  assert.equal((await bed.call('POST', '/api/batch', { body: 'not json' })).status, 400);
});

test('app: PUT /app/ restarts with the command\'s arguments; finished tells generations apart', async () => {
  const bed = makeBed();
  const r = await bed.call('PUT', `/app/?command=${encodeURIComponent(`--name 'hello world' x`)}`);
  assert.equal(r.status, 202);
  assert.equal(r.json(), '2');
  assert.deepEqual(bed.app.restarts, [['--name', 'hello world', 'x']]);
  assert.equal((await bed.call('GET', '/app/finished?tid=1')).json(), '1');
  assert.equal((await bed.call('GET', '/app/finished?tid=2')).json(), '0');
  assert.equal((await bed.call('GET', '/app/finished?tid=9')).status, 404);
  assert.equal((await bed.call('PUT', '/app/', { body: JSON.stringify({ args: ['a b', 'ü'] }) })).status, 202);
  assert.deepEqual(bed.app.restarts[1], ['a b', 'ü']);
  assert.equal((await bed.call('PUT', '/app/?command=a%3Bb')).status, 400);
  assert.equal((await bed.call('POST', '/os/cmdline?cmdline=--keep%20me')).json(), '--keep me');
  assert.equal((await bed.call('PUT', '/app/')).status, 202);
  assert.deepEqual(bed.app.restarts[2], ['--keep', 'me']);
});

test('trace events are the stack\'s and drivers\' counters; DELETE zeroes the reported counts', async () => {
  const bed = makeBed();
  const names = (await bed.call('GET', '/trace/status')).json().map((e: any) => e.name);
  for (const n of ['tcp_retransmits', 'tcp_drop_bad_checksum', 'net_rx_bytes', 'net_drop_ipv4_bad_checksum', 'virtio_console_notifies']) assert.ok(names.includes(n), n);
  const count = async (n: string) => (await bed.call('GET', '/trace/count')).json().list.find((e: any) => e.name === n)?.count;
  assert.equal(await count('net_rx_bytes'), 1000);
  await bed.call('DELETE', '/trace/count');
  bed.net.rx = 50;
  assert.equal(await count('net_rx_bytes'), 50);
  await bed.call('POST', '/trace/status?match=%5Enet_&enabled=false');
  assert.equal(await count('net_rx_bytes'), undefined);
  assert.equal((await bed.call('POST', '/trace/status?match=(&enabled=true')).status, 400);
  assert.equal((await bed.call('POST', '/trace/sampler?freq=100')).status, 400);
});

test('metrics: Prometheus text with the documented families', async () => {
  const bed = makeBed();
  await bed.call('GET', '/os/name');
  const text = (await bed.call('GET', '/metrics')).text;
  for (const family of ['nephos_uptime_seconds', 'nephos_api_requests_total', 'nephos_network_receive_bytes_total', 'nephos_tcp_connections',
    'nephos_tcp_retransmits_total', 'nephos_heap_bytes', 'nephos_event_loop_lag_seconds', 'nephos_memory_bytes']) {
    assert.match(text, new RegExp(`^# TYPE ${family} (counter|gauge)$`, 'm'), family);
  }
  assert.match(text, /^nephos_api_requests_total\{code="200"\} [1-9]\d*$/m);
  assert.match(text, /^nephos_tcp_retransmits_total 3$/m);
  assert.match(text, /^nephos_http_requests_total 120$/m);
  assert.match(text, /^nephos_http_responses_total\{code="2xx"\} 100$/m);
  assert.match(text, /^nephos_http_responses_total\{code="5xx"\} 5$/m);
  assert.match(text, /^nephos_http_refused_total 2$/m);
  for (const line of text.trim().split('\n')) assert.match(line, /^(# (HELP|TYPE) \w+ .+|\w+(\{[^}]*\})? -?[\d.e+-]+)$/, line);
});
