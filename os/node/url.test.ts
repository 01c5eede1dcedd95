import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as nodeUrl from 'node:url';
import url from './url';
import { legacyParseCases, legacyFormatCases, resolveCases } from './testing/url-cases';
import { configureRuntimeHooks } from './internal/runtime-hooks';

configureRuntimeHooks({ emitWarning: () => {} });
process.emitWarning = () => {};

function outcome(fn: () => unknown): unknown {
  try {
    const v = fn();
    return { ok: v !== null && typeof v === 'object' ? JSON.parse(JSON.stringify({ ...v })) : v };
  } catch (e: any) {
    return { name: e?.name, code: e?.code, message: e?.message, input: e?.input };
  }
}

test('legacy url.parse gives host Node\'s Url objects', () => {
  for (const args of legacyParseCases) {
    assert.deepEqual(outcome(() => url.parse(...args)), outcome(() => nodeUrl.parse(...(args as [string]))), JSON.stringify(args));
  }
  assert.deepEqual(outcome(() => url.parse(5 as any)), outcome(() => nodeUrl.parse(5 as any)));
  assert.ok(url.parse('http://a.com') instanceof url.Url);
});

test('legacy url.format and url.resolve match host Node', () => {
  for (const obj of legacyFormatCases) assert.deepEqual(outcome(() => url.format(obj as any)), outcome(() => nodeUrl.format(obj as any)), JSON.stringify(obj));
  assert.deepEqual(outcome(() => url.format(5 as any)), outcome(() => nodeUrl.format(5 as any)));
  for (const [from, to] of resolveCases) {
    assert.equal(url.resolve(from, to), nodeUrl.resolve(from, to), `${from} + ${to}`);
    assert.deepEqual(outcome(() => url.resolveObject(from, to)), outcome(() => (nodeUrl as any).resolveObject(from, to)), `${from} + ${to}`);
  }
});

test('file URL helpers, domain helpers and urlToHttpOptions match host Node', () => {
  for (const p of ['/a/b c/d#e?f', '/tmp/%/x', '/dir/', 'relative/x', '/ümlaut/~tilde', '/a\\b']) {
    assert.equal(url.pathToFileURL(p).href, nodeUrl.pathToFileURL(p).href, p);
  }
  for (const u of ['file:///a/b%20c', 'file:///a%2Fb', 'file://host/x', 'http://a/x', 'file:///%C3%BC']) {
    assert.deepEqual(outcome(() => url.fileURLToPath(u)), outcome(() => nodeUrl.fileURLToPath(u)), u);
  }
  assert.deepEqual(outcome(() => url.fileURLToPath(5 as any)), outcome(() => nodeUrl.fileURLToPath(5 as any)));
  for (const d of ['español.com', 'xn--espaol-zwa.com', 'EXAMPLE.com', 'a b.com', '']) {
    assert.equal(url.domainToASCII(d), nodeUrl.domainToASCII(d), d);
    assert.equal(url.domainToUnicode(d), nodeUrl.domainToUnicode(d), d);
  }
  const u = new URL('https://us%20er:p%40ss@[::1]:8443/p?q=1#h');
  assert.deepEqual({ ...url.urlToHttpOptions(u) }, { ...nodeUrl.urlToHttpOptions(u) });
  for (const opts of [undefined, { fragment: false }, { search: false, auth: false }, { unicode: true }]) {
    const w = new URL('https://u:p@xn--mnchen-3ya.de:8080/a?b#c');
    assert.equal(url.format(w, opts), nodeUrl.format(w, opts), JSON.stringify(opts));
  }
});
