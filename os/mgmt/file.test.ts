// The /file routes: canonical paths only (400 for traversal and anything non-normalised), writes
// only on writable file systems (403 on the image), uploads stored byte for byte.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeBed, TOKENS } from './testing';
import { filePath } from './routes/file';
import { parseMultipart } from './multipart';
import { encodeUtf8 } from '../core/utf8';

test('paths: plain or percent-encoded, canonical only', () => {
  assert.equal(filePath('tmp/a.txt'), '/tmp/a.txt');
  assert.equal(filePath('%2Ftmp%2Fa.txt'), '/tmp/a.txt');
  assert.equal(filePath(''), '/');
  for (const bad of ['tmp/../app', 'tmp/./a', 'tmp//a', 'tmp/a/', '%2E%2E/etc', 'tmp/%2e%2e/x', '..', 'tmp/a%00b', '%zz', '%2F%2Ftmp']) {
    assert.equal(typeof filePath(bad), 'object', bad);
  }
});

test('traversal and non-normalised paths are 400 on every method, never resolved', async () => {
  const bed = makeBed();
  for (const [method, url] of [['GET', '/file/tmp/../app/index.js?op=GET'], ['GET', '/file/app//index.js?op=GET'], ['PUT', '/file/tmp/%2e%2e/x?op=WRITE&content=1'],
    ['DELETE', '/file/tmp/./x'], ['POST', '/file/tmp/a/'], ['PUT', '/file/tmp/a?op=RENAME&destination=/tmp/../b'], ['PUT', '/file/tmp/a?op=COPY&destination=tmp/b']]) {
    const r = await bed.call(method, url, { token: TOKENS.rw });
    assert.equal(r.status, 400, `${method} ${url}: ${r.text}`);
  }
});

test('read, stat and list anywhere; writes on the image are 403', async () => {
  const bed = makeBed();
  assert.equal((await bed.call('GET', '/file/app/data/a.txt?op=GET')).text, 'alpha\n');
  assert.equal((await bed.call('GET', '/file/app/data/a.txt?op=GET&offset=1&length=3')).text, 'lph');
  const st = (await bed.call('GET', '/file/%2Fapp%2Fdata%2Fa.txt?op=GETFILESTATUS')).json();
  assert.equal(st.type, 'FILE');
  assert.equal(st.length, 6);
  const list = (await bed.call('GET', '/file/app?op=LISTSTATUS')).json();
  assert.deepEqual(list.map((e: any) => [e.pathSuffix, e.type]), [['data', 'DIRECTORY'], ['index.js', 'FILE']]);
  assert.equal((await bed.call('GET', '/file/app/missing?op=GET')).status, 404);
  assert.equal((await bed.call('GET', '/file/app?op=BOGUS')).status, 400);
  for (const [method, url] of [['PUT', '/file/app/x?op=WRITE&content=1'], ['PUT', '/file/app/new?op=MKDIRS'], ['DELETE', '/file/app/index.js'],
    ['POST', '/file/app/up'], ['PUT', '/file/app/index.js?op=RENAME&destination=/tmp/i.js'], ['PUT', '/file/tmp/x?op=COPY&destination=/app/x']]) {
    const r = await bed.call(method, url, { token: TOKENS.rw, body: 'x' });
    assert.equal(r.status, 403, `${method} ${url}: ${r.text}`);
  }
  assert.equal((await bed.call('GET', '/file/app/index.js?op=GET')).text, 'console.log("hi")\n');
});

