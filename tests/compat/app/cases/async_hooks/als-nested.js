// nested run() restores the outer store; interleaved runs keep their own stores across awaits
const { AsyncLocalStorage } = require('async_hooks');
const als = new AsyncLocalStorage();
als.run('outer', () => {
  als.run('inner', () => console.log('inner', als.getStore()));
  console.log('back to', als.getStore());
});
// The two runs interleave in a fixed order: gates opened one per immediate, B1 A1 B2 A2.
const gates = {};
const gate = (name) => new Promise((resolve) => (gates[name] = resolve));
const work = (name) => als.run(name, async () => {
  await gate(`${name}1`);
  console.log(name, 'sees', als.getStore());
  await gate(`${name}2`);
  console.log(name, 'still', als.getStore());
});
const all = Promise.all([work('A'), work('B')]);
const order = ['B1', 'A1', 'B2', 'A2'];
(function openNext() {
  if (!order.length) return;
  gates[order.shift()]();
  setImmediate(openNext);
})();
all.then(() => console.log('done', als.getStore()));
