// util.inherits and class extends EventEmitter; this inside listeners; symbols as event names
const EventEmitter = require('events');
const util = require('util');
function Old() { EventEmitter.call(this); }
util.inherits(Old, EventEmitter);
const o = new Old();
o.on('hi', function () { console.log('this ok', this === o); });
o.emit('hi');
class New extends EventEmitter { constructor() { super(); this.n = 1; } }
const n = new New();
const sym = Symbol('ev');
n.on(sym, (...args) => console.log('symbol event', args));
n.emit(sym, 1, 'two', [3]);
n.on('arrow', () => console.log('arrow this undefined-ish', typeof this));
n.emit('arrow');
console.log(n.eventNames().length, typeof n.eventNames()[0], o instanceof EventEmitter, EventEmitter.EventEmitter === EventEmitter);
