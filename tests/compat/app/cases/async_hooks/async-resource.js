// AsyncResource: runInAsyncScope, bind, static bind; type validation
const { AsyncResource, AsyncLocalStorage, executionAsyncId } = require('async_hooks');
const als = new AsyncLocalStorage();
let res;
als.run('captured', () => { res = new AsyncResource('MyRes'); });
als.run('other', () => {
  res.runInAsyncScope(function (a, b) { console.log('scope', als.getStore(), this.tag, a, b); }, { tag: 'T' }, 1, 2);
  console.log('outside scope', als.getStore());
});
const bound = als.run('bound', () => AsyncResource.bind(() => als.getStore()));
console.log('static bind', bound());
console.log(typeof res.asyncId(), typeof res.triggerAsyncId(), typeof executionAsyncId());
try { new AsyncResource(); } catch (e) { console.log(e.code, e.message); }
try { new AsyncResource('x', { triggerAsyncId: -5 }); } catch (e) { console.log(e.code, e.message); }
