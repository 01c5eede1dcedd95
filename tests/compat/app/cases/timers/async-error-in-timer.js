// an exception in a timer goes to 'uncaughtException'; later timers still run
// (scheduled from an I/O callback, where immediates deterministically run before timers)
process.on('uncaughtException', (e, origin) => console.log('caught', e.message, origin));
require('fs').stat(__filename, () => {
  setTimeout(() => { throw new Error('from timer'); }, 1);
  setTimeout(() => console.log('later timer'), 30);
  setImmediate(() => { throw new Error('from immediate'); });
  process.nextTick(() => { throw new Error('from tick'); });
});
