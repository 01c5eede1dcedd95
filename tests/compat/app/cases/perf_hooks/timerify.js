// performance.timerify wraps a function and keeps its result; the 'function' entry is observed
const { performance, PerformanceObserver } = require('perf_hooks');
function work(a, b) { return a + b; }
const t = performance.timerify(work);
const obs = new PerformanceObserver((list) => { console.log('entry', list.getEntries()[0].name, list.getEntries()[0].entryType); obs.disconnect(); });
obs.observe({ entryTypes: ['function'] });
console.log(t(2, 3), t.name, t.length);
