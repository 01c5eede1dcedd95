// argument errors of mark and measure
const { performance } = require('perf_hooks');
const t = (f) => { try { f(); console.log('ok'); } catch (e) { console.log(e.name, e.code, e.message); } };
t(() => performance.mark());
t(() => performance.mark('x', { startTime: -1 }));
t(() => performance.mark('x', { startTime: 'a' }));
t(() => performance.measure());
t(() => performance.measure('m', { start: 1, end: 2, duration: 1 }));
