// JSON.parse SyntaxError messages (what body parsers send back to clients) for common mistakes
const inputs = ['', '{', '{"a":', '[1,2', '[1,]', '{"a":1,}', '{a:1}', "{'a':1}", 'undefined', 'tru', 'true false', '"abc', '"a\nb"', '"\\x"', '"\\u12G4"', '-', '1.', '01', '{"a" 1}', '{"a":1 "b":2}', '{"a":1,"b"x}', '}', 'abcdefghijklmnopqrstuvwxyz0123456789', '{"key": "value", "list": [1, 2, 3], "bad": }', '[' + '1,'.repeat(20) + 'x]'];
for (const i of inputs) {
  try { JSON.parse(i); console.log(JSON.stringify(i), 'parsed'); } catch (e) { console.log(JSON.stringify(i), e.name, e.message, e instanceof SyntaxError); }
}
console.log(JSON.parse('{"a":[1,{"b":null}]}', (k, v) => (typeof v === 'number' ? v * 2 : v)).a[0], JSON.parse.name, JSON.parse.length);
