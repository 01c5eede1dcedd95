// events.once resolves with the arguments array, rejects on 'error', honours AbortSignal
const { once, EventEmitter } = require('events');
(async () => {
  const e = new EventEmitter();
  setImmediate(() => e.emit('ready', 1, 2));
  console.log(await once(e, 'ready'));
  setImmediate(() => e.emit('error', new Error('failed')));
  try { await once(e, 'never'); } catch (err) { console.log('rejected', err.message); }
  const ac = new AbortController();
  setImmediate(() => ac.abort());
  try { await once(e, 'never', { signal: ac.signal }); } catch (err) { console.log(err.name, err.code, err.message); }
  console.log(e.listenerCount('never'), e.listenerCount('error'));
})();
