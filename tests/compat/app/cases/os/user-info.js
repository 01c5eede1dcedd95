// os.userInfo and homedir shapes; os.tmpdir honours TMPDIR without a trailing slash
const os = require('os');
const u = os.userInfo();
console.log(Object.keys(u).sort().join(','), typeof u.uid, typeof u.username, typeof os.homedir());
console.log(os.tmpdir());
process.env.TMPDIR = '/var/tmp/';
console.log(os.tmpdir());
delete process.env.TMPDIR;
console.log(JSON.stringify(os.userInfo({ encoding: 'buffer' }).username instanceof Buffer));
