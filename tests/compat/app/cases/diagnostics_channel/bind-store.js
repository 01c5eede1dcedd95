// channel.bindStore with AsyncLocalStorage and runStores
const dc = require('diagnostics_channel');
const { AsyncLocalStorage } = require('async_hooks');
const als = new AsyncLocalStorage();
const ch = dc.channel('compat:store');
ch.bindStore(als, (msg) => ({ from: msg.id }));
ch.runStores({ id: 7 }, () => {
  console.log('inside', JSON.stringify(als.getStore()));
  setImmediate(() => console.log('later', JSON.stringify(als.getStore())));
});
console.log('outside', als.getStore());
console.log(ch.unbindStore(als), ch.unbindStore(als));
