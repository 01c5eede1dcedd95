// util.promisify: callback to promise, custom symbol, errors, multiple results via custom
const util = require('util');
(async () => {
  const ok = (a, b, cb) => setImmediate(() => cb(null, a + b));
  console.log(await util.promisify(ok)(1, 2));
  const fail = (cb) => cb(Object.assign(new Error('nope'), { code: 'E1' }));
  try { await util.promisify(fail)(); } catch (e) { console.log('rejected', e.message, e.code); }
  function custom() {}
  custom[util.promisify.custom] = () => Promise.resolve('custom!');
  console.log(await util.promisify(custom)(), util.promisify(custom) === custom[util.promisify.custom]);
  console.log(util.promisify.custom === Symbol.for('nodejs.util.promisify.custom'));
  try { util.promisify(5); } catch (e) { console.log(e.code, e.message); }
  const sleep = util.promisify(setTimeout);
  console.log(await sleep(1, 'slept'));
  const imm = util.promisify(setImmediate);
  console.log(await imm('imm'));
})();
