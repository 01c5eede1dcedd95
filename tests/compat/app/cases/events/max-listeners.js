// setMaxListeners / getMaxListeners, defaultMaxListeners, and argument validation errors
const EventEmitter = require('events');
const e = new EventEmitter();
console.log(e.getMaxListeners(), EventEmitter.defaultMaxListeners);
e.setMaxListeners(2);
console.log(e.getMaxListeners());
process.on('warning', (w) => console.log('warning', w.name, w.emitter === e, w.type, w.count));
for (let i = 0; i < 3; i++) e.on('x', () => {});
try { e.setMaxListeners(-1); } catch (err) { console.log(err.code, err.message); }
try { e.setMaxListeners('a'); } catch (err) { console.log(err.code, err.message); }
try { e.on('x', 42); } catch (err) { console.log(err.code, err.message); }
console.log(EventEmitter.listenerCount(e, 'x'));
