// fetch(), Headers, Request, Response, FormData and the web streams, over our http client and
// server on the simulated network: methods and bodies of every kind, streamed responses with
// backpressure, redirects in each mode, AbortSignal, network errors, https refused, data: URLs.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TestBed, CLIENT, SERVER, collect } from '../net/testing/bed';
import { File, Blob } from '../buffer/blob';

/** bed.until with an untyped result (the modules are untyped at this seam). */
const u = (bed: TestBed, p: unknown, limit?: number): Promise<any> => bed.until(p as Promise<any>, limit);

function setup(handler: (req: any, res: any, bed: TestBed) => void) {
  const bed = new TestBed();
  const client = bed.host(CLIENT);
  const server = bed.host(SERVER);
  server.mods.http.createServer((req: any, res: any) => handler(req, res, bed)).listen(80);
  return { bed, f: client.mods.fetch };
}

const echo = (req: any, res: any) => {
  collect(req).then((body) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ method: req.method, url: req.url, headers: req.headers, body: body.toString('latin1') }));
  });
};

test('GET: status, headers, text and json; default request headers like undici', async () => {
  const { bed, f } = setup(echo);
  const res = await u(bed, f.fetch('http://10.0.0.2/a?b=1'));
  assert.equal(res.status, 200);
  assert.equal(res.ok, true);
  assert.equal(res.statusText, 'OK');
  assert.equal(res.type, 'basic');
  assert.equal(res.url, 'http://10.0.0.2/a?b=1');
  assert.equal(res.redirected, false);
  assert.equal(res.headers.get('content-type'), 'application/json');
  assert.throws(() => res.headers.set('x', 'y'), TypeError);
  const body: any = await u(bed, res.json());
  assert.equal(body.method, 'GET');
  assert.equal(body.url, '/a?b=1');
  assert.equal(body.headers.host, '10.0.0.2');
  assert.equal(body.headers.accept, '*/*');
  assert.equal(body.headers['user-agent'], 'node');
  assert.equal(body.headers['accept-encoding'], undefined);
  assert.equal(res.bodyUsed, true);
  await assert.rejects(u(bed, res.text()), TypeError);
});

test('request bodies: string, bytes, URLSearchParams, Blob, FormData, ReadableStream', async () => {
  const { bed, f } = setup(echo);
  const send = async (body: unknown, extra: Record<string, unknown> = {}) => {
    const res = await u(bed, f.fetch('http://10.0.0.2/', { method: 'POST', body, ...extra }));
    return u(bed, res.json()) as Promise<any>;
  };
  let r = await send('héllo');
  assert.equal(r.headers['content-type'], 'text/plain;charset=UTF-8');
  assert.equal(r.headers['content-length'], '6');
  assert.equal(Buffer.from(r.body, 'latin1').toString(), 'héllo');
  r = await send(new Uint8Array([1, 2, 3]));
  assert.equal(r.body, '\x01\x02\x03');
  assert.equal(r.headers['content-type'], undefined);
  r = await send(new URLSearchParams({ a: '1', b: 'x y' }));
  assert.equal(r.body, 'a=1&b=x+y');
  assert.equal(r.headers['content-type'], 'application/x-www-form-urlencoded;charset=UTF-8');
  r = await send(new Blob(['blob!'], { type: 'text/x-blob' }));
  assert.equal(r.body, 'blob!');
  assert.equal(r.headers['content-type'], 'text/x-blob');
  const fd = new f.FormData();
  fd.append('field', 'value');
  fd.append('file', new File(['contents'], 'a.txt', { type: 'text/plain' }));
  r = await send(fd);
  const boundary = /boundary=(.*)$/.exec(r.headers['content-type'])![1];
  assert.equal(r.body, `--${boundary}\r\nContent-Disposition: form-data; name="field"\r\n\r\nvalue\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\ncontents\r\n--${boundary}--\r\n`);
  const stream = new f.ReadableStream({
    start(c: any) { c.enqueue(new Uint8Array([65, 66])); c.enqueue(new Uint8Array([67])); c.close(); },
  });
  r = await send(stream, { duplex: 'half' });
  assert.equal(r.body, 'ABC');
  assert.equal(r.headers['transfer-encoding'], 'chunked');
  await assert.rejects(u(bed, f.fetch('http://10.0.0.2/', { method: 'POST', body: new f.ReadableStream() })), /duplex/);
  await assert.rejects(u(bed, f.fetch('http://10.0.0.2/', { method: 'GET', body: 'x' })), /GET\/HEAD/);
});

