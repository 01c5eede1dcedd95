// The management API on a booted VM: every route over the control socket and over --api-port,
// answers checked against the OpenAPI document the guest serves; env changes seen by the app; a
// file uploaded to /tmp read back byte-identical; an in-place app restart that keeps the VM (same
// QEMU process) and the API up; every rejection of the order (401, 405, 403, 413, 408,
// 400); 200 concurrent API requests while the app serves load. `nephos api` and `inspect` too.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { Agent, request } from 'node:http';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeApp, nephos, removeApp, run, TEST_HOME } from './helpers';
import { apiCall } from '../cli/commands/api-client';
import { validate } from '../os/mgmt/schema';

const APP = `
const http = require('http');
const port = Number(process.argv[2] ?? 8080);
const server = http.createServer((req, res) => {
  if (req.url === '/env') return res.end(JSON.stringify({ GREETING: process.env.GREETING ?? null }));
  if (req.url === '/argv') return res.end(JSON.stringify(process.argv.slice(2)));
  res.end('ok');
});
server.listen(port, () => console.log('listening', port, JSON.stringify(process.argv.slice(2))));
`;

const base = 21000 + (process.pid % 500) * 4;
const appPort = base;
const apiPort = base + 1;
const name = `mgmt-${process.pid}`;
const dir = makeApp({ 'index.js': APP });
let tokens: { readWrite: string; readOnly: string };
let control: string;

after(async () => {
  await nephos(['rm', '-f', name]);
  removeApp(dir);
});

function tcp(method: string, path: string, o: { token?: string; body?: Buffer; headers?: Record<string, string>; agent?: Agent } = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { ...o.headers };
    if (o.token) headers.authorization = `Bearer ${o.token}`;
    if (o.body) headers['content-length'] = String(o.body.length);
    const req = request({ host: '127.0.0.1', port: apiPort, method, path, headers, agent: o.agent ?? false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (d) => chunks.push(d));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end(o.body);
  });
}

function appGet(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port: appPort, path, agent: false }, (res) => {
      let t = '';
      res.on('data', (d) => (t += d));
      res.on('end', () => resolve(t));
    }).on('error', reject).end();
  });
}

const ctl = async (method: string, path: string, body?: Buffer, headers?: Record<string, string>) => apiCall(control, { method, path, body, headers, timeoutMs: 10000 });

test('boot with --api-port: the instance has tokens, shown by inspect', async () => {
  const r = await run(dir, ['8080'], ['-d', '--name', name, '-p', `${appPort}:8080`, '-p', `${apiPort}:9000`, '--api-port', '9000']);
  assert.equal(r.code, 0, r.stderr);
  const ins = await nephos(['inspect', name]);
  const view = JSON.parse(ins.stdout);
  tokens = view.apiTokens;
  assert.match(tokens.readWrite, /^[A-Za-z0-9_-]{43}$/);
  assert.notEqual(tokens.readWrite, tokens.readOnly);
  control = view.paths.controlSocket;
  // Only digests reach the guest's command line.
  const cmdline = readFileSync(`/proc/${view.pid}/cmdline`, 'utf8');
  assert.equal(cmdline.includes(tokens.readWrite), false);
});

