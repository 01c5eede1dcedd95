// node:http server and client over two TcpLayers on the simulated network: request/response,
// chunked both ways, Content-Length, keep-alive with the agent, pipelining in order, HEAD, 204/304,
// Expect: 100-continue, upgrade and CONNECT, smuggling answered with 400 + Connection: close,
// header limits (431), timeouts (408, keep-alive, socket), client errors and aborts.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TestBed, CLIENT, SERVER, collect, once } from './internal/net/testing/bed';

function pair(opts: ConstructorParameters<typeof TestBed>[0] = {}) {
  const bed = new TestBed(opts);
  const client = bed.host(CLIENT);
  const server = bed.host(SERVER);
  return { bed, client, server, chttp: client.mods.http, shttp: server.mods.http, cnet: client.mods.net };
}

/** Sends raw bytes and returns everything the server sent back until it closed (or `ms` passed). */
async function raw(bed: TestBed, cnet: any, bytes: string, opts: { end?: boolean; ms?: number } = {}): Promise<string> {
  const sock = cnet.connect(80, '10.0.0.2');
  let out = '';
  sock.on('data', (d: Buffer) => { out += d.toString('latin1'); });
  sock.on('error', () => {});
  sock.write(Buffer.from(bytes, 'latin1'));
  if (opts.end !== false) sock.end();
  const closed = once(sock, 'close').catch(() => {});
  if (opts.ms) {
    await bed.run(opts.ms);
    sock.destroy();
  } else {
    await bed.until(closed);
  }
  return out.replace(/Date: [^\r]*/g, 'Date: X');
}

test('GET round trip: status, headers, body, keep-alive headers as Node sends them', async () => {
  const { bed, chttp, shttp } = pair();
  shttp.createServer((req: any, res: any) => {
    res.setHeader('X-Path', req.url);
    res.end(`hello ${req.method} ${req.headers.host} ${req.httpVersion}`);
  }).listen(80);
  const res: any = await bed.until(new Promise((resolve, reject) => {
    chttp.get('http://10.0.0.2/abc?x=1', resolve).on('error', reject);
  }));
  assert.equal(res.statusCode, 200);
  assert.equal(res.statusMessage, 'OK');
  assert.equal(res.headers['x-path'], '/abc?x=1');
  assert.equal(res.headers.connection, 'keep-alive');
  assert.equal(res.headers['keep-alive'], 'timeout=5');
  assert.equal(res.headers['content-length'], '22');
  assert.equal(res.headers.date, 'Tue, 14 Nov 2023 22:13:20 GMT');
  const body = await bed.until(collect(res));
  assert.equal(String(body), 'hello GET 10.0.0.2 1.1');
});

test('raw response bytes match Node: Content-Length, chunked, HEAD, 204, HTTP/1.0', async () => {
  const { bed, cnet, shttp } = pair();
  shttp.createServer((req: any, res: any) => {
    if (req.url === '/chunked') { res.write('a'); res.end('bc'); return; }
    if (req.url === '/204') { res.statusCode = 204; res.end(); return; }
    res.end('hello');
  }).listen(80);
  assert.equal(await raw(bed, cnet, 'GET / HTTP/1.1\r\nHost: a\r\n\r\n'),
    'HTTP/1.1 200 OK\r\nDate: X\r\nConnection: keep-alive\r\nKeep-Alive: timeout=5\r\nContent-Length: 5\r\n\r\nhello');
  assert.equal(await raw(bed, cnet, 'GET /chunked HTTP/1.1\r\nHost: a\r\n\r\n'),
    'HTTP/1.1 200 OK\r\nDate: X\r\nConnection: keep-alive\r\nKeep-Alive: timeout=5\r\nTransfer-Encoding: chunked\r\n\r\n1\r\na\r\n2\r\nbc\r\n0\r\n\r\n');
  assert.equal(await raw(bed, cnet, 'HEAD / HTTP/1.1\r\nHost: a\r\n\r\n'),
    'HTTP/1.1 200 OK\r\nDate: X\r\nConnection: keep-alive\r\nKeep-Alive: timeout=5\r\n\r\n');
  assert.equal(await raw(bed, cnet, 'GET /204 HTTP/1.1\r\nHost: a\r\n\r\n'),
    'HTTP/1.1 204 No Content\r\nDate: X\r\nConnection: keep-alive\r\nKeep-Alive: timeout=5\r\n\r\n');
  assert.equal(await raw(bed, cnet, 'GET / HTTP/1.0\r\n\r\n'),
    'HTTP/1.1 200 OK\r\nDate: X\r\nConnection: close\r\n\r\nhello');
  assert.equal(await raw(bed, cnet, 'GET / HTTP/1.1\r\n\r\n'),
    'HTTP/1.1 400 Bad Request\r\nConnection: close\r\nDate: X\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n');
});