test('streamed response body with backpressure; arrayBuffer, blob, HEAD, 204', async () => {
  const chunk = Buffer.alloc(32 * 1024, 120);
  const { bed, f } = setup((req, res) => {
    if (req.url === '/204') { res.statusCode = 204; res.end(); return; }
    let n = 0;
    const pump = () => {
      while (n < 64) { n++; if (!res.write(chunk)) { res.once('drain', pump); return; } }
      res.end();
    };
    pump();
  });
  const res = await u(bed, f.fetch('http://10.0.0.2/big'));
  const reader = res.body.getReader();
  let total = 0;
  const first = await u(bed, reader.read());
  total += first.value.length;
  // Nobody reads for a while: the server must be held back by TCP, not buffered without bound.
  await bed.run(2000);
  for (;;) {
    const { done, value } = await u(bed, reader.read());
    if (done) break;
    total += value.length;
  }
  assert.equal(total, 64 * chunk.length);
  const head = await u(bed, f.fetch('http://10.0.0.2/big', { method: 'HEAD' }));
  assert.equal(head.body, null);
  const nc = await u(bed, f.fetch('http://10.0.0.2/204'));
  assert.equal(nc.status, 204);
  assert.equal(nc.body, null);
  const ab: ArrayBuffer = await u(bed, (await u(bed, f.fetch('http://10.0.0.2/big'))).arrayBuffer());
  assert.equal(ab.byteLength, 64 * chunk.length);
});

test('redirects: follow (303 to GET, 307 keeps the body), error, manual, too many', async () => {
  const { bed, f } = setup((req, res) => {
    const m = /^\/r(\d+)(?:\/(\d+))?/.exec(req.url);
    if (m) {
      const status = Number(m[1]);
      const left = Number(m[2] ?? 1);
      res.writeHead(status, { location: left > 1 ? `/r${status}/${left - 1}` : '/done' });
      res.end();
      return;
    }
    if (req.url === '/loop') { res.writeHead(302, { location: '/loop' }); res.end(); return; }
    echo(req, res);
  });
  let res = await u(bed, f.fetch('http://10.0.0.2/r303', { method: 'POST', body: 'data' }));
  let body: any = await u(bed, res.json());
  assert.equal(res.redirected, true);
  assert.equal(res.url, 'http://10.0.0.2/done');
  assert.equal(body.method, 'GET');
  assert.equal(body.body, '');
  res = await u(bed, f.fetch('http://10.0.0.2/r307/3', { method: 'PUT', body: 'keep' }));
  body = await u(bed, res.json());
  assert.equal(body.method, 'PUT');
  assert.equal(body.body, 'keep');
  await assert.rejects(u(bed, f.fetch('http://10.0.0.2/r302', { redirect: 'error' })), (e: any) => e.message === 'fetch failed' && e.cause.message === 'unexpected redirect' && e instanceof TypeError);
  res = await u(bed, f.fetch('http://10.0.0.2/r301', { redirect: 'manual' }));
  assert.equal(res.status, 301);
  assert.equal(res.headers.get('location'), '/done');
  await assert.rejects(u(bed, f.fetch('http://10.0.0.2/loop')), (e: any) => e.cause.message === 'redirect count exceeded');
});

test('errors: refused, reset mid-body, https, unknown schemes, bad URLs, abort before and during', async () => {
  const { bed, f } = setup((req, res) => {
    if (req.url === '/cut') { res.writeHead(200, { 'content-length': '100' }); res.write('partial'); bed.timer(() => res.destroy(), 10, true); return; }
    if (req.url === '/slow') { bed.timer(() => res.end('late'), 5000, true); return; }
    res.end('ok');
  });
  await assert.rejects(u(bed, f.fetch('http://10.0.0.2:81/')), (e: any) => e.message === 'fetch failed' && e.cause.code === 'ECONNREFUSED');
  await assert.rejects(u(bed, f.fetch('http://10.0.0.2:25/')), (e: any) => e.message === 'fetch failed' && e.cause.message === 'bad port');
  const cut = await u(bed, f.fetch('http://10.0.0.2/cut'));
  await assert.rejects(u(bed, cut.text()), (e: any) => e instanceof TypeError && e.message === 'terminated');
  await assert.rejects(u(bed, f.fetch('https://10.0.0.2/')), (e: any) => e.message === 'fetch failed' && e.cause.code === 'ERR_TLS_NOT_SUPPORTED');
  await assert.rejects(u(bed, f.fetch('ftp://x/')), (e: any) => e.cause.message === 'unknown scheme');
  await assert.rejects(u(bed, f.fetch('/relative')), (e: any) => e instanceof TypeError && e.message === 'Failed to parse URL from /relative');
  const ac = new AbortController();
  ac.abort();
  await assert.rejects(u(bed, f.fetch('http://10.0.0.2/', { signal: ac.signal })), { name: 'AbortError' });
  const ac2 = new AbortController();
  const p = f.fetch('http://10.0.0.2/slow', { signal: ac2.signal });
  bed.timer(() => ac2.abort(), 100, true);
  await assert.rejects(u(bed, p), { name: 'AbortError' });
  const ac3 = new AbortController();
  const r3 = await u(bed, f.fetch('http://10.0.0.2/cut', { signal: ac3.signal }));
  ac3.abort(new Error('stop'));
  await assert.rejects(u(bed, r3.text()), { message: 'stop' });
});

