// an exception in a timer goes to 'uncaughtException'; later timers still run
process.on('uncaughtException', (e, origin) => console.log('caught', e.message, origin));
setTimeout(() => { throw new Error('from timer'); }, 1);
setTimeout(() => console.log('later timer'), 5);
setImmediate(() => { throw new Error('from immediate'); });
process.nextTick(() => { throw new Error('from tick'); });
