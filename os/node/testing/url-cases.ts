// URL inputs: legacy url.parse/format/resolve cases and a WHATWG URL table. The expected results
// are host Node's, computed at test time (url.test.ts, url-whatwg.test.ts) or by running the same
// script on host Node (engine-compat).

export const legacyParseCases: [string, boolean?, boolean?][] = [
  ['http://user:pass@Host.COM:8080/p/a/t/h?query=string#hash'], ['http://user:pass@host.com:8080/p/a/t/h?query=string&a=1&a=2#hash', true],
  ['//foo/bar', false, true], ['//foo/bar'], ['/path?x=1', true], ['/path'], ['?only=query'], ['#only-hash'], ['  http://trim.me/  '],
  ['http:\\\\back\\slash?x\\y'], ['HTTP://EXAMPLE.com/UPPER'], ['mailto:someone@example.com'], ['javascript:alert(1)'], ['file:///etc/passwd'],
  ['file://localhost/etc/hosts'], ['http://[::1]:3000/x'], ['http://[fe80::1%25en0]/'], ['http://a b.com/'], ['http://ex.com/a b"c<d>e^f`g{h|i}j'],
  ['http://münchen.de/straße'], ['http://xn--mnchen-3ya.de/'], ['http://a.com:/x'], ['http://a.com:99999/x'], ['ftp://ftp.example.org/file.txt'],
  ['git+ssh://git@github.com:user/repo.git'], ['http://a.com?x=1#frag?not'], ['http://a.com/%7Euser/%zz'], ['relative/path?q=1'], ['./rel'], [''],
  ['http://@host.com'], ['http://user@'], ['http://a.com/p?q=%20+x', true], ['ws://socket.io/?EIO=4&transport=websocket'], ['HTTP://USER:PW@HOST/'],
  ['http://x.com/a\tb\nc'], ['http:/only/one/slash'], ['http:no-slash'], ['https://example.com:443/'], ['http://a.com/?a=1&a=2&b', true],
];

export const legacyFormatCases: unknown[] = [
  { protocol: 'http', host: 'a.com', pathname: '/x', query: { a: 1, b: [2, 3] } }, { protocol: 'https:', hostname: 'b.com', port: 8443, pathname: 'nolead', search: 'q=1', hash: 'h' },
  { protocol: 'file', pathname: '/etc/x' }, { protocol: 'mailto', auth: 'user', host: 'ex.com' }, { hostname: '::1', port: 80, pathname: '/' },
  { protocol: 'http', host: 'a.com', pathname: '/p#q?r' }, { auth: 'us er:p@ss', host: 'h' }, 'http://already.string/x', { slashes: true, host: 'h', pathname: 'p' },
];

export const resolveCases: [string, string][] = [
  ['/one/two/three', 'four'], ['http://example.com/', '/one'], ['http://example.com/one', '/two'], ['http://a.com/b/c/d;p?q', '../g'],
  ['http://a.com/b/c/d;p?q', '//g'], ['http://a.com/b/c/d;p?q', '?y'], ['http://a.com/b/c/d;p?q', '#s'], ['http://a.com/b/c/d;p?q', '../../../g'],
  ['http://a.com/b/c/d;p?q', 'g;x?y#s'], ['mailto:a@b.com', 'c@d.com'], ['http://a.com/x', 'https://b.com/y'], ['http://a.com/x', 'mailto:z@q'],
  ['http://u:p@a.com/x', '/y'], ['http://a.com', 'b/c'], ['http://a.com/a/', './'], ['http://a.com/a/b', '..'], ['file:///a/b', 'c'],
];

export const whatwgCases: [string, string?][] = [
  ['https://user:pass@sub.example.com:8080/p/a/t/h?query=string#hash'], ['HTTP://EXAMPLE.COM:80/'], ['https://example.com:443/x'],
  ['http://example.com/a/./b/../c'], ['http://example.com/%7Efoo/ü?ä=ö#ß'], ['http://münchen.de/'], ['http://xn--mnchen-3ya.de/'],
  ['http://[::1]:3000/'], ['http://[2001:db8::1]/'], ['http://192.168.0.1/'], ['http://0x7f.1/'], ['http://3232235521/'], ['file:///etc/passwd'],
  ['file://host/share/file'], ['mailto:someone@example.com'], ['data:text/plain,hello'], ['javascript:alert(1)'], ['blob:https://a.com/uuid'],
  ['ws://a.com/chat'], ['wss://a.com:443/'], ['http://a.com/ sp ace'], ['http://a.com/?q=a b&c=d'], ['http://a.com/#frag ment'],
  ['../x', 'http://a.com/b/c/d'], ['?y', 'http://a.com/b?x'], ['//other.com/p', 'https://a.com/'], ['x', 'file:///a/b'],
  ['http://a.com\\b\\c'], ['  http://trim.com/  '], ['http://a.com/\t\nnewline'], ['non-special://host/path'], ['non-special:path'],
  ['http://user@a.com'], ['http://:pw@a.com'], ['http://a.com:0/'], ['http://a.com:65535/'], ['http://EXAMPLE.com./'], ['https://faß.de/'],
  ['http://example.com/%2e%2E/x'], ['http://a.com/?%zz'], ['http://a.com/p?q=1&q=2#h'], ['foo://Bar.COM/Path'], ['http://1.2.3.4.5/'],
  ['http://a.com:65536/'], ['http://'], ['not a url'], ['http://a b/'], ['http://[::1/'], ['https://a.com/', 'not-a-base'], ['//x', undefined],
];

export const searchParamsCases: string[] = ['a=1&b=2&a=3', '?x=%20y+z', 'q=%F0%9F%98%80&empty=&=noname&&', 'a=b=c', '%zz=1', ''];
