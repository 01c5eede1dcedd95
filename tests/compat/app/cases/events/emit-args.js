// emit passes arguments through untouched; listener return values are ignored; emit returns true
const EventEmitter = require('events');
const e = new EventEmitter();
e.on('x', (...args) => { console.log(args.length, args.map((a) => typeof a).join(',')); return 'ignored'; });
console.log(e.emit('x'));
console.log(e.emit('x', undefined, null, 0, '', {}, [], () => {}, Symbol('s'), 10n));
e.on('throws', () => { throw new RangeError('listener threw'); });
e.on('throws', () => console.log('never'));
try { e.emit('throws'); } catch (err) { console.log('propagated', err.name, err.message); }
console.log(e.listenerCount('throws'));
