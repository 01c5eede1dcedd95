// The HTTP side of the management API: the order of checks (401, 405, 403, 413, 408, 400),
// pipelining, keep-alive and close, HEAD, chunked bodies, streams (Server-Sent Events), and that
// malformed bytes are answered, never thrown.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeBed, parseAnswers, TOKENS } from './testing';
import { HttpConnection, HEADER_TIMEOUT_MS } from './http';
import { encodeUtf8, decodeUtf8 } from '../core/utf8';

function connection(bed: ReturnType<typeof makeBed>, transport: 'control' | 'tcp' = 'tcp') {
  const out: Uint8Array[] = [];
  const state = { closed: false };
  const conn = new HttpConnection(bed.mgmt.server, transport, { write: (b) => out.push(b.slice()), close: () => { state.closed = true; } }, bed.clock);
  const text = () => out.map((b) => decodeUtf8(b)).join('');
  const answers = () => parseAnswers(encodeUtf8(text()));
  return { conn, out, state, text, answers, push: (s: string) => conn.push(encodeUtf8(s)) };
}
const tick = async () => { for (let i = 0; i < 20; i++) await Promise.resolve(); };

test('401 comes first: no token, a wrong one or a malformed header, even on unknown paths and wrong methods', async () => {
  const bed = makeBed();
  for (const [method, path, auth] of [['GET', '/os/name', undefined], ['GET', '/os/name', 'Bearer nope'], ['DELETE', '/nothing', undefined], ['PATCH', '/env/', 'Basic abc'], ['GET', '/os/name', `Bearer ${TOKENS.rw} x`]] as const) {
    const r = await bed.call(method, path, { transport: 'tcp', headers: auth ? { Authorization: auth } : {} });
    assert.equal(r.status, 401, `${method} ${path} ${auth}`);
    assert.equal(r.headers['www-authenticate'], 'Bearer realm="nephos"');
  }
  assert.equal((await bed.call('GET', '/os/name', { token: TOKENS.ro })).status, 200);
  assert.equal((await bed.call('GET', '/os/name', { token: TOKENS.rw })).status, 200);
});

test('then 404/405 (with Allow), then 403 for a write with the read-only token', async () => {
  const bed = makeBed();
  assert.equal((await bed.call('GET', '/nothing', { token: TOKENS.ro })).status, 404);
  const m = await bed.call('PATCH', '/env/GREETING', { token: TOKENS.ro });
  assert.equal(m.status, 405);
  assert.equal(m.headers.allow, 'GET, POST, DELETE');
  assert.equal((await bed.call('POST', '/env/X?val=1', { token: TOKENS.ro })).status, 403);
  assert.equal(bed.env.X, undefined);
  assert.equal((await bed.call('POST', '/env/X?val=1', { token: TOKENS.rw })).status, 200);
  assert.equal(bed.env.X, '1');
  // A read-only token cannot power off, restart or write files either.
  for (const [method, path] of [['POST', '/os/poweroff'], ['PUT', '/app/'], ['PUT', '/file/tmp/a?op=MKDIRS'], ['DELETE', '/trace/count']]) {
    assert.equal((await bed.call(method, path, { token: TOKENS.ro })).status, 403, `${method} ${path}`);
  }
  assert.deepEqual(bed.powerOffs, []);
});

test('413 above 1 MiB is answered from the head, before the body is read; 401/403 win over it', async () => {
  const bed = makeBed();
  const c = connection(bed);
  c.push(`PUT /file/tmp/big?op=WRITE HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${TOKENS.rw}\r\nContent-Length: ${1024 * 1024 + 1}\r\n\r\n`);
  await tick();
  const [a] = c.answers();
  assert.equal(a.status, 413);
  assert.equal(a.headers.connection, 'close');
  assert.equal(c.state.closed, true);
  assert.equal(bed.mgmt.server.stats.bytesIn < 200, true);
  const ro = await bed.call('PUT', '/file/tmp/big?op=WRITE', { token: TOKENS.ro, headers: { 'Content-Length': String(2 << 20) } });
  assert.equal(ro.status, 403);
  const anon = await bed.call('PUT', '/file/tmp/big?op=WRITE', { transport: 'tcp', headers: { 'Content-Length': String(2 << 20) } });
  assert.equal(anon.status, 401);
  // Exactly 1 MiB is accepted.
  const ok = await bed.call('PUT', '/file/tmp/mib?op=WRITE', { token: TOKENS.rw, body: new Uint8Array(1024 * 1024).fill(7) });
  assert.equal(ok.status, 200);
  assert.equal(bed.vfs.stat('/tmp/mib').size, 1024 * 1024);
});

