// removing a listener during emit does not affect the current emit (the array is copied)
const EventEmitter = require('events');
const e = new EventEmitter();
function a() { console.log('a'); e.removeListener('x', b); }
function b() { console.log('b'); }
e.on('x', a);
e.on('x', b);
e.emit('x');
e.emit('x');
const f = () => console.log('f');
e.on('y', f); e.on('y', f);
e.removeListener('y', f);
console.log(e.listenerCount('y'));
e.off('y', f);
console.log(e.listenerCount('y'), e.eventNames());
