// node:net over two TcpLayers on the simulated network (internal/net/testing/bed.ts): connect and
// accept, data both ways, half-close, backpressure with a small receive window, errors (refused,
// reset, timeout), timeouts, ref/unref, server lifecycle. Event orders are Node 20's.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TestBed, CLIENT, SERVER, collect, once } from './internal/net/testing/bed';

function pair(opts: ConstructorParameters<typeof TestBed>[0] = {}) {
  const bed = new TestBed(opts);
  const client = bed.host(CLIENT);
  const server = bed.host(SERVER);
  return { bed, client, server, cnet: client.mods.net, snet: server.mods.net };
}

test('connect, accept, data both ways, end, close with Node\'s event order', async () => {
  const { bed, cnet, snet } = pair();
  const serverEvents: string[] = [];
  const srv = snet.createServer((s: any) => {
    serverEvents.push(`connection ${s.remoteAddress}:${s.remotePort > 0} ${s.localAddress}:${s.localPort}`);
    s.on('data', (d: Buffer) => { serverEvents.push(`data ${d}`); s.write(`echo:${d}`); });
    s.on('end', () => { serverEvents.push('end'); });
    s.on('close', (hadError: boolean) => serverEvents.push(`close ${hadError}`));
  });
  srv.listen(80);
  assert.deepEqual(srv.address(), { address: '::', family: 'IPv6', port: 80 });
  await bed.until(once(srv, 'listening'));
  const events: string[] = [];
  const sock = cnet.connect(80, '10.0.0.2');
  assert.equal(sock.readyState, 'opening');
  assert.equal(sock.pending, true);
  sock.on('connect', () => events.push('connect'));
  sock.on('ready', () => events.push('ready'));
  sock.on('end', () => events.push('end'));
  sock.on('finish', () => events.push('finish'));
  sock.on('close', (h: boolean) => events.push(`close ${h}`));
  await bed.until(once(sock, 'connect'));
  assert.equal(sock.readyState, 'open');
  assert.equal(sock.remoteAddress, '10.0.0.2');
  assert.equal(sock.remotePort, 80);
  assert.equal(sock.remoteFamily, 'IPv4');
  assert.equal(sock.localAddress, '10.0.0.1');
  assert.ok(sock.localPort! >= 49152);
  assert.deepEqual(sock.address(), { address: '10.0.0.1', family: 'IPv4', port: sock.localPort });
  sock.write('hello');
  const [reply] = await bed.until(once(sock, 'data'));
  assert.equal(String(reply), 'echo:hello');
  sock.end();
  await bed.until(once(sock, 'close'));
  assert.deepEqual(events, ['connect', 'ready', 'finish', 'end', 'close false']);
  assert.deepEqual(serverEvents.slice(1), ['data hello', 'end', 'close false']);
  // The server listens on every address (dual-stack as Node): peers read as IPv4-mapped.
  assert.match(serverEvents[0], /^connection ::ffff:10\.0\.0\.1:true ::ffff:10\.0\.0\.2:80$/);
  assert.equal(sock.bytesWritten, 5);
  assert.equal(sock.bytesRead, 10);
  assert.equal(sock.readyState, 'closed');
  srv.close();
  await bed.until(once(srv, 'close'));
});

test('a megabyte each way arrives intact over a lossy link', async () => {
  const { bed, cnet, snet } = pair({ faults: { delay: 2, loss: 0.05, reorder: 0.05 }, seed: 3 });
  const size = 1 << 20;
  const payload = Buffer.alloc(size);
  for (let i = 0; i < size; i++) payload[i] = (i * 31 + (i >> 8)) & 0xff;
  snet.createServer((s: any) => { s.pipe(s); }).listen(7);
  const sock = cnet.connect({ port: 7, host: '10.0.0.2' });
  sock.end(payload);
  const got = await bed.until(collect(sock));
  assert.equal(got.length, size);
  assert.ok(got.equals(payload));
});

test('half-close: allowHalfOpen keeps the write side open after the peer\'s FIN', async () => {
  const { bed, cnet, snet } = pair();
  snet.createServer({ allowHalfOpen: true }, (s: any) => {
    const chunks: Buffer[] = [];
    s.on('data', (d: Buffer) => chunks.push(d));
    s.on('end', () => {
      assert.equal(s.writable, true);
      s.end(`got ${Buffer.concat(chunks).length} bytes`);
    });
  }).listen(80);
  const sock = cnet.connect(80, '10.0.0.2');
  sock.end('x'.repeat(1000));
  const got = await bed.until(collect(sock));
  assert.equal(String(got), 'got 1000 bytes');
});

