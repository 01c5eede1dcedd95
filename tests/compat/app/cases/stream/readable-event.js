// 'readable' event and read(n): partial reads, read(0), reading past the end returns null
const { Readable } = require('stream');
const r = new Readable({ read() {} });
r.push('abcdef');
r.push(null);
r.on('readable', () => {
  let chunk;
  while ((chunk = r.read(4)) !== null) console.log('read', JSON.stringify(chunk.toString()));
  console.log('null now, ended', r.readableEnded);
});
r.on('end', () => console.log('end'));
