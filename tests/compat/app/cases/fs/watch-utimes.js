// utimesSync sets atime/mtime; chmodSync changes the mode bits
const fs = require('fs');
const { p, cleanup } = require('../_lib/tmp');
fs.writeFileSync(p('u'), 'x');
fs.utimesSync(p('u'), 1000, 2000);
const st = fs.statSync(p('u'));
console.log(st.atimeMs, st.mtimeMs, st.mtime.toISOString());
fs.chmodSync(p('u'), 0o640);
console.log((fs.statSync(p('u')).mode & 0o777).toString(8));
fs.utimesSync(p('u'), new Date('2020-01-02T03:04:05Z'), new Date('2021-01-01T00:00:00Z'));
console.log(fs.statSync(p('u')).mtime.toISOString());
cleanup();