test('without allowHalfOpen the server ends its side and later writes fail with EPIPE', async () => {
  const { bed, cnet, snet } = pair();
  let serverSocket: any;
  snet.createServer((s: any) => { serverSocket = s; s.resume(); }).listen(80);
  const sock = cnet.connect({ port: 80, host: '10.0.0.2', allowHalfOpen: true });
  await bed.until(once(sock, 'connect'));
  sock.end();
  sock.resume();
  await bed.until(once(sock, 'end'));
  assert.equal(serverSocket.writableEnded, true);
  const err: any = await bed.until(new Promise((resolve) => serverSocket.write('late', resolve)));
  assert.equal(err.code, 'EPIPE');
  assert.equal(err.message, 'This socket has been ended by the other party');
});

test('backpressure: write() returns false, the window closes while paused, drain follows resume', async () => {
  // Small TCP buffers so the window closes quickly.
  const small = new TestBed();
  const c = small.host(CLIENT, { sendBufferSize: 16 * 1024 });
  const s = small.host(SERVER, { receiveBufferSize: 8 * 1024 });
  let serverSocket: any;
  s.mods.net.createServer({ pauseOnConnect: true }, (sock: any) => { serverSocket = sock; }).listen(80);
  const sock = c.mods.net.connect(80, '10.0.0.2');
  await small.until(once(sock, 'connect'));
  const chunk = Buffer.alloc(64 * 1024, 7);
  let writes = 0;
  while (sock.write(chunk)) writes++;
  assert.equal(writes, 0, 'the first 64 KiB write exceeds the 16 KiB high-water mark');
  let drained = false;
  sock.once('drain', () => { drained = true; });
  await small.run(5_000);
  assert.equal(drained, false, 'no drain while the server does not read');
  assert.ok(serverSocket.isPaused());
  // Only the receive buffer and the socket's high-water mark are in flight, the rest waits.
  const flight = sock.bytesWritten - sock.writableLength;
  assert.ok(sock.writableLength > 0);
  assert.ok(flight <= 8 * 1024 + 16 * 1024 + 16 * 1024 + 1, `in flight ${flight}`);
  let received = 0;
  serverSocket.on('data', (d: Buffer) => { received += d.length; });
  serverSocket.resume();
  await small.until(once(sock, 'drain'));
  sock.end();
  await small.until(once(serverSocket, 'end'));
  assert.equal(received, chunk.length);
});

test('pause() stops data events and resume() restarts them', async () => {
  const { bed, cnet, snet } = pair();
  snet.createServer((s: any) => { s.write('a'); bed.timer(() => s.end('b'), 10, true); }).listen(80);
  const sock = cnet.connect(80, '10.0.0.2');
  const seen: string[] = [];
  sock.on('data', (d: Buffer) => { seen.push(String(d)); sock.pause(); });
  await bed.until(once(sock, 'connect'));
  await bed.run(200);
  assert.deepEqual(seen, ['a']);
  sock.resume();
  await bed.until(once(sock, 'end'));
  assert.deepEqual(seen, ['a', 'b']);
});

test('ECONNREFUSED: connect error then close(true), no connect event', async () => {
  const { bed, cnet } = pair();
  const sock = cnet.connect(81, '10.0.0.2');
  const events: string[] = [];
  sock.on('connect', () => events.push('connect'));
  sock.on('close', (h: boolean) => events.push(`close ${h}`));
  const [err] = await bed.until(once(sock, 'error'));
  assert.equal(err.code, 'ECONNREFUSED');
  assert.equal(err.errno, -111);
  assert.equal(err.syscall, 'connect');
  assert.equal(err.address, '10.0.0.2');
  assert.equal(err.port, 81);
  assert.equal(err.message, 'connect ECONNREFUSED 10.0.0.2:81');
  await bed.until(once(sock, 'close'));
  assert.deepEqual(events, ['close true']);
});

test('ETIMEDOUT when nobody answers the SYN; ENETUNREACH without a route', async () => {
  const { bed, cnet } = pair();
  const silent = new TestBed({ faults: { delay: 1, loss: 1 } });
  const c = silent.host(CLIENT);
  silent.host(SERVER);
  const sock = c.mods.net.connect(80, '10.0.0.2');
  const [err] = await silent.until(once(sock, 'error'));
  assert.equal(err.code, 'ETIMEDOUT');
  assert.equal(err.message, 'connect ETIMEDOUT 10.0.0.2:80');
  const far = cnet.connect(80, '192.0.2.1');
  const [err2] = await bed.until(once(far, 'error'));
  assert.equal(err2.code, 'ENETUNREACH');
});

