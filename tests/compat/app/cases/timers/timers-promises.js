// timers/promises: setTimeout value, setImmediate value, setInterval async iterator, abort
const tp = require('timers/promises');
(async () => {
  console.log(await tp.setTimeout(5, 'value'));
  console.log(await tp.setImmediate('imm'));
  let i = 0;
  for await (const v of tp.setInterval(2, 'tick')) { console.log(v, ++i); if (i === 3) break; }
  const ac = new AbortController();
  const p = tp.setTimeout(1000, null, { signal: ac.signal });
  ac.abort();
  try { await p; } catch (e) { console.log(e.name, e.code, e.message); }
  try { await tp.setTimeout(1, null, { signal: AbortSignal.abort('reason') }); } catch (e) { console.log(e.name, e.cause); }
  try { await tp.setTimeout(1, null, { ref: 'no' }); } catch (e) { console.log(e.code, e.message); }
  console.log(typeof tp.scheduler.wait, typeof tp.scheduler.yield);
  await tp.scheduler.wait(1);
  console.log('waited');
})();
