// renameSync over an existing file, copyFileSync with COPYFILE_EXCL, cpSync of a directory tree
const fs = require('fs');
const { p, err, cleanup } = require('../_lib/tmp');
fs.writeFileSync(p('a'), 'A'); fs.writeFileSync(p('b'), 'B');
fs.renameSync(p('a'), p('b'));
console.log(fs.readFileSync(p('b'), 'utf8'), fs.existsSync(p('a')));
fs.copyFileSync(p('b'), p('c'));
console.log(fs.readFileSync(p('c'), 'utf8'));
try { fs.copyFileSync(p('b'), p('c'), fs.constants.COPYFILE_EXCL); } catch (e) { console.log(err(e)); }
fs.mkdirSync(p('tree', 'sub'), { recursive: true });
fs.writeFileSync(p('tree', 'sub', 'leaf'), 'leaf');
fs.cpSync(p('tree'), p('tree2'), { recursive: true });
console.log(fs.readFileSync(p('tree2', 'sub', 'leaf'), 'utf8'));
cleanup();
