// cwd and chdir: relative chdir, missing directory error with code and message
const path = require('path');
const start = process.cwd();
process.chdir('/tmp');
console.log(process.cwd());
process.chdir('..');
console.log(process.cwd());
try { process.chdir('/definitely/missing/dir'); } catch (e) { console.log(e.code, e.syscall, e.message); }
process.chdir(start);
console.log(process.cwd() === start, path.basename(start));
