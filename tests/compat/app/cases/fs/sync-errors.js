// sync error shapes: ENOENT, EEXIST, EISDIR, ENOTDIR, ENOTEMPTY with errno, syscall, path, message
const fs = require('fs');
const { p, err, cleanup } = require('../_lib/tmp');
const t = (f) => { try { f(); console.log('ok'); } catch (e) { console.log(err(e)); } };
t(() => fs.readFileSync(p('missing.txt')));
fs.mkdirSync(p('d'));
t(() => fs.mkdirSync(p('d')));
t(() => fs.readFileSync(p('d')));
fs.writeFileSync(p('f'), 'x');
t(() => fs.readdirSync(p('f')));
t(() => fs.mkdirSync(p('f', 'sub')));
fs.writeFileSync(p('d', 'inner'), '1');
t(() => fs.rmdirSync(p('d')));
t(() => fs.unlinkSync(p('d')));
t(() => fs.renameSync(p('nothere'), p('x')));
t(() => fs.openSync(p('d', 'inner'), 'wx'));
t(() => fs.statSync(p('missing')));
console.log(fs.statSync(p('missing'), { throwIfNoEntry: false }));
cleanup();