test('every route answers over the control socket as the OpenAPI document says', async () => {
  const doc = JSON.parse((await ctl('GET', '/openapi.json')).body.toString());
  const calls: [string, string][] = [];
  for (const [path, ops] of Object.entries<any>(doc.paths)) {
    if (!ops.get || path.includes('{') || path === '/console/stream') continue;
    if (ops.get.parameters.some((p: any) => p.required)) continue;
    calls.push(['GET', path]);
  }
  calls.push(['GET', '/env/HOME'], ['GET', '/file/app?op=LISTSTATUS'], ['GET', '/fs/df/tmp'], ['GET', '/network/ifconfig/eth0'],
    ['GET', '/trace/event/tcp_retransmits'], ['GET', '/api-doc/os'], ['GET', '/app/finished?tid=1'], ['GET', '/trace/status?match=tcp']);
  assert.ok(calls.length >= 40, `${calls.length} GET calls`);
  for (const [method, url] of calls) {
    const path = url.split('?')[0];
    const tpl = Object.keys(doc.paths).find((p) => new RegExp(`^${p.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(path))!;
    const op = doc.paths[tpl][method.toLowerCase()];
    const a = await ctl(method, url);
    const want = Object.keys(op.responses).find((k) => k !== 'default')!;
    assert.equal(String(a.status), want, `${url}: ${a.body}`);
    const [type] = Object.keys(op.responses[want].content);
    if (type === 'application/json') assert.deepEqual(validate(op.responses[want].content[type].schema, JSON.parse(a.body.toString())), [], url);
  }
  const ifc = JSON.parse((await ctl('GET', '/network/ifconfig/eth0')).body.toString());
  assert.equal(ifc.config.addr, '10.0.2.15');
  assert.ok(ifc.data.ifi_ipackets > 0);
  assert.match((await ctl('GET', '/metrics')).body.toString(), /^nephos_tcp_retransmits_total \d+$/m);
});

test('the same routes over --api-port with the read-only token; the app\'s own port is unaffected', async () => {
  for (const path of ['/os/name', '/os/uptime', '/env/', '/network/route/', '/fs/df/', '/metrics', '/openapi.json']) {
    assert.equal((await tcp('GET', path, { token: tokens.readOnly })).status, 200, path);
  }
  assert.equal(await appGet('/'), 'ok');
});

test('env changes are seen by the app', async () => {
  assert.equal((await tcp('POST', '/env/GREETING?val=hello%20vm', { token: tokens.readWrite })).status, 200);
  assert.deepEqual(JSON.parse(await appGet('/env')), { GREETING: 'hello vm' });
  const cli = await nephos(['api', name, 'POST', '/env/GREETING', 'val=from cli']);
  assert.equal(cli.code, 0, cli.stderr);
  assert.equal(JSON.parse(cli.stdout), 'from cli');
  assert.deepEqual(JSON.parse(await appGet('/env')), { GREETING: 'from cli' });
  const missing = await nephos(['api', name, 'GET', '/env/NOPE']);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /^nephos: GET \/env\/NOPE: 404 NOPE is not set/);
});

test('a file uploaded to /tmp is read back byte-identical (multipart over TCP, raw through nephos api)', async () => {
  const payload = randomBytes(300 * 1024);
  const head = Buffer.from('--B0undary\r\nContent-Disposition: form-data; name="file"; filename="blob.bin"\r\n\r\n');
  const body = Buffer.concat([head, payload, Buffer.from('\r\n--B0undary--\r\n')]);
  const up = await tcp('POST', '/file/tmp', { token: tokens.readWrite, body, headers: { 'content-type': 'multipart/form-data; boundary=B0undary' } });
  assert.equal(up.status, 200, up.body.toString());
  const back = await tcp('GET', '/file/tmp/blob.bin?op=GET', { token: tokens.readOnly });
  assert.equal(Buffer.compare(back.body, payload), 0);
  const file = join(dir, 'raw.bin');
  writeFileSync(file, payload.subarray(0, 5000));
  assert.equal((await nephos(['api', name, 'PUT', '/file/tmp/raw.bin', 'op=WRITE', `@${file}`])).code, 0);
  const viaCli = await ctl('GET', '/file/tmp/raw.bin?op=GET');
  assert.equal(Buffer.compare(viaCli.body, payload.subarray(0, 5000)), 0);
});

test('rejections in the issue\'s order: 401, 405, 403, 413, 408, 400', async () => {
  assert.equal((await tcp('GET', '/os/name')).status, 401);
  assert.equal((await tcp('GET', '/os/name', { token: 'x'.repeat(43) })).status, 401);
  assert.equal((await tcp('DELETE', '/os/name')).status, 401);
  assert.equal((await tcp('DELETE', '/os/name', { token: tokens.readOnly })).status, 405);
  assert.equal((await tcp('POST', '/env/X?val=1', { token: tokens.readOnly })).status, 403);
  const big = await tcp('PUT', '/file/tmp/big?op=WRITE', { token: tokens.readWrite, headers: { 'content-length': String(2 * 1024 * 1024) } }).catch((e) => ({ status: -1, e }));
  assert.equal(big.status, 413);
  assert.equal((await tcp('GET', '/file/tmp/../app?op=LISTSTATUS', { token: tokens.readOnly })).status, 400);
  assert.equal((await tcp('GET', '/file/tmp//x?op=GET', { token: tokens.readOnly })).status, 400);
  // 408: a head that never completes.
  const answer = await new Promise<string>((resolve) => {
    const s = connect(apiPort, '127.0.0.1');
    let t = '';
    s.on('connect', () => s.write('GET /os/name HTTP/1.1\r\nHost: x\r\n'));
    s.on('data', (d) => (t += d));
    s.on('close', () => resolve(t));
    setTimeout(() => s.destroy(), 15000);
  });
  assert.match(answer, /^HTTP\/1\.1 408 /);
});

test('200 concurrent API requests while the app serves load: every answer correct', async () => {
  let appOk = 0;
  let stop = false;
  const load = (async () => {
    while (!stop) {
      if ((await appGet('/')) === 'ok') appOk++;
    }
  })();
  // 200 requests in flight at once over a pool of keep-alive connections: QEMU's user-mode
  // networking (slirp) listens for published ports with a backlog of 1, so 200 simultaneous
  // connection attempts are reset by the host before they reach the guest.
  const agent = new Agent({ keepAlive: true, maxSockets: 16 });
  const results = await Promise.all(Array.from({ length: 200 }, (_, i) => {
    const path = i % 2 ? '/os/name' : `/env/GREETING`;
    return tcp('GET', path, { token: tokens.readOnly, agent }).then((r) => [path, r.status, r.body.toString()] as const);
  }));
  agent.destroy();
  stop = true;
  await load;
  for (const [path, status, body] of results) {
    assert.equal(status, 200, path);
    assert.equal(JSON.parse(body), path === '/os/name' ? 'Nephos' : 'from cli');
  }
  assert.ok(appOk > 0);
  assert.equal(await appGet('/'), 'ok');
});

test('PUT /app/ restarts the app in place with new arguments; the VM and the API stay up', async () => {
  const pidBefore = JSON.parse((await nephos(['ps', '--json'])).stdout).find((i: any) => i.name === name).pid;
  assert.deepEqual(JSON.parse(await appGet('/argv')), ['8080']);
  const r = await nephos(['api', name, 'PUT', '/app/', 'command=8080 second-run']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout), '2');
  let argv = '';
  for (let i = 0; i < 50; i++) {
    argv = await appGet('/argv').catch(() => '');
    if (argv.includes('second-run')) break;
    await new Promise((res) => setTimeout(res, 100));
  }
  assert.deepEqual(JSON.parse(argv), ['8080', 'second-run']);
  const st = JSON.parse((await ctl('GET', '/app/')).body.toString());
  assert.equal(st.generation, 2);
  assert.equal(st.status, 'running');
  assert.equal(st.lastExitCode, 143);
  assert.equal((await tcp('GET', '/os/name', { token: tokens.readOnly })).status, 200);
  const pidAfter = JSON.parse((await nephos(['ps', '--json'])).stdout).find((i: any) => i.name === name).pid;
  assert.equal(pidAfter, pidBefore);
  assert.deepEqual(JSON.parse(await appGet('/env')), { GREETING: 'from cli' });
  void TEST_HOME;
});
