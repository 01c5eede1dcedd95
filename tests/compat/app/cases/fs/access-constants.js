// accessSync modes and fs.constants values
const fs = require('fs');
const { p, err, cleanup } = require('../_lib/tmp');
fs.writeFileSync(p('f'), '');
console.log(fs.accessSync(p('f')), fs.accessSync(p('f'), fs.constants.R_OK | fs.constants.W_OK));
try { fs.accessSync(p('none'), fs.constants.F_OK); } catch (e) { console.log(err(e)); }
const c = fs.constants;
console.log(c.F_OK, c.R_OK, c.W_OK, c.X_OK, c.O_RDONLY, c.O_WRONLY, c.O_RDWR, c.O_CREAT, c.O_EXCL, c.O_TRUNC, c.O_APPEND, c.S_IFMT, c.S_IFREG, c.S_IFDIR, c.COPYFILE_EXCL);
cleanup();