test('ECONNRESET when the peer resets an established connection', async () => {
  const { bed, cnet, snet } = pair();
  snet.createServer((s: any) => { s.on('data', () => s.resetAndDestroy()); }).listen(80);
  const sock = cnet.connect(80, '10.0.0.2');
  sock.write('boom');
  const [err] = await bed.until(once(sock, 'error'));
  assert.equal(err.code, 'ECONNRESET');
  assert.equal(err.message, 'read ECONNRESET');
  assert.equal(err.syscall, 'read');
  const [hadError] = await bed.until(once(sock, 'close'));
  assert.equal(hadError, true);
});

test('destroy() with unread data sends RST (Linux close semantics)', async () => {
  const { bed, cnet, snet } = pair();
  snet.createServer({ pauseOnConnect: true }, (s: any) => {
    bed.timer(() => s.destroy(), 50, true);
  }).listen(80);
  const sock = cnet.connect(80, '10.0.0.2');
  sock.write('unread');
  const [err] = await bed.until(once(sock, 'error'));
  assert.equal(err.code, 'ECONNRESET');
});

test('setTimeout emits timeout after idleness; activity postpones it', async () => {
  const { bed, cnet, snet } = pair();
  let serverSocket: any;
  snet.createServer((s: any) => { serverSocket = s; }).listen(80);
  const sock = cnet.connect(80, '10.0.0.2');
  await bed.until(once(sock, 'connect'));
  const start = bed.now;
  sock.setTimeout(1000);
  assert.equal(sock.timeout, 1000);
  // Data at 600 ms postpones the timeout to 1600 ms.
  bed.timer(() => serverSocket.write('x'), 600, true);
  sock.resume();
  await bed.until(once(sock, 'timeout'));
  const elapsed = bed.now - start;
  assert.ok(elapsed >= 1600 && elapsed < 1700, `timeout after ${elapsed} ms`);
  assert.equal(sock.destroyed, false, 'timeout does not close the socket');
  sock.setTimeout(0);
  sock.destroy();
});

test('connect timeout option, and socket timeout callback', async () => {
  const silent = new TestBed({ faults: { delay: 1, loss: 1 } });
  const c = silent.host(CLIENT);
  silent.host(SERVER);
  const sock = c.mods.net.connect({ port: 80, host: '10.0.0.2', timeout: 3000 });
  let timedOut = 0;
  sock.on('timeout', () => { timedOut = silent.now; sock.destroy(); });
  await silent.until(once(sock, 'close'));
  assert.ok(timedOut >= 3000 && timedOut < 3100);
});

test('EADDRINUSE on a second listen, with Node\'s message; close(cb) when not running', async () => {
  const { bed, snet } = pair();
  const a = snet.createServer().listen(80);
  const b = snet.createServer();
  b.listen(80, '10.0.0.2');
  const [err] = await bed.until(once(b, 'error'));
  assert.equal(err.code, 'EADDRINUSE');
  assert.equal(err.errno, -98);
  assert.equal(err.syscall, 'listen');
  assert.equal(err.address, '10.0.0.2');
  assert.equal(err.port, 80);
  assert.equal(err.message, 'listen EADDRINUSE: address already in use 10.0.0.2:80');
  assert.throws(() => a.listen(81), { code: 'ERR_SERVER_ALREADY_LISTEN' });
  const notRunning: any = await bed.until(new Promise((resolve) => b.close(resolve)));
  assert.equal(notRunning.code, 'ERR_SERVER_NOT_RUNNING');
  a.close();
  assert.equal(a.address(), null);
  assert.equal(a.listening, false);
});

test('listen forms: (port, host, backlog, cb), (options, cb), () with an ephemeral port', async () => {
  const { bed, snet } = pair();
  let called = 0;
  const a = snet.createServer().listen(8080, '10.0.0.2', 10, () => { called++; });
  assert.deepEqual(a.address(), { address: '10.0.0.2', family: 'IPv4', port: 8080 });
  const b = snet.createServer().listen({ port: 8081, host: '0.0.0.0' }, () => { called++; });
  assert.deepEqual(b.address(), { address: '0.0.0.0', family: 'IPv4', port: 8081 });
  const c = snet.createServer().listen(() => { called++; });
  assert.ok(c.address()!.port >= 49152);
  assert.throws(() => snet.createServer().listen(70000), { code: 'ERR_SOCKET_BAD_PORT' });
  assert.throws(() => snet.createServer().listen({ foo: 1 }), { code: 'ERR_INVALID_ARG_VALUE' });
  assert.throws(() => snet.createServer().listen('/tmp/sock'), { code: 'ERR_NOT_SUPPORTED_ON_NEPHOS' });
  assert.equal(called, 0, 'listening is emitted on the next tick');
  await bed.run(1);
  assert.equal(called, 3);
});

