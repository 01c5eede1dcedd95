// node:timers exports the globals; setTimeout returns a Timeout object with an id for primitives
const timers = require('timers');
console.log(timers.setTimeout === setTimeout, timers.setImmediate === setImmediate, timers.clearInterval === clearInterval);
const t = setTimeout(() => {}, 1);
console.log(t.constructor.name, typeof +t, Number.isInteger(+t));
clearTimeout(+t);
const im = setImmediate(() => console.log('never'));
console.log(im.constructor.name, typeof im.hasRef);
clearImmediate(im);
console.log(Object.keys(timers).sort().join(','));
