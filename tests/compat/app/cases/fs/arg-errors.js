// argument validation: ERR_INVALID_ARG_TYPE for paths and callbacks, ERR_INVALID_ARG_VALUE for null bytes
const fs = require('fs');
const t = (f) => { try { f(); console.log('ok'); } catch (e) { console.log(e.name, e.code, e.message); } };
t(() => fs.readFileSync(5.5));
t(() => fs.readFileSync({}));
t(() => fs.readFileSync('a\0b'));
t(() => fs.readFile('x'));
t(() => fs.writeFileSync('/tmp/x', 5));
t(() => fs.mkdirSync('/tmp/x', { mode: 'abc' }));
t(() => fs.readSync('fd', Buffer.alloc(1)));
t(() => fs.existsSync());
