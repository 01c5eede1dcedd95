// for await over a Readable; breaking early destroys the stream; readable.iterator({destroyOnReturn:false})
const { Readable } = require('stream');
(async () => {
  const r = Readable.from(['a', 'b', 'c', 'd']);
  for await (const c of r) { console.log('chunk', c); if (c === 'b') break; }
  console.log('destroyed after break', r.destroyed);
  const r2 = new Readable({ read() {} });
  r2.push('x'); r2.push('y'); r2.push(null);
  r2.setEncoding('utf8');
  let all = '';
  for await (const c of r2) all += c;
  console.log('all', all);
  const r3 = Readable.from([1, 2, 3]);
  for await (const n of r3.iterator({ destroyOnReturn: false })) { console.log('n', n); break; }
  console.log('r3 destroyed', r3.destroyed);
  for await (const n of r3) console.log('rest', n);
})();
