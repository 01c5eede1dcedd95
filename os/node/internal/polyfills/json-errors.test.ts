// v8JsonError against V8 itself (host Node's JSON.parse): fixed cases, then many mutated
// documents (deleted, inserted, replaced characters) from a seeded generator.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { installJsonErrorMessages, v8JsonError } from './json-errors';

function v8(text: string): string | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

const FIXED = ['', ' ', '{', '{"a":', '[1,2', '[1,]', '{"a":1,}', '{a:1}', "{'a':1}", 'undefined', 'NaN', 'Infinity', '[object Object]',
  'tru', 'true false', '{"a":1}x', '"abc', '"a\nb"', '"\\x"', '"\\u12G4"', '"\\u12', '"\\', '"\\u', '-', '-a', '1e', '1.', '01', '[01]',
  '1.e5', '{"a" 1}', '{"a":1 "b":2}', '[1 2]', '}', ']', ',', 'abcdefghijklmnopqrstuvwxyz0123456789', '{"key": "value", "list": [1, 2, 3], "bad": }',
  '[' + '1,'.repeat(20) + 'x]', '\u00e9', '{"a":"\u0001"}', '1 2', '"a"b', '{"a":1}}', 'nul', 'null x', '[[[', '{"":', '{"a":tru}', 't"', 'tru1',
  '-01', '1.5e+', '{"a":[}', '[-]', '"\\u00zz"', '0', '-0.5e-3', '{"a":{"b":[true,false,null,"x\\n\\u00e9"]}}', '\t\r\n1\n', '1E5', '\u2028'];

test('fixed inputs: the same message as V8 (or none when V8 accepts)', () => {
  for (const s of FIXED) assert.equal(v8JsonError(s), v8(s), JSON.stringify(s));
});

test('mutated documents from a seeded generator agree with V8', () => {
  let seed = 12345;
  const rand = (n: number) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  const docs = [
    JSON.stringify({ name: 'nephos', list: [1, -2.5, 3e10, true, null, 'x\ty'], nested: { deep: [[], {}, ''] } }, null, rand(2) ? 2 : 0),
    '{"a":"\\u00e9\\n\\"q\\"","b":[0,0.0,-0e-0]}',
    '[1,2,3,{"k":false}]',
  ];
  const alphabet = '{}[]:,"\\-+.eE0123456789tfnulrsa \n\t\u0001x';
  for (let i = 0; i < 5000; i++) {
    let s = docs[rand(docs.length)];
    const edits = 1 + rand(3);
    for (let k = 0; k < edits; k++) {
      const at = rand(s.length + 1);
      const ch = alphabet[rand(alphabet.length)];
      const kind = rand(3);
      s = kind === 0 ? s.slice(0, at) + s.slice(at + 1) : kind === 1 ? s.slice(0, at) + ch + s.slice(at) : s.slice(0, at) + ch + s.slice(at + 1);
    }
    assert.equal(v8JsonError(s), v8(s), JSON.stringify(s));
  }
});

test('installJsonErrorMessages: same results, V8 messages, reviver errors untouched', () => {
  const json = { parse: (text: string, reviver?: unknown) => {
    if (text.startsWith('!')) throw new SyntaxError('engine words');
    return JSON.parse(text, reviver as undefined);
  } } as unknown as JSON;
  installJsonErrorMessages(json);
  assert.deepEqual(json.parse('{"a":[1]}'), { a: [1] });
  assert.equal(json.parse('{"a":1}', (k, v) => (k === 'a' ? 2 : v)).a, 2);
  assert.throws(() => json.parse('!{'), { name: 'SyntaxError', message: 'Unexpected token \'!\', "!{" is not valid JSON' });
  assert.throws(() => json.parse('{"a":1}', () => { throw new SyntaxError('from reviver'); }), { message: 'from reviver' });
  assert.equal(json.parse.name, 'parse');
});
