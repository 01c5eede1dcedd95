// Sections of the engine-compat script for console, assert, url, querystring and punycode.

import { Console } from 'node:console';
import assert from 'node:assert';
import strictAssert from 'node:assert/strict';
import url from 'node:url';
import querystring from 'node:querystring';
import punycode from 'node:punycode';
import util from 'node:util';
import { consoleScenarios } from './console-cases';
import { runAssertCases } from './assert-cases';
import { legacyParseCases, legacyFormatCases, resolveCases, whatwgCases, searchParamsCases } from './url-cases';
import { querystringCases } from './querystring-cases';

type Out = (section: string, name: string, value: unknown) => void;

export function extraSections(out: Out, show: (v: unknown) => string, attempt: (fn: () => unknown) => unknown): [string, () => unknown][] {
  const plain = (v: unknown) => (v !== null && typeof v === 'object' ? JSON.parse(JSON.stringify({ ...(v as object) })) : v);
  return [
    ['console', () => {
      for (const [name, scenario] of Object.entries(consoleScenarios)) {
        const rec = scenario(Console);
        out('console', `${name}.out`, rec.out);
        out('console', `${name}.err`, rec.err);
      }
    }],
    ['assert', async () => {
      const inspect = (v: unknown) => util.inspect(v);
      for (const [name, described] of await runAssertCases(assert, inspect)) out('assert', name, described);
      out('assert', 'strict-is-strict', [strictAssert.equal === assert.strictEqual, strictAssert.strict === strictAssert]);
    }],
    ['url', () => {
      for (const args of legacyParseCases) out('url.parse', JSON.stringify(args), attempt(() => plain(url.parse(...(args as [string])))));
      legacyFormatCases.forEach((obj, i) => out('url.format', String(i), attempt(() => url.format(obj as any))));
      for (const [from, to] of resolveCases) out('url.resolve', `${from} ${to}`, [url.resolve(from, to), plain((url as any).resolveObject(from, to))]);
      for (const [input, base] of whatwgCases) {
        out('URL', `${input} ${base ?? ''}`, attempt(() => {
          const u = base === undefined ? new URL(input) : new URL(input, base);
          return [u.href, u.origin, u.protocol, u.username, u.password, u.host, u.hostname, u.port, u.pathname, u.search, u.hash, [...u.searchParams]];
        }));
      }
      for (const s of searchParamsCases) {
        const p = new URLSearchParams(s);
        p.sort();
        p.append('n', 'v w&');
        out('URLSearchParams', s, [[...p], p.toString(), p.has('a'), p.get('a'), p.getAll('a')]);
      }
      out('url', 'file', [url.pathToFileURL('/a/b c#d').href, url.fileURLToPath('file:///a/b%20c'), attempt(() => url.fileURLToPath('http://x/'))]);
      out('url', 'domain', [url.domainToASCII('español.com'), url.domainToUnicode('xn--espaol-zwa.com'), url.domainToASCII('a b')]);
      out('url', 'httpOptions', plain(url.urlToHttpOptions(new URL('https://u:p@a.com:8443/p?q#h'))));
      out('url', 'inspect', [util.inspect(new URL('https://u:p@a.com:8/p?q=1#h')), util.inspect(new URLSearchParams('a=1&b=x y')), util.inspect(new URLSearchParams(''))]);
      out('url', 'error-props', attempt(() => { try { new URL('nope', 'bad base'); } catch (e: any) { return [e.name, e.code, e.message, e.input, e.base]; } return 'no error'; }));
      out('url', 'format-whatwg', url.format(new URL('https://u:p@xn--mnchen-3ya.de/a?b#c'), { unicode: true, auth: false, fragment: false }));
    }],
    ['querystring', () => {
      querystringCases.forEach(([fn, args], i) => out('querystring', `${fn}#${i}`, attempt(() => (querystring as any)[fn](...args))));
    }],
    ['punycode', () => {
      out('punycode', 'encode', [punycode.encode('mañana'), punycode.decode('maana-pta'), punycode.toASCII('mañana.com'), punycode.toUnicode('xn--maana-pta.com'),
        punycode.ucs2.decode('\ud83d\ude00'), punycode.ucs2.encode([0x1f600])]);
    }],
  ];
}
