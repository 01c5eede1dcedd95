// AsyncLocalStorage.run: the store survives await, timers, immediates and nextTick
const { AsyncLocalStorage } = require('async_hooks');
const als = new AsyncLocalStorage();
const log = (tag) => console.log(tag, JSON.stringify(als.getStore()));
als.run({ id: 1 }, async () => {
  log('sync');
  await null;
  log('after await');
  await new Promise((r) => setTimeout(r, 1));
  log('after timer await');
  setImmediate(() => log('immediate'));
  process.nextTick(() => log('tick'));
});
log('outside');
