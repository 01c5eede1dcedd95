// 'newListener' and 'removeListener' events, rawListeners and once wrappers
const EventEmitter = require('events');
const e = new EventEmitter();
e.on('newListener', (ev, fn) => console.log('new', ev, typeof fn));
e.on('removeListener', (ev, fn) => console.log('removed', ev, fn.name));
function handler() {}
e.on('a', handler);
e.once('b', handler);
console.log(e.rawListeners('b')[0] === handler, e.rawListeners('b')[0].listener === handler, e.listeners('b')[0] === handler);
e.removeListener('b', handler);
e.removeAllListeners('a');
console.log(e.eventNames());
