// phase ordering: nextTick before promises, timers before immediates inside an I/O-less main, nested
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
  setImmediate(() => console.log('immediate from immediate'));
});
setImmediate(() => console.log('immediate 2'));
process.nextTick(() => console.log('tick 1'));
Promise.resolve().then(() => { console.log('promise 1'); process.nextTick(() => console.log('tick from promise')); });
queueMicrotask(() => console.log('microtask'));
console.log('main');