test('smuggling inputs are answered 400 Bad Request with Connection: close, and never reach the handler', async () => {
  const { bed, cnet, shttp } = pair();
  let requests = 0;
  const errors: string[] = [];
  // The handler answers once the body is complete: a refused body never completes.
  const srv = shttp.createServer((req: any, res: any) => { req.on('error', () => {}); collect(req).then(() => { requests++; res.end('ok'); }, () => {}); }).listen(80);
  const inputs = [
    'POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab',
    'POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
    'POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nffffffffffffffffff\r\n',
    'POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n',
    'POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n1\r\naX',
    'GET / HTTP/1.1\nHost: a\n\n',
    'GET / HTTP/1.1\r\nHost : a\r\n\r\n',
    'GET / HTTP/1.1\r\nHost: a\r\nX: a\r\n b\r\n\r\n',
    'GET / HTTP/1.1\r\nHost: a\r\nX: \x01\r\n\r\n',
  ];
  for (const input of inputs) {
    assert.equal(await raw(bed, cnet, input), 'HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n', JSON.stringify(input));
  }
  assert.equal(requests, 0);
  // A clientError listener takes over.
  srv.on('clientError', (err: any, socket: any) => { errors.push(err.code); socket.end('HTTP/1.1 400 Custom\r\n\r\n'); });
  assert.equal(await raw(bed, cnet, inputs[0]), 'HTTP/1.1 400 Custom\r\n\r\n');
  assert.deepEqual(errors, ['HPE_UNEXPECTED_CONTENT_LENGTH']);
});

test('header limits: 431 past 16 KiB, maxHeaderSize option, maxHeadersCount', async () => {
  const { bed, cnet, shttp } = pair();
  let seen: any;
  shttp.createServer((req: any, res: any) => { seen = req; res.end(); }).listen(80);
  const big = `GET / HTTP/1.1\r\nHost: a\r\nX: ${'v'.repeat(17000)}\r\n\r\n`;
  assert.equal(await raw(bed, cnet, big), 'HTTP/1.1 431 Request Header Fields Too Large\r\nConnection: close\r\n\r\n');
  const small = shttp.createServer({ maxHeaderSize: 100 }, (_req: any, res: any) => res.end()).listen(81);
  void small;
  const sock = cnet.connect(81, '10.0.0.2');
  sock.end(`GET / HTTP/1.1\r\nHost: a\r\nX: ${'v'.repeat(200)}\r\n\r\n`);
  const got = await bed.until(collect(sock));
  assert.match(String(got), /^HTTP\/1\.1 431 /);
  const srv3 = shttp.createServer((req: any, res: any) => { seen = req; res.end(); }).listen(82);
  srv3.maxHeadersCount = 3;
  const s3 = cnet.connect(82, '10.0.0.2');
  s3.end('GET / HTTP/1.1\r\nHost: a\r\nA: 1\r\nB: 2\r\nC: 3\r\nD: 4\r\n\r\n');
  await bed.until(collect(s3));
  assert.deepEqual(seen.rawHeaders, ['Host', 'a', 'A', '1', 'B', '2']);
});

