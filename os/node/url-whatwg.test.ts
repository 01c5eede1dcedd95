// The WHATWG URL that Nephos uses is core-js's; host Node has its own, so this test removes the
// host's URL and URLSearchParams before loading core-js's and compares the two on a table.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { whatwgCases, searchParamsCases } from './testing/url-cases';

const NodeURL = globalThis.URL;
const NodeSearchParams = globalThis.URLSearchParams;

function describe(U: typeof URL, input: string, base?: string): unknown {
  try {
    const u = base === undefined ? new U(input) : new U(input, base);
    return { href: u.href, origin: u.origin, protocol: u.protocol, username: u.username, password: u.password, host: u.host, hostname: u.hostname,
      port: u.port, pathname: u.pathname, search: u.search, hash: u.hash, params: [...u.searchParams], json: u.toJSON() };
  } catch (e: any) {
    return { throws: e instanceof TypeError };
  }
}

test('core-js URL agrees with host Node on the table', async () => {
  delete (globalThis as any).URL;
  delete (globalThis as any).URLSearchParams;
  const { installUrl } = await import('./internal/polyfills/core-js');
  installUrl();
  const CoreURL = (globalThis as any).URL as typeof URL;
  const CoreParams = (globalThis as any).URLSearchParams as typeof URLSearchParams;
  Object.assign(globalThis, { URL: NodeURL, URLSearchParams: NodeSearchParams });
  assert.notEqual(CoreURL, NodeURL);
  for (const [input, base] of whatwgCases) assert.deepEqual(describe(CoreURL, input, base), describe(NodeURL, input, base), `${input} ${base ?? ''}`);
  for (const s of searchParamsCases) {
    const a = new CoreParams(s);
    const b = new NodeSearchParams(s);
    assert.deepEqual([...a], [...b], s);
    assert.equal(a.toString(), b.toString(), s);
    a.sort(); b.sort();
    a.append('n', 'v w&'); b.append('n', 'v w&');
    a.delete('a'); b.delete('a');
    assert.equal(a.toString(), b.toString(), s);
    assert.equal(a.size, (b as any).size);
  }
  assert.equal((CoreURL as any).canParse('http://x'), (NodeURL as any).canParse('http://x'));
  const u = new CoreURL('http://a.com/?x=1');
  u.searchParams.append('y', '2');
  u.hash = 'h';
  u.pathname = '/p q';
  assert.equal(u.href, 'http://a.com/p%20q?x=1&y=2#h');
});
