// phase ordering from inside a timer callback (from the main module, timeout 0 against immediate is a
// race in Node): ticks, then promises, then immediates, then the next timers; nested scheduling
setTimeout(() => {
setTimeout(() => {
  console.log('timeout 1');
  setImmediate(() => console.log('immediate from timeout'));
  setTimeout(() => console.log('timeout from timeout'), 0);
  process.nextTick(() => console.log('tick from timeout'));
  Promise.resolve().then(() => console.log('promise from timeout'));
}, 0);
setImmediate(() => {
  console.log('immediate 1');
  process.nextTick(() => console.log('tick from immediate'));
});
setImmediate(() => console.log('immediate 2'));
process.nextTick(() => console.log('tick 1'));
Promise.resolve().then(() => { console.log('promise 1'); process.nextTick(() => console.log('tick from promise')); });
queueMicrotask(() => console.log('microtask'));
console.log('main');
}, 0);
