// writeFileSync/readFileSync/appendFileSync/existsSync/statSync/unlinkSync in a temp directory
const fs = require('fs');
const { p, cleanup } = require('../_lib/tmp');
fs.writeFileSync(p('a.txt'), 'hello');
fs.appendFileSync(p('a.txt'), ' world');
console.log(fs.readFileSync(p('a.txt'), 'utf8'), fs.readFileSync(p('a.txt')).length, fs.existsSync(p('a.txt')), fs.existsSync(p('nope')));
const st = fs.statSync(p('a.txt'));
console.log(st.isFile(), st.isDirectory(), st.size, typeof st.mtimeMs, st.mtime instanceof Date, (st.mode & 0o777).toString(8));
fs.writeFileSync(p('b.bin'), Buffer.from([1, 2, 3]), { mode: 0o600 });
console.log((fs.statSync(p('b.bin')).mode & 0o777).toString(8), fs.readFileSync(p('b.bin'), { encoding: 'hex' }));
fs.unlinkSync(p('a.txt'));
console.log(fs.existsSync(p('a.txt')));
cleanup();
