// AsyncLocalStorage.snapshot and bind capture the store at creation
const { AsyncLocalStorage } = require('async_hooks');
const als = new AsyncLocalStorage();
const snap = als.run('snap', () => AsyncLocalStorage.snapshot());
const fn = als.run('bound-fn', () => AsyncLocalStorage.bind((x) => `${als.getStore()}:${x}`));
console.log(snap(() => als.getStore()), fn('arg'), als.getStore());
als.run('outer', () => console.log(snap(() => als.getStore()), als.getStore()));
