// assert.rejects and doesNotReject with promises and async functions
const assert = require('assert');
(async () => {
  await assert.rejects(Promise.reject(new Error('x')), /x/).then(() => console.log('rejects ok'));
  await assert.rejects(async () => { throw new RangeError('r'); }, RangeError).then(() => console.log('fn rejects ok'));
  try { await assert.rejects(Promise.resolve(1)); } catch (e) { console.log(e.code, e.message); }
  try { await assert.doesNotReject(Promise.reject(new Error('y'))); } catch (e) { console.log(e.code, e.message.split('\n')[0]); }
  try { await assert.rejects(() => 5); } catch (e) { console.log(e.code, e.message); }
})();
