// util.inherits, util.isArray, toUSVString, stripVTControlCharacters, getSystemErrorName, debuglog
const util = require('util');
function A() {} function B() {}
util.inherits(B, A);
console.log(new B() instanceof A, B.super_ === A, Object.getPrototypeOf(B.prototype) === A.prototype);
try { util.inherits(B, null); } catch (e) { console.log(e.code, e.message); }
console.log(util.isArray([]), util.toUSVString('a\ud800b'), util.stripVTControlCharacters('\u001b[31mred\u001b[39m'));
console.log(util.getSystemErrorName(-2), util.getSystemErrorName(-13), util.getSystemErrorName(-98));
const log = util.debuglog('compattest');
log('not printed'); console.log(typeof log, log.enabled);
console.log(typeof util.TextEncoder, typeof util.TextDecoder, util.types === require('util/types'));
console.log(util.getSystemErrorMap().get(-2));