test('keep-alive: the agent reuses one connection for sequential requests', async () => {
  const { bed, chttp, shttp } = pair();
  const ports = new Set<number>();
  let connections = 0;
  const srv = shttp.createServer((req: any, res: any) => { ports.add(req.socket.remotePort); res.end(req.url); }).listen(80);
  srv.on('connection', () => connections++);
  const agent = new chttp.Agent({ keepAlive: true });
  const results: string[] = [];
  for (let i = 0; i < 5; i++) {
    const res: any = await bed.until(new Promise((resolve, reject) => chttp.get({ host: '10.0.0.2', path: `/${i}`, agent }, resolve).on('error', reject)));
    results.push(String(await bed.until(collect(res))));
    assert.equal(res.req.reusedSocket, i > 0);
  }
  assert.deepEqual(results, ['/0', '/1', '/2', '/3', '/4']);
  assert.equal(connections, 1);
  assert.equal(ports.size, 1);
  agent.destroy();
});

test('pipelining: responses leave in request order even when handlers finish out of order', async () => {
  const { bed, cnet, shttp } = pair();
  shttp.createServer((req: any, res: any) => {
    const delay = req.url === '/1' ? 300 : req.url === '/2' ? 10 : 100;
    bed.timer(() => res.end(req.url), delay, true);
  }).listen(80);
  const out = await raw(bed, cnet, 'GET /1 HTTP/1.1\r\nHost: a\r\n\r\nGET /2 HTTP/1.1\r\nHost: a\r\n\r\nGET /3 HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n', { end: false });
  const bodies = out.split('HTTP/1.1 200 OK').slice(1).map((r) => r.slice(r.indexOf('\r\n\r\n') + 4));
  assert.deepEqual(bodies, ['/1', '/2', '/3']);
  assert.match(out, /Connection: close\r\nContent-Length: 2\r\n\r\n\/3$/);
});

test('chunked request bodies, trailers, and Content-Length request bodies reach the handler', async () => {
  const { bed, chttp, shttp } = pair();
  shttp.createServer(async (req: any, res: any) => {
    const body = await collect(req);
    res.end(JSON.stringify({ te: req.headers['transfer-encoding'] ?? null, cl: req.headers['content-length'] ?? null, body: String(body), trailers: req.trailers }));
  }).listen(80);
  const post = (opts: any, write: (req: any) => void) => bed.until(new Promise<any>((resolve, reject) => {
    const req = chttp.request({ host: '10.0.0.2', method: 'POST', ...opts }, async (res: any) => resolve(JSON.parse(String(await collect(res)))));
    req.on('error', reject);
    write(req);
  }));
  assert.deepEqual(await post({}, (req) => { req.write('ab'); req.write('cd'); req.end(); }), { te: 'chunked', cl: null, body: 'abcd', trailers: {} });
  assert.deepEqual(await post({}, (req) => req.end('whole')), { te: null, cl: '5', body: 'whole', trailers: {} });
  assert.deepEqual(await post({ headers: { Trailer: 'X-Sum' } }, (req) => { req.write('x'); req.addTrailers({ 'X-Sum': '42' }); req.end(); }),
    { te: 'chunked', cl: null, body: 'x', trailers: { 'x-sum': '42' } });
});

test('Expect: 100-continue: checkContinue, writeContinue, the client sends the body after continue', async () => {
  const { bed, chttp, shttp } = pair();
  const events: string[] = [];
  const srv = shttp.createServer();
  srv.on('checkContinue', (req: any, res: any) => {
    events.push('checkContinue');
    res.writeContinue();
    collect(req).then((b) => res.end(`got ${b}`));
  });
  srv.listen(80);
  const res: any = await bed.until(new Promise((resolve, reject) => {
    const req = chttp.request({ host: '10.0.0.2', method: 'POST', headers: { Expect: '100-continue' } }, resolve);
    req.on('continue', () => { events.push('continue'); req.end('payload'); });
    req.on('error', reject);
  }));
  assert.equal(String(await bed.until(collect(res))), 'got payload');
  assert.deepEqual(events, ['checkContinue', 'continue']);
});