test('MKDIRS, WRITE, COPY, RENAME, DELETE on /tmp', async () => {
  const bed = makeBed();
  assert.equal((await bed.call('PUT', '/file/tmp/a/b/c?op=MKDIRS&permission=700')).status, 200);
  assert.equal((await bed.call('GET', '/file/tmp/a/b/c?op=GETFILESTATUS')).json().permission, '700');
  assert.equal((await bed.call('PUT', '/file/tmp/a/f.txt?op=WRITE&content=hello')).status, 200);
  assert.equal((await bed.call('PUT', '/file/tmp/a/g.txt?op=WRITE', { body: 'body bytes' })).status, 200);
  assert.equal((await bed.call('GET', '/file/tmp/a/g.txt?op=GET')).text, 'body bytes');
  assert.equal((await bed.call('PUT', '/file/tmp/a/g.txt?op=WRITE&overwrite=false', { body: 'x' })).status, 409);
  assert.equal((await bed.call('PUT', '/file/tmp/a/f.txt?op=COPY&destination=/tmp/copy.txt')).status, 200);
  assert.equal((await bed.call('PUT', '/file/tmp/a/f.txt?op=COPY&destination=/tmp/copy.txt')).status, 409);
  assert.equal((await bed.call('PUT', '/file/tmp/copy.txt?op=RENAME&destination=/tmp/moved.txt')).status, 200);
  assert.equal((await bed.call('GET', '/file/tmp/moved.txt?op=GET')).text, 'hello');
  assert.equal((await bed.call('DELETE', '/file/tmp/a')).status, 409);
  assert.equal((await bed.call('DELETE', '/file/tmp/a?recursive=true')).status, 200);
  assert.equal((await bed.call('GET', '/file/tmp/a?op=GETFILESTATUS')).status, 404);
  assert.equal((await bed.call('DELETE', '/file/tmp?recursive=true')).status, 409);
});

test('multipart upload stores the part byte for byte (binary, CRLFs and boundary look-alikes included)', async () => {
  const bed = makeBed();
  const payload = new Uint8Array(70000).map((_, i) => (i * 31 + 7) & 0xff);
  payload.set(encodeUtf8('--XyZ\r\n\r\n--XyY\r\n'), 1000);
  const head = encodeUtf8('--XyZ\r\nContent-Disposition: form-data; name="note"\r\n\r\nhello\r\n--XyZ\r\nContent-Disposition: form-data; name="file"; filename="blob.bin"\r\nContent-Type: application/octet-stream\r\n\r\n');
  const tail = encodeUtf8('\r\n--XyZ--\r\n');
  const body = new Uint8Array(head.length + payload.length + tail.length);
  body.set(head);
  body.set(payload, head.length);
  body.set(tail, head.length + payload.length);
  const up = await bed.call('POST', '/file/tmp', { body, headers: { 'Content-Type': 'multipart/form-data; boundary=XyZ' } });
  assert.equal(up.status, 200, up.text);
  assert.equal(up.json(), '/tmp/blob.bin');
  const back = await bed.call('GET', '/file/tmp/blob.bin?op=GET');
  assert.deepEqual(back.body, payload);
  const named = await bed.call('POST', '/file/tmp/named.bin', { body, headers: { 'Content-Type': 'multipart/form-data; boundary="XyZ"' } });
  assert.equal(named.json(), '/tmp/named.bin');
  assert.deepEqual((await bed.call('GET', '/file/tmp/named.bin?op=GET')).body, payload);
});

test('multipart: malformed bodies are errors, not exceptions', () => {
  const t = 'multipart/form-data; boundary=b';
  assert.equal(typeof parseMultipart('multipart/form-data', encodeUtf8('x')), 'string');
  assert.equal(typeof parseMultipart(t, encodeUtf8('no boundary here')), 'string');
  assert.equal(typeof parseMultipart(t, encodeUtf8('--b\r\nContent-Disposition: form-data; name="f"\r\n\r\nunterminated')), 'string');
  assert.equal(typeof parseMultipart(t, encodeUtf8('--bX')), 'string');
  const ok = parseMultipart(t, encodeUtf8('preamble\r\n--b\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--b\r\n\r\n2\r\n--b--'));
  assert.ok(Array.isArray(ok));
  assert.deepEqual((ok as any[]).map((p) => [p.name, new TextDecoder().decode(p.data)]), [['a', '1'], [undefined, '2']]);
});
