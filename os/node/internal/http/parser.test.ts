// HTTP parser byte fixtures: every request-smuggling input is refused with llhttp's code, the
// near misses are accepted with the right framing, truncated input is an EOF error, and the
// header size limit sits exactly where Node's does. Every fixture is also fed one byte at a time
// and in 7-byte pieces: incremental parsing must not change any outcome.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HttpParser, REQUEST, RESPONSE, latin1 } from './parser';
import { allRequestFixtures, smuggling } from './testing/request-fixtures';
import { runParser, bytesOf } from './testing/run-parser';

test('every request fixture gets its expected outcome, whole and split', () => {
  const fixtures = allRequestFixtures();
  assert.ok(fixtures.length > 100);
  for (const f of fixtures) {
    const bytes = bytesOf(f.bytes);
    const whole = runParser(bytes);
    const got = whole.error ? whole.error.code : 'ok';
    assert.equal(got, f.expect, `${f.name}: ${JSON.stringify(whole.error)}`);
    for (const split of [1, 7]) {
      if (bytes.length > 20000 && split === 1) continue;
      const parts = runParser(bytes, split);
      const a = JSON.stringify({ ...whole, requests: whole.requests.map((r) => ({ ...r, head: undefined })) });
      assert.equal(JSON.stringify(parts), a, `${f.name} split into ${split}-byte pieces`);
    }
  }
});

test('smuggling inputs never reach a second request', () => {
  for (const f of smuggling) {
    const r = runParser(bytesOf(f.bytes));
    assert.ok(r.error, f.name);
    assert.ok(r.requests.length <= 1, f.name);
  }
});

test('framing: Content-Length body, chunked body with trailers, pipelining', () => {
  const r = runParser(bytesOf('POST /a?b HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nhelloPUT /c HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n2;x=y\r\nab\r\n1\r\nc\r\n0\r\nExpires: never\r\n\r\nGET / HTTP/1.0\r\n\r\n'));
  assert.equal(r.error, undefined);
  assert.deepEqual(r.requests.map((q) => [q.method, q.url, q.version, q.body, q.trailers]), [
    ['POST', '/a?b', '1.1', 'hello', []],
    ['PUT', '/c', '1.1', 'abc', ['Expires', 'never']],
    ['GET', '/', '1.0', '', []],
  ]);
  assert.deepEqual(r.requests[1].headers, ['Host', 'h', 'Transfer-Encoding', 'chunked']);
});

test('keep-alive follows the version and Connection tokens', () => {
  const cases: [string, boolean][] = [
    ['GET / HTTP/1.1\r\nHost: a\r\n\r\n', true],
    ['GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n', false],
    ['GET / HTTP/1.1\r\nHost: a\r\nConnection: Keep-Alive, CLOSE\r\n\r\n', false],
    ['GET / HTTP/1.0\r\n\r\n', false],
    ['GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n', true],
    ['GET / HTTP/2.0\r\n\r\n', false],
    ['GET /\r\n\r\n', false],
  ];
  for (const [req, expected] of cases) {
    const p = new HttpParser(REQUEST);
    let ka: boolean | undefined;
    p.onHeadersComplete = (h) => { ka = h.shouldKeepAlive; };
    assert.equal(p.execute(bytesOf(req)), req.length);
    assert.equal(ka, expected, req);
  }
});

test('upgrade stops parsing at the end of the head and reports the offset', () => {
  const req = 'GET /ws HTTP/1.1\r\nHost: a\r\nConnection: keep-alive, Upgrade\r\nUpgrade: websocket\r\n\r\n\x81\x05hello';
  const p = new HttpParser(REQUEST);
  let up = false;
  p.onHeadersComplete = (h) => { up = h.upgrade; return 2; };
  const n = p.execute(bytesOf(req));
  assert.equal(up, true);
  assert.equal(n, req.indexOf('\r\n\r\n') + 4);
  assert.equal(p.upgraded, true);
  // Without a listener the server answers 0: the request is an ordinary one, but (as llhttp) the
  // rest of that input is dropped, a later input is parsed, and errors stay silent until then.
  const q = new HttpParser(REQUEST);
  const seen: string[] = [];
  q.onHeadersComplete = (h) => { seen.push(h.url); return 0; };
  const first = 'GET / HTTP/1.1\r\nConnection: upgrade\r\nUpgrade: x\r\n\r\n';
  assert.equal(q.execute(bytesOf(first + 'GET /dropped HTTP/1.1\r\n\r\n')), first.length);
  assert.equal(q.execute(bytesOf('GET /2 HTTP/1.1\r\n\r\n')), 19);
  assert.deepEqual(seen, ['/', '/2']);
  const r = new HttpParser(REQUEST);
  r.onHeadersComplete = () => 0;
  r.execute(bytesOf(first));
  assert.equal(r.execute(bytesOf('garbage\r\n\r\n')), 11);
  assert.equal(r.finish(), undefined);
});

