// enterWith sets the store for the rest of the callback; exit() runs without a store; disable()
const { AsyncLocalStorage } = require('async_hooks');
const als = new AsyncLocalStorage();
setImmediate(() => {
  als.enterWith('entered');
  console.log('same callback', als.getStore());
  setTimeout(() => console.log('propagated', als.getStore()), 1);
});
setImmediate(() => console.log('next callback', als.getStore()));
als.run('r', () => {
  als.exit(() => console.log('exit', als.getStore()));
  console.log('after exit', als.getStore());
  als.disable();
  console.log('disabled', als.getStore());
});