test('a chunked body is counted as it arrives: 413 past 1 MiB', async () => {
  const bed = makeBed();
  const c = connection(bed, 'control');
  c.push('PUT /file/tmp/c?op=WRITE HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n');
  const chunk = 'a'.repeat(64 * 1024);
  for (let i = 0; i < 17; i++) c.push(`${chunk.length.toString(16)}\r\n${chunk}\r\n`);
  await tick();
  assert.equal(c.answers()[0].status, 413);
  assert.throws(() => bed.vfs.stat('/tmp/c'), /ENOENT/);
});

test('408 when the head is not complete 10 s after its first byte; a complete head in time is served', async () => {
  const bed = makeBed();
  const c = connection(bed, 'control');
  c.push('GET /os/name HTTP/1.1\r\nHost: x\r\n');
  bed.clock.advance(HEADER_TIMEOUT_MS - 1);
  assert.equal(c.text(), '');
  bed.clock.advance(1);
  await tick();
  const [a] = c.answers();
  assert.equal(a.status, 408);
  assert.equal(c.state.closed, true);
  const d = connection(bed, 'control');
  d.push('GET /os/name HTTP/1.1\r\n');
  bed.clock.advance(9000);
  d.push('Host: x\r\n\r\n');
  await tick();
  bed.clock.advance(5000);
  assert.deepEqual(d.answers().map((x) => x.status), [200]);
  assert.equal(bed.clock.pending, 0);
});

test('pipelined requests are answered in order on one connection; Connection: close ends it', async () => {
  const bed = makeBed();
  const c = connection(bed, 'control');
  c.push('GET /os/name HTTP/1.1\r\nHost: x\r\n\r\nGET /nothing HTTP/1.1\r\nHost: x\r\n\r\nPOST /env/P?val=q HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\nGET /env/P HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
  await tick();
  const a = c.answers();
  assert.deepEqual(a.map((x) => x.status), [200, 404, 200, 200]);
  assert.deepEqual(a.map((x) => x.text), ['"Nephos"', a[1].text, '"q"', '"q"']);
  assert.equal(a[3].headers.connection, 'close');
  assert.equal(c.state.closed, true);
});

test('malformed requests get 400 (431 for an oversized head) and never throw', async () => {
  const bed = makeBed();
  for (const raw of ['GARBAGE\r\n\r\n', 'GET /os/name HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 1\r\n\r\nab', 'GET /os/name HTTP/1.1\nHost: x\n\n', 'GET /os/%zz?x=%zz HTTP/1.1\r\nHost: x\r\n\r\n']) {
    const c = connection(bed, 'control');
    c.push(raw);
    await tick();
    assert.equal(c.answers()[0]?.status, 400, JSON.stringify(raw));
  }
  const c = connection(bed, 'control');
  c.push(`GET /os/name HTTP/1.1\r\nX: ${'a'.repeat(20000)}\r\n\r\n`);
  await tick();
  assert.equal(c.answers()[0].status, 431);
  for (let seed = 1; seed < 200; seed++) {
    const bytes = new Uint8Array(64).map((_, i) => (seed * 7919 + i * 104729) & 0xff);
    const f = connection(bed, 'control');
    f.conn.push(bytes);
    f.conn.push(bytes);
  }
});

test('HEAD answers the GET head without its body', async () => {
  const bed = makeBed();
  const c = connection(bed, 'control');
  c.push('HEAD /os/name HTTP/1.1\r\nHost: x\r\n\r\nGET /os/name HTTP/1.1\r\nHost: x\r\n\r\n');
  await tick();
  assert.match(c.text(), /^HTTP\/1\.1 200 OK\r\n[^]*content-length: 8\r\n\r\nHTTP\/1\.1 200 OK\r\n[^]*\r\n\r\n"Nephos"$/);
});

test('Server-Sent Events: the kept lines after Last-Event-ID, then live lines; closing stops the stream', async () => {
  const bed = makeBed();
  bed.console.append('stdout', 'one\ntwo\n');
  bed.console.appendBytes('stderr', new Uint8Array([0xc3]));
  bed.console.appendBytes('stderr', new Uint8Array([0xbc, 0x0a]));
  const c = connection(bed);
  c.push(`GET /console/stream HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${TOKENS.ro}\r\nLast-Event-ID: 1\r\n\r\n`);
  await tick();
  bed.console.append('stdout', 'three\n');
  const text = c.text();
  assert.match(text, /^HTTP\/1\.1 200 OK\r\ncontent-type: text\/event-stream\r\n/);
  const events = text.split('\r\n\r\n')[1].split('\n\n').filter((e) => e.startsWith('id:'));
  assert.deepEqual(events.map((e) => JSON.parse(e.split('\ndata: ')[1]).text), ['two', 'ü', 'three']);
  assert.deepEqual(events.map((e) => /^id: (\d+)/.exec(e)![1]), ['2', '3', '4']);
  assert.equal(bed.console.subscribers, 1);
  bed.clock.advance(15_000);
  assert.match(c.text(), /: keep-alive\n\n$/);
  c.conn.transportClosed();
  assert.equal(bed.console.subscribers, 0);
  assert.equal(bed.clock.pending, 0);
});