test('Expect without checkContinue: 100 Continue is sent automatically; unknown expectations get 417', async () => {
  const { bed, cnet, shttp } = pair();
  shttp.createServer((req: any, res: any) => collect(req).then((b) => res.end(String(b)))).listen(80);
  const out = await raw(bed, cnet, 'POST / HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\nhi');
  assert.match(out, /^HTTP\/1\.1 100 Continue\r\n\r\nHTTP\/1\.1 200 OK\r\n/);
  assert.match(out, /\r\n\r\nhi$/);
  const out2 = await raw(bed, cnet, 'GET / HTTP/1.1\r\nHost: a\r\nExpect: teapot\r\n\r\n');
  assert.match(out2, /^HTTP\/1\.1 417 Expectation Failed\r\n/);
});

test('upgrade: the server gets the socket and the bytes after the head; the client gets its upgrade event', async () => {
  const { bed, chttp, shttp } = pair();
  const srv = shttp.createServer((_req: any, res: any) => res.end('no upgrade'));
  srv.on('upgrade', (req: any, socket: any, head: Buffer) => {
    socket.write('HTTP/1.1 101 Switching Protocols\r\nUpgrade: echo\r\nConnection: Upgrade\r\n\r\n');
    socket.write(`head=${head}|`);
    socket.pipe(socket);
    void req;
  });
  srv.listen(80);
  const [res, socket, head] = await bed.until(new Promise<any[]>((resolve, reject) => {
    const req = chttp.request({ host: '10.0.0.2', headers: { Connection: 'Upgrade', Upgrade: 'echo' } });
    req.on('upgrade', (...a: any[]) => resolve(a));
    req.on('error', reject);
    req.end();
  }));
  assert.equal(res.statusCode, 101);
  let echoed = String(head);
  socket.on('data', (d: Buffer) => { echoed += d; });
  socket.write('ping');
  await bed.run(50);
  assert.equal(echoed, 'head=|ping');
  socket.destroy();
});

test('CONNECT: the connect event carries the socket; without a listener the socket is closed', async () => {
  const { bed, cnet, shttp, chttp } = pair();
  const srv = shttp.createServer();
  srv.listen(80);
  const out = await raw(bed, cnet, 'CONNECT host:443 HTTP/1.1\r\nHost: host:443\r\n\r\n');
  assert.equal(out, '');
  srv.on('connect', (req: any, socket: any, head: Buffer) => {
    socket.end(`HTTP/1.1 200 Connection Established\r\n\r\ntunnel to ${req.url} head=${head}`);
  });
  const [res, socket, head] = await bed.until(new Promise<any[]>((resolve, reject) => {
    const req = chttp.request({ host: '10.0.0.2', method: 'CONNECT', path: 'example:443' });
    req.on('connect', (...a: any[]) => resolve(a));
    req.on('error', reject);
    req.end();
  }));
  assert.equal(res.statusCode, 200);
  const rest = String(head) + String(await bed.until(collect(socket)));
  assert.equal(rest, 'tunnel to example:443 head=');
});

test('timeouts: headersTimeout answers 408, keepAliveTimeout closes idle connections', async () => {
  const { bed, cnet, shttp } = pair();
  const srv = shttp.createServer({ headersTimeout: 2000, requestTimeout: 5000, connectionsCheckingInterval: 500 }, (_req: any, res: any) => res.end('x'));
  srv.listen(80);
  await bed.until(once(srv, 'listening'));
  const start = bed.now;
  const out = await raw(bed, cnet, 'GET / HTTP/1.1\r\nHost: a\r\n', { end: false });
  assert.equal(out, 'HTTP/1.1 408 Request Timeout\r\nConnection: close\r\n\r\n');
  const took = bed.now - start;
  assert.ok(took >= 2000 && took <= 2600, `408 after ${took} ms`);
  // An idle keep-alive connection is closed after keepAliveTimeout + 1 s.
  srv.keepAliveTimeout = 3000;
  const t0 = bed.now;
  const out2 = await raw(bed, cnet, 'GET / HTTP/1.1\r\nHost: a\r\n\r\n', { end: false });
  assert.match(out2, /Keep-Alive: timeout=3\r\n/);
  const idle = bed.now - t0;
  assert.ok(idle >= 4000 && idle < 4200, `closed after ${idle} ms`);
});