test('data: URLs', async () => {
  const { bed, f } = setup(echo);
  const a = await u(bed, f.fetch('data:text/plain;base64,aGVsbG8='));
  assert.equal(a.headers.get('content-type'), 'text/plain');
  assert.equal(await u(bed, a.text()), 'hello');
  const b = await u(bed, f.fetch('data:,a%20b'));
  assert.equal(b.headers.get('content-type'), 'text/plain;charset=US-ASCII');
  assert.equal(await u(bed, b.text()), 'a b');
});

test('Headers: normalisation, ordering, set-cookie, validation', () => {
  const { f } = setup(echo);
  const h = new f.Headers({ 'X-B': ' 2 ', a: '1' });
  h.append('x-b', '3');
  h.append('Set-Cookie', 'a=1');
  h.append('set-cookie', 'b=2');
  assert.deepEqual([...h], [['a', '1'], ['set-cookie', 'a=1'], ['set-cookie', 'b=2'], ['x-b', '2, 3']]);
  assert.equal(h.get('X-B'), '2, 3');
  assert.deepEqual(h.getSetCookie(), ['a=1', 'b=2']);
  assert.equal(h.has('A'), true);
  h.delete('a');
  assert.equal(h.get('a'), null);
  assert.throws(() => h.append('bad name', 'x'), TypeError);
  assert.throws(() => h.set('x', 'a\nb'), TypeError);
  assert.deepEqual([...new f.Headers([['k', 'v']]).keys()], ['k']);
});

test('Request and Response objects: construction rules, clone, static helpers, formData parsing', async () => {
  const { bed, f } = setup(echo);
  const req = new f.Request('http://x/y', { method: 'post', body: 'abc', headers: { 'X-A': '1' } });
  assert.equal(req.method, 'POST');
  assert.equal(req.url, 'http://x/y');
  assert.equal(req.headers.get('content-type'), 'text/plain;charset=UTF-8');
  const copy = req.clone();
  assert.equal(await u(bed, copy.text()), 'abc');
  assert.equal(await u(bed, req.text()), 'abc');
  assert.throws(() => new f.Request('http://x/', { method: 'CONNECT' }), TypeError);
  assert.throws(() => new f.Request('http://u:p@x/'), TypeError);
  const res = f.Response.json({ a: 1 }, { status: 201, headers: { 'x-y': 'z' } });
  assert.equal(res.status, 201);
  assert.equal(res.headers.get('content-type'), 'application/json');
  assert.deepEqual(await u(bed, res.clone().json()), { a: 1 });
  assert.equal(await u(bed, res.text()), '{"a":1}');
  const r = f.Response.redirect('http://x/next', 307);
  assert.equal(r.status, 307);
  assert.equal(r.headers.get('location'), 'http://x/next');
  assert.equal(f.Response.error().type, 'error');
  assert.throws(() => new f.Response('x', { status: 204 }), TypeError);
  assert.throws(() => new f.Response(null, { status: 99 }), RangeError);
  const fd = new f.FormData();
  fd.append('a', '1');
  fd.append('f', new Blob(['zz'], { type: 'text/plain' }), 'z.txt');
  const parsed = await u(bed, new f.Response(fd).formData());
  assert.equal(parsed.get('a'), '1');
  const file = parsed.get('f');
  assert.equal(file.name, 'z.txt');
  assert.equal(await u(bed, file.text()), 'zz');
  const urlenc = await u(bed, new f.Response(new URLSearchParams('x=1&y=2')).formData());
  assert.deepEqual([...urlenc], [['x', '1'], ['y', '2']]);
});

test('web streams: TextEncoderStream / TextDecoderStream across chunk boundaries, pipeThrough', async () => {
  const { bed, f } = setup(echo);
  const bytes = new TextEncoder().encode('héllo wörld €');
  const source = new f.ReadableStream({
    start(c: any) { for (let i = 0; i < bytes.length; i++) c.enqueue(bytes.subarray(i, i + 1)); c.close(); },
  });
  const decoded = source.pipeThrough(new f.TextDecoderStream());
  let text = '';
  for await (const chunk of decoded) text += chunk;
  assert.equal(text, 'héllo wörld €');
  const enc = new f.TextEncoderStream();
  const w = enc.writable.getWriter();
  w.write('\ud83d');
  w.write('\ude00!');
  w.close();
  const out: number[] = [];
  const reader = enc.readable.getReader();
  for (;;) {
    const { done, value } = await u(bed, reader.read());
    if (done) break;
    out.push(...value);
  }
  assert.equal(Buffer.from(out).toString(), '😀!');
  assert.equal(typeof f.WritableStream, 'function');
  assert.equal(typeof f.TransformStream, 'function');
  assert.equal(typeof f.ByteLengthQueuingStrategy, 'function');
});
