// stores inside async generators and for await loops
const { AsyncLocalStorage } = require('async_hooks');
const als = new AsyncLocalStorage();
async function* gen() { for (let i = 0; i < 3; i++) { await new Promise((r) => setImmediate(r)); yield `${i}:${als.getStore()}`; } }
als.run('gen-store', async () => {
  const out = [];
  for await (const v of gen()) out.push(v);
  console.log(out.join(' '), als.getStore());
});
