// setEncoding on a PassThrough splits multi-byte characters correctly across chunks
const { PassThrough } = require('stream');
const p = new PassThrough();
p.setEncoding('utf8');
const parts = [];
p.on('data', (d) => parts.push(d));
p.on('end', () => console.log(JSON.stringify(parts), parts.join('') === 'h€llo 😀'));
const bytes = Buffer.from('h€llo 😀');
for (let i = 0; i < bytes.length; i += 2) p.write(bytes.subarray(i, i + 2));
p.end();
const p2 = new PassThrough({ encoding: 'hex' });
p2.on('data', (d) => console.log('hex', d));
p2.end('AB');
