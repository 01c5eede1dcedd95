// stores across EventEmitter listeners (synchronous), promise chains created inside run, thenables
const { AsyncLocalStorage } = require('async_hooks');
const EventEmitter = require('events');
const als = new AsyncLocalStorage();
const e = new EventEmitter();
e.on('x', () => console.log('listener', als.getStore()));
als.run('emitter', () => e.emit('x'));
let resolveIt;
const p = new Promise((r) => (resolveIt = r));
als.run('then-registered', () => p.then(() => console.log('then', als.getStore())));
als.run('resolver', () => resolveIt());
const thenable = { then(res) { console.log('thenable then', als.getStore()); res(1); } };
als.run('thenable', async () => { await thenable; console.log('after thenable', als.getStore()); });
