// nested run() restores the outer store; concurrent runs keep their own stores
const { AsyncLocalStorage } = require('async_hooks');
const als = new AsyncLocalStorage();
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
als.run('outer', () => {
  als.run('inner', () => console.log('inner', als.getStore()));
  console.log('back to', als.getStore());
});
const work = async (name, ms) => als.run(name, async () => { await sleep(ms); console.log(name, 'sees', als.getStore()); await sleep(ms); console.log(name, 'still', als.getStore()); });
Promise.all([work('A', 40), work('B', 5)]).then(() => console.log('done', als.getStore()));