test('server.timeout emits timeout on the server; res.setTimeout on the response', async () => {
  const { bed, cnet, shttp } = pair();
  const srv = shttp.createServer((req: any, res: any) => {
    res.setTimeout(1000, () => { res.end('late'); });
    void req;
  });
  srv.listen(80);
  const out = await raw(bed, cnet, 'GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n', { end: false });
  assert.match(out, /late$/);
  let timedOut = 0;
  srv.setTimeout(500, (socket: any) => { timedOut++; socket.destroy(); });
  const out2 = await raw(bed, cnet, 'GET / HTTP/1.1\r\nHost: a\r\n', { end: false });
  assert.equal(out2, '');
  assert.equal(timedOut, 1);
});

test('client errors: ECONNREFUSED, socket hang up, parse errors, abort, destroy, timeouts', async () => {
  const { bed, chttp, shttp } = pair();
  const err1: any = await bed.until(new Promise((resolve) => chttp.get('http://10.0.0.2:9/', () => {}).on('error', resolve)));
  assert.equal(err1.code, 'ECONNREFUSED');
  shttp.createServer((req: any, res: any) => {
    if (req.url === '/hangup') req.socket.destroy();
    else if (req.url === '/garbage') req.socket.end('HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nx');
    else if (req.url === '/slow') bed.timer(() => res.end('slow'), 10_000, true);
    else res.end('ok');
  }).listen(80);
  const err2: any = await bed.until(new Promise((resolve) => chttp.get('http://10.0.0.2/hangup', () => {}).on('error', resolve)));
  assert.equal(err2.code, 'ECONNRESET');
  assert.equal(err2.message, 'socket hang up');
  const err3: any = await bed.until(new Promise((resolve) => chttp.get('http://10.0.0.2/garbage', () => {}).on('error', resolve)));
  assert.equal(err3.code, 'HPE_UNEXPECTED_CONTENT_LENGTH');
  // timeout option: 'timeout' event, then the user destroys.
  const req = chttp.get({ host: '10.0.0.2', path: '/slow', timeout: 1000 });
  const events: string[] = [];
  req.on('timeout', () => { events.push('timeout'); req.destroy(); });
  req.on('error', (e: any) => events.push(`error ${e.code}`));
  const closed = new Promise((resolve) => req.on('close', () => { events.push('close'); resolve(undefined); }));
  await bed.until(closed);
  assert.deepEqual(events, ['timeout', 'error ECONNRESET', 'close']);
  // AbortSignal.
  const ac = new AbortController();
  const r2 = chttp.get({ host: '10.0.0.2', path: '/slow', signal: ac.signal });
  const e2: any = await bed.until(new Promise((resolve) => { r2.on('error', resolve); bed.timer(() => ac.abort(), 100, true); }));
  assert.equal(e2.name, 'AbortError');
  assert.equal(e2.code, 'ABORT_ERR');
});

test('res.writeHead forms, setHeader/getHeader(s)/removeHeader/hasHeader, headersSent, header validation', async () => {
  const { bed, cnet, shttp } = pair();
  const checks: any[] = [];
  shttp.createServer((req: any, res: any) => {
    res.setHeader('X-A', '1');
    res.setHeader('Set-Cookie', ['a=1', 'b=2']);
    res.appendHeader('X-A', '2');
    checks.push(res.getHeader('x-a'), res.hasHeader('X-A'), res.getHeaderNames(), res.headersSent);
    res.removeHeader('x-a');
    assert.throws(() => res.setHeader('Bad Name', 'x'), { code: 'ERR_INVALID_HTTP_TOKEN' });
    assert.throws(() => res.setHeader('X', 'a\nb'), { code: 'ERR_INVALID_CHAR' });
    assert.throws(() => res.setHeader('X', undefined), { code: 'ERR_HTTP_INVALID_HEADER_VALUE' });
    assert.throws(() => res.writeHead(99), { code: 'ERR_HTTP_INVALID_STATUS_CODE' });
    res.writeHead(201, 'Made', { 'Content-Type': 'text/plain' });
    checks.push(res.headersSent);
    assert.throws(() => res.setHeader('X', 'y'), { code: 'ERR_HTTP_HEADERS_SENT' });
    res.end(req.url);
  }).listen(80);
  const out = await raw(bed, cnet, 'GET /x HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n');
  // writeHead renders the head at once: the body length is unknown then, so it is chunked (as Node).
  assert.equal(out, 'HTTP/1.1 201 Made\r\nSet-Cookie: a=1\r\nSet-Cookie: b=2\r\nContent-Type: text/plain\r\nDate: X\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n/x\r\n0\r\n\r\n');
  assert.deepEqual(checks, [['1', '2'], true, ['x-a', 'set-cookie'], false, true]);
});

