// two stores are independent; run returns the callback's value; getStore outside is undefined
const { AsyncLocalStorage } = require('async_hooks');
const a = new AsyncLocalStorage();
const b = new AsyncLocalStorage();
const r = a.run(1, () => b.run(2, () => [a.getStore(), b.getStore()]));
console.log(r, a.getStore(), b.getStore());
a.run('A', () => setTimeout(() => b.run('B', () => setImmediate(() => console.log(a.getStore(), b.getStore()))), 1));