test('errors carry code, reason, bytesParsed and "Parse Error: reason"', () => {
  const p = new HttpParser(REQUEST);
  const r = p.execute(bytesOf('GET / HTTP/1.1\r\nHost : a\r\n\r\n'));
  assert.ok(typeof r !== 'number');
  assert.equal(r.code, 'HPE_INVALID_HEADER_TOKEN');
  assert.equal(r.reason, 'Invalid header token');
  assert.equal(r.message, 'Parse Error: Invalid header token');
  assert.equal(typeof r.bytesParsed, 'number');
  // After an error the parser stays failed.
  assert.ok(typeof p.execute(bytesOf('GET / HTTP/1.1\r\n\r\n')) !== 'number');
  const eof = new HttpParser(REQUEST);
  eof.execute(bytesOf('GET / HT'));
  const e = eof.finish()!;
  assert.equal(e.code, 'HPE_INVALID_EOF_STATE');
  assert.equal(e.message, 'Parse Error');
});

test('maxHeaderPairs keeps the first entries only; maxHeaderSize is configurable', () => {
  const p = new HttpParser(REQUEST, { maxHeaderPairs: 4 });
  let headers: string[] = [];
  p.onHeadersComplete = (h) => { headers = h.headers; };
  p.execute(bytesOf('GET / HTTP/1.1\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n'));
  assert.deepEqual(headers, ['A', '1', 'B', '2']);
  const small = new HttpParser(REQUEST, { maxHeaderSize: 100 });
  const r = small.execute(bytesOf(`GET / HTTP/1.1\r\nX: ${'v'.repeat(100)}\r\n\r\n`));
  assert.equal(typeof r === 'number' ? 'ok' : r.code, 'HPE_HEADER_OVERFLOW');
});

test('responses: status line, no-body statuses, read-until-close, 100-continue, HEAD', () => {
  const parse = (bytes: string, skip = 0, eof = true) => {
    const p = new HttpParser(RESPONSE);
    const out: any[] = [];
    p.onHeadersComplete = (h) => { out.push({ status: h.statusCode, reason: h.statusMessage, ka: h.shouldKeepAlive, body: '' }); return skip; };
    p.onBody = (b) => { out[out.length - 1].body += latin1(b); };
    p.onMessageComplete = () => { out[out.length - 1].done = true; };
    const r = p.execute(bytesOf(bytes));
    const e = eof ? p.finish() : undefined;
    return { out, r, e };
  };
  let x = parse('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi');
  assert.deepEqual(x.out, [{ status: 200, reason: 'OK', ka: true, body: 'hi', done: true }]);
  x = parse('HTTP/1.1 204 No Content\r\n\r\n');
  assert.deepEqual(x.out, [{ status: 204, reason: 'No Content', ka: true, body: '', done: true }]);
  x = parse('HTTP/1.1 200 OK\r\n\r\nuntil close', 0);
  assert.deepEqual(x.out, [{ status: 200, reason: 'OK', ka: false, body: 'until close', done: true }]);
  x = parse('HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n');
  assert.deepEqual(x.out.map((o) => o.status), [100, 201]);
  x = parse('HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n', 1, false);
  assert.deepEqual(x.out, [{ status: 200, reason: 'OK', ka: true, body: '', done: true }]);
  x = parse('HTTP/1.1 200\r\nTransfer-Encoding: chunked\r\n\r\n1\r\na\r\n0\r\n\r\n');
  assert.deepEqual(x.out, [{ status: 200, reason: '', ka: true, body: 'a', done: true }]);
  x = parse('HTTP/1.1 2000 OK\r\n\r\n');
  assert.equal(typeof x.r === 'number' ? 'ok' : x.r.code, 'HPE_INVALID_STATUS');
  x = parse('HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nab');
  assert.equal(x.e?.code, 'HPE_INVALID_EOF_STATE');
});

test('a long header value arriving in small pieces costs linear work', () => {
  const p = new HttpParser(REQUEST);
  let done = false;
  p.onHeadersComplete = () => { done = true; };
  p.execute(bytesOf('GET / HTTP/1.1\r\nX: '));
  const piece = bytesOf('v'.repeat(10));
  for (let i = 0; i < 1500; i++) assert.equal(p.execute(piece), 10);
  p.execute(bytesOf('\r\n\r\n'));
  assert.equal(done, true);
});
