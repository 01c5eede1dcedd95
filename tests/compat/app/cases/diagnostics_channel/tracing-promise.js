// tracingChannel.tracePromise: start, end, asyncStart, asyncEnd order and results
const dc = require('diagnostics_channel');
const tc = dc.tracingChannel('compat:promise');
const names = ['start', 'end', 'asyncStart', 'asyncEnd', 'error'];
tc.subscribe(Object.fromEntries(names.map((n) => [n, (ctx) => console.log(n, 'result' in ctx ? ctx.result : '', ctx.error ? ctx.error.message : '')])));
(async () => {
  console.log(await tc.tracePromise(async () => 'value', {}));
  try { await tc.tracePromise(async () => { throw new Error('rejected'); }, {}); } catch (e) { console.log('caught', e.message); }
})();
