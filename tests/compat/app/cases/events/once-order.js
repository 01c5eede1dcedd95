// listener order: once, on, prependListener, and the nextTick/promise/timer order after emit
const EventEmitter = require('events');
const e = new EventEmitter();
e.once('x', (a) => console.log('once', a));
e.on('x', (a) => console.log('on', a));
e.prependListener('x', () => console.log('prepended'));
e.emit('x', 1);
e.emit('x', 2);
console.log(e.listenerCount('x'), e.eventNames());
setImmediate(() => {
  console.log('immediate');
  setTimeout(() => console.log('timeout'), 1);
});
Promise.resolve().then(() => console.log('promise'));
process.nextTick(() => console.log('tick'));
