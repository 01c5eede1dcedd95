// querystring cases: [function name, arguments]; shared by querystring.test.ts and the engine script.
export const querystringCases: [string, unknown[]][] = [
  ['parse', ['a=1&b=2&a=3']], ['parse', ['a[]=1&a[]=2']], ['parse', ['foo=bar+baz%20qux']], ['parse', ['%E4%BD%A0=%E5%A5%BD']], ['parse', ['a=%ZZ&b=%']],
  ['parse', ['a=%E4%BD']], ['parse', ['&&a=1&&']], ['parse', ['=x&y=']], ['parse', ['a']], ['parse', ['a=1;b=2', ';']], ['parse', ['a:1,b:2', ',', ':']],
  ['parse', ['a==1']], ['parse', ['a=1&b=2&c=3', null, null, { maxKeys: 2 }]], ['parse', ['a=1&b=2', null, null, { maxKeys: 0 }]],
  ['parse', ['a=%41', null, null, { decodeURIComponent: (s: string) => s.toUpperCase() }]], ['parse', ['']], ['parse', [5]], ['parse', ['__proto__=1&constructor=2']],
  ['parse', ['a=1&&b=2', '&&']], ['parse', ['a<=>1', '&', '<=>']], ['parse', ['x=%F0%9F%98%80']], ['parse', ['a%2Bb=c%2Bd+e']],
  ['stringify', [{ a: 1, b: 'two', c: [1, 2], d: true, e: null, f: undefined, g: NaN, h: 1e21, i: 10n, j: {} }]], ['stringify', [{ 'k y': 'v&l', '€': '😀' }]],
  ['stringify', [{ a: [] }]], ['stringify', [{ a: 1, b: 2 }, ';', ':']], ['stringify', [{ a: 'x y' }, null, null, { encodeURIComponent: (s: string) => `<${s}>` }]],
  ['stringify', ['str']], ['stringify', [null]], ['stringify', [{ a: "!'()*-._~" }]], ['stringify', [{ bad: '\ud800' }]], ['stringify', [{ pair: '\ud800x' }]],
  ['escape', ['a b&c/d?e=f#g']], ['escape', [5]], ['escape', [{ toString: () => 'obj' }]], ['escape', ['\ud83d\ude00']], ['unescape', ['a%20b+c']],
  ['unescape', ['a%20b+c', true]], ['unescape', ['%E4%BD']], ['unescape', ['%zz%4']], ['decode', ['x=1']], ['encode', [{ x: 1 }]],
];
