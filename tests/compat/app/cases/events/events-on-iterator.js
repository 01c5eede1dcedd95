// events.on async iterator: buffered events, break removes listeners, errors reject the loop
const { on, EventEmitter } = require('events');
(async () => {
  const e = new EventEmitter();
  process.nextTick(() => { e.emit('data', 'a'); e.emit('data', 'b'); e.emit('data', 'c'); });
  for await (const [v] of on(e, 'data')) {
    console.log('got', v);
    if (v === 'c') break;
  }
  console.log('listeners after break', e.listenerCount('data'), e.listenerCount('error'));
  const e2 = new EventEmitter();
  process.nextTick(() => { e2.emit('data', 1); e2.emit('error', new Error('stop')); });
  try {
    for await (const [v] of on(e2, 'data')) console.log('value', v);
  } catch (err) { console.log('caught', err.message); }
})();
