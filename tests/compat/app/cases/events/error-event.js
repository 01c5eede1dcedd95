// emit('error') without a listener throws the error; with a non-Error it wraps it in ERR_UNHANDLED_ERROR
const EventEmitter = require('events');
const e = new EventEmitter();
try { e.emit('error', new TypeError('bad thing')); } catch (err) { console.log(err.name, err.message); }
try { e.emit('error', 'just a string'); } catch (err) { console.log(err.code, err.name, err.message); }
try { e.emit('error', { message: 'obj' }); } catch (err) { console.log(err.code, err.message); }
try { e.emit('error'); } catch (err) { console.log(err.code, err.message); }
e.on('error', (err) => console.log('handled', err.message));
console.log(e.emit('error', new Error('x')));
console.log(e.emit('nothing'));