test('response backpressure: write() returns false and drain follows as the client reads', async () => {
  const { bed, chttp, shttp } = pair();
  const chunk = Buffer.alloc(64 * 1024, 97);
  let falses = 0;
  let drains = 0;
  shttp.createServer((_req: any, res: any) => {
    let sent = 0;
    const pump = () => {
      while (sent < 20) {
        sent++;
        if (!res.write(chunk)) { falses++; res.once('drain', () => { drains++; pump(); }); return; }
      }
      res.end();
    };
    pump();
  }).listen(80);
  const res: any = await bed.until(new Promise((resolve, reject) => chttp.get('http://10.0.0.2/', resolve).on('error', reject)));
  const body = await bed.until(collect(res));
  assert.equal(body.length, 20 * chunk.length);
  assert.ok(falses > 0 && drains === falses, `falses ${falses} drains ${drains}`);
});

test('server.close closes idle keep-alive connections and waits for busy ones', async () => {
  const { bed, chttp, shttp } = pair();
  const srv = shttp.createServer((req: any, res: any) => {
    if (req.url === '/busy') bed.timer(() => res.end('done'), 2000, true);
    else res.end('ok');
  }).listen(80);
  const agent = new chttp.Agent({ keepAlive: true });
  const res: any = await bed.until(new Promise((resolve) => chttp.get({ host: '10.0.0.2', agent }, resolve)));
  await bed.until(collect(res));
  const busy = new Promise<any>((resolve) => chttp.get({ host: '10.0.0.2', path: '/busy' }, resolve));
  await bed.run(100);
  let closed = false;
  srv.close(() => { closed = true; });
  const busyRes = await bed.until(busy);
  assert.equal(String(await bed.until(collect(busyRes))), 'done');
  await bed.run(100);
  // The busy connection stays open (keep-alive) until its idle timeout, as in Node.
  assert.equal(closed, false);
  const t0 = bed.now;
  await bed.until(once(srv, 'close'));
  assert.equal(closed, true);
  assert.ok(bed.now - t0 < 6000);
  agent.destroy();
});

test('http module surface: METHODS, STATUS_CODES, maxHeaderSize, validateHeaderName/Value, globalAgent', () => {
  const { chttp } = pair();
  assert.equal(chttp.METHODS.length, 35);
  assert.equal(chttp.METHODS[0], 'ACL');
  assert.equal(chttp.STATUS_CODES[418], "I'm a Teapot");
  assert.equal(chttp.maxHeaderSize, 16384);
  assert.throws(() => chttp.validateHeaderName('a b'), { code: 'ERR_INVALID_HTTP_TOKEN', message: 'Header name must be a valid HTTP token ["a b"]' });
  assert.throws(() => chttp.validateHeaderValue('x', 'a\rb'), { code: 'ERR_INVALID_CHAR', message: 'Invalid character in header content ["x"]' });
  assert.equal(chttp.globalAgent.keepAlive, true);
  assert.equal(chttp.globalAgent.options.timeout, 5000);
  const s = chttp.createServer();
  assert.ok(s instanceof chttp.Server);
  assert.equal(s.requestTimeout, 300000);
  assert.equal(s.headersTimeout, 60000);
  assert.equal(s.keepAliveTimeout, 5000);
  assert.throws(() => chttp.request('https://x/'), { code: 'ERR_INVALID_PROTOCOL' });
});
