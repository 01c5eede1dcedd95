// require of missing files and packages: MODULE_NOT_FOUND; unknown node: scheme: ERR_UNKNOWN_BUILTIN_MODULE
const t = (f) => { try { f(); console.log('ok'); } catch (e) { console.log(e.code, e.message.split('\n')[0]); } };
t(() => require('./does-not-exist'));
t(() => require('no-such-package-xyz'));
t(() => require('node:nope'));
t(() => require(''));
t(() => require(5));
