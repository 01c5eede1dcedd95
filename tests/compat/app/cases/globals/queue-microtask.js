// queueMicrotask runs before timers, after the current sync code, errors go to uncaughtException
process.on('uncaughtException', (e) => console.log('uncaught', e.message));
queueMicrotask(() => console.log('micro 1'));
queueMicrotask(() => { throw new Error('micro threw'); });
queueMicrotask(() => console.log('micro 3'));
setTimeout(() => console.log('timer'), 0);
try { queueMicrotask('x'); } catch (e) { console.log(e.code, e.message); }
console.log('sync');
