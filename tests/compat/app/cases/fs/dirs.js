// mkdirSync recursive return values, readdirSync sorted, recursive readdir, rmSync, mkdtemp prefix
const fs = require('fs');
const { p, clean, cleanup } = require('../_lib/tmp');
console.log(clean(fs.mkdirSync(p('a', 'b', 'c'), { recursive: true })), fs.mkdirSync(p('a', 'b'), { recursive: true }));
fs.writeFileSync(p('a', 'z.txt'), '');
fs.writeFileSync(p('a', 'b', 'y.txt'), '');
console.log(fs.readdirSync(p('a')).sort(), fs.readdirSync(p('a'), { recursive: true }).sort());
const ents = fs.readdirSync(p('a'), { withFileTypes: true }).sort((x, y) => (x.name < y.name ? -1 : 1));
console.log(ents.map((d) => `${d.name}:${d.isDirectory() ? 'd' : 'f'}`).join(' '));
const t = fs.mkdtempSync(p('pre-'));
console.log(clean(t).startsWith('<tmp>/pre-'), clean(t).length);
fs.rmSync(p('a'), { recursive: true });
console.log(fs.existsSync(p('a')));
try { fs.rmSync(p('a')); } catch (e) { console.log(e.code); }
fs.rmSync(p('a'), { force: true });
console.log('force ok');
cleanup();
