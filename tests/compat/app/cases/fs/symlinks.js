// symlinkSync, readlinkSync, lstatSync vs statSync, realpathSync, dangling links
const fs = require('fs');
const { p, clean, err, cleanup } = require('../_lib/tmp');
fs.writeFileSync(p('target'), 'data');
fs.symlinkSync('target', p('link'));
console.log(fs.readlinkSync(p('link')), fs.lstatSync(p('link')).isSymbolicLink(), fs.statSync(p('link')).isFile());
console.log(fs.readFileSync(p('link'), 'utf8'), clean(fs.realpathSync(p('link'))));
fs.symlinkSync('nowhere', p('dangling'));
try { fs.statSync(p('dangling')); } catch (e) { console.log(err(e)); }
console.log(fs.existsSync(p('dangling')), fs.lstatSync(p('dangling')).isSymbolicLink());
try { fs.readlinkSync(p('target')); } catch (e) { console.log(err(e)); }
cleanup();
