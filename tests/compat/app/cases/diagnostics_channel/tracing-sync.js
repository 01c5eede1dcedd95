// tracingChannel.traceSync emits start/end (and error) with the context object
const dc = require('diagnostics_channel');
const tc = dc.tracingChannel('compat:trace');
tc.subscribe({
  start: (ctx) => console.log('start', JSON.stringify(ctx)),
  end: (ctx) => console.log('end', JSON.stringify(ctx)),
  asyncStart: () => console.log('asyncStart'),
  asyncEnd: () => console.log('asyncEnd'),
  error: (ctx) => console.log('error', ctx.error.message),
});
console.log(tc.traceSync((a) => a * 2, { op: 'double' }, null, 21));
try { tc.traceSync(() => { throw new Error('sync fail'); }, { op: 'fail' }); } catch (e) { console.log('rethrown', e.message); }
console.log(tc.hasSubscribers);
