// captureRejections routes a rejected async listener to 'error' (or Symbol.for('nodejs.rejection'))
const { EventEmitter, captureRejectionSymbol } = require('events');
const e = new EventEmitter({ captureRejections: true });
e.on('x', async () => { throw new Error('async boom'); });
e.on('error', (err) => console.log('error event', err.message));
e.emit('x');
const e2 = new EventEmitter({ captureRejections: true });
e2[captureRejectionSymbol] = (err, ev, ...args) => console.log('symbol handler', err.message, ev, args);
e2.on('y', async (a) => { throw new Error('again'); });
e2.emit('y', 7);
console.log(captureRejectionSymbol === Symbol.for('nodejs.rejection'));
