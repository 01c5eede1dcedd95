// prependOnceListener runs first and once; once listener that re-emits does not recurse into itself
const EventEmitter = require('events');
const e = new EventEmitter();
e.on('x', (n) => console.log('on', n));
e.prependOnceListener('x', (n) => { console.log('prepended once', n); e.emit('x', n + 1); });
e.emit('x', 1);
e.emit('x', 10);
const e2 = new EventEmitter();
let count = 0;
e2.once('y', function self() { count++; e2.emit('y'); });
e2.emit('y');
console.log('count', count, e2.listenerCount('y'));
