// util.callbackify: resolved value, rejection with an Error, falsy rejection reasons wrapped
const util = require('util');
const ok = util.callbackify(async (x) => x * 2);
ok(21, (err, v) => console.log('ok', err, v));
const bad = util.callbackify(async () => { throw new Error('boom'); });
bad((err) => console.log('bad', err.message));
const nully = util.callbackify(() => Promise.reject(null));
nully((err) => console.log('null reason', err.code, err.message, err.reason));
const zero = util.callbackify(() => Promise.reject(0));
zero((err) => console.log('zero reason', err.reason));
try { util.callbackify('x'); } catch (e) { console.log(e.code, e.message); }