test('server.close waits for connections; getConnections counts them', async () => {
  const { bed, cnet, snet } = pair();
  const srv = snet.createServer().listen(80);
  const sock = cnet.connect(80, '10.0.0.2');
  await bed.until(once(srv, 'connection'));
  const [count] = await bed.until(new Promise<any[]>((resolve) => srv.getConnections((e: any, n: number) => resolve([n]))));
  assert.equal(count, 1);
  let closed = false;
  srv.close(() => { closed = true; });
  await bed.run(100);
  assert.equal(closed, false, 'close waits for the open connection');
  // New connections are refused once closed.
  const late = cnet.connect(80, '10.0.0.2');
  const [err] = await bed.until(once(late, 'error'));
  assert.equal(err.code, 'ECONNREFUSED');
  sock.end();
  sock.resume();
  await bed.until(once(srv, 'close'));
  assert.equal(closed, true);
});

test('maxConnections drops extra connections with a drop event', async () => {
  const { bed, cnet, snet } = pair();
  const srv = snet.createServer().listen(80);
  srv.maxConnections = 1;
  const drops: any[] = [];
  srv.on('drop', (d: any) => drops.push(d));
  const a = cnet.connect(80, '10.0.0.2');
  await bed.until(once(srv, 'connection'));
  const b = cnet.connect(80, '10.0.0.2');
  b.resume();
  await bed.until(once(b, 'close'));
  assert.equal(drops.length, 1);
  assert.equal(drops[0].remoteAddress, '::ffff:10.0.0.1');
  assert.equal(drops[0].remoteFamily, 'IPv6');
  assert.equal(drops[0].localPort, 80);
  a.destroy();
});

test('ref/unref: connecting and reading sockets and listening servers keep the loop alive', async () => {
  const { bed, client, server, cnet, snet } = pair();
  const srv = snet.createServer((s: any) => s.resume()).listen(80);
  assert.equal(server.refs, 1);
  srv.unref();
  assert.equal(server.refs, 0);
  srv.ref();
  assert.equal(server.refs, 1);
  const sock = cnet.connect(80, '10.0.0.2');
  assert.equal(client.refs, 1, 'connecting');
  await bed.until(once(sock, 'connect'));
  sock.pause();
  await bed.run(10);
  sock.resume();
  await bed.run(10);
  assert.equal(client.refs, 1, 'reading');
  sock.unref();
  assert.equal(client.refs, 0);
  sock.ref();
  assert.equal(client.refs, 1);
  sock.destroy();
  assert.equal(client.refs, 0);
  srv.close();
  assert.equal(server.refs, 1, 'the accepted socket still reads');
  await bed.until(once(srv, 'close'));
  assert.equal(server.refs, 0);
});

test('connect by name: lookup event, ENOTFOUND for unknown names, localhost and IPv6 refusal', async () => {
  const { bed, client, cnet, snet } = pair();
  client.dns.a('server.test', SERVER);
  snet.createServer((s: any) => s.end('named')).listen(80);
  const sock = cnet.connect(80, 'server.test');
  const lookups: any[] = [];
  sock.on('lookup', (...a: any[]) => lookups.push(a));
  const got = await bed.until(collect(sock));
  assert.equal(String(got), 'named');
  assert.deepEqual(lookups, [[null, '10.0.0.2', 4, 'server.test']]);
  const bad = cnet.connect(80, 'nowhere.test');
  const [err] = await bed.until(once(bad, 'error'));
  assert.equal(err.code, 'ENOTFOUND');
  assert.equal(err.syscall, 'getaddrinfo');
  assert.equal(err.message, 'getaddrinfo ENOTFOUND nowhere.test');
  const v6 = cnet.connect(80, '::1');
  const [err6] = await bed.until(once(v6, 'error'));
  assert.equal(err6.code, 'EAFNOSUPPORT');
});

