// events.getEventListeners, events.listenerCount, setMaxListeners on EventTarget, errorMonitor
const events = require('events');
const { EventEmitter, getEventListeners, errorMonitor } = events;
const e = new EventEmitter();
const f = () => {};
e.on('a', f);
console.log(getEventListeners(e, 'a').length, getEventListeners(e, 'a')[0] === f);
const et = new EventTarget();
et.addEventListener('b', f);
console.log(getEventListeners(et, 'b').length);
e.on(errorMonitor, (err) => console.log('monitor', err.message));
e.on('error', (err) => console.log('error', err.message));
e.emit('error', new Error('m'));
console.log(typeof events.setMaxListeners, typeof events.addAbortListener);
console.log(Object.keys(events).filter((k) => typeof events[k] === 'function').sort().join(','));
