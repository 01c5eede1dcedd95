// descriptor API: openSync flags, writeSync/readSync with positions, fstatSync, ftruncateSync, closeSync
const fs = require('fs');
const { p, err, cleanup } = require('../_lib/tmp');
const fd = fs.openSync(p('fd.txt'), 'w+');
console.log(fs.writeSync(fd, 'abcdef'), fs.writeSync(fd, Buffer.from('XY'), 0, 2, 1));
const b = Buffer.alloc(6);
console.log(fs.readSync(fd, b, 0, 6, 0), b.toString());
console.log(fs.readSync(fd, b, { position: 4, length: 2 }), b.toString());
fs.ftruncateSync(fd, 3);
console.log(fs.fstatSync(fd).size);
fs.closeSync(fd);
try { fs.closeSync(fd); } catch (e) { console.log(err(e)); }
try { fs.readSync(9999, b); } catch (e) { console.log(err(e)); }
const a = fs.openSync(p('fd.txt'), 'a');
fs.writeSync(a, 'appended');
fs.closeSync(a);
console.log(fs.readFileSync(p('fd.txt'), 'utf8'));
try { fs.openSync(p('fd.txt'), 'bogus'); } catch (e) { console.log(e.code, e.message); }
cleanup();