test('argument validation throws Node\'s codes synchronously', () => {
  const { cnet } = pair();
  assert.throws(() => cnet.connect({ port: -1 }), { code: 'ERR_SOCKET_BAD_PORT' });
  assert.throws(() => cnet.connect({ port: 80, host: 1 as any }), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => cnet.connect({}), { code: 'ERR_MISSING_ARGS' });
  assert.throws(() => cnet.connect({ port: 80, localAddress: 'x' }), { code: 'ERR_INVALID_IP_ADDRESS' });
  assert.equal(cnet.isIP('10.0.0.1'), 4);
  assert.equal(cnet.isIP('::1'), 6);
  assert.equal(cnet.isIP('01.0.0.1'), 0);
  assert.equal(cnet.isIPv6('fe80::1%eth0'), true);
  assert.equal(cnet.isIPv4('256.0.0.1'), false);
});

test('writes before connect are sent after it; end() before connect sends FIN after', async () => {
  const { bed, cnet, snet } = pair();
  let got = '';
  snet.createServer((s: any) => { s.on('data', (d: Buffer) => { got += d; }); s.on('end', () => s.end()); }).listen(80);
  const sock = cnet.connect(80, '10.0.0.2');
  sock.write('one,');
  sock.end('two');
  sock.resume();
  await bed.until(once(sock, 'close'));
  assert.equal(got, 'one,two');
});

test('setNoDelay / setKeepAlive before and after connect reach the TCP connection', async () => {
  const { bed, cnet, snet } = pair();
  snet.createServer({ noDelay: true, keepAlive: true, keepAliveInitialDelay: 5000 }, (s: any) => s.resume()).listen(80);
  const sock = cnet.connect({ port: 80, host: '10.0.0.2', noDelay: true, keepAlive: true, keepAliveInitialDelay: 2000 });
  sock.setKeepAlive(true, 3000);
  await bed.until(once(sock, 'connect'));
  assert.equal(sock.setNoDelay(false), sock);
  assert.equal(sock.setKeepAlive(false), sock);
  sock.destroy();
});

test('BlockList and SocketAddress', () => {
  const { cnet } = pair();
  const bl = new cnet.BlockList();
  bl.addAddress('10.0.0.1');
  bl.addRange('10.0.1.1', '10.0.1.10');
  bl.addSubnet('192.168.0.0', 16);
  bl.addSubnet('2001:db8::', 32, 'ipv6');
  assert.equal(bl.check('10.0.0.1'), true);
  assert.equal(bl.check('10.0.1.5'), true);
  assert.equal(bl.check('10.0.1.11'), false);
  assert.equal(bl.check('192.168.200.1'), true);
  assert.equal(bl.check('2001:db8::1', 'ipv6'), true);
  assert.equal(bl.check('2001:db9::1', 'ipv6'), false);
  assert.equal(bl.check('::ffff:10.0.0.1', 'ipv6'), true);
  assert.deepEqual(bl.rules, ['Subnet: IPv6 2001:db8::/32', 'Subnet: IPv4 192.168.0.0/16', 'Range: IPv4 10.0.1.1-10.0.1.10', 'Address: IPv4 10.0.0.1']);
  const sa = new cnet.SocketAddress({ address: '10.0.0.5', port: 80 });
  assert.deepEqual(sa.toJSON(), { address: '10.0.0.5', port: 80, family: 'ipv4', flowlabel: 0 });
  assert.equal(bl.check(new cnet.SocketAddress({ address: '10.0.0.1' })), true);
});

test('a server bound to an IPv4 address reports plain IPv4 peers; a dual-stack one mapped ones', async () => {
  const { bed, cnet, snet } = pair();
  const seen: string[] = [];
  snet.createServer((s: any) => { seen.push(`${s.remoteAddress} ${s.remoteFamily} ${s.localAddress} ${s.address().family}`); s.end(); }).listen(80, '10.0.0.2');
  snet.createServer((s: any) => { seen.push(`${s.remoteAddress} ${s.remoteFamily} ${s.localAddress} ${s.address().family}`); s.end(); }).listen(81, '::');
  for (const port of [80, 81]) {
    const c = cnet.connect(port, '10.0.0.2');
    c.resume();
    await bed.until(once(c, 'close'));
    assert.equal(c.remoteFamily, 'IPv4');
  }
  assert.deepEqual(seen, ['10.0.0.1 IPv4 10.0.0.2 IPv4', '::ffff:10.0.0.1 IPv6 ::ffff:10.0.0.2 IPv6']);
});
